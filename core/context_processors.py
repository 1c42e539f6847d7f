from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SAKKE_SITE_NAME,
    }

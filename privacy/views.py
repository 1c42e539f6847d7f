"""The privacy notice, the accessibility statement (with its feedback form) and the
content policy: public pages, one template each, in every language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from core import personal_data
from core.forms import show_service_errors

from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_send

# Like the other public forms that send e-mail (accounts.views.IP_RATE): enough for a
# person, too few to flood the coordinator's inbox.
FEEDBACK_RATE = "10/h"

#: The only cookies the service sets; privacy/tests/test_cookies.py keeps it so.
COOKIES = ("sessionid", "csrftoken", "django_language")


def privacy_notice(request):
    context = {
        "entries": personal_data.entries(),
        "controller_name": settings.SAKKE_CONTROLLER_NAME or settings.SAKKE_SITE_NAME,
        "controller_contact": settings.SAKKE_CONTROLLER_CONTACT,
        "data_protection_contact": settings.SAKKE_DATA_PROTECTION_CONTACT,
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 3600),
    }
    return render(request, "privacy/privacy.html", context)


@ratelimit(key="ip", rate=FEEDBACK_RATE, method="POST", block=False)
def accessibility_statement(request):
    form = AccessibilityFeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            status = 429
        elif form.is_valid():
            try:
                accessibility_feedback_send(
                    message=form.cleaned_data["message"], reply_to=form.cleaned_data["email"]
                )
            except ValidationError as error:
                show_service_errors(error, form)
            else:
                return redirect("privacy:feedback_sent")
    context = {
        "form": form,
        "too_many": status == 429,
        "statement_date": settings.SAKKE_ACCESSIBILITY_STATEMENT_DATE,
    }
    return render(request, "privacy/accessibility.html", context, status=status)


def feedback_sent(request):
    return render(request, "privacy/feedback_sent.html")


def content_policy(request):
    return render(request, "privacy/content_policy.html")

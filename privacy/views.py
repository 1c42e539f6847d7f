"""The privacy notice, the accessibility statement (with its feedback form) and the
content policy: public pages, one template each, in every language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core import personal_data
from core.forms import show_service_errors

from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_send

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


def accessibility_statement(request):
    # Rate limits, honeypot and fill time: core.antibot, through the form.
    form = AccessibilityFeedbackForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            try:
                accessibility_feedback_send(
                    message=form.cleaned_data["message"], reply_to=form.cleaned_data["email"]
                )
            except ValidationError as error:
                show_service_errors(error, form)
            else:
                return redirect("privacy:feedback_sent")
    context = {"form": form, "statement_date": settings.SAKKE_ACCESSIBILITY_STATEMENT_DATE}
    return render(request, "privacy/accessibility.html", context, status=form.antibot_status)


def feedback_sent(request):
    return render(request, "privacy/feedback_sent.html")


def content_policy(request):
    return render(request, "privacy/content_policy.html")

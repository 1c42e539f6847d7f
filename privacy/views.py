"""The privacy notice, the accessibility statement (with its feedback form) and the
content policy: public pages, one template each, in every language."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from core import personal_data
from core.forms import show_service_errors
from core.roles import is_coordinator

from .forms import AccessibilityFeedbackForm, StatementCheckForm
from .services import (
    accessibility_feedback_send,
    accessibility_statement_checked,
    accessibility_statement_date,
)

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
    context = {
        "form": form,
        "statement_date": accessibility_statement_date(),
        "check_form": _check_form(request),
    }
    return render(request, "privacy/accessibility.html", context, status=form.antibot_status)


def _check_form(request, data=None):
    if not is_coordinator(request.user):
        return None
    return StatementCheckForm(data, initial={"checked_on": timezone.localdate()})


@coordinator_only
@require_POST
def accessibility_statement_check(request):
    """The coordinator records that the statement was checked, and on which day."""
    form = _check_form(request, request.POST)
    if form.is_valid():
        try:
            accessibility_statement_checked(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The statement's date was updated."))
            return redirect("privacy:accessibility")
    context = {
        "form": AccessibilityFeedbackForm(),
        "statement_date": accessibility_statement_date(),
        "check_form": form,
    }
    return render(request, "privacy/accessibility.html", context, status=400)


def feedback_sent(request):
    return render(request, "privacy/feedback_sent.html")


def content_policy(request):
    return render(request, "privacy/content_policy.html")

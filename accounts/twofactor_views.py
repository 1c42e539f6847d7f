"""Two-step verification pages: enrolment, verification, recovery codes; the audit log."""

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import security_keys, twofactor
from .audit import audit_entries
from .decorators import coordinator_only
from .forms import AppCodeForm, RecoveryCodeForm, SecurityKeySignInForm
from .views import _safe_next

AUDIT_PAGE_SIZE = 50
ADMIN_CHANGES_SHOWN = 50


def _next_or_account(request):
    return redirect(_safe_next(request) or "accounts:account")


def _with_next(name: str, request):
    next_path = _safe_next(request)
    return reverse(name) + (f"?{urlencode({'next': next_path})}" if next_path else "")


def _codes_page(request, codes):
    response = render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": codes, "next": _safe_next(request)},
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def two_factor_setup(request):
    """Scan the QR code (or type the secret), confirm with a code, get recovery codes."""
    user = request.user
    if twofactor.has_second_factor(user) and not twofactor.is_verified(user):
        # Replacing the app takes the current one first.
        return redirect(_with_next("accounts:two_factor_verify", request))
    device = twofactor.setup_device(user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.second_factor_enrol(
                request=request,
                device=device,
                token=twofactor.normalize_code(form.cleaned_data["token"]),
            )
        except ValidationError as error:
            form.add_error("token", error.message_dict["token"])
        else:
            return _codes_page(request, codes)
    context = {
        "form": form,
        "qr_code": twofactor.qr_code_data_uri(device),
        "secret": twofactor.secret_text(device),
        "required": twofactor.is_required_by_role(user),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_verify(request):
    """The second step of signing in: a security key, a code from the app, or a recovery code."""
    user = request.user
    if twofactor.is_verified(user):
        return _next_or_account(request)
    if not twofactor.has_second_factor(user):
        return redirect(_with_next("accounts:two_factor_setup", request))
    posted = request.POST if request.method == "POST" else {}
    kind = "app"
    if "recovery-token" in posted:
        kind = "recovery"
    elif "key-credential" in posted:
        kind = "key"
    data = posted or None
    forms = {
        "app": AppCodeForm(data if kind == "app" else None),
        "recovery": RecoveryCodeForm(data if kind == "recovery" else None),
        "key": SecurityKeySignInForm(data if kind == "key" else None),
    }
    form = forms[kind]
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "key":
                security_keys.security_key_verify(
                    request=request, credential=form.cleaned_data["credential"]
                )
            else:
                twofactor.second_factor_verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error("token" if field == "token" else None, errors)
        else:
            if kind == "recovery":
                _warn_about_recovery_codes_left(request)
            return _next_or_account(request)
    context = {
        "app_form": forms["app"],
        "recovery_form": forms["recovery"],
        "key_form": forms["key"],
        "recovery_open": kind == "recovery",
        "next": _safe_next(request),
        **_security_key_sign_in_context(request),
    }
    return render(request, "accounts/two_factor_verify.html", context)


def _security_key_sign_in_context(request) -> dict:
    """The options for the person's security keys, when they have any and keys work here."""
    if not security_keys.is_available() or not security_keys.has_security_key(request.user):
        return {"key_options": None}
    return {
        "key_options": security_keys.authentication_options(request),
        **security_keys_messages(),
    }


def security_keys_messages() -> dict:
    """What static/js/security_key.js says when the browser cannot or the person cancels."""
    return {
        "key_unsupported": _(
            "This browser cannot use security keys. Use a code from the app or a recovery "
            "code instead, or try another browser."
        ),
        "key_cancelled": _(
            "The security key was not used: the request was cancelled or timed out. Try again."
        ),
    }


def _warn_about_recovery_codes_left(request):
    left = twofactor.recovery_codes_left(request.user)
    messages.warning(
        request,
        _(
            "You used a recovery code; %(left)d are left. Make new ones on "
            "your account's two-step verification page."
        )
        % {"left": left},
    )


@never_cache
@login_required
def two_factor(request):
    """The person's own two-step verification: on or off, codes left, what to do."""
    user = request.user
    context = {
        "enabled": twofactor.has_second_factor(user),
        "required": twofactor.is_required_by_role(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "security_keys": security_keys.keys_of(user),
        "security_keys_available": security_keys.is_available(),
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_POST
def recovery_codes(request):
    try:
        codes = twofactor.recovery_codes_regenerate(request=request)
    except ValidationError:
        return redirect("accounts:two_factor")
    return _codes_page(request, codes)


@login_required
@require_POST
def two_factor_remove(request):
    try:
        twofactor.second_factor_remove(request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Two-step verification is off."))
    return redirect("accounts:two_factor")


@coordinator_only
def audit_log(request):
    """Sign-ins, second factors and decisions, newest first; the admin's own changes below."""
    entries = Paginator(audit_entries(), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    admin_changes = LogEntry.objects.select_related("user", "content_type")[:ADMIN_CHANGES_SHOWN]
    context = {"entries": entries, "admin_changes": admin_changes}
    return render(request, "accounts/audit_log.html", context)

"""Signing up, signing in (password or e-mailed link), and the person's own account page."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from core.emails import default_base_url
from core.forms import show_service_errors

from . import gdpr, services
from .consents import consents_of
from .forms import (
    ChoosePasswordForm,
    DeleteAccountForm,
    EmailOnlyForm,
    NameForm,
    PasswordResetForm,
    SignInForm,
    SignUpForm,
)

# The sign-up link has proved the address; the session then looks like any other.
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def base_url(request) -> str:
    """Where e-mailed links point: the one setting, not the host this request came by."""
    return default_base_url()


# Signing in and out ------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True


def locked_out(request, response=None, credentials=None):
    """django-axes' answer while an address and IP pair is locked: the form, with a notice."""
    form = SignInForm(request, data=request.POST or None)
    form.is_valid()  # rebinds the fields; the errors are replaced by the lockout notice
    form.errors.clear()
    return render(request, "accounts/login.html", {"form": form, "locked_out": True}, status=429)


class SignOutView(auth_views.LogoutView):
    pass


# Signing up --------------------------------------------------------------------------


def _safe_next(request) -> str:
    """The page to return to after signing up (an invitation, say), if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else ""


@sensitive_post_parameters()
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    # Rate limits, honeypot and fill time: core.antibot, through the form.
    form = SignUpForm(request.POST or None, request=request)
    next_path = _safe_next(request)
    context = {"form": form, "next": next_path}
    if request.method == "POST":
        if form.is_valid():
            services.account_sign_up(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                base_url=base_url(request),
                next_path=next_path,
            )
            return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", context, status=form.antibot_status)


def sign_up_done(request):
    return render(request, "accounts/sign_up_done.html")


@never_cache
@sensitive_post_parameters()
def verify(request, token):
    """The link of the sign-up e-mail: choose a password, and the account opens.

    Opening the link changes nothing (mail scanners open links too); sending the form does.
    """
    try:
        user = services.verification_user(token)
    except services.VerificationFailed as failure:
        return render(request, "accounts/verify_failed.html", {"message": failure.message})
    form = ChoosePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_verify(token=token, password=form.cleaned_data["new_password1"])
        except services.VerificationFailed as failure:
            return render(request, "accounts/verify_failed.html", {"message": failure.message})
        login(request, user, backend=SESSION_BACKEND)
        messages.success(request, _("Your e-mail address is confirmed and you are signed in."))
        # A sign-up that began at an invitation goes back to it.
        return redirect(_safe_next(request) or "accounts:account")
    return render(request, "accounts/verify.html", {"form": form, "email": user.email})


# Login links -------------------------------------------------------------------------


def login_link(request):
    form = EmailOnlyForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.login_link_send(email=form.cleaned_data["email"], base_url=base_url(request))
        return redirect("accounts:login_link_sent")
    return render(request, "accounts/login_link.html", {"form": form}, status=form.antibot_status)


def login_link_sent(request):
    return render(request, "accounts/login_link_sent.html")


@never_cache
def login_link_confirm(request):
    """Opening the link shows a button; pressing it signs in and spends the link."""
    token = request.POST.get("sesame") or request.GET.get("sesame", "")
    if request.method == "POST":
        user = services.login_link_user(token) if token else None
        if user is not None:
            login(request, user)  # sesame's backend, set by authenticate()
            return redirect("accounts:account")
        return render(request, "accounts/login_link_failed.html", status=400)
    if not token:
        return render(request, "accounts/login_link_failed.html", status=400)
    return render(request, "accounts/login_link_confirm.html", {"token": token})


# Password reset: Django's views, our templates and e-mails ---------------------------


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=form.antibot_status)

    def form_valid(self, form):
        self.extra_email_context = {
            "site_name": settings.SAKKE_SITE_NAME,
            "base_url": default_base_url(),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # The link reached the mailbox, so the address is confirmed as well.
        user = form.user
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
        return super().form_valid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# Own account -------------------------------------------------------------------------


@login_required
def account(request):
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_update_name(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Your name has been saved."))
        return redirect("accounts:account")
    user = request.user
    context = {
        "form": form,
        "organization_roles": user.organization_roles.select_related("organization"),
        "municipality_roles": user.municipality_roles.select_related("municipality"),
        "consents": consents_of(user),
    }
    return render(request, "accounts/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def get_success_url(self):
        messages.success(self.request, _("Your password has been changed."))
        return reverse("accounts:account")


@login_required
@require_POST
def export(request):
    """All the person's data as a JSON download (POST, so no link or crawler triggers it)."""
    data = gdpr.account_export(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sakke-account.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@sensitive_post_parameters()
def delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            logout(request)
            return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})

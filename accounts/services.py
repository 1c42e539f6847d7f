"""Writes of accounts: signing up, confirming the address, login links, deleting.

Answers never tell whether an address has an account: signing up with a known address
sends that address a reminder instead of a new account, and asking for a login link for
an unknown address sends nothing, while the visitor sees the same page either way.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from sesame.utils import get_query_string
from sesame.utils import get_user as sesame_get_user

from .gdpr import account_erase
from .models import MunicipalityEditor, OrganizationEditor, User

VERIFY_SALT = "accounts.verify-email"
LOGIN_LINK_SCOPE = "login-link"


class VerificationFailed(Exception):
    """The sign-up link is forged, expired or already used; `message` says which, translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def send_account_mail(*, to: str, template: str, context: dict) -> None:
    """Send accounts/email/<template>_subject.txt and _body.txt, in the active language."""
    context = {"site_name": settings.SAKKE_SITE_NAME, **context}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


# Signing up --------------------------------------------------------------------------


def verification_token(user: User) -> str:
    """A signed, timestamped token for the address the user signed up with."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)


def verification_user(token: str) -> User:
    """The not-yet-confirmed user of a sign-up link, or VerificationFailed."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=settings.SAKKE_VERIFY_EMAIL_MAX_AGE)
    except signing.SignatureExpired as error:
        raise VerificationFailed(
            _("The link has expired. Sign up again with the same address to get a new one.")
        ) from error
    except signing.BadSignature as error:
        raise VerificationFailed(
            _("The link is not valid. Check that you copied the whole link from the e-mail.")
        ) from error
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise VerificationFailed(
            _("The link is not valid. Check that you copied the whole link from the e-mail.")
        )
    if user.email_verified_at is not None:
        raise VerificationFailed(
            _("This link has already been used. Sign in with your e-mail address and password.")
        )
    return user


@transaction.atomic
def account_sign_up(*, email: str, name: str, base_url: str, next_path: str = "") -> None:
    """Start an account for `email`: a new one gets a confirmation link, a known one a reminder.

    The account stays inactive, and has no password, until the link is opened: whoever
    holds the mailbox chooses the password, so nobody can claim another's address first.
    `next_path` (a path on this site, e.g. an invitation) is where the link leads afterwards.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name=name.strip(), is_active=False)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if user.email_verified_at is None and not user.is_active:
        path = reverse("accounts:verify", kwargs={"token": verification_token(user)})
        if next_path:
            path += "?" + urlencode({"next": next_path})
        hours = settings.SAKKE_VERIFY_EMAIL_MAX_AGE // 3600
        context = {"url": base_url + path, "hours": hours}
        send_account_mail(to=user.email, template="verify", context=context)
    else:
        context = {
            "login_url": base_url + reverse("accounts:login"),
            "reset_url": base_url + reverse("accounts:password_reset"),
        }
        send_account_mail(to=user.email, template="already_registered", context=context)


@transaction.atomic
def account_verify(*, token: str, password: str) -> User:
    """Confirm the address of a sign-up link, set the first password and open the account."""
    user = verification_user(token)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is not None:  # another request got here first
        raise VerificationFailed(_("This link has already been used."))
    user.set_password(password)
    user.email_verified_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["password", "email_verified_at", "is_active"])
    return user


# Login links -------------------------------------------------------------------------


def login_link_send(*, email: str, base_url: str) -> None:
    """E-mail a one-time link that signs in, if an active account has this address."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    url = (
        base_url
        + reverse("accounts:login_link_confirm")
        + get_query_string(user, scope=LOGIN_LINK_SCOPE)
    )
    context = {"url": url, "minutes": settings.SESAME_MAX_AGE // 60}
    send_account_mail(to=user.email, template="login_link", context=context)


def login_link_user(token: str) -> User | None:
    """The user of a valid, unused, unexpired login link, or None.

    The link is spent when the user is signed in with it: login() moves last_login, which
    one-time sesame tokens are tied to.
    """
    return sesame_get_user(token, scope=LOGIN_LINK_SCOPE, update_last_login=False)


# Own account -------------------------------------------------------------------------


def account_update_name(*, user: User, name: str) -> User:
    user.name = name.strip()
    user.full_clean(validate_unique=False)
    user.save(update_fields=["name"])
    return user


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Delete the account and its roles; what the person published stays, without a name.

    The last coordinator cannot leave: the region would have nobody to grant roles.
    """
    if not user.has_usable_password() or not user.check_password(password):
        raise ValidationError({"password": _("The password is wrong.")})
    if user.is_coordinator:
        others = User.objects.filter(is_coordinator=True, is_active=True).exclude(pk=user.pk)
        if not others.exists():
            raise ValidationError(
                _(
                    "You are the only coordinator. Make another person coordinator before "
                    "deleting your account."
                )
            )
    OrganizationEditor.objects.filter(user=user).delete()
    MunicipalityEditor.objects.filter(user=user).delete()
    sign_in_records_forget(user.email)
    account_erase(user)  # what other apps keep by the address, not by a foreign key
    user.delete()


def sign_in_records_forget(email: str) -> None:
    """Delete django-axes' records of the address: its sign-in IPs are personal data too."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()

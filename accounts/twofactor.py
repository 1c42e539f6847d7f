"""Two-step verification (django-otp): an authenticator app's six-digit codes (TOTP) and
one-time recovery codes (django-otp's static device).

Who must use it: the coordinator, staff and superusers whenever SAKKE_REQUIRE_2FA is on
(the default); anyone else who turned it on. A session is past the second factor once
`django_otp.login` has stored the device in it; accounts.middleware sends those who need
it and are not past it to enrolment or verification.
"""

import base64
import re
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import Action, audit_record

# The session remembers, from sign-in on, that a person who is not staff turned the
# second factor on, so their every request need not ask the database.
OPTED_IN_SESSION_KEY = "accounts_second_factor"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"
SIX_DIGITS = re.compile(r"^\d{6}$")


def is_required_by_role(user) -> bool:
    """The coordinator, staff and superusers must use a second factor (SAKKE_REQUIRE_2FA)."""
    return bool(
        settings.SAKKE_REQUIRE_2FA
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or user.is_coordinator)
    )


def needs_second_factor(request) -> bool:
    """Whether this session must be past the second factor before it goes anywhere."""
    user = request.user
    if not user.is_authenticated:
        return False
    return is_required_by_role(user) or bool(request.session.get(OPTED_IN_SESSION_KEY))


def is_verified(user) -> bool:
    """Whether the session has passed the second factor (set up by django-otp's middleware)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_opt_in(request, user) -> None:
    """At sign-in: a person who turned the second factor on is asked for it from now on."""
    if not is_required_by_role(user) and has_second_factor(user):
        request.session[OPTED_IN_SESSION_KEY] = True


def on_signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_opt_in(request, user)


# Enrolment --------------------------------------------------------------------------


def setup_device(user) -> TOTPDevice:
    """The authenticator app being set up: a new secret, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The app's set-up address as an SVG QR code, ready for an <img src>."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_enrol(*, request, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the app with its first code, replace any earlier app, make recovery codes.

    The session is then past the second factor; returns the codes, shown only this once.
    """
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError({"token": _("Start the set-up again.")})
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not SIX_DIGITS.match(token) or not device.verify_token(token):
            raise ValidationError(
                {"token": _("The code is wrong or has expired. Type the code the app shows now.")}
            )
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit_record(action=Action.SECOND_FACTOR_ENROLLED, user=user, request=request)
    otp_login(request, device)
    if not is_required_by_role(user):
        request.session[OPTED_IN_SESSION_KEY] = True
    return codes


def recovery_codes_regenerate(*, request) -> list[str]:
    """New recovery codes in place of the old ones, which stop working."""
    user = request.user
    if not has_second_factor(user):
        raise ValidationError(_("Turn two-step verification on first."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_record(action=Action.RECOVERY_CODES_MADE, user=user, request=request)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_remove(*, request) -> None:
    """Turn two-step verification off, for those whose role does not require it."""
    user = request.user
    if is_required_by_role(user):
        raise ValidationError(_("Your role requires two-step verification."))
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        audit_record(action=Action.SECOND_FACTOR_REMOVED, user=user, request=request)
    request.session.pop(OPTED_IN_SESSION_KEY, None)


def second_factor_reset(*, user) -> int:
    """Remove a person's app and recovery codes (manage.py two_factor_reset); how many."""
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        audit_record(action=Action.SECOND_FACTOR_REMOVED, user=user, detail="manage.py")
    return len(devices)


# Verification -----------------------------------------------------------------------


def normalize_code(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


def second_factor_verify(*, request, token: str):
    """Check a six-digit code or a recovery code; a right one marks the session verified.

    Six digits are checked against the app only and anything else against the recovery
    codes only, so a mistyped recovery code does not slow down the app's codes. Each
    device throttles its own failures (django-otp). Raises ValidationError when wrong.
    """
    user = request.user
    token = normalize_code(token)
    is_app_code = bool(SIX_DIGITS.match(token))
    model = TOTPDevice if is_app_code else StaticDevice
    verified = None
    throttled = False
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if not isinstance(device, model):
                continue
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(token):
                verified = device
                break
    if verified is None:
        audit_record(action=Action.SECOND_FACTOR_FAILED, user=user, request=request)
        if throttled:
            message = _("Too many wrong codes. Wait a minute and try again.")
        else:
            message = _("The code is wrong. Type the code the app shows now, or a recovery code.")
        raise ValidationError({"token": message})
    otp_login(request, verified)
    detail = _("authenticator app") if is_app_code else _("recovery code")
    audit_record(
        action=Action.SECOND_FACTOR_VERIFIED, user=user, detail=str(detail), request=request
    )
    return verified

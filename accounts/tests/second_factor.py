"""Test helpers for two-step verification.

The root conftest.py makes every test client's `force_login` sign a person whose role
requires a second factor in past it, as if they had typed the app's code, so the many
tests of coordinator pages sign in as before. Tests of the second factor itself sign in
with `sign_in_without_second_factor` (or through the sign-in form).
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import APP_DEVICE_NAME, is_required_by_role

# Django's own, kept before the root conftest.py replaces it for the tests.
sign_in_without_second_factor = Client.force_login


def app_device(user) -> TOTPDevice:
    """The person's confirmed authenticator app, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The six digits the app would show now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def force_login_past_second_factor(client, user, backend=None):
    """Client.force_login, and the session is past the second factor where one is needed."""
    sign_in_without_second_factor(client, user, backend)
    if is_required_by_role(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
        session.save()

"""Security keys and passkeys (WebAuthn) as a second factor beside the authenticator app.

py_webauthn (Duo's `webauthn` package) makes the ceremonies' options and checks the
browser's answers: attestation and assertion formats, signatures, the challenge, the
relying party and the origin. This module keeps the challenge in the session (one use),
stores and finds the keys (accounts.models.SecurityKey), and writes the audit log.

The relying party is the host of SAKKE_BASE_URL and the expected origin its scheme and
host, so the keys follow the service's one public address. Browsers take a domain name
(localhost included) as the relying party, never an IP address: at http://127.0.0.1:8000
security keys are not offered (use http://localhost:8000).
"""

import ipaddress
import json
from urllib.parse import urlsplit

import webauthn
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from .audit import Action, audit_record
from .models import SecurityKey
from .twofactor import (
    OPTED_IN_SESSION_KEY,
    has_second_factor,
    is_required_by_role,
    is_verified,
)

REGISTRATION_SESSION_KEY = "accounts_webauthn_registration"
AUTHENTICATION_SESSION_KEY = "accounts_webauthn_authentication"
# A second factor after the password: touching the key is enough, no PIN asked.
USER_VERIFICATION = UserVerificationRequirement.DISCOURAGED
KNOWN_TRANSPORTS = {transport.value for transport in AuthenticatorTransport}
DEFAULT_PORTS = {"http": 80, "https": 443}
NAME_MAX_LENGTH = SecurityKey._meta.get_field("name").max_length


def relying_party_id() -> str:
    """The host name of SAKKE_BASE_URL, e.g. jarjestot.example.fi or localhost."""
    return (urlsplit(settings.SAKKE_BASE_URL).hostname or "").lower()


def expected_origin() -> str:
    """The scheme and host (and port) of SAKKE_BASE_URL, as browsers write the origin."""
    parts = urlsplit(settings.SAKKE_BASE_URL)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    # A browser leaves the scheme's own port out of the origin it reports.
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}".lower()


def is_available() -> bool:
    """Whether browsers can use security keys here: the relying party must be a domain name,
    and the origin https or http://localhost (a secure context)."""
    host = relying_party_id()
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return False
    return expected_origin().startswith("https://") or host == "localhost"


def keys_of(user):
    return SecurityKey.objects.filter(user=user, confirmed=True)


def has_security_key(user) -> bool:
    return keys_of(user).exists()


def _user_handle(user) -> bytes:
    # Stable per account and says nothing about it (not the e-mail address, not the id).
    return salted_hmac("accounts.webauthn-user", str(user.pk), algorithm="sha256").digest()


def _descriptors(user) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=webauthn.base64url_to_bytes(key.credential_id),
            transports=[AuthenticatorTransport(t) for t in key.transports],
        )
        for key in keys_of(user)
    ]


def _take_challenge(request, session_key: str) -> bytes | None:
    """The challenge given to this session, which works once."""
    challenge = request.session.pop(session_key, None)
    return webauthn.base64url_to_bytes(challenge) if challenge else None


def _parse(credential: str) -> dict:
    try:
        data = json.loads(credential)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise ValidationError({"credential": _("The security key's answer was not understood.")})
    return data


# Enrolment --------------------------------------------------------------------------


def registration_options(request) -> dict:
    """The options of navigator.credentials.create() in their JSON form; the challenge goes
    to the session."""
    user = request.user
    options = webauthn.generate_registration_options(
        rp_id=relying_party_id(),
        rp_name=settings.OTP_TOTP_ISSUER,
        user_id=_user_handle(user),
        user_name=user.email,
        user_display_name=user.name or user.email,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=USER_VERIFICATION,
        ),
        exclude_credentials=_descriptors(user),
    )
    request.session[REGISTRATION_SESSION_KEY] = bytes_to_base64url(options.challenge)
    return json.loads(webauthn.options_to_json(options))


def security_key_add(*, request, name: str, credential: str) -> SecurityKey:
    """Check the browser's answer to the registration options and keep the new key.

    Only for a session past the second factor of a person who has the app; raises
    ValidationError naming `name` or `credential`.
    """
    user = request.user
    if not has_second_factor(user):
        raise ValidationError(_("Turn two-step verification on first."))
    if not is_verified(user):
        # A session signed in elsewhere before the app was turned on may not add a key.
        raise ValidationError(_("Sign in with the app's code first."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name.")})
    if keys_of(user).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("You already have a key with this name.")})
    if not credential:
        raise ValidationError(
            {"credential": _("Adding a key needs JavaScript and a browser that supports them.")}
        )
    data = _parse(credential)
    challenge = _take_challenge(request, REGISTRATION_SESSION_KEY)
    if challenge is None:
        raise ValidationError({"credential": _("The request expired. Try again.")})
    try:
        verified = webauthn.verify_registration_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=relying_party_id(),
            expected_origin=expected_origin(),
            require_user_verification=False,
        )
    except (WebAuthnException, KeyError, TypeError, ValueError) as error:
        raise ValidationError(
            {"credential": _("The security key could not be added. Try again.")}
        ) from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if SecurityKey.objects.filter(credential_id=credential_id).exists():
        raise ValidationError({"credential": _("This security key has already been added.")})
    transports = (data.get("response") or {}).get("transports") or []
    with transaction.atomic():
        key = SecurityKey.objects.create(
            user=user,
            name=name[:NAME_MAX_LENGTH],
            confirmed=True,
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=[t for t in transports if t in KNOWN_TRANSPORTS],
            aaguid=verified.aaguid or "",
        )
        audit_record(action=Action.SECURITY_KEY_ADDED, user=user, detail=key.name, request=request)
    return key


def security_key_remove(*, request, key_id: int) -> None:
    """Remove one of the person's own keys; the app and the recovery codes stay."""
    user = request.user
    with transaction.atomic():
        key = keys_of(user).select_for_update().filter(pk=key_id).first()
        if key is None:
            raise ValidationError(_("That security key is not yours or was already removed."))
        name = key.name
        key.delete()
        audit_record(action=Action.SECURITY_KEY_REMOVED, user=user, detail=name, request=request)


# Verification -----------------------------------------------------------------------


def authentication_options(request) -> dict:
    """The options of navigator.credentials.get() for the person's keys, in their JSON form."""
    options = webauthn.generate_authentication_options(
        rp_id=relying_party_id(),
        allow_credentials=_descriptors(request.user),
        user_verification=USER_VERIFICATION,
    )
    request.session[AUTHENTICATION_SESSION_KEY] = bytes_to_base64url(options.challenge)
    return json.loads(webauthn.options_to_json(options))


def security_key_verify(*, request, credential: str) -> SecurityKey:
    """Check the browser's answer with one of the person's keys; a right one marks the
    session verified, like the app's code. Raises ValidationError naming `credential`."""
    user = request.user
    data = _parse(credential)
    challenge = _take_challenge(request, AUTHENTICATION_SESSION_KEY)
    with transaction.atomic():
        key = keys_of(user).select_for_update().filter(credential_id=data["id"]).first()
        verified = None
        if key is not None and challenge is not None:
            try:
                verified = webauthn.verify_authentication_response(
                    credential=data,
                    expected_challenge=challenge,
                    expected_rp_id=relying_party_id(),
                    expected_origin=expected_origin(),
                    credential_public_key=bytes(key.public_key),
                    credential_current_sign_count=key.sign_count,
                    require_user_verification=False,
                )
            except (WebAuthnException, KeyError, TypeError, ValueError):
                verified = None
        if verified is not None:
            key.sign_count = verified.new_sign_count
            key.last_used_at = timezone.now()
            key.save(update_fields=["sign_count", "last_used_at"])
    if verified is None:
        audit_record(
            action=Action.SECOND_FACTOR_FAILED,
            user=user,
            detail=str(_("security key")),
            request=request,
        )
        if challenge is None:
            message = _("The request expired. Try again.")
        elif key is None:
            message = _("This security key is not one of yours. Try another key or the app.")
        else:
            message = _("The security key could not be checked. Try again.")
        raise ValidationError({"credential": message})
    otp_login(request, key)
    if not is_required_by_role(user):
        request.session[OPTED_IN_SESSION_KEY] = True
    audit_record(
        action=Action.SECOND_FACTOR_VERIFIED,
        user=user,
        detail=_("security key “%(name)s”") % {"name": key.name},
        request=request,
    )
    return key

"""The signed, expiring token of a one-click confirmation link.

The token names one organization (its activities come with it). It is signed with
SECRET_KEY and a salt of its own, so no other signed value of the service passes as
one, and it expires after CONFIRMATION_LINK_MAX_AGE.
"""

import datetime as dt

from django.conf import settings
from django.core import signing

SALT = "freshness.confirmation"


def link_max_age() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "SAKKE_CONFIRM_LINK_DAYS", 60))


class InvalidToken(Exception):
    """The token was not made by this service (or was altered)."""


class ExpiredToken(InvalidToken):
    """The token was made by this service but is too old."""


def make_confirmation_token(organization) -> str:
    return signing.dumps({"organization": organization.pk}, salt=SALT)


def read_confirmation_token(token: str) -> int:
    """The primary key of the organization the token names; raises InvalidToken or ExpiredToken."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(data, dict) or not isinstance(data.get("organization"), int):
        raise InvalidToken
    return data["organization"]

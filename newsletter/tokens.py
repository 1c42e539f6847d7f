"""Signed links of the newsletter: confirming a subscription, and managing it.

Each kind has a salt of its own, so no other signed value of the service passes as one.
A token names the subscriber and the address it was made for, so a token stops working
if the row is deleted and the id reused. Confirmation links expire; the links in sent
issues (preferences, one-click unsubscribe) must keep working, so they do not.
"""

import datetime as dt

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


class InvalidToken(Exception):
    """Not made by this service, altered, or for another address."""


class ExpiredToken(InvalidToken):
    """Made by this service but too old."""


def confirm_max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.NEWSLETTER_CONFIRM_LINK_DAYS)


def make_confirm_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=CONFIRM_SALT)


def make_manage_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=MANAGE_SALT)


def _read(token: str, *, salt: str, max_age=None) -> tuple[int, str]:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise InvalidToken
    return data["s"], str(data.get("e", ""))


def read_confirm_token(token: str) -> tuple[int, str]:
    return _read(token, salt=CONFIRM_SALT, max_age=confirm_max_age())


def read_manage_token(token: str) -> tuple[int, str]:
    return _read(token, salt=MANAGE_SALT)

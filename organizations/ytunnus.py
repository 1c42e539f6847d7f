"""Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FORMAT = re.compile(r"^(\d{7})-(\d)$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def ytunnus_check_digit(first_seven: str) -> int | None:
    """The check digit for seven digits, or None when no valid id can end them."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, _WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def is_valid_ytunnus(value: str) -> bool:
    match = _FORMAT.match(value or "")
    if not match:
        return False
    return ytunnus_check_digit(match.group(1)) == int(match.group(2))


def validate_ytunnus(value: str) -> None:
    if not _FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter a business id in the form 1234567-8."), code="invalid_format"
        )
    if not is_valid_ytunnus(value):
        raise ValidationError(
            _("The check digit of business id %(value)s is wrong."),
            code="invalid_check_digit",
            params={"value": value},
        )

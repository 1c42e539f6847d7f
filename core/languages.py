"""The languages of the service and of its translated fields, from settings.LANGUAGES."""

from django.conf import settings

# Finnish first: the language every translated field must have and falls back to.
LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def translated_names(*names: str) -> list[str]:
    """The fields of every language of the translated fields `names`: name_fi, name_sv, …"""
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]

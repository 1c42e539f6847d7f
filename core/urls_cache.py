"""reverse() for the links a list prints many times, resolved once per route and language.

A page of 20 cards reverses 20 detail URLs; through the translated URL patterns each
reverse() walks the resolver anew. The route is reversed once with a placeholder in the
active language, and each value is quoted as reverse() quotes it.
"""

from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What reverse() leaves unquoted in a path (django.urls.resolvers).
PATH_SAFE = "!$&'()*+,;=" + "/~:@"
PLACEHOLDER = "sakkeplaceholder"

_templates: dict[tuple, str] = {}


def reverse_detail(view_name: str, kwarg: str, value) -> str:
    """reverse(view_name, kwargs={kwarg: value}), from a per-language template.

    For string routes only (`<str:…>`, `<slug:…>`). A value reverse() would refuse (empty,
    or with a slash) goes through reverse() itself and fails the same way.
    """
    value = str(value)
    if refused_by_reverse(value):
        return reverse(view_name, kwargs={kwarg: value})
    return fill(detail_template(view_name, kwarg), value)


def detail_template(view_name: str, kwarg: str) -> str:
    """The route's path in the active language, with PLACEHOLDER where the value goes."""
    key = (view_name, kwarg, get_language(), get_script_prefix(), get_urlconf())
    template = _templates.get(key)
    if template is None:
        template = _templates[key] = reverse(view_name, kwargs={kwarg: PLACEHOLDER})
    return template


def fill(template: str, value: str) -> str:
    """`template` with `value` in place of PLACEHOLDER, quoted as reverse() quotes it."""
    return template.replace(PLACEHOLDER, quote(value, safe=PATH_SAFE), 1)


def refused_by_reverse(value: str) -> bool:
    return not value or "/" in value


@receiver(setting_changed)
def _forget_templates(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _templates.clear()

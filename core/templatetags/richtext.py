"""{{ value|rich_text }}: a description as safe HTML, whether it was saved as HTML or text."""

from django import template
from django.utils.safestring import mark_safe

from core.richtext import sanitize_html

register = template.Library()


@register.filter
def rich_text(value):
    # Cleaning again on output is cheap, and protects rows imported without the service.
    return mark_safe(sanitize_html(str(value or "")))  # noqa: S308 - sanitised just above

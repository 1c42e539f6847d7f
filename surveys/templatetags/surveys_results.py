"""Template filters of the survey results: a breakdown's rows, a suppressed number."""

from django import template

register = template.Library()


@register.filter
def breakdown(result, dimension):
    return result.breakdowns.get(dimension, [])


@register.filter
def shown(count, threshold):
    """The count, or "<threshold" where it is suppressed. A plain string: localizing
    thousands of small counts was most of a results page's time."""
    return f"<{threshold}" if count is None else str(count)

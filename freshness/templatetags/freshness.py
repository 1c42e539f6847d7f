"""Template helpers of listings' freshness: is it stale, when does it go stale."""

from django import template
from django.utils import timezone

from freshness.selectors import stale_after

register = template.Library()


@register.filter
def stale_on(listing):
    """The moment the listing leaves the default results unless its owner confirms it."""
    return listing.confirmed_at + stale_after()


@register.filter
def is_stale(listing) -> bool:
    return listing.confirmed_at is not None and stale_on(listing) < timezone.now()


@register.simple_tag(takes_context=True)
def page_param(context, name, number):
    """The current URL with only the page parameter `name` changed."""
    query = context["request"].GET.copy()
    query[name] = number
    return "?" + query.urlencode()

"""Template tags of the public pages: language links, paging links, JSON-LD, times in words."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()

# The same escapes as django.utils.html.json_script: the JSON cannot close the
# <script> element or open a comment, whatever an association writes in its name.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

CLOCK_FORMATS = {"fi": "%-H.%M", "sv": "%H.%M", "en": "%H:%M"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language, for the switcher and <link rel=alternate>."""
    request = context["request"]
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            own_name = translation.gettext(str(name))
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "translated_name": own_name,
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with only the page number changed, so paging keeps the filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def json_ld(data):
    """`data` as a schema.org <script type=application/ld+json>, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def clock(value):
    """A time of day the way the active language writes it: 17.30 in Finnish, 17:30 in English."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "date"):
        value = timezone.localtime(value)
    fmt = CLOCK_FORMATS.get(translation.get_language(), "%H:%M")
    return value.strftime(fmt)


def weekday_plural(weekday: int) -> str:
    names = {
        1: pgettext("every week on", "Mondays"),
        2: pgettext("every week on", "Tuesdays"),
        3: pgettext("every week on", "Wednesdays"),
        4: pgettext("every week on", "Thursdays"),
        5: pgettext("every week on", "Fridays"),
        6: pgettext("every week on", "Saturdays"),
        7: pgettext("every week on", "Sundays"),
    }
    return names.get(weekday, "")


@register.filter
def weekly(slot):
    """A weekly slot in words: "Tuesdays 17:30–19:00"."""
    if slot.end:
        return _("%(days)s %(start)s–%(end)s") % {
            "days": weekday_plural(slot.weekday),
            "start": clock(slot.start),
            "end": clock(slot.end),
        }
    return _("%(days)s from %(start)s") % {
        "days": weekday_plural(slot.weekday),
        "start": clock(slot.start),
    }


@register.simple_tag(takes_context=True)
def filter_query(context):
    """The current filters as a query string ("?topic=x"), without the page number."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    return "?" + query.urlencode() if query else ""


@register.simple_tag(takes_context=True)
def filters_chosen(context):
    """Whether the visitor chose any filter beyond those always in view, to show them open."""
    return any(
        value
        for key, value in context["request"].GET.items()
        if key not in {"q", "municipality", "page"}
    )


@register.inclusion_tag("includes/share.html", takes_context=True)
def share(context, obj, title=""):
    """Share links for a page: copy the address, e-mail, and the platforms associations use."""
    from core.share import share_links

    request = context["request"]
    url = request.build_absolute_uri(obj.get_absolute_url())
    title = title or str(obj)
    return {"url": url, "title": title, "links": share_links(url, title)}


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, obj, title, description="", image_url="", image_alt="", card=False):
    """Open Graph and Twitter card tags: how a shared link looks on social media.

    `card` says the image is the generated 1200 × 630 share card, of known size."""
    request = context["request"]
    return {
        "card": card,
        "image_alt": image_alt or title,
        "url": request.build_absolute_uri(obj.get_absolute_url()),
        "title": title,
        "description": description,
        "image": request.build_absolute_uri(image_url) if image_url else "",
        "site_name": context.get("SITE_NAME", ""),
        "locale": {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}.get(
            translation.get_language(), "fi_FI"
        ),
    }

import itertools

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_event
from core.share import share_card_response
from core.templatetags.sakke import clock
from core.views import filter_fields, render_filtered_list
from municipalities.selectors import municipality_choices
from places.geo import DEFAULT_DISTANCE_KM
from taxonomy.selectors import audience_choices, language_choices, topic_choices

from .filters import EventFilter
from .models import Event
from .recurrence import RecurrenceError, occurrences
from .selectors import duplicate_original, event_get, event_list, kept_apart_list
from .shortcuts import date_shortcuts

FILTER_KINDS = {
    "q": "search",
    "municipality": "select",
    "topic": "select",
    "audience": "select",
    "language": "select",
    "start": "date",
    "end": "date",
    "is_free": "checkbox",
}
MAP_LIMIT = 200
SERIES_DATES_LIMIT = 52


def event_filterset(request):
    data = request.GET.copy()
    # Past events are not what people look for; ?start=2020-01-01 still finds them.
    if not data.get("start"):
        data["start"] = timezone.localdate().isoformat()
    return EventFilter(data, queryset=event_list())


def event_filter_fields(filterset):
    choices = {
        "municipality": municipality_choices(),
        "topic": topic_choices(),
        "audience": audience_choices(),
        "language": language_choices(),
    }
    return filter_fields(filterset, FILTER_KINDS, choices)


def group_by_day(events):
    """[(date, [events of that day])], by the day each event starts in Finnish time."""
    days = itertools.groupby(events, key=lambda e: timezone.localdate(e.start_time))
    return [(day, list(day_events)) for day, day_events in days]


def near_me(query, filterset) -> dict | None:
    """When the list is limited to the person's surroundings: how far, and the way back."""
    form = filterset.form
    if not (form.is_valid() and form.cleaned_data.get("near")):
        return None
    everywhere = query.copy()
    for name in ("near", "distance", "page"):
        everywhere.pop(name, None)
    return {
        "km": int(form.cleaned_data.get("distance") or DEFAULT_DISTANCE_KM),
        "everywhere": everywhere.urlencode(),
    }


def event_list_page(request):
    filterset = event_filterset(request)
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="events/event_list.html",
        results_template="events/_results.html",
        context={
            "fields": event_filter_fields(filterset),
            "group_page": group_by_day,
            "date_shortcuts": date_shortcuts(request.GET, timezone.localdate()),
            "near": near_me(request.GET, filterset),
            "section": "events",
        },
    )


def event_map(request):
    filterset = event_filterset(request)
    events = list(filterset.qs[: MAP_LIMIT + 1])
    context = {
        "filter": filterset,
        "fields": event_filter_fields(filterset),
        "events": events[:MAP_LIMIT],
        "more_than_limit": len(events) > MAP_LIMIT,
        "limit": MAP_LIMIT,
        "markers": [
            {
                "lat": event.location.latitude,
                "lng": event.location.longitude,
                "name": event.name,
                "place": event.location.name,
                "when": timezone.localtime(event.start_time).strftime("%d.%m.%Y %H:%M"),
                "url": event.get_absolute_url(),
            }
            for event in events[:MAP_LIMIT]
            if event.location and event.location.has_position
        ],
        "map_settings": {
            "tiles": settings.SAKKE_MAP_TILE_URL,
            "attribution": settings.SAKKE_MAP_ATTRIBUTION,
            "center": [float(c) for c in settings.SAKKE_MAP_CENTER],
            # Leaflet cannot find its marker images behind hashed static names.
            "images": static("vendor/leaflet/images/marker-icon.png").rsplit("/", 1)[0] + "/",
        },
        "section": "map",
    }
    return render(request, "events/event_map.html", context)


def series_dates(event):
    """The start times of a recurring series: its sub-events, or else its rule."""
    if event.super_event_type != Event.SuperEventType.RECURRING:
        return []
    subs = [sub.start_time for sub in event.sub_events.all()]
    if subs:
        return sorted(subs)
    if event.recurrence_rule:
        try:
            return occurrences(event.recurrence_rule, event.start_time, limit=SERIES_DATES_LIMIT)
        except RecurrenceError:
            return []
    return []


def event_schema(event, request) -> dict:
    """schema.org Event of an event page, for search engines and calendars."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": request.build_absolute_uri(event.get_absolute_url()),
        "name": event.name,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "startDate": timezone.localtime(event.start_time).isoformat(),
        "eventStatus": f"https://schema.org/{event.event_status}",
    }
    if event.end_time:
        data["endDate"] = timezone.localtime(event.end_time).isoformat()
    if event.short_description or event.description:
        data["description"] = event.short_description or event.description
    locations = []
    if event.location:
        place = event.location
        location = {
            "@type": "Place",
            "name": place.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": place.street_address,
                "postalCode": place.postal_code,
                "addressLocality": str(place.municipality or ""),
                "addressCountry": "FI",
            },
        }
        if place.has_position:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
        locations.append(location)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.location and event.online_url:
        mode = "MixedEventAttendanceMode"
    elif event.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    offer = {"@type": "Offer", "url": event.offer_info_url or event.registration_url or None}
    if event.is_free:
        offer.update(price="0", priceCurrency="EUR")
    elif event.price:
        offer["description"] = event.price
    data["offers"] = {k: v for k, v in offer.items() if v}
    data["isAccessibleForFree"] = event.is_free
    organizers = [
        {
            "@type": "Organization",
            "name": o.name,
            "url": request.build_absolute_uri(o.get_absolute_url()),
        }
        for o in event.organizers.all()
    ]
    if organizers:
        data["organizer"] = organizers[0] if len(organizers) == 1 else organizers
    languages = [language.code for language in event.in_language.all()]
    if languages:
        data["inLanguage"] = languages
    if event.super_event:
        data["superEvent"] = {
            "@type": "Event",
            "name": event.super_event.name,
            "url": request.build_absolute_uri(event.super_event.get_absolute_url()),
        }
    return data


def _event_or_404(public_id):
    try:
        return event_get(public_id)
    except Event.DoesNotExist:
        raise Http404(_("No event found with this id.")) from None


def event_share_image(request, public_id):
    """The image a shared link to the event shows on social media."""
    event = _event_or_404(public_id)
    when = formats.date_format(timezone.localtime(event.start_time), "l j.n.Y").capitalize()
    lines = [f"{when} {clock(event.start_time)}"]
    if event.location:
        place = event.location.name
        if event.location.municipality:
            place = f"{place}, {event.location.municipality.name}"
        lines.append(place)
    organizers = ", ".join(str(o.name) for o in event.organizers.all()[:2])
    if organizers:
        lines.append(organizers)
    return share_card_response(obj=event, title=event.name, lines=lines, kicker=_("Event"))


def _keep_apart_context(user, event, duplicates) -> dict:
    """For the coordinator and the editors of either event: which sources they may say
    are not the same event, and the standing decisions they may undo."""
    if not user.is_authenticated:
        return {}
    edits_event = can_edit_event(user, event)
    return {
        "separable": {d.pk for d in duplicates if edits_event or can_edit_event(user, d)},
        "kept_apart": [
            (decision, other)
            for decision, other in kept_apart_list(event)
            if edits_event or can_edit_event(user, other)
        ],
    }


def event_detail(request, public_id):
    try:
        event = event_get(public_id)
    except Event.DoesNotExist:
        original = duplicate_original(public_id)
        if original is not None:
            return redirect(original)
        raise Http404(_("No event found with this id.")) from None
    sub_events = []
    if event.super_event_type == Event.SuperEventType.UMBRELLA:
        sub_events = event_list().filter(super_event=event)
    duplicates = list(event.duplicates.all())
    context = {
        "event": event,
        "schema": event_schema(event, request),
        "series_dates": series_dates(event),
        "sub_events": sub_events,
        # The same event from other sources is shown here once, naming every source.
        "sources": [event, *duplicates] if duplicates else [],
        "section": "events",
        **_keep_apart_context(request.user, event, duplicates),
    }
    return render(request, "events/event_detail.html", context)

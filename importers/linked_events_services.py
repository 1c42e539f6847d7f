"""Writes of the Linked Events importer: sources, syncs and detaching an event.

A sync reads every page first and applies them in one transaction: a timeout or a
malformed page changes no event and leaves the cursor where it was.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_event, can_edit_organization
from core.models import PublicationStatus
from core.publication import status_after_edit
from core.richtext import sanitize_html
from core.writes import content_write
from events.models import Event
from municipalities.models import Municipality
from places.models import Place
from places.selectors import place_choices
from taxonomy.models import Topic

from . import linked_events
from .duplicates import link_duplicate, release_duplicates
from .fetching import FetchError, fetch
from .linked_events import LANGUAGES, LinkedEventsError, UpstreamEvent, texts
from .linked_events_models import (
    KeywordTopic,
    LinkedEventsEvent,
    LinkedEventsRun,
    LinkedEventsSource,
    keyword_id,
)

logger = logging.getLogger(__name__)
DATA_SOURCE = "linkedevents"
SOURCE_FIELDS = ("name", "api_root", "publisher", "keyword", "division")
FILTERS = ("publisher", "keyword", "division")
Status = LinkedEventsSource.Status


def _assign_and_validate(source: LinkedEventsSource, data: dict) -> None:
    for name in SOURCE_FIELDS:
        if name in data:
            setattr(source, name, (data[name] or "").strip())
    root = source.api_root
    if root.split(":", 1)[0].lower() not in ("http", "https"):
        raise ValidationError({"api_root": _("Enter an http or https address.")})
    # People paste the event list's address; the source keeps the API's root.
    root = root.split("?", 1)[0].rstrip("/")
    if root.endswith("/event"):
        root = root[: -len("/event")]
    source.api_root = root + "/"
    if not any(getattr(source, name) for name in FILTERS):
        raise ValidationError(
            {"publisher": _("Give a publisher, a keyword or a division, or all events come.")}
        )
    source.full_clean(exclude=["organization", "created_by"])


def linked_events_source_create(*, user, organization, data: dict) -> LinkedEventsSource:
    """Connect a Linked Events API to an association; only its editors may."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not add sources for this association."))
    source = LinkedEventsSource(organization=organization, created_by=user)
    _assign_and_validate(source, data)
    source.save()
    return source


def linked_events_source_update(*, user, source: LinkedEventsSource, data: dict):
    """Change a source; new filters or a new address start again with a full sync."""
    if not can_edit_organization(user, source.organization):
        raise PermissionDenied(_("You may not change this source."))
    before = [getattr(source, name) for name in ("api_root", *FILTERS)]
    _assign_and_validate(source, data)
    if [getattr(source, name) for name in ("api_root", *FILTERS)] != before:
        source.last_modified_since = None
    source.save()
    return source


def linked_events_source_delete(*, user, source: LinkedEventsSource) -> None:
    """Disconnect a source; its events stay, as events the association keeps here."""
    if not can_edit_organization(user, source.organization):
        raise PermissionDenied(_("You may not remove this source."))
    source.delete()  # the links go with it; the events stay


def linked_events_event_detach(*, user, link: LinkedEventsEvent) -> LinkedEventsEvent:
    """Stop the source from changing an event, so that it can be edited here."""
    if not can_edit_event(user, link.event):
        raise PermissionDenied(_("You may not edit this event."))
    link.detached = True
    link.save(update_fields=["detached"])
    return link


def linked_events_source_poll(
    source: LinkedEventsSource, *, fetcher=None, max_pages=linked_events.MAX_PAGES
) -> LinkedEventsRun:
    """Fetch what changed since the last sync and import it; the run says what happened."""
    started = timezone.now()
    try:
        items, truncated = linked_events.fetch_all(source, fetcher or fetch, max_pages=max_pages)
    except (FetchError, LinkedEventsError) as error:
        return _finish(source, started, Status.FAILED, str(error))
    if not items:
        return _finish(source, started, Status.NOT_MODIFIED, "")
    try:
        with content_write(None, _("Imported from Linked Events: %(name)s") % {"name": source}):
            counts, log, unmapped = _apply(source, items)
    except Exception as error:  # the transaction rolled back: nothing half-imported
        logger.exception("Importing %s failed", source.api_root)
        return _finish(source, started, Status.FAILED, str(error))
    seen = [item.last_modified for item in items if item.last_modified]
    if seen:
        source.last_modified_since = max([*seen, *filter(None, [source.last_modified_since])])
    message = ""
    if truncated:
        message = _("Read the first %(pages)s pages; the rest comes with the next sync.") % {
            "pages": max_pages
        }
    return _finish(
        source, started, Status.IMPORTED, message, counts=counts, log=log, unmapped=unmapped
    )


def _finish(source, started, status, message, *, counts=None, log=None, unmapped=None):
    run = LinkedEventsRun.objects.create(
        source=source,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        message=message,
        log=log or [],
        unmapped_keywords=unmapped or [],
        **(counts or {}),
    )
    source.last_run_at, source.last_status, source.last_message = started, status, message
    source.save(update_fields=["last_modified_since", "last_run_at", "last_status", "last_message"])
    return run


def topic_mapping() -> dict[str, int]:
    """Keyword id → topic: the coordinator's table, else a topic with that YSO concept."""
    mapping = {yso: pk for pk, yso in Topic.objects.exclude(yso="").values_list("pk", "yso")}
    mapping.update(KeywordTopic.objects.values_list("keyword", "topic_id"))
    return mapping


def _apply(source: LinkedEventsSource, items: list[UpstreamEvent]):
    links = {link.upstream_id: link for link in source.imported_events.select_related("event")}
    mapping, unmapped, places = topic_mapping(), {}, {}
    counts = {"created": 0, "updated": 0, "cancelled": 0}
    log, parents = [], {}
    for item in items:
        link = links.get(item.id)
        if link is not None and link.detached:
            continue
        if item.deleted:
            if link is not None and not link.event.is_cancelled:
                # Deleted there: cancelled here, not deleted, so links to it keep working.
                link.event.event_status = Event.Status.CANCELLED
                link.event.save()
                release_duplicates(link.event)
                link.fingerprint, link.last_modified_time = "", item.last_modified
                link.save(update_fields=["fingerprint", "last_modified_time"])
                counts["cancelled"] += 1
                log.append(_entry("cancelled", item.id, link.event))
            continue
        topics = sorted({mapping[k] for k, _name in item.keywords if k in mapping})
        for ident, name in item.keywords:
            if ident not in mapping:
                unmapped.setdefault(ident, name)
        fingerprint = _fingerprint(item, topics)
        if item.super_event:
            parents[item.id] = item.super_event
        if link is not None and link.fingerprint == fingerprint:
            continue
        was_cancelled = link is not None and link.event.is_cancelled
        event = _save_event(source, item, link, topics, places)
        if link is None:
            event.organizers.add(source.organization)
            links[item.id] = LinkedEventsEvent.objects.create(
                source=source, upstream_id=item.id, event=event,
                last_modified_time=item.last_modified, fingerprint=fingerprint,
            )  # fmt: skip
        link_duplicate(event, source_events=Q(linked_events_import__source=source))
        if link is None:
            counts["created"] += 1
            log.append(_entry("created", item.id, event))
            continue
        link.fingerprint, link.last_modified_time = fingerprint, item.last_modified
        link.save(update_fields=["fingerprint", "last_modified_time"])
        action = "cancelled" if event.is_cancelled and not was_cancelled else "updated"
        counts[action] += 1
        log.append(_entry(action, item.id, event))
    _link_series(links, parents)
    return counts, log, [{"id": k, "name": v} for k, v in sorted(unmapped.items())]


def _fingerprint(item: UpstreamEvent, topics: list[int]) -> str:
    # The topics count too: a keyword mapped since changes the event on its next change.
    return hashlib.sha256(f"{item.fingerprint}-{topics}".encode()).hexdigest()


def _save_event(source, item: UpstreamEvent, link, topics: list[int], places: dict) -> Event:
    event = link.event if link else Event(public_id=f"{DATA_SOURCE}:{source.pk}-{item.id}")
    event.data_source = DATA_SOURCE
    fallback = item.name.get("fi") or next(iter(item.name.values()))
    for lang in LANGUAGES:
        name = item.name.get(lang, fallback if lang == "fi" else "")
        setattr(event, f"name_{lang}", name[:250])
        short = item.short_description.get(lang, "")
        setattr(event, f"short_description_{lang}", short[:500])
        setattr(event, f"description_{lang}", sanitize_html(item.description.get(lang, "")))
        price = texts(item.offer.get("price")).get(lang, "")
        setattr(event, f"price_{lang}", price[:100])
    event.is_free = bool(item.offer.get("is_free", True)) if item.offer else True
    info_url = texts(item.offer.get("info_url")).get("fi", "")
    event.offer_info_url = info_url if info_url.startswith(("http://", "https://")) else ""
    event.start_time, event.end_time = item.start, item.end
    statuses = set(Event.Status.values)
    event.event_status = item.status if item.status in statuses else Event.Status.SCHEDULED
    event.super_event_type = (
        item.super_event_type if item.super_event_type in Event.SuperEventType.values else ""
    )
    event.location = _place(item.location, source.organization, places)
    current = event.publication_status if link else PublicationStatus.DRAFT
    event.publication_status = status_after_edit(
        user=source.created_by, organization=source.organization, current=current, publish=True
    )
    event.full_clean(exclude=["location", "organizers", "super_event"])
    event.save()
    event.topics.set(topics)
    return event


def _link_series(links: dict, parents: dict) -> None:
    """Sub-events point to their series or umbrella when this source brought it too."""
    for child_id, parent_id in parents.items():
        child, parent = links.get(child_id), links.get(parent_id)
        if child is None or parent is None or child.detached:
            continue
        if child.event.super_event_id != parent.event_id:
            child.event.super_event = parent.event
            child.event.save(update_fields=["super_event", "updated_at"])


def _place(location: dict | None, organization, cache: dict) -> Place | None:
    """The place of an event: one imported before, one of the same name or address, or new."""
    if not location:
        return None
    ident = location.get("id") or keyword_id(location.get("@id", ""))
    if not ident:
        return None
    if ident in cache:
        return cache[ident]
    public_id = f"{DATA_SOURCE}:{ident}"
    place = Place.objects.filter(public_id=public_id).first()
    names = texts(location.get("name"))
    if place is None and names:
        place = _matching_place(location, names, organization) or _new_place(
            location, names, public_id
        )
    cache[ident] = place
    return place


def _matching_place(location: dict, names: dict, organization) -> Place | None:
    street = texts(location.get("street_address")).get("fi", "")
    same = Q(name_fi__iexact=names.get("fi") or next(iter(names.values())))
    if street:
        same |= Q(street_address_fi__iexact=street, postal_code=location.get("postal_code") or "")
    return place_choices(organization).filter(same).order_by("pk").first()


def _new_place(location: dict, names: dict, public_id: str) -> Place:
    place = Place(public_id=public_id, data_source=DATA_SOURCE)
    streets = texts(location.get("street_address"))
    for lang in LANGUAGES:
        fallback = next(iter(names.values())) if lang == "fi" else ""
        setattr(place, f"name_{lang}", names.get(lang, fallback)[:250])
        setattr(place, f"street_address_{lang}", streets.get(lang, "")[:250])
    place.postal_code = (location.get("postal_code") or "")[:10]
    locality = texts(location.get("address_locality")).get("fi", "")
    if locality:
        place.municipality = Municipality.objects.filter(name_fi__iexact=locality).first()
    coordinates = (location.get("position") or {}).get("coordinates") or []
    if len(coordinates) == 2:
        place.longitude, place.latitude = (float(c) for c in coordinates)
    # Imported places are public as they come (places.models.Place).
    place.publication_status = PublicationStatus.PUBLISHED
    place.full_clean(exclude=["municipality", "proposed_by"])
    place.save()
    return place


def _entry(action: str, upstream_id: str, event: Event) -> dict:
    return {
        "action": action,
        "id": upstream_id,
        "event": event.public_id,
        "name": event.name_fi,
        "start": event.start_time.isoformat(),
    }

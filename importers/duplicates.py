"""The same event from two sources, shown once.

An event duplicates another when it starts at the same moment, at the same place and
under a similar name, and comes from another source: another calendar feed, a Linked
Events source, or Sakke itself (typed on the edit page or imported from a spreadsheet).
It is then linked to that event (`Event.duplicate_of`): lists, search, the API and feeds
leave it out, its address leads to the original, and the original's page names both
sources. Every source checks each event it creates or changes, so a renamed or moved
event stops being a duplicate.

- Two events entered in Sakke are never taken for one: a person entered each on purpose.
- What a person entered here leads: an event typed or imported from a spreadsheet that
  matches an imported original becomes the original, and the imported ones its duplicates.
- A person who knows better says "these are not the same" (`events.KeptApart`); the
  check leaves that pair alone on every later sync until the decision is undone.
"""

import difflib
import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_event, is_coordinator
from core.models import PublicationStatus
from core.writes import content_write
from events.models import Event, KeptApart

from .models import ImportedEvent, LinkedEventsEvent

#: How alike two names must be (difflib's ratio of their normalised forms, or the share
#: of words they have in common) to be taken for the same event.
NAME_SIMILARITY = 0.8
PLACE_SIMILARITY = 0.75
#: The data sources of events that came from elsewhere (importers.services,
#: importers.linked_events_services); every other event was entered in Sakke.
IMPORTED = ("ical", "linkedevents")
ENTERED_HERE = ~Q(data_source__in=IMPORTED)

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Lower case, accents of foreign letters kept (ä, ö, å matter), punctuation gone."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " ".join(_WORD.findall(text))


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1: the larger of the character and the word measure.

    Names that both carry numbers and differ in them ("Kerho 3", "Kerho 4") are different
    events, however alike the rest."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return 0.0
    characters = difflib.SequenceMatcher(None, a, b).ratio()
    words_a, words_b = set(a.split()), set(b.split())
    words = len(words_a & words_b) / len(words_a | words_b)
    return max(characters, words)


def _place_text(event: Event) -> str:
    if event.location_id is None:
        return ""
    place = event.location
    return " ".join(p for p in (place.name, place.street_address) if p)


def same_place(event: Event, event_place: str, other: Event) -> bool:
    """Both at one Place, or places (or the feed's LOCATION text) named alike in the same
    municipality (two sources may each have made a Place for one hall); two events that
    both say nothing of their place are taken to be at the same one."""
    if event.location_id and other.location_id:
        if event.location_id == other.location_id:
            return True
        municipalities = {event.location.municipality_id, other.location.municipality_id}
        if None not in municipalities and len(municipalities) > 1:
            return False
    mine = _place_text(event) or event_place
    theirs = _place_text(other)
    if not mine and not theirs:
        return True
    if not mine or not theirs:
        return False
    mine, theirs = normalise(mine), normalise(theirs)
    if mine in theirs or theirs in mine:
        return True
    return difflib.SequenceMatcher(None, mine, theirs).ratio() >= PLACE_SIMILARITY


def _name(event: Event) -> str:
    return event.name_fi or event.name


def is_entered_here(event: Event) -> bool:
    return event.data_source not in IMPORTED


def own_source(event: Event) -> Q:
    """The events of `event`'s own source, which it never duplicates."""
    if is_entered_here(event):
        return ENTERED_HERE
    feed = ImportedEvent.objects.filter(event=event).values_list("source_id", flat=True).first()
    if feed is not None:
        return Q(imported_from__source_id=feed)
    upstream = (
        LinkedEventsEvent.objects.filter(event=event).values_list("source_id", flat=True).first()
    )
    if upstream is not None:
        return Q(linked_events_import__source_id=upstream)
    return Q(pk=event.pk)


def kept_apart_from(event: Event) -> set[int]:
    """The events a standing decision keeps apart from `event`."""
    pairs = KeptApart.objects.filter(Q(event=event) | Q(other=event), undone_at__isnull=True)
    return {pk for pair in pairs.values_list("event_id", "other_id") for pk in pair} - {event.pk}


def find_original(event: Event, *, place: str = "", source_events: Q | None = None) -> Event | None:
    """The event `event` duplicates, if any: listed, not cancelled, at the same start,
    not from the same source (`source_events` says which events are), not kept apart
    from it, most alike first."""
    candidates = (
        Event.objects.filter(
            start_time=event.start_time,
            publication_status=PublicationStatus.PUBLISHED,
            duplicate_of__isnull=True,
        )
        .exclude(pk=event.pk)
        .exclude(event_status=Event.Status.CANCELLED)
        .exclude(source_events if source_events is not None else own_source(event))
        .select_related("location")
    )
    if event.pk is not None:  # a subquery, not a query of its own: one query per event
        standing = KeptApart.objects.filter(undone_at__isnull=True)
        candidates = candidates.exclude(
            Exists(standing.filter(event=event, other=OuterRef("pk")))
        ).exclude(Exists(standing.filter(event=OuterRef("pk"), other=event)))
    best, best_score = None, 0.0
    for candidate in candidates[:50]:
        score = similarity(_name(event), _name(candidate))
        if score >= NAME_SIMILARITY and score > best_score and same_place(event, place, candidate):
            best, best_score = candidate, score
    return best


def link_duplicate(
    event: Event, *, place: str = "", source_events: Q | None = None, created: bool = False
) -> bool:
    """Link a saved `event` to the event it duplicates, or unlink it when it no longer does.

    Returns whether it is a duplicate now. An event others already duplicate stays the
    original (and lets go of those no longer like it); one that is cancelled or not
    public is no one's duplicate or original. An event entered here that matches an
    imported original takes its place. `created` says no event can duplicate it yet."""
    original = None
    if event.is_cancelled or event.publication_status != PublicationStatus.PUBLISHED:
        release_duplicates(event)
    elif not created and event.duplicates.exists():
        _release_unlike(event)
    else:
        original = find_original(event, place=place, source_events=source_events)
        if original is not None and is_entered_here(event) and not is_entered_here(original):
            _lead(event, original)
            original = None
    if event.duplicate_of_id != (original.pk if original else None):
        event.duplicate_of = original
        event.save(update_fields=["duplicate_of", "updated_at"])
    return original is not None


def _relink(events, original: Event | None) -> None:
    for event in events:  # saved one by one, so that the search index sees each
        event.duplicate_of = original
        event.save(update_fields=["duplicate_of", "updated_at"])


def _lead(event: Event, original: Event) -> None:
    """`event` becomes the original of `original` and of its duplicates (those not kept
    apart from it, which are listed on their own again)."""
    apart = kept_apart_from(event)
    followers = [original, *Event.objects.filter(duplicate_of=original)]
    _relink([e for e in followers if e.pk not in apart], event)
    _relink([e for e in followers if e.pk in apart and e.duplicate_of_id], None)


def _release_unlike(original: Event) -> None:
    """Duplicates whose start or name no longer match a changed original are listed again.

    The place is not compared: a feed's LOCATION text is not kept, and the duplicate's
    own source checks it again when it changes."""
    unlike = [
        d
        for d in Event.objects.filter(duplicate_of=original)
        if d.start_time != original.start_time
        or similarity(_name(d), _name(original)) < NAME_SIMILARITY
    ]
    _relink(unlike, None)


def release_duplicates(event: Event) -> int:
    """A cancelled original no longer stands for its duplicates: they are listed again."""
    released = list(Event.objects.filter(duplicate_of=event))
    _relink(released, None)
    return len(released)


# Saying "these are not the same", and taking it back.


def may_keep_apart(user, event: Event, other: Event) -> bool:
    """The coordinator, or an editor of either event, may say two events are not one."""
    return is_coordinator(user) or can_edit_event(user, event) or can_edit_event(user, other)


def events_keep_apart(*, user, event: Event, other: Event) -> KeptApart:
    """Record that `event` and `other` are not the same event and list both on their own;
    later syncs leave the pair alone."""
    if not may_keep_apart(user, event, other):
        raise PermissionDenied(_("You may not change how these events are shown."))
    if event.pk == other.pk:
        raise ValidationError(_("An event is always the same as itself."))
    first, second = sorted((event, other), key=lambda e: e.pk)
    with content_write(user, _("Marked as not the same event")):
        decision = KeptApart.objects.filter(
            event=first, other=second, undone_at__isnull=True
        ).first() or KeptApart.objects.create(
            event=first, other=second, decided_by=user, decided_at=timezone.now()
        )
        released = [e for e in (first, second) if e.duplicate_of_id in (first.pk, second.pk)]
        _relink(released, None)
        for event in released:  # it may still be the same as a third event
            link_duplicate(event)
    return decision


def events_keep_apart_undo(*, user, decision: KeptApart) -> KeptApart:
    """Take back a decision: the pair is checked again and shown once if it still matches."""
    event, other = decision.event, decision.other
    if not may_keep_apart(user, event, other):
        raise PermissionDenied(_("You may not change how these events are shown."))
    if not decision.is_standing:
        raise ValidationError(_("This decision has already been undone."))
    with content_write(user, _("Undid: marked as not the same event")):
        decision.undone_by, decision.undone_at = user, timezone.now()
        decision.save(update_fields=["undone_by", "undone_at"])
        # The one no one duplicates looks for its original; an original stays one.
        for one in sorted((event, other), key=lambda e: e.duplicates.exists()):
            one.refresh_from_db()
            if one.duplicate_of_id is None:
                link_duplicate(one)
    return decision

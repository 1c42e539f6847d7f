"""The same event from two sources, shown once.

An imported event duplicates an event already here when it starts at the same moment,
at the same place and under a similar name, and comes from another source (another
feed, or entered by hand). It is then linked to that event (`Event.duplicate_of`):
lists, search, the API and feeds leave it out, its address leads to the original,
and the original's page names both sources. An import that changes the event checks
again, so a renamed or moved event stops being a duplicate.
"""

import difflib
import re
import unicodedata

from django.db.models import Q

from core.models import PublicationStatus
from events.models import Event

#: How alike two names must be (difflib's ratio of their normalised forms, or the share
#: of words they have in common) to be taken for the same event.
NAME_SIMILARITY = 0.8
PLACE_SIMILARITY = 0.75

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, accents of foreign letters kept (ä, ö, å matter), punctuation gone."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " ".join(_WORD.findall(text))


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1: the larger of the character and the word measure."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
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
    """Both at one Place, or the feed's LOCATION text names the other's place; two
    events that both say nothing of their place are taken to be at the same one."""
    if event.location_id and other.location_id:
        return event.location_id == other.location_id
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


def find_original(event: Event, *, place: str = "", source_events: Q | None = None) -> Event | None:
    """The event `event` duplicates, if any: listed, not cancelled, at the same start,
    not from the same source (`source_events` says which events are), most alike first."""
    candidates = (
        Event.objects.filter(
            start_time=event.start_time,
            publication_status=PublicationStatus.PUBLISHED,
            duplicate_of__isnull=True,
        )
        .exclude(pk=event.pk)
        .exclude(event_status=Event.Status.CANCELLED)
        .select_related("location")
    )
    if source_events is not None:
        candidates = candidates.exclude(source_events)
    best, best_score = None, 0.0
    for candidate in candidates[:50]:
        score = similarity(event.name_fi or event.name, candidate.name_fi or candidate.name)
        if score >= NAME_SIMILARITY and score > best_score and same_place(event, place, candidate):
            best, best_score = candidate, score
    return best


def link_duplicate(event: Event, *, place: str = "", source_events: Q | None = None) -> bool:
    """Link `event` to the event it duplicates, or unlink it when it no longer does.

    Returns whether it is a duplicate now. An event others already duplicate stays the
    original; a cancelled one is no one's duplicate."""
    original = None
    if event.is_cancelled:
        release_duplicates(event)
    elif not event.duplicates.exists():
        original = find_original(event, place=place, source_events=source_events)
    if event.duplicate_of_id != (original.pk if original else None):
        event.duplicate_of = original
        event.save(update_fields=["duplicate_of", "updated_at"])
    return original is not None


def release_duplicates(event: Event) -> int:
    """A cancelled original no longer stands for its duplicates: they are listed again."""
    released = list(Event.objects.filter(duplicate_of=event))
    for duplicate in released:  # saved one by one, so that the search index sees each
        duplicate.duplicate_of = None
        duplicate.save(update_fields=["duplicate_of", "updated_at"])
    return len(released)

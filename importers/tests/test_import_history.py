"""A new imported event's history and search entry are whole, though its relations are
written in bulk and its history is recorded without asking the database for them."""

import pytest

from core.history import versions_of
from importers.fetching import FetchResult
from importers.services import source_poll
from search.models import SearchEntry
from taxonomy.tests.factories import TopicFactory

from .factories import CalendarSourceFactory

pytestmark = pytest.mark.django_db

FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FI\r\nBEGIN:VEVENT\r\n"
    b"UID:kuoro@example\r\nDTSTAMP:20270201T120000Z\r\nDTSTART:20270310T160000Z\r\n"
    b"SUMMARY:Kuoron kevatkonsertti\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_new_imported_events_history_and_search_entry_name_its_association():
    TopicFactory()  # a topic exists, and the event has none
    source = CalendarSourceFactory(organization__name_fi="Kuoro Kaiku")

    source_poll(source, fetcher=lambda url, **kwargs: FetchResult(status=200, body=FEED))

    event = source.imported_events.get().event
    [version] = versions_of(event)
    assert version.field_dict["organizers"] == [source.organization.pk]
    assert version.field_dict["topics"] == []
    assert list(event.organizers.all()) == [source.organization]
    entry = SearchEntry.objects.get(kind="event", object_id=event.pk)
    assert "kaiku" in entry.part_terms + entry.body_terms + entry.tag_terms

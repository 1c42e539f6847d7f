"""A form save indexes each object once, not once per relation it sets."""

import pytest

from events.models import Event
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from search import signals
from search.models import SearchEntry
from search.signals import index_once
from taxonomy.tests.factories import AudienceFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_calls(monkeypatch):
    calls = []
    real = signals.index_objects

    def counting(model, pks):
        calls.append((model, sorted(pks)))
        real(model, pks)

    monkeypatch.setattr(signals, "index_objects", counting)
    return calls


def test_outside_the_block_each_signal_indexes(index_calls):
    event = EventFactory()
    index_calls.clear()
    event.topics.set([TopicFactory()])
    event.audiences.set([AudienceFactory()])
    assert [model for model, _ in index_calls].count(Event) == 2
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()


def test_the_test_factories_index_an_object_once_with_its_relations(index_calls):
    event = EventFactory(topics=[TopicFactory(name_fi="Kuorolaulu")], audiences=[AudienceFactory()])
    assert [call for call in index_calls if call[0] is Event] == [(Event, [event.pk])]
    assert "kuorolaulu" in SearchEntry.objects.get(kind="event", object_id=event.pk).tag_terms


def test_inside_the_block_an_event_is_indexed_once_with_all_its_relations(index_calls):
    topic = TopicFactory(name_fi="Kuorolaulu")
    with index_once():
        event = EventFactory(name_fi="Joulukonsertti", topics=[topic])
        event.audiences.set([AudienceFactory()])
        event.organizers.set([OrganizationFactory()])
        assert not SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()
    assert [call for call in index_calls if call[0] is Event] == [(Event, [event.pk])]
    entry = SearchEntry.objects.get(kind="event", object_id=event.pk)
    assert entry.title_fi == "Joulukonsertti"
    assert "kuorolaulu" in entry.tag_terms


def test_a_nested_block_leaves_the_indexing_to_the_outer_one(index_calls):
    with index_once():
        with index_once():
            event = EventFactory()
        assert not SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()


def test_an_error_in_the_block_indexes_nothing_and_the_next_save_indexes_again(index_calls):
    with pytest.raises(RuntimeError), index_once():
        EventFactory()
        raise RuntimeError("the form failed")
    assert index_calls == []
    event = EventFactory()  # no block left open
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()


def test_the_self_service_event_save_indexes_the_event_once(index_calls, client):
    from accounts.models import OrganizationEditor
    from accounts.tests.factories import UserFactory
    from selfservice.services import event_save

    organization = OrganizationFactory()
    user = UserFactory()
    OrganizationEditor.objects.create(user=user, organization=organization)
    index_calls.clear()
    event = event_save(
        user=user,
        organization=organization,
        data={"name_fi": "Syyskokous", "start_time": EventFactory.build().start_time},
        relations={"topics": [TopicFactory()], "audiences": [AudienceFactory()]},
        publish=True,
    )
    assert [call for call in index_calls if call[0] is Event] == [(Event, [event.pk])]
    assert SearchEntry.objects.get(kind="event", object_id=event.pk).title_fi == "Syyskokous"


def test_a_content_write_indexes_its_event_once_at_its_end(index_calls):
    from core.writes import content_write

    event = EventFactory()
    index_calls.clear()
    with content_write(None, "Saved the event"):
        event.name_fi = "Joulukonsertti"
        event.save()
        event.topics.set([TopicFactory()])
        event.audiences.set([AudienceFactory()])
        assert index_calls == []
    assert [call for call in index_calls if call[0] is Event] == [(Event, [event.pk])]

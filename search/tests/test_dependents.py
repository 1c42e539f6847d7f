"""A change that shows in other objects' index rows queues those objects for the index.

An event's row holds its place's name and municipality and the names of its organizers,
topics and audiences; renaming any of those, through a form, the admin or an import,
must reach the search without a rebuild.
"""

import pytest

from activities.tests.factories import ActivityFactory
from datasets.services import dataset_import
from datasets.tests.small_dataset import small_dataset
from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from news.tests.factories import NewsPostFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from search.index import index_pending
from search.models import PendingIndex
from search.services import search
from taxonomy.models import Topic
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def found(text: str, **filters) -> set[str]:
    return {hit.public_id for hit in search(text, **filters).hits}


def queued() -> set[tuple[str, int]]:
    return set(PendingIndex.objects.values_list("kind", "object_id"))


@pytest.fixture
def sent_tasks(monkeypatch):
    """The index tasks sent to the broker (none really leaves)."""
    from search import tasks

    sent = []
    monkeypatch.setattr(tasks.index_pending_task, "delay", lambda: sent.append(1))
    return sent


def test_renaming_a_place_queues_its_events_and_activities_and_then_finds_them(
    sent_tasks, django_capture_on_commit_callbacks
):
    hall = PlaceFactory(name_fi="Väinölänniemen paviljonki")
    event = EventFactory(name_fi="Syysmessut", location=hall)
    activity = ActivityFactory(name_fi="Tuolijumppa", location=hall)
    EventFactory(name_fi="Kevätkonsertti")  # somewhere else

    hall.name_fi = "Musiikkikeskus"
    with django_capture_on_commit_callbacks(execute=True):
        hall.save()
        assert sent_tasks == []  # not before the commit

    assert queued() == {("event", event.pk), ("activity", activity.pk)}
    assert sent_tasks == [1]
    assert found("musiikkikeskus") == {hall.public_id}  # the place itself is indexed at once
    assert index_pending() == 2
    assert found("musiikkikeskuksessa") == {hall.public_id, event.public_id, activity.public_id}
    assert event.public_id not in found("paviljonki")


def test_moving_a_place_to_another_municipality_moves_its_events_in_the_filter():
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    siilinjarvi = MunicipalityFactory(code="749", name_fi="Siilinjärvi")
    hall = PlaceFactory(name_fi="Kulttuuritalo", municipality=kuopio)
    event = EventFactory(name_fi="Joulumyyjäiset", location=hall)
    assert found("joulumyyjäiset", municipality="297") == {event.public_id}

    hall.municipality = siilinjarvi
    hall.save()
    index_pending()

    assert found("joulumyyjäiset", municipality="297") == set()
    assert found("joulumyyjäiset", municipality="749") == {event.public_id}


def test_renaming_an_association_queues_what_it_organises_and_its_news():
    choir = OrganizationFactory(name_fi="Kuopion Mieskuoro ry")
    event = EventFactory(name_fi="Joulukonsertti", organizers=[choir])
    activity = ActivityFactory(name_fi="Harjoitukset", organizer=choir)
    post = NewsPostFactory(title_fi="Uusia laulajia", organization=choir)

    choir.name_fi = "Kuopion Laulumiehet ry"
    choir.save()

    assert queued() == {("event", event.pk), ("activity", activity.pk), ("news", post.pk)}
    index_pending()
    assert {event.public_id, activity.public_id, post.public_id} <= found("laulumiehet")


def test_renaming_a_topic_reaches_every_kind_that_shows_it():
    singing = TopicFactory(name_fi="Laulu", name_en="Singing")
    choir = OrganizationFactory(name_fi="Sekakuoro Sointu ry", topics=[singing])
    event = EventFactory(name_fi="Joulukonsertti", topics=[singing])
    activity = ActivityFactory(name_fi="Harjoitukset", topics=[singing])

    singing.name_fi = "Kuorolaulu"
    singing.save()

    assert queued() == {
        ("organization", choir.pk),
        ("event", event.pk),
        ("activity", activity.pk),
    }
    index_pending()
    assert {choir.public_id, event.public_id, activity.public_id} <= found("kuorolaulu")


def test_a_change_no_other_row_shows_queues_nothing_and_sends_no_task(
    sent_tasks, django_capture_on_commit_callbacks
):
    hall = PlaceFactory(name_fi="Kulttuuritalo", postal_code="70100")
    singing = TopicFactory(name_fi="Laulu")
    choir = OrganizationFactory(name_fi="Sekakuoro Sointu ry", topics=[singing])
    EventFactory(location=hall, organizers=[choir], topics=[singing])

    with django_capture_on_commit_callbacks(execute=True):
        hall.postal_code = "70110"
        hall.save()
        singing.yso = "http://www.yso.fi/onto/yso/p1808"
        singing.save()
        choir.description_fi = "Laulamme joka torstai."
        choir.save()
        hall.save()  # nothing changed at all

    assert queued() == set()
    assert sent_tasks == []


def test_deleting_a_topic_takes_its_name_out_of_the_rows_that_showed_it():
    singing = TopicFactory(name_fi="Kuorolaulu")
    event = EventFactory(name_fi="Joulukonsertti", topics=[singing])
    assert event.public_id in found("kuorolaulu")

    singing.delete()

    assert queued() == {("event", event.pk)}
    index_pending()
    assert event.public_id not in found("kuorolaulu")
    assert event.public_id in found("joulukonsertti")


def test_an_import_that_renames_a_place_and_a_topic_queues_the_rows_that_show_them():
    data = small_dataset()
    dataset_import(data=data)
    assert found("kaupungintalolla") >= {"test:event-1", "test:act-1"}

    data["places"][0]["name"]["fi"] = "Kuopion musiikkikeskus"
    data["topics"][0]["name"]["fi"] = "Kuntoliikunta"
    report = dataset_import(data=data, index_now=False)

    kinds = {(kind, Event.objects.get(pk=pk).public_id) for kind, pk in queued() if kind == "event"}
    assert kinds == {("event", "test:event-1")}  # event-2 is online, with no topic
    assert {kind for kind, _pk in queued()} == {"place", "event", "activity", "organization"}
    assert report.queued_for_search == len(queued())
    index_pending()
    assert found("musiikkikeskuksessa") >= {"test:place-1", "test:event-1", "test:act-1"}
    assert found("kuntoliikunta") >= {"test:org-1", "test:event-1"}
    assert not Topic.objects.filter(name_fi="Liikunta").exists()

"""Every list costs the same number of queries, however many rich rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Contact, SocialLink
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    return {
        "municipalities": MunicipalityFactory.create_batch(2),
        "topics": TopicFactory.create_batch(3),
        "audiences": AudienceFactory.create_batch(2),
        "languages": [LanguageFactory(code="fi"), LanguageFactory(code="sv")],
        "parent": OrganizationFactory(),
    }


def make_events(count, vocabulary):
    organizers = OrganizationFactory.create_batch(3)
    for _ in range(count):
        head = EventFactory(
            organizers=organizers,
            topics=vocabulary["topics"],
            audiences=vocabulary["audiences"],
            in_language=vocabulary["languages"],
            super_event_type="umbrella",
        )
        EventFactory.create_batch(2, super_event=head, organizers=organizers[:1])


def make_organizations(count, vocabulary):
    for _ in range(count):
        organization = OrganizationFactory(
            municipalities=vocabulary["municipalities"],
            topics=vocabulary["topics"],
            audiences=vocabulary["audiences"],
            parent=vocabulary["parent"],
            address_municipality=vocabulary["municipalities"][0],
        )
        SocialLink.objects.create(
            organization=organization, service="facebook", url="https://facebook.com/x"
        )
        Contact.objects.create(
            organization=organization, consent=True, name="Maija", role_fi="puheenjohtaja"
        )
        Contact.objects.create(
            organization=organization, consent=True, name="Matti", role_fi="sihteeri"
        )


def make_activities(count, vocabulary):
    for _ in range(count):
        activity = ActivityFactory(
            municipalities=vocabulary["municipalities"], topics=vocabulary["topics"]
        )
        activity.audiences.set(vocabulary["audiences"])
        activity.in_language.set(vocabulary["languages"])
        WeeklySlotFactory.create_batch(2, activity=activity)


def make_places(count, vocabulary):
    PlaceFactory.create_batch(count, municipality=vocabulary["municipalities"][0])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()["meta"]["count"]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/event/?page_size=20", make_events),
        ("/api/v1/organization/?page_size=20", make_organizations),
        ("/api/v1/activity/?page_size=20", make_activities),
        ("/api/v1/place/?page_size=20", make_places),
    ],
)
def test_a_list_makes_the_same_number_of_queries_for_3_or_25_rich_items(
    client, vocabulary, url, make
):
    make(3, vocabulary)
    few, few_count = queries_for(client, url)
    make(22, vocabulary)
    many, many_count = queries_for(client, url)

    assert few_count < many_count
    assert many_count > 20  # the page is full
    assert few == many


def test_the_event_list_costs_a_handful_of_queries(client, vocabulary, django_assert_num_queries):
    make_events(3, vocabulary)

    # count, the page's ids, the page, then organizers, topics, audiences, languages and
    # sub-events
    with django_assert_num_queries(8):
        client.get("/api/v1/event/")

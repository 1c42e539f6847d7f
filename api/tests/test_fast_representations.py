"""Serializers that build their dict directly give what DRF's field-by-field way gives."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request

from cards.api import PremisesReference
from cards.tests.factories import PremisesFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.api import OrganizationReferenceSerializer
from organizations.tests.factories import OrganizationFactory
from places.api import EmbeddedPlaceSerializer
from places.tests.factories import PlaceFactory
from taxonomy.api import AudienceReferenceSerializer, LanguageSerializer, TopicReferenceSerializer
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def both_ways(serializer_class, instance):
    context = {"request": Request(RequestFactory().get("/api/v1/event/"))}
    fast = serializer_class(instance, context=context)
    slow = serializer_class(instance, context=context)
    # DRF's own ModelSerializer.to_representation, field by field.
    return fast.data, dict(serializers.ModelSerializer.to_representation(slow, instance))


def test_an_embedded_place_with_everything():
    place = PlaceFactory(
        municipality=MunicipalityFactory(code="297"),
        name_fi="Kulttuuritalo",
        name_sv="Kulturhuset",
        street_address_fi="Kauppakatu 1",
        postal_code="70100",
        latitude=62.89,
        longitude=27.68,
    )
    fast, slow = both_ways(EmbeddedPlaceSerializer, place)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["municipality"] == "297"
    assert fast["position"] == {"lat": 62.89, "lon": 27.68}


def test_an_embedded_place_with_gaps():
    place = PlaceFactory(municipality=None, postal_code="", latitude=None, longitude=None)
    fast, slow = both_ways(EmbeddedPlaceSerializer, place)
    assert fast == slow
    assert fast["municipality"] is None and fast["position"] is None
    assert fast["postal_code"] is None


@pytest.mark.parametrize(
    ("serializer_class", "make"),
    [
        (TopicReferenceSerializer, lambda: TopicFactory(name_sv="")),
        (AudienceReferenceSerializer, AudienceFactory),
        (LanguageSerializer, LanguageFactory),
        (OrganizationReferenceSerializer, lambda: OrganizationFactory(name_en="Choir")),
        (PremisesReference, PremisesFactory),
    ],
)
def test_references(serializer_class, make):
    fast, slow = both_ways(serializer_class, make())
    assert fast == slow
    linked = ["id", "@id", "@context"] if serializer_class.context_url else ["id", "@id"]
    assert list(fast) == [*linked, "@type", "name"]


def event_both_ways(event_id):
    from events.api import EventSerializer, event_api_list

    event = event_api_list().get(pk=event_id)
    return both_ways(EventSerializer, event)


def test_an_event_with_everything():
    import datetime as dt

    from events.models import Event
    from events.tests.factories import EventFactory

    umbrella = EventFactory(name_fi="Kulttuuriviikko", super_event_type="umbrella")
    event = EventFactory(
        name_fi="Konsertti",
        name_sv="Konsert",
        short_description_en="A concert",
        super_event=umbrella,
        organizers=[OrganizationFactory(name_en="Choir"), OrganizationFactory()],
        topics=[TopicFactory(), TopicFactory(name_sv="")],
        audiences=[AudienceFactory()],
        in_language=[LanguageFactory()],
        audience_min_age=7,
        audience_max_age=99,
        is_free=False,
        price_fi="10 €",
        offer_info_url="https://example.org/liput",
        registration_url="https://example.org/ilmoittaudu",
        online_url="https://example.org/stream",
        accessibility=["wheelchair", "induction_loop"],
        event_status=Event.Status.RESCHEDULED,
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
    )
    EventFactory(super_event=event, start_time=event.start_time + dt.timedelta(days=1))
    fast, slow = event_both_ways(event.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["super_event"]["@id"].endswith(f"/api/v1/event/{umbrella.public_id}/")
    assert len(fast["sub_events"]) == 1 and len(fast["organizers"]) == 2
    assert fast["offers"] == [
        {
            "is_free": False,
            "price": {"fi": "10 €", "sv": None, "en": None},
            "info_url": "https://example.org/liput",
        }
    ]
    assert fast["start_time"].endswith("+02:00") or fast["start_time"].endswith("+03:00")

    umbrella_fast, umbrella_slow = event_both_ways(umbrella.pk)
    assert umbrella_fast == umbrella_slow and umbrella_fast["super_event"] is None


def test_an_event_with_gaps():
    from events.tests.factories import EventFactory

    event = EventFactory(location=None, end_time=None, online_url="", accessibility=[])
    fast, slow = event_both_ways(event.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["location"] is None and fast["end_time"] is None
    assert fast["online_url"] is None and fast["organizers"] == []


def organization_both_ways(organization_id):
    from organizations.api import OrganizationSerializer, organization_api_list

    return both_ways(OrganizationSerializer, organization_api_list().get(pk=organization_id))


def test_an_association_with_everything():
    from organizations.models import Contact, SocialLink

    kuopio = MunicipalityFactory(code="297")
    umbrella = OrganizationFactory(name_fi="Piirijärjestö ry")
    organization = OrganizationFactory(
        name_fi="Kuopion Laulu ry",
        name_sv="Kuopio Sång rf",
        description_en="A choir",
        business_id="2733669-8",
        founded=1987,
        phone="+358 40 123 4567",
        website="https://example.org",
        street_address="Kauppakatu 1",
        postal_code="70100",
        address_municipality=kuopio,
        parent=umbrella,
        municipalities=[kuopio, MunicipalityFactory(code="140")],
        topics=[TopicFactory(), TopicFactory(name_sv="")],
        audiences=[AudienceFactory()],
    )
    SocialLink.objects.create(
        organization=organization, service=SocialLink.Service.choices[0][0], url="https://x.org"
    )
    Contact.objects.create(
        organization=organization, consent=True, name="Liisa", role_fi="puheenjohtaja"
    )
    Contact.objects.create(
        organization=organization, consent=True, name="Matti", email="m@example.org"
    )

    fast, slow = organization_both_ways(organization.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["parent"]["@id"].endswith(f"/api/v1/organization/{umbrella.public_id}/")
    assert fast["address"] == {
        "street": "Kauppakatu 1",
        "postal_code": "70100",
        "municipality": "297",
    }
    assert len(fast["contacts"]) == 2 and len(fast["social_links"]) == 1


def test_an_association_with_gaps():
    organization = OrganizationFactory(email="", business_id="", founded=None)
    fast, slow = organization_both_ways(organization.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["parent"] is None and fast["address"]["municipality"] is None
    assert fast["email"] is None and fast["contacts"] == []


def activity_both_ways(activity_id):
    from activities.api import ActivitySerializer, activity_api_list

    return both_ways(ActivitySerializer, activity_api_list().get(pk=activity_id))


def test_an_activity_with_everything():
    import datetime as dt

    from activities.tests.factories import ActivityFactory, WeeklySlotFactory

    activity = ActivityFactory(
        name_fi="Tuolijumppa",
        name_sv="Stolgympa",
        description_en="Chair exercise",
        participation=["on_site", "online"],
        municipalities=[MunicipalityFactory(code="297"), MunicipalityFactory(code="140")],
        topics=[TopicFactory(), TopicFactory(name_sv="")],
        is_free=False,
        price_fi="2 € / kerta",
        accessibility=["wheelchair"],
        contact_email="jumppa@example.org",
    )
    activity.audiences.set([AudienceFactory()])
    activity.in_language.set([LanguageFactory()])
    WeeklySlotFactory(activity=activity, weekday=3, start=dt.time(10, 0), end=dt.time(11, 30))
    WeeklySlotFactory(activity=activity, weekday=1, start=dt.time(18, 15), end=None)

    fast, slow = activity_both_ways(activity.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["schedule"] == [
        {"weekday": 1, "start": "18:15", "end": None},
        {"weekday": 3, "start": "10:00", "end": "11:30"},
    ]
    assert fast["contact"] == {"email": "jumppa@example.org", "phone": None}
    assert fast["organizer"]["@type"] == "Organization"
    assert len(fast["in_language"]) == 1 and len(fast["audiences"]) == 1


def test_an_activity_with_gaps():
    from activities.tests.factories import ActivityFactory

    activity = ActivityFactory(organizer=None, location=None, participation=[], accessibility=[])
    fast, slow = activity_both_ways(activity.pk)
    assert fast == slow
    assert list(fast) == list(slow)
    assert fast["organizer"] is None and fast["location"] is None
    assert fast["schedule"] == [] and fast["contact"] == {"email": None, "phone": None}

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
    assert list(fast) == ["id", "@id", "@type", "name"]

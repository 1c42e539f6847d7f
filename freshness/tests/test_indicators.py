"""The freshness indicator source against a hand count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from programme.indicators import indicator_source, reading_by_municipality
from programme.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def _confirmed(days_ago: int):
    return dt.datetime.combine(
        TODAY - dt.timedelta(days=days_ago), dt.time(12), tzinfo=timezone.get_current_timezone()
    )


def test_confirmed_share_is_the_percentage_of_listings_confirmed_within_a_year():
    kuopio, varkaus = MunicipalityFactory(), MunicipalityFactory()
    OrganizationFactory(address_municipality=kuopio, confirmed_at=_confirmed(10))
    OrganizationFactory(address_municipality=kuopio, confirmed_at=_confirmed(364))
    OrganizationFactory(address_municipality=kuopio, confirmed_at=_confirmed(400))
    OrganizationFactory(address_municipality=varkaus, confirmed_at=_confirmed(500))
    # Not listings that count: a draft and a dissolved association.
    OrganizationFactory(
        address_municipality=varkaus,
        confirmed_at=_confirmed(1),
        publication_status=PublicationStatus.DRAFT,
    )
    OrganizationFactory(
        address_municipality=varkaus,
        confirmed_at=_confirmed(1),
        status=Organization.Status.DISSOLVED,
    )

    source = indicator_source("freshness.confirmed_share")
    reading = reading_by_municipality(source.function(ProgrammeFactory(), TODAY))

    # By hand: Kuopio 2 of 3, Varkaus 0 of 1, the region 2 of 4.
    assert reading == {
        None: Decimal("50.0"),
        kuopio.pk: Decimal("66.7"),
        varkaus.pk: Decimal("0.0"),
    }

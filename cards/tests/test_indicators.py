"""The cards' indicator source against a hand count."""

import datetime as dt

import pytest

from cards.models import Premises
from municipalities.tests.factories import MunicipalityFactory
from programme.indicators import indicator_source, reading_by_municipality
from programme.tests.factories import ProgrammeFactory

from .factories import CardContactFactory, CardFactory, GrantPeriodFactory, PremisesFactory

pytestmark = pytest.mark.django_db


def _complete(card):
    CardContactFactory(card=card)
    PremisesFactory(card=card, price=Premises.Price.FREE)
    GrantPeriodFactory(grant__card=card)
    return card


def test_complete_cards_counts_municipalities_with_contact_free_premises_and_deadline():
    whole = _complete(CardFactory())
    also_whole = _complete(CardFactory())
    no_consent = CardFactory()
    CardContactFactory(card=no_consent, consent=False)
    PremisesFactory(card=no_consent)
    GrantPeriodFactory(grant__card=no_consent)
    paid = CardFactory()
    CardContactFactory(card=paid)
    PremisesFactory(card=paid, price=Premises.Price.REDUCED)
    GrantPeriodFactory(grant__card=paid)
    no_deadline = CardFactory()
    CardContactFactory(card=no_deadline)
    PremisesFactory(card=no_deadline)
    MunicipalityFactory()  # no card at all

    source = indicator_source("cards.complete")
    reading = reading_by_municipality(source.function(ProgrammeFactory(), dt.date(2026, 6, 1)))

    # By hand: two of five cards have all three things.
    assert reading == {
        None: 2,
        whole.municipality_id: 1,
        also_whole.municipality_id: 1,
        no_consent.municipality_id: 0,
        paid.municipality_id: 0,
        no_deadline.municipality_id: 0,
    }

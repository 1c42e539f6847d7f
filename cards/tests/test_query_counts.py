"""The card pages and lists cost a fixed number of queries, however much they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cards.models import Practice

from .factories import (
    CardContactFactory,
    CardFactory,
    GrantFactory,
    GrantPeriodFactory,
    PracticeAnswerFactory,
    PremisesFactory,
)

pytestmark = pytest.mark.django_db


def add_cards(count):
    for _ in range(count):
        card = CardFactory()
        for practice in Practice.objects.all()[:3]:
            PracticeAnswerFactory(card=card, practice=practice)
        GrantPeriodFactory(grant=GrantFactory(card=card))
        CardContactFactory(card=card)
        PremisesFactory(card=card)
    return card


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name",
    ["cards:list", "cards:comparison", "cards:grant_calendar", "cards:grant_calendar_ics"],
)
def test_a_list_costs_as_many_queries_for_five_cards_as_for_two(client, url_name):
    add_cards(2)
    two = queries(client, reverse(url_name))
    add_cards(3)

    assert queries(client, reverse(url_name)) == two


def test_a_card_page_costs_as_many_queries_with_more_rows(client):
    card = add_cards(1)
    url = reverse("cards:detail", kwargs={"slug": card.municipality.slug})
    before = queries(client, url)
    GrantPeriodFactory(grant=GrantFactory(card=card))
    CardContactFactory(card=card)
    PremisesFactory(card=card)

    assert queries(client, url) == before

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from cards.selectors import stale_cards
from municipalities.tests.factories import MunicipalityFactory

from .factories import CardFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_cards_not_verified_in_twelve_months_are_stale():
    fresh = CardFactory(municipality__slug="tervo", verified_at=NOW - dt.timedelta(days=364))
    old = CardFactory(municipality__slug="vesanto", verified_at=NOW - dt.timedelta(days=366))
    never = CardFactory(municipality__slug="keitele", verified_at=None)
    missing = MunicipalityFactory(slug="sonkajarvi")

    stale = {municipality for municipality, _card, _editors in stale_cards()}

    assert stale == {old.municipality, never.municipality, missing}
    assert fresh.municipality not in stale


def test_a_card_goes_stale_a_year_after_it_was_confirmed():
    with time_machine.travel(NOW, tick=False):
        card = CardFactory(verified_at=timezone.now())
        assert not stale_cards()
    with time_machine.travel(NOW + dt.timedelta(days=366), tick=False):
        assert [row[0] for row in stale_cards()] == [card.municipality]


def test_the_coordinator_reminds_the_municipalitys_editors_by_e_mail(client):
    role = MunicipalityEditorFactory(municipality=MunicipalityFactory(slug="tervo"))
    client.force_login(UserFactory(is_coordinator=True))

    page = client.get(reverse("cards:stale"))
    response = client.post(reverse("cards:remind", kwargs={"slug": "tervo"}))

    assert role.municipality.name in page.text
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[role.user.email]]
    assert "/tervo/" in mail.outbox[0].body
    assert role.municipality.card.reminder_sent_at is not None


def test_only_the_coordinator_sees_the_stale_cards(client):
    client.force_login(MunicipalityEditorFactory().user)

    assert client.get(reverse("cards:stale")).status_code == 403
    assert client.post(reverse("cards:remind", kwargs={"slug": "x"})).status_code == 403

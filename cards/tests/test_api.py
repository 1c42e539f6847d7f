import pytest

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


@pytest.fixture
def card():
    card = CardFactory(municipality__code="844", municipality__name_fi="Tervo")
    CardContactFactory(card=card, name="Anna Avoin")
    CardContactFactory(card=card, name="Salla Salainen", consent=False)
    PracticeAnswerFactory(card=card, practice=Practice.objects.get(key="ngo-forum"))
    PremisesFactory(card=card, name_fi="Nuorisotila", name_sv="Ungdomslokal")
    GrantPeriodFactory(grant=GrantFactory(card=card, name_fi="Kyläavustus"))
    return card


def test_cards_are_listed_in_the_envelope_by_municipality_code(client, card):
    body = client.get("/api/v1/municipality_card/").json()

    assert body["meta"]["count"] == 1
    item = body["data"][0]
    assert item["id"] == "844"
    assert item["@id"].endswith("/api/v1/municipality_card/844/")
    assert item["@type"] == "MunicipalityCard"
    assert item["municipality_name"]["fi"] == "Tervo"
    assert [c["name"] for c in item["contacts"]] == ["Anna Avoin"]
    assert item["practices"][0]["practice"] == "ngo-forum"
    assert item["grants"][0]["name"]["fi"] == "Kyläavustus"


def test_premises_have_their_names_in_every_language(client, card):
    premises = card.premises.get()

    body = client.get(f"/api/v1/premises/{premises.pk}/").json()

    assert body["id"] == str(premises.pk)
    assert body["name"] == {"fi": "Nuorisotila", "sv": "Ungdomslokal", "en": None}
    assert body["price"] == "free"
    assert body["municipality"] == "844"


def test_grants_have_their_periods_and_filter_by_municipality(client, card):
    GrantFactory(card=CardFactory(municipality__code="297"))

    body = client.get("/api/v1/grant/", {"municipality": "844"}).json()

    assert body["meta"]["count"] == 1
    assert body["data"][0]["periods"][0]["deadline"]
    assert body["data"][0]["@type"] == "Grant"


def test_the_api_is_read_only(client, card):
    assert client.post("/api/v1/grant/", {}).status_code == 405

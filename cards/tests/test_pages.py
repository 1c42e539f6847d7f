import pytest
from django.core.management import call_command
from django.urls import reverse

from cards.models import MunicipalityCard
from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory

from .factories import CardContactFactory, CardFactory, GrantFactory, GrantPeriodFactory

pytestmark = pytest.mark.django_db


def test_every_municipality_of_north_savo_has_a_card_page(client):
    call_command("load_reference_data", verbosity=0)
    municipalities = Municipality.objects.filter(region__code="11")
    assert municipalities.count() == 19

    for municipality in municipalities:
        response = client.get(reverse("cards:detail", kwargs={"slug": municipality.slug}))
        assert response.status_code == 200, municipality.slug
        assert municipality.name in response.content.decode()


def test_the_list_links_to_the_card_of_every_municipality(client):
    call_command("load_reference_data", verbosity=0)

    response = client.get(reverse("cards:list"))

    for municipality in Municipality.objects.all():
        assert reverse("cards:detail", kwargs={"slug": municipality.slug}) in response.text


def test_an_empty_card_says_so_and_invites_the_municipality(client):
    municipality = MunicipalityFactory(name_fi="Tervo", slug="tervo")

    response = client.get(reverse("cards:detail", kwargs={"slug": "tervo"}))

    assert "Tervo has not filled in its card yet." in response.text
    assert "Contact the coordinator" in response.text
    assert not MunicipalityCard.objects.filter(municipality=municipality).exists()


def test_a_filled_card_shows_its_grants_and_consenting_contacts_only(client):
    card = CardFactory(municipality__slug="kuopio", municipality__name_fi="Kuopio")
    CardContactFactory(card=card, name="Anna Avoin", consent=True)
    CardContactFactory(card=card, name="Salla Salainen", consent=False)
    GrantPeriodFactory(grant=GrantFactory(card=card, name_fi="Kulttuuriavustus"))

    response = client.get(reverse("cards:detail", kwargs={"slug": "kuopio"}))

    assert "Kulttuuriavustus" in response.text
    assert "Anna Avoin" in response.text
    assert "Salla Salainen" not in response.text
    assert "has not filled in its card yet" not in response.text


def test_the_municipality_page_links_to_its_card(client):
    MunicipalityFactory(slug="tervo")

    response = client.get(reverse("municipalities:detail", kwargs={"slug": "tervo"}))

    assert reverse("cards:detail", kwargs={"slug": "tervo"}) in response.text


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Järjestöyhteyshenkilöt"), ("sv", "Kontaktpersoner för föreningar")],
)
def test_the_contact_section_heading_begins_with_a_capital_letter(client, language, heading):
    from django.utils import translation

    CardFactory(municipality__slug="tervo")
    with translation.override(language):
        page = client.get(reverse("cards:detail", kwargs={"slug": "tervo"})).content.decode()
    assert f">{heading}</h2>" in page

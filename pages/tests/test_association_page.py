import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from activities.tests.factories import ActivityFactory
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Contact
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_association_page_opens_in_every_language(client, language):
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    response = client.get(url("organizations:detail", language, public_id=organization.public_id))
    assert response.status_code == 200
    assert "<title>Kuopion Kuoro ry" in response.text


def test_the_association_page_shows_its_facts_contacts_events_and_activities(client):
    parent = OrganizationFactory(name_fi="Piiri ry")
    organization = OrganizationFactory(
        name_fi="Kuoro ry",
        business_id="1234567-1",
        founded=1952,
        parent=parent,
        website="https://kuoro.example.org",
        municipalities=[MunicipalityFactory(name_fi="Siilinjärvi")],
    )
    OrganizationFactory(name_fi="Jäsenkuoro ry", parent=organization)
    Contact.objects.create(
        organization=organization, consent=True, name="Maija Meikäläinen", role_fi="puheenjohtaja"
    )
    EventFactory(name_fi="Joulukonsertti", organizers=[organization])
    ActivityFactory(name_fi="Kuoroharjoitukset", organizer=organization)
    response = client.get(url("organizations:detail", "en", public_id=organization.public_id))
    for text in [
        "1234567-1",
        "1952",
        "Piiri ry",
        "Jäsenkuoro ry",
        "Maija Meikäläinen",
        "Siilinjärvi",
        "https://kuoro.example.org",
        "Joulukonsertti",
        "Kuoroharjoitukset",
    ]:
        assert text in response.text


def test_the_association_page_describes_it_as_a_schema_org_organization(client):
    organization = OrganizationFactory(
        name_fi='Kuoro "</script><script>" ry', business_id="1234567-1"
    )
    response = client.get(url("organizations:detail", "en", public_id=organization.public_id))
    data = json_ld(response.text)
    assert data["@type"] == "Organization"
    assert data["name"] == 'Kuoro "</script><script>" ry'
    assert data["taxID"] == "1234567-1"


def test_an_unknown_association_is_not_found(client):
    response = client.get(url("organizations:detail", "en", public_id="test:nope"))
    assert response.status_code == 404


def test_the_association_page_gives_the_date_of_each_upcoming_event(client):
    import datetime as dt

    from django.utils import timezone

    organization = OrganizationFactory()
    start = timezone.localtime() + dt.timedelta(days=9)
    start = start.replace(hour=18, minute=0, second=0, microsecond=0)
    EventFactory(name_fi="Joulukonsertti", organizers=[organization], start_time=start)
    page = client.get(url("organizations:detail", public_id=organization.public_id)).text
    assert f"{start.day}.{start.month}." in page


def test_the_association_page_shows_its_logo_with_alt_text(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from core.tests.test_images import picture

    settings.MEDIA_ROOT = tmp_path
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    organization.logo.save("kuoro.png", ContentFile(picture("PNG")))
    page = client.get(url("organizations:detail", public_id=organization.public_id)).text
    assert f'src="{organization.logo.url}"' in page
    assert 'alt="Logo: Kuopion Kuoro ry"' in page

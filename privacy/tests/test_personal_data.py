"""The privacy register covers every model that stores personal data, and the notice
renders from it in every language."""

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core import personal_data


def test_every_model_that_stores_personal_data_has_an_entry_in_the_register():
    assert personal_data.unregistered_models() == []


def test_the_rule_finds_e_mail_phone_ip_address_and_a_persons_own_rows():
    assert personal_data.personal_fields(apps.get_model("organizations.Contact")) == [
        "email",
        "phone",
        "consent_recorded_by",
    ]
    assert "ip_address" in personal_data.personal_fields(apps.get_model("axes.AccessLog"))
    assert personal_data.personal_fields(apps.get_model("accounts.OrganizationEditor")) == [
        "granted_by",
        "user",
    ]
    assert not personal_data.stores_personal_data(apps.get_model("taxonomy.Topic"))


@pytest.mark.parametrize(
    "label, fields",
    [
        ("materials.DocumentVersion", ["uploaded_by"]),
        ("programme.MeasureUpdate", ["author"]),
        ("programme.ReminderSent", ["user"]),
        ("importers.CalendarSource", ["created_by"]),
        ("surveys.Response", ["submitted_by"]),
        ("surveys.Invitation", ["email"]),
        ("cooperation.Seat", ["person_name", "user", "email", "phone"]),
        ("cooperation.Follow", ["user", "email"]),
    ],
)
def test_the_rule_finds_who_wrote_uploaded_or_submitted_in_the_newer_apps(label, fields):
    """Any link to an account counts, whatever its name: the uploader, the author."""
    assert personal_data.personal_fields(apps.get_model(label)) == fields


@pytest.mark.parametrize(
    "key, expected",
    [
        ("municipal_contacts", ["cards.CardContact"]),
        ("association_contact_persons", ["organizations.Contact"]),
        ("material_uploaders", ["materials.DocumentVersion"]),
        ("programme_updates", ["programme.MeasureUpdate"]),
        ("calendar_feeds", ["importers.CalendarSource"]),
        ("survey_responses", ["surveys.Response"]),
        ("cooperation_seats", ["cooperation.Seat"]),
    ],
)
def test_a_model_without_an_entry_is_reported(monkeypatch, key, expected):
    assert key in personal_data._register
    monkeypatch.setattr(
        personal_data,
        "_register",
        {k: v for k, v in personal_data._register.items() if k != key},
    )
    assert personal_data.unregistered_models() == expected


def test_every_entry_names_models_that_exist():
    for entry in personal_data.entries():
        for label in entry.models:
            assert apps.get_model(label)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_privacy_notice_lists_every_kind_of_personal_data_in_each_language(client, lang):
    with translation.override(lang):
        url = reverse("privacy:notice")
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for entry in personal_data.entries():
            assert f'id="data-{entry.key}"' in html
            assert str(entry.purpose).replace("'", "&#x27;") in html
    assert url.startswith(f"/{lang}/")


@pytest.mark.django_db
def test_the_privacy_notice_is_in_finnish_at_its_finnish_address(client):
    response = client.get("/fi/tietosuoja/")
    assert "Tietosuojaseloste" in response.content.decode()


@pytest.mark.django_db
@override_settings(
    SAKKE_CONTROLLER_NAME="Pohjois-Savon Järjestöt ry",
    SAKKE_CONTROLLER_CONTACT="Kauppakatu 1, 70100 Kuopio",
    SAKKE_DATA_PROTECTION_CONTACT="tietosuoja@example.fi",
    SAKKE_UNVERIFIED_ACCOUNT_DAYS=45,
)
def test_the_privacy_notice_names_the_controller_contacts_and_periods_from_settings(client):
    html = client.get(reverse("privacy:notice")).content.decode()
    assert "Pohjois-Savon Järjestöt ry" in html
    assert "Kauppakatu 1, 70100 Kuopio" in html
    assert "tietosuoja@example.fi" in html
    assert "45 days" in html


@pytest.mark.django_db
def test_the_privacy_notice_documents_each_cookie_the_service_sets(client):
    from privacy.views import COOKIES

    html = client.get(reverse("privacy:notice")).content.decode()
    for name in COOKIES:
        assert f"<code>{name}</code>" in html


@pytest.mark.django_db
def test_the_footer_links_to_the_privacy_accessibility_and_content_pages(client):
    html = client.get(reverse("core:about")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for name in ("privacy:notice", "privacy:accessibility", "privacy:content_policy"):
        assert f'href="{reverse(name)}"' in footer

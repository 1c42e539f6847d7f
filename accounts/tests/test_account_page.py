import json

import pytest
from django.apps import apps
from django.db import models

from accounts import gdpr
from accounts.models import MunicipalityEditor, OrganizationEditor, User

from .factories import (
    PASSWORD,
    MunicipalityEditorFactory,
    OrganizationEditorFactory,
    UserFactory,
)
from .links import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(email="maija@example.org", name="Maija Virtanen")
    OrganizationEditorFactory(user=user, organization__name_fi="Kuopion Eläkeläiset ry")
    MunicipalityEditorFactory(user=user, municipality__name_fi="Siilinjärvi")
    client.force_login(user)
    return user


def test_the_account_page_asks_a_stranger_to_sign_in(client):
    response = client.get(url("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login"))


def test_the_account_page_shows_the_person_and_what_they_edit(client, editor):
    text = client.get(url("accounts:account")).text
    assert "maija@example.org" in text
    assert 'value="Maija Virtanen"' in text
    assert "Kuopion Eläkeläiset ry" in text
    assert "Siilinjärvi" in text


def test_the_person_changes_their_name(client, editor):
    response = client.post(url("accounts:account"), {"name": "Maija Korhonen"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.name == "Maija Korhonen"


def test_the_person_changes_their_password_and_stays_signed_in(client, editor):
    new = "uusi-salasana-keväällä-5"
    response = client.post(
        url("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == url("accounts:account")
    editor.refresh_from_db()
    assert editor.check_password(new)
    assert client.get(url("accounts:account")).status_code == 200


def test_the_data_download_holds_the_person_and_roles_but_no_password(client, editor):
    response = client.post(url("accounts:export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["user"]["email"] == "maija@example.org"
    assert data["user"]["name"] == "Maija Virtanen"
    assert "password" not in data["user"]
    assert editor.password not in response.content.decode()
    assert data["organization_roles"][0]["organization_name"] == "Kuopion Eläkeläiset ry"
    assert data["municipality_roles"][0]["municipality_name"] == "Siilinjärvi"


def test_the_data_download_takes_a_post(client, editor):
    assert client.get(url("accounts:export")).status_code == 405


def test_other_apps_add_their_rows_to_the_download(client, editor, monkeypatch):
    monkeypatch.setattr(gdpr, "_exporters", [])

    @gdpr.register_exporter
    def notes(user):
        return {"notes": [f"note of {user.email}"], "user": "must not replace the user"}

    data = json.loads(client.post(url("accounts:export")).content)
    assert data["notes"] == ["note of maija@example.org"]
    assert data["user"]["email"] == "maija@example.org"


def test_deleting_the_account_removes_it_and_its_roles_and_signs_out(client, editor):
    response = client.post(url("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert not User.objects.filter(pk=editor.pk).exists()
    assert not OrganizationEditor.objects.exists()
    assert not MunicipalityEditor.objects.exists()
    assert "_auth_user_id" not in client.session


def test_deleting_needs_the_right_password(client, editor):
    response = client.post(url("accounts:delete"), {"password": "väärä"})
    assert "The password is wrong" in response.text
    assert 'aria-describedby="id_password_helptext id_password_error"' in response.text
    assert User.objects.filter(pk=editor.pk).exists()


def test_the_last_coordinator_cannot_delete_their_account(client):
    coordinator = UserFactory(is_coordinator=True)
    client.force_login(coordinator)
    response = client.post(url("accounts:delete"), {"password": PASSWORD})
    assert "only coordinator" in response.text
    assert User.objects.filter(pk=coordinator.pk).exists()


def test_a_coordinator_may_leave_when_another_remains(client):
    coordinator = UserFactory(is_coordinator=True)
    UserFactory(is_coordinator=True)
    client.force_login(coordinator)
    client.post(url("accounts:delete"), {"password": PASSWORD})
    assert not User.objects.filter(pk=coordinator.pk).exists()


# Rows that are the person's own requests rather than published content, and so go with
# the account. Add to this list only on purpose: anything else must outlive its author.
PERSONAL_RECORDS = {
    "moderation.Claim.user",
    "cards.GrantReminderSubscription.user",
    "cards.GrantReminderSent.user",
    "cooperation.Follow.user",
    "programme.ReminderOptOut.user",
    "programme.ReminderSent.user",
    # The person's authenticator app and recovery codes go with the account.
    "otp_totp.TOTPDevice.user",
    "otp_static.StaticDevice.user",
}


def test_content_keeps_its_rows_when_its_author_leaves():
    """Every link from content to a person is SET_NULL, so deleting an account keeps content."""
    kept_apps = {"accounts", "auth", "admin", "sessions", "contenttypes"}
    cascading = [
        f"{field.model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label not in kept_apps
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.related_model is User
        and field.remote_field.on_delete is not models.SET_NULL
    ]
    assert set(cascading) <= PERSONAL_RECORDS

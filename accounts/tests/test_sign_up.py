import datetime as dt

import pytest
import time_machine
from django.core import mail, signing

from accounts.models import User
from accounts.services import VERIFY_SALT, verification_token

from .factories import PASSWORD, UserFactory
from .links import link_in, url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "syksyn-lehdet-putoavat-7"


def sign_up(client, email="maija@example.org", name="Maija Virtanen"):
    return client.post(url("accounts:sign_up"), {"email": email, "name": name})


def test_signing_up_sends_a_confirmation_link_and_opens_no_account_yet(client):
    response = sign_up(client, email="Maija@Example.org")
    assert response.status_code == 302
    assert response["Location"] == url("accounts:sign_up_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maija@example.org"]
    user = User.objects.get(email="maija@example.org")
    assert not user.is_active
    assert user.email_verified_at is None
    assert not user.has_usable_password()


def test_an_unconfirmed_account_cannot_sign_in(client):
    sign_up(client)
    response = client.post(
        url("accounts:login"), {"username": "maija@example.org", "password": "anything"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_link_lets_the_person_choose_a_password_and_signs_them_in(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.text

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == url("accounts:account")
    user = User.objects.get(email="maija@example.org")
    assert user.is_active and user.email_verified_at is not None
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_after_confirming_the_person_signs_in_with_the_password(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.post(
        url("accounts:login"), {"username": "MAIJA@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == url("accounts:account")


def test_opening_the_link_alone_changes_nothing(client):
    sign_up(client)
    client.get(link_in(mail.outbox[0]))
    user = User.objects.get(email="maija@example.org")
    assert not user.is_active and user.email_verified_at is None


def test_an_expired_link_says_so_and_changes_nothing(client):
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        sign_up(client)
    link = link_in(mail.outbox[0])
    with time_machine.travel(dt.datetime(2025, 3, 5, 12, tzinfo=dt.UTC), tick=False):
        page = client.get(link)
        response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "The link has expired" in page.text
    assert "The link has expired" in response.text
    user = User.objects.get(email="maija@example.org")
    assert not user.is_active and not user.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_a_forged_link_says_so_and_changes_nothing(client):
    sign_up(client)
    user = User.objects.get(email="maija@example.org")
    forged = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT, key="x" * 50)
    link = url("accounts:verify", token=forged)
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "The link is not valid" in response.text
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_a_used_link_cannot_change_the_password_again(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.post(
        link, {"new_password1": "toinen-salasana-99", "new_password2": "toinen-salasana-99"}
    )
    assert "already been used" in response.text
    assert User.objects.get(email="maija@example.org").check_password(NEW_PASSWORD)


def test_signing_up_with_a_known_address_looks_the_same_but_sends_a_reminder(client):
    user = UserFactory(email="maija@example.org")
    response = sign_up(client, name="Someone Else")
    assert response["Location"] == url("accounts:sign_up_done")
    assert len(mail.outbox) == 1
    assert "already has an account" in mail.outbox[0].body
    user.refresh_from_db()
    assert user.name != "Someone Else"
    assert user.check_password(PASSWORD)


def test_the_token_of_one_address_does_not_confirm_another(client):
    user = UserFactory(email="maija@example.org", is_active=False, email_verified_at=None)
    token = verification_token(user)
    user.email = "other@example.org"
    user.save()
    response = client.get(url("accounts:verify", token=token))
    assert "The link is not valid" in response.text


def test_sign_up_is_rate_limited_per_address(client):
    for _ in range(5):
        sign_up(client)
    response = sign_up(client)
    assert response.status_code == 429
    assert len(mail.outbox) == 5

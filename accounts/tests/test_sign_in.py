import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from .factories import PASSWORD, UserFactory
from .links import link_in, url

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(url("accounts:login"), {"username": email, "password": password})


def test_the_right_password_signs_in_and_rotates_the_session(client):
    user = UserFactory(email="maija@example.org")
    client.get(url("accounts:login"))
    client.session.save()
    before = client.session.session_key
    response = sign_in(client, "maija@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before


def test_the_sign_in_page_has_labelled_fields_with_autocomplete(client):
    text = client.get(url("accounts:login")).text
    assert '<label for="id_username">' in text
    assert 'autocomplete="email"' in text
    assert 'autocomplete="current-password"' in text


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client):
    UserFactory(email="maija@example.org")
    wrong = sign_in(client, "maija@example.org", "väärä")
    unknown = sign_in(client, "nobody@example.org", "väärä")
    assert wrong.status_code == unknown.status_code == 200
    assert "The e-mail address or the password is wrong" in wrong.text
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_repeated_failures_lock_the_address_even_for_the_right_password(client):
    UserFactory(email="maija@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "maija@example.org", "väärä")
    response = sign_in(client, "Maija@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Signing in is paused" in response.text
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_is_locked_the_same_way(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "nobody@example.org", "väärä")
    response = sign_in(client, "nobody@example.org", "väärä")
    assert response.status_code == 429
    assert "Signing in is paused" in response.text


def test_the_lock_opens_after_the_cool_off_time(client):
    UserFactory(email="maija@example.org")
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "maija@example.org", "väärä")
    with time_machine.travel(dt.datetime(2025, 3, 1, 13, tzinfo=dt.UTC), tick=False):
        response = sign_in(client, "maija@example.org", PASSWORD)
    assert response.status_code == 302


def test_the_lock_of_one_address_does_not_lock_another(client):
    UserFactory(email="maija@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "nobody@example.org", "väärä")
    assert sign_in(client, "maija@example.org", PASSWORD).status_code == 302


def test_signing_out_takes_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(url("accounts:logout")).status_code == 405
    client.post(url("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_the_header_offers_sign_in_or_the_account_and_a_sign_out_form(client):
    text = client.get(url("core:home")).text
    assert f'href="{url("accounts:login")}"' in text
    client.force_login(UserFactory())
    text = client.get(url("core:home")).text
    assert f'href="{url("accounts:account")}"' in text
    assert f'<form method="post" action="{url("accounts:logout")}">' in text


# Login links -------------------------------------------------------------------------


def ask_for_link(client, email):
    return client.post(url("accounts:login_link"), {"email": email})


def test_a_login_link_signs_in_once(client):
    user = UserFactory(email="maija@example.org")
    response = ask_for_link(client, "maija@example.org")
    assert response["Location"] == url("accounts:login_link_sent")
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session  # opening the link alone does not sign in
    token = page.context["token"]
    response = client.post(url("accounts:login_link_confirm"), {"sesame": token})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    again = client.post(url("accounts:login_link_confirm"), {"sesame": token})
    assert again.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_login_link_expires_in_15_minutes(client):
    UserFactory(email="maija@example.org")
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        ask_for_link(client, "maija@example.org")
        token = client.get(link_in(mail.outbox[0])).context["token"]
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, 16, tzinfo=dt.UTC), tick=False):
        response = client.post(url("accounts:login_link_confirm"), {"sesame": token})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_asking_a_link_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    UserFactory(email="maija@example.org")
    known = ask_for_link(client, "maija@example.org")
    unknown = ask_for_link(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["maija@example.org"]]


def test_an_unconfirmed_account_gets_no_login_link(client):
    UserFactory(email="maija@example.org", is_active=False, email_verified_at=None)
    ask_for_link(client, "maija@example.org")
    assert mail.outbox == []


def test_login_links_are_rate_limited_per_address(client):
    UserFactory(email="maija@example.org")
    for _ in range(5):
        ask_for_link(client, "maija@example.org")
    response = ask_for_link(client, "maija@example.org")
    assert response.status_code == 429
    assert len(mail.outbox) == 5


# Password reset ----------------------------------------------------------------------


def test_a_forgotten_password_is_replaced_through_the_e_mailed_link(client):
    user = UserFactory(email="maija@example.org")
    response = client.post(url("accounts:password_reset"), {"email": "maija@example.org"})
    assert response["Location"] == url("accounts:password_reset_done")
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert 'autocomplete="new-password"' in form_page.text
    new = "uusi-salasana-talvella-3"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == url("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)


def test_a_password_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post(url("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == url("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_used_password_reset_link_is_refused(client):
    UserFactory(email="maija@example.org")
    client.post(url("accounts:password_reset"), {"email": "maija@example.org"})
    link = link_in(mail.outbox[0])
    page = client.get(link, follow=True)
    new = "uusi-salasana-talvella-3"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    again = client.get(link, follow=True)
    assert "The link has expired or has already been used" in again.text

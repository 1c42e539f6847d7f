"""The shared page cache serves anonymous readers, and only them, and forgets on change."""

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry
from accounts.tests.factories import PASSWORD, UserFactory
from cards.tests.factories import CardContactFactory
from core import page_cache
from newsletter.models import Subscriber
from newsletter.services.subscriptions import subscription_request
from newsletter.tokens import make_manage_token
from organizations.tests.factories import OrganizationFactory

HELSINKI = ZoneInfo("Europe/Helsinki")

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


def associations():
    return reverse("organizations:list")


def test_the_second_anonymous_reader_gets_the_page_from_the_cache(client):
    OrganizationFactory(name_fi="Kuopion Kävelijät ry")

    first, second = client.get(associations()), client.get(associations())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_saved_change_is_seen_on_the_next_request(client):
    client.get(associations())

    OrganizationFactory(name_fi="Tervon Tanssijat ry")
    response = client.get(associations())

    assert response["X-Page-Cache"] == "miss"
    assert "Tervon Tanssijat ry" in response.text


def test_each_language_and_query_has_its_own_entry(client):
    client.get(associations())
    assert client.get(associations() + "?page=1")["X-Page-Cache"] == "miss"
    assert client.get(associations(), headers={"HX-Request": "true"})["X-Page-Cache"] == "miss"


def test_a_signed_in_person_is_never_served_or_stored(client):
    client.get(associations())
    client.force_login(UserFactory())
    account = f'href="{reverse("accounts:account")}"'

    response = client.get(associations())

    assert "X-Page-Cache" not in response
    assert account in response.text
    client.logout()
    assert account not in client.get(associations()).text


def test_a_page_with_a_form_is_never_stored(client):
    for _ in range(2):
        response = client.get(reverse("newsletter:subscribe"))
        assert "X-Page-Cache" not in response
        assert "csrfmiddlewaretoken" in response.text


def test_a_reader_with_a_message_waiting_bypasses_the_cache(client):
    client.get(associations())
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(associations())


def test_withdrawn_contact_details_disappear_from_a_cached_card_at_once(client):
    contact = CardContactFactory(email="anna@kunta.example.fi")
    card = reverse("cards:detail", kwargs={"slug": contact.card.municipality.slug})
    client.get(card)
    assert client.get(card)["X-Page-Cache"] == "hit"
    client.force_login(UserFactory(email="anna@kunta.example.fi"))

    client.post(reverse("cards:contact_consent_withdraw", kwargs={"pk": contact.pk}))
    client.logout()

    assert "anna@kunta.example.fi" not in client.get(card).text


def test_a_rolled_back_write_keeps_the_cache_and_a_transaction_changes_it_once():
    page_cache._generation()
    before = cache.get(page_cache.GENERATION_KEY)
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganizationFactory()
        raise RuntimeError
    assert cache.get(page_cache.GENERATION_KEY) == before

    with transaction.atomic():
        OrganizationFactory()
        OrganizationFactory()
        connection = transaction.get_connection()
        bumps = [e for e in connection.run_on_commit if e[1] is page_cache._new_generation]
        assert len(bumps) == 1
    assert cache.get(page_cache.GENERATION_KEY) != before


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_cache_is_off_when_its_time_is_zero(client):
    client.get(associations())
    assert "X-Page-Cache" not in client.get(associations())


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_with_a_replica_a_page_read_just_after_a_change_is_served_but_not_kept(client):
    """The replica may not have replayed the change yet: the old page must not go back
    into the cache for every anonymous reader."""
    import datetime as dt

    import time_machine
    from django.conf import settings
    from django.utils import timezone

    databases = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}
    with override_settings(DATABASES=databases, DATABASE_REPLICA_PIN_SECONDS=15):
        OrganizationFactory(name_fi="Tervon Tanssijat ry")  # a change: a new generation
        first, second = client.get(associations()), client.get(associations())
        assert first.status_code == second.status_code == 200
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second

        with time_machine.travel(timezone.now() + dt.timedelta(seconds=16), tick=False):
            assert client.get(associations())["X-Page-Cache"] == "miss"
            assert client.get(associations())["X-Page-Cache"] == "hit"


def test_the_open_data_api_is_served_from_the_cache_and_forgets_on_change(client):
    OrganizationFactory(name_fi="Kuopion Kävelijät ry")
    api = "/api/v1/organization/"

    first, second = client.get(api), client.get(api)
    OrganizationFactory(name_fi="Tervon Tanssijat ry")
    after = client.get(api)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.json() == first.json()
    assert second["Content-Type"] == "application/json"
    assert after["X-Page-Cache"] == "miss"
    assert "Tervon Tanssijat ry" in after.text


def test_the_same_address_over_https_has_its_own_entry(client):
    OrganizationFactory()
    api = "/api/v1/organization/"

    plain = client.get(api)
    secure = client.get(api, secure=True)

    assert (plain["X-Page-Cache"], secure["X-Page-Cache"]) == ("miss", "miss")
    assert "http://testserver/" not in secure.text


def test_a_newsletter_subscription_keeps_the_cached_pages(client):
    client.get(associations())

    subscription_request(email="lukija@example.org", language="fi")

    assert client.get(associations())["X-Page-Cache"] == "hit"


def test_signing_in_and_a_failed_sign_in_keep_the_cached_pages(client):
    person = UserFactory()
    client.get(associations())

    for password in (PASSWORD, "väärä-salasana"):
        Client().post(reverse("accounts:login"), {"username": person.email, "password": password})

    assert AuditEntry.objects.count() == 2  # both were recorded, in the audit log only
    assert client.get(associations())["X-Page-Cache"] == "hit"


def test_the_unsubscribe_page_which_shows_the_address_is_never_stored(client):
    subscriber = Subscriber.objects.create(email="lukija@example.org", language="fi")
    page = reverse("newsletter:unsubscribe", kwargs={"token": make_manage_token(subscriber)})

    for _ in range(2):
        response = client.get(page)
        assert "lukija@example.org" in response.text
        assert "X-Page-Cache" not in response


def test_a_page_kept_from_before_midnight_is_not_served_after_it(client):
    with time_machine.travel(dt.datetime(2026, 3, 2, 23, 59, 30, tzinfo=HELSINKI), tick=False):
        client.get(associations())
        assert client.get(associations())["X-Page-Cache"] == "hit"

    with time_machine.travel(dt.datetime(2026, 3, 3, 0, 0, 5, tzinfo=HELSINKI), tick=False):
        assert client.get(associations())["X-Page-Cache"] == "miss"


def _another_request_making(key, page=None, after=0.3):
    """A request elsewhere that is making the page `key`, and keeps `page` (if any) when done."""
    rendering = f"{key}:rendering"
    cache.add(rendering, 1, 10)

    def finish():
        time.sleep(after)
        if page is not None:
            cache.set(key, page, 60)
        cache.delete(rendering)

    thread = threading.Thread(target=finish)
    thread.start()
    return thread


def _key_of(path):
    request = RequestFactory().get(path)
    with translation.override(path.split("/")[1]):  # the language of the path's prefix
        return page_cache.page_key(request)


def test_a_reader_asking_for_a_page_another_request_is_making_waits_for_that_one(client):
    path = reverse("organizations:list")
    made_elsewhere = (b"<p>made by the other request</p>", [("Content-Type", "text/html")])
    thread = _another_request_making(_key_of(path), made_elsewhere)

    response = client.get(path)
    thread.join()

    assert response["X-Page-Cache"] == "hit"
    assert response.content == made_elsewhere[0]


def test_when_the_other_request_keeps_nothing_the_waiting_reader_gets_the_page_made(client):
    path = reverse("newsletter:subscribe")  # a form: never kept
    thread = _another_request_making(_key_of(path))

    response = client.get(path)
    thread.join()

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.text

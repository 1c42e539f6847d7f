"""Expired, forged and foreign links change nothing and say why."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.tokens import make_confirm_token, make_manage_token

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_an_expired_confirmation_link_says_so_and_changes_nothing(client):
    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING)
    token = make_confirm_token(subscriber)
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        response = client.post(reverse("newsletter:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert b"expired" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_forged_unsubscribe_link_changes_nothing(client):
    subscriber = SubscriberFactory()
    token = make_manage_token(subscriber)[:-3] + "abc"
    response = client.post(reverse("newsletter:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 400
    assert b"not valid" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_an_invalid_address_is_refused_with_a_message(client):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "not-an-address", "language": "fi", "consent": "on"},
    )
    assert b"Enter a valid e-mail address." in response.content
    assert not Subscriber.objects.exists()


def test_the_preference_page_changes_language_and_interests_without_login(client):
    from municipalities.tests.factories import MunicipalityFactory

    subscriber = SubscriberFactory()
    kuopio = MunicipalityFactory(code="297", name="Kuopio", slug="kuopio")
    url = reverse("newsletter:preferences", kwargs={"token": make_manage_token(subscriber)})
    client.post(url, {"language": "sv", "municipalities": [kuopio.pk]})
    subscriber.refresh_from_db()
    assert subscriber.language == "sv"
    assert list(subscriber.municipalities.all()) == [kuopio]


def test_an_unknown_archive_issue_is_not_found(client):
    assert client.get(reverse("newsletter:archive_detail", kwargs={"pk": 999})).status_code == 404

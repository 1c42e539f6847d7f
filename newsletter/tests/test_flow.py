"""Subscribe → confirm → send → one-click unsubscribe, through a real SMTP server."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from newsletter.models import CONSENT_TEXT_VERSION, Delivery, Issue, Subscriber
from newsletter.services.sending import issue_start_sending, run_sender

from .factories import IssueFactory, OfferFactory

pytestmark = pytest.mark.django_db


def link_in(message, name):
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"https?://\S+/{name}/\S+/", text).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_reader_subscribes_confirms_gets_an_issue_and_unsubscribes_with_one_click(
    client, smtp_sink
):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "Lukija@Example.org", "language": "en", "consent": "on"},
    )
    assert response.status_code == 200
    assert b"Check your e-mail" in response.content
    ((rcpts, confirmation),) = smtp_sink.messages
    assert rcpts == ["lukija@example.org"]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    confirm_path = path_of(link_in(confirmation, "confirm"))
    assert client.get(confirm_path).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # GET changes nothing
    client.post(confirm_path)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.consent_at and subscriber.consent_text_version == CONSENT_TEXT_VERSION

    issue = IssueFactory(title_en="Autumn news")
    OfferFactory(issue=issue, title="Choir seeks singers")
    issue_start_sending(issue=issue)
    run_sender(issue_id=issue.pk)
    rcpts, newsletter = smtp_sink.messages[-1]
    assert rcpts == ["lukija@example.org"]
    assert "Autumn news" in newsletter["Subject"]
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert newsletter["Message-ID"] == Delivery.objects.get().message_id
    html = newsletter.get_body(("html",)).get_content()
    assert '<html lang="en">' in html and "Choir seeks singers" in html
    assert "<img" not in html  # no tracking pixel
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT

    # RFC 8058: the mail client POSTs without cookies or a CSRF token.
    unsubscribe_url = str(newsletter["List-Unsubscribe"]).strip().strip("<>")
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(
        path_of(unsubscribe_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_subscribing_again_answers_the_same_and_sends_nothing_to_a_subscriber(client, smtp_sink):
    from .factories import SubscriberFactory

    SubscriberFactory(email="jo@example.org")
    first = client.post(
        reverse("newsletter:subscribe"),
        {"email": "jo@example.org", "language": "fi", "consent": "on"},
    )
    second = client.post(
        reverse("newsletter:subscribe"),
        {"email": "uusi@example.org", "language": "fi", "consent": "on"},
    )
    assert first.content == second.content
    assert Subscriber.objects.filter(email="jo@example.org").count() == 1
    assert [rcpts for rcpts, _m in smtp_sink.messages] == [["uusi@example.org"]]


def test_a_pending_address_subscribing_again_next_day_gets_a_new_link_but_no_second_row(
    client, mailoutbox
):
    # A day and some minutes later: the clock ticks while the first request runs.
    for moment in (dt.datetime(2026, 12, 1, 9, 0), dt.datetime(2026, 12, 2, 9, 5)):
        with time_machine.travel(moment.replace(tzinfo=dt.UTC)):
            client.post(
                reverse("newsletter:subscribe"),
                {"email": "kaksi@example.org", "language": "sv", "consent": "on"},
            )
    assert Subscriber.objects.count() == 1
    assert len(mailoutbox) == 2


def test_an_address_subscribed_again_the_same_day_gets_no_second_link(client, mailoutbox):
    for hour in (9, 10, 20):
        with time_machine.travel(dt.datetime(2026, 12, 1, hour, 0, tzinfo=dt.UTC)):
            client.post(
                reverse("newsletter:subscribe"),
                {"email": "kaksi@example.org", "language": "sv", "consent": "on"},
            )
    assert len(mailoutbox) == 1

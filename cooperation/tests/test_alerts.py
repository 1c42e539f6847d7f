"""Consultation digests and deadline reminders, with a frozen clock."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from cooperation.alerts import digests_send, follow_save, reminders_send
from cooperation.models import AlertSent, Follow, Frequency
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import editor_of
from taxonomy.tests.factories import TopicFactory

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2027, 1, 4, 6, 0, tzinfo=dt.UTC)  # 08.00 in Helsinki
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def topic():
    return TopicFactory(slug="ikaihmiset", name_fi="Ikäihmiset")


def follower(topic=None, municipality=None, frequency=Frequency.DAILY, reminders=True):
    org = OrganizationFactory()
    user = editor_of(org)
    return follow_save(
        user=user,
        organization=org,
        topics=[topic] if topic else [],
        municipalities=[municipality] if municipality else [],
        frequency=frequency,
        reminders=reminders,
    )


def consultation(days_left=30, **kwargs):
    deadline = MONDAY.date() + dt.timedelta(days=days_left)
    return ConsultationFactory(deadline=deadline, **kwargs)


@time_machine.travel(MONDAY, tick=False)
def test_a_daily_digest_lists_new_matching_consultations_once(topic):
    follow = follower(topic)
    matching = consultation(title_fi="Vanhuspalvelujen suunnitelma", topics=[topic])
    consultation(title_fi="Ei koske", topics=[TopicFactory()])
    assert digests_send() == 1
    (message,) = mail.outbox
    assert message.to == [follow.email]
    assert matching.title in message.body
    assert "Ei koske" not in message.body
    assert matching.deadline.strftime("%-d.%-m.%Y") in message.body
    assert digests_send() == 0  # the same day again: nothing
    with time_machine.travel(TUESDAY, tick=False):
        assert digests_send() == 0  # nothing new the next day
        newer = consultation(title_fi="Uusi pyyntö", topics=[topic])
        assert digests_send() == 1
    assert newer.title in mail.outbox[-1].body
    assert matching.title not in mail.outbox[-1].body


def test_a_weekly_digest_goes_out_on_mondays_only(topic):
    follower(topic, frequency=Frequency.WEEKLY)
    with time_machine.travel(TUESDAY, tick=False):
        consultation(topics=[topic])
        assert digests_send() == 0
    with time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False):
        assert digests_send() == 1


@time_machine.travel(MONDAY, tick=False)
def test_a_follower_of_a_municipality_gets_its_consultations(topic):
    kuopio = MunicipalityFactory(name_fi="Kuopio")
    follower(municipality=kuopio)
    consultation(title_fi="Kuopion asia", municipalities=[kuopio])
    assert digests_send() == 1
    assert "Kuopion asia" in mail.outbox[0].body


@time_machine.travel(MONDAY, tick=False)
def test_an_association_that_follows_nothing_gets_nothing(topic):
    follower()
    consultation(topics=[topic])
    consultation(days_left=5, topics=[topic])
    assert digests_send() == 0
    assert reminders_send() == 0
    assert mail.outbox == []


@time_machine.travel(MONDAY, tick=False)
def test_nobody_who_unsubscribed_gets_anything(topic):
    follow = follower(topic)
    consultation(topics=[topic])
    consultation(days_left=7, topics=[topic])
    response = Client(enforce_csrf_checks=True).post(
        reverse("cooperation:unsubscribe", args=[follow.token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert digests_send() == 0
    assert reminders_send() == 0
    assert mail.outbox == []


@time_machine.travel(MONDAY, tick=False)
def test_a_reminder_goes_a_week_before_the_deadline_once(topic):
    follower(topic)
    closing = consultation(days_left=7, title_fi="Sulkeutuva", topics=[topic])
    consultation(days_left=10, title_fi="Myöhemmin", topics=[topic])
    consultation(days_left=-1, title_fi="Mennyt", topics=[topic])
    assert reminders_send() == 1
    assert "Sulkeutuva" in mail.outbox[0].body
    assert "Myöhemmin" not in mail.outbox[0].body
    assert "Mennyt" not in mail.outbox[0].body
    assert reminders_send() == 0
    with time_machine.travel(TUESDAY, tick=False):
        assert reminders_send() == 0
    assert AlertSent.objects.filter(consultation=closing, kind="reminder").count() == 1


@time_machine.travel(MONDAY, tick=False)
def test_no_reminder_for_one_who_turned_reminders_off(topic):
    follower(topic, reminders=False)
    consultation(days_left=3, topics=[topic])
    assert reminders_send() == 0


@time_machine.travel(MONDAY, tick=False)
def test_a_message_that_could_not_be_sent_is_tried_again(topic, monkeypatch):
    follower(topic)
    consultation(topics=[topic])
    from django.core.mail import EmailMultiAlternatives

    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", broken)
        assert digests_send() == 0
    assert not AlertSent.objects.exists()
    assert digests_send() == 1


@time_machine.travel(MONDAY, tick=False)
def test_every_message_carries_one_click_unsubscribe(topic):
    follow = follower(topic)
    consultation(topics=[topic])
    digests_send()
    headers = mail.outbox[0].extra_headers
    assert follow.token in headers["List-Unsubscribe"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_unsubscribe_page_asks_before_stopping(client):
    follow = follower(TopicFactory())
    assert client.get(reverse("cooperation:unsubscribe", args=[follow.token])).status_code == 200
    follow.refresh_from_db()
    assert follow.unsubscribed_at is None


def test_an_editor_follows_topics_for_their_association(client, topic):
    org = OrganizationFactory()
    user = editor_of(org)
    client.force_login(user)
    url = reverse("cooperation:follow") + f"?org={org.public_id}"
    response = client.post(url, {"topics": [topic.pk], "frequency": "daily", "reminders": "on"})
    assert response.status_code == 302
    follow = Follow.objects.get(user=user)
    assert follow.organization == org
    assert list(follow.topics.all()) == [topic]


def test_an_editor_cannot_follow_for_another_association(topic):
    other = OrganizationFactory()
    user = editor_of(OrganizationFactory())
    with pytest.raises(PermissionDenied):
        follow_save(
            user=user,
            organization=other,
            topics=[topic],
            municipalities=[],
            frequency="daily",
            reminders=True,
        )


def test_the_follow_page_sends_anonymous_visitors_to_sign_in(client):
    assert client.get(reverse("cooperation:follow")).status_code == 302


def test_the_associations_self_service_page_links_its_consultation_alerts(client):
    from urllib.parse import quote

    org = OrganizationFactory()
    client.force_login(editor_of(org))
    page = client.get(reverse("selfservice:organization", args=[org.public_id])).text
    assert reverse("cooperation:follow") + f"?org={quote(org.public_id)}" in page

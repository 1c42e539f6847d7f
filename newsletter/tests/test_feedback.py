"""Bounces and complaints stop mail to the address: DSN and ARF messages, and the webhook."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsletter.models import Subscriber
from newsletter.rendering import message_id

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DSN = """From: MAILER-DAEMON@example.net
To: noreply@localhost
Subject: Undelivered Mail
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown
--B
Content-Type: text/rfc822-headers

Message-ID: {message_id}
Subject: Newsletter
--B--
"""

ARF = """From: abuse@example.net
To: noreply@localhost
Subject: Abuse report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="A"

--A
Content-Type: text/plain

A complaint.
--A
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Example/1.0
Version: 1

--A
Content-Type: message/rfc822

Message-ID: {message_id}
Subject: Newsletter

Hello
--A--
"""


def test_a_hard_bounce_report_stops_mail_to_the_address(tmp_path):
    subscriber = SubscriberFactory(email="gone@example.org")
    report = tmp_path / "bounce.eml"
    report.write_text(DSN.format(email="gone@example.org", message_id="<other@example.net>"))
    call_command("newsletter_feedback", str(report))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert "5.1.1" in subscriber.suppressed_reason


def test_a_complaint_found_by_its_message_id_stops_mail_to_the_address(tmp_path):
    subscriber = SubscriberFactory()
    report = tmp_path / "arf.eml"
    report.write_text(ARF.format(message_id=message_id(7, subscriber.pk)))
    call_command("newsletter_feedback", str(report))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.COMPLAINED


def test_a_forged_message_id_in_a_complaint_changes_nothing(tmp_path):
    subscriber = SubscriberFactory()
    report = tmp_path / "arf.eml"
    report.write_text(ARF.format(message_id=f"<newsletter.7.{subscriber.pk}.000000000000@x>"))
    call_command("newsletter_feedback", str(report))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_the_webhook_takes_bounces_with_the_shared_secret_only(client, settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = "s3cret"
    subscriber = SubscriberFactory(email="hard@example.org")
    payload = json.dumps({"type": "bounce", "bounce_type": "hard", "email": "hard@example.org"})
    url = reverse("newsletter:feedback")
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    accepted = client.post(
        url, payload, content_type="application/json", headers={"X-Newsletter-Secret": "s3cret"}
    )
    assert accepted.json() == {"stopped": 1}
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED

"""The accessibility statement's feedback form e-mails the coordinator, and is rate-limited."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from privacy.forms import AccessibilityFeedbackForm

pytestmark = pytest.mark.django_db


@override_settings(SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL="koordinaattori@example.fi")
def test_feedback_reaches_the_coordinator_with_the_senders_address_to_answer(client, mailoutbox):
    response = client.post(
        reverse("privacy:accessibility"),
        {"message": "Kartan painikkeet eivät toimi näppäimistöllä.", "email": "a@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:feedback_sent")
    (message,) = mailoutbox
    assert message.to == ["koordinaattori@example.fi"]
    assert message.reply_to == ["a@example.org"]
    assert "Kartan painikkeet" in message.body
    assert "14" in message.body  # the statutory answer time, in the coordinator's language


def test_feedback_without_an_address_is_accepted(client, mailoutbox):
    response = client.post(reverse("privacy:accessibility"), {"message": "Liian pieni teksti."})
    assert response.status_code == 302
    assert mailoutbox[0].reply_to == []


def test_empty_feedback_is_refused_next_to_the_field(client, mailoutbox):
    response = client.post(reverse("privacy:accessibility"), {"message": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert mailoutbox == []


def test_too_many_messages_from_one_address_are_refused(client, mailoutbox):
    limit = int(AccessibilityFeedbackForm.antibot_ip_rate.split("/")[0])
    for _n in range(limit):
        client.post(reverse("privacy:accessibility"), {"message": "Palaute"})
    response = client.post(reverse("privacy:accessibility"), {"message": "Palaute"})
    assert response.status_code == 429
    assert len(mailoutbox) == limit


@override_settings(SAKKE_ACCESSIBILITY_STATEMENT_DATE=dt.date(2026, 11, 30))
def test_the_statement_shows_its_date_and_the_supervisory_authority_in_finnish(client):
    html = client.get("/fi/saavutettavuus/").content.decode()
    assert "Saavutettavuusseloste" in html
    assert "30.11.2026" in html
    assert "Traficom" in html
    assert "saavutettavuusvaatimukset.fi" in html
    assert "14 päivän" in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/sv/tillganglighet/", "Tillgänglighetsutlåtande"),
        ("/sv/innehallspolicy/", "Innehållspolicy"),
    ],
)
def test_the_pages_are_in_swedish_at_their_swedish_addresses(client, path, title):
    assert title in client.get(path).content.decode()


@override_settings(SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL="")
def test_without_a_feedback_address_the_coordinators_get_the_feedback(client, mailoutbox):
    from moderation.tests.factories import CoordinatorFactory

    coordinator = CoordinatorFactory()
    client.post(reverse("privacy:accessibility"), {"message": "Kontrasti on heikko."})
    assert mailoutbox[0].to == [coordinator.email]

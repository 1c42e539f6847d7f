import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import OrganizationEditor
from activities.tests.factories import ActivityFactory
from core.models import PublicationStatus
from events.tests.factories import EventFactory
from moderation.models import Decision
from moderation.tests.conftest import url
from moderation.tests.factories import ClaimFactory, UserFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_the_queue(coordinator_client):
    assert coordinator_client.get(url("moderation:queue")).status_code == 200


def test_an_editor_is_refused_the_queue(client):
    editor = UserFactory()
    OrganizationEditor.objects.create(user=editor, organization=OrganizationFactory())
    client.force_login(editor)
    assert client.get(url("moderation:queue")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_queue(client):
    response = client.get(url("moderation:queue"))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_queue_lists_waiting_and_changed_content_but_not_reviewed_content(
    coordinator_client,
):
    waiting = EventFactory(name_fi="Odottava tapahtuma", publication_status="pending")
    changed = ActivityFactory(name_fi="Muuttunut kerho")
    reviewed = OrganizationFactory(name_fi="Tarkistettu ry")
    reviewed.__class__.objects.filter(pk=reviewed.pk).update(
        reviewed_at=reviewed.updated_at + dt.timedelta(seconds=1)
    )
    claim = ClaimFactory(organization__name_fi="Pyydetty ry")
    response = coordinator_client.get(url("moderation:queue"))
    assert waiting.name in response.text
    assert changed.name in response.text
    assert claim.organization.name in response.text
    assert "Tarkistettu ry" not in response.text


def test_the_queue_costs_the_same_number_of_queries_however_long_it_is(coordinator_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            coordinator_client.get(url("moderation:queue"))
        return len(queries)

    EventFactory(publication_status="pending")
    ClaimFactory()
    before = count()
    EventFactory.create_batch(3, publication_status="pending")
    ActivityFactory.create_batch(3)
    ClaimFactory.create_batch(3)
    assert count() == before


def test_approving_publishes_waiting_content_and_takes_it_off_the_queue(coordinator_client):
    event = EventFactory(name_fi="Odottava tapahtuma", publication_status="pending")
    response = coordinator_client.post(
        url("moderation:content_decide", kind="event", public_id=event.public_id),
        {"action": "approve"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.publication_status == PublicationStatus.PUBLISHED
    assert event.reviewed_at == event.updated_at
    history = url("moderation:history", kind="event", public_id=event.public_id)
    assert history not in coordinator_client.get(url("moderation:queue")).text


def test_declining_tells_the_editors_why(coordinator_client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    editor = UserFactory()
    OrganizationEditor.objects.create(user=editor, organization=organization)
    event = EventFactory(publication_status="pending", organizers=[organization])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            url("moderation:content_decide", kind="event", public_id=event.public_id),
            {"action": "decline", "message": "Tapahtuma ei ole alueella."},
        )
    event.refresh_from_db()
    assert event.publication_status == PublicationStatus.DECLINED
    assert mail.outbox[-1].to == [editor.email]
    assert "Tapahtuma ei ole alueella." in mail.outbox[-1].body
    assert Decision.objects.get().message == "Tapahtuma ei ole alueella."


def test_declining_without_a_message_shows_the_form_again(coordinator_client):
    event = EventFactory(publication_status="pending")
    response = coordinator_client.post(
        url("moderation:content_decide", kind="event", public_id=event.public_id),
        {"action": "decline", "message": ""},
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.publication_status == PublicationStatus.PENDING


def test_marking_reviewed_takes_changed_content_off_the_queue(coordinator_client):
    activity = ActivityFactory(name_fi="Muuttunut kerho")
    coordinator_client.post(
        url("moderation:content_decide", kind="activity", public_id=activity.public_id),
        {"action": "review"},
    )
    history = url("moderation:history", kind="activity", public_id=activity.public_id)
    assert history not in coordinator_client.get(url("moderation:queue")).text

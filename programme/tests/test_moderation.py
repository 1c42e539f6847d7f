"""Commitments and progress reports go through the coordinator's queue like other content."""

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from moderation import selectors as queue
from moderation.services import content_approve, content_decline, content_mark_reviewed
from organizations.tests.factories import OrganizationFactory
from programme.selectors import commitments_published, progress_reports_published
from programme.services import commitment_create, progress_report_add
from selfservice.tests.factories import coordinator, editor_of

from .factories import CommitmentFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def section(sections, kind):
    return next(s for s in sections if s.kind == kind).items


def test_a_report_of_an_approved_association_is_public_and_listed_as_changed():
    commitment = CommitmentFactory()
    report = progress_report_add(
        user=editor_of(commitment.organization), commitment=commitment, text="Teimme."
    )
    assert report in section(queue.changed_content(), "progress-report")
    content_mark_reviewed(obj=report, user=coordinator())
    assert report not in section(queue.changed_content(), "progress-report")


def test_the_coordinators_approval_publishes_a_waiting_commitment_and_report():
    association = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    editor = editor_of(association)
    measure = MeasureFactory()
    commitment = commitment_create(
        user=editor, measure=measure, organization=association, description="Teemme."
    )
    report = progress_report_add(user=editor, commitment=commitment, text="Teimme.")
    assert commitment in section(queue.pending_content(), "commitment")
    assert report in section(queue.pending_content(), "progress-report")

    # Approving the association takes along what its editors wrote while waiting.
    content_approve(obj=association, user=coordinator())

    assert list(commitments_published(measure)) == [commitment]
    assert list(progress_reports_published()) == [report]


def test_a_declined_report_leaves_the_public_pages():
    commitment = CommitmentFactory()
    report = progress_report_add(
        user=editor_of(commitment.organization), commitment=commitment, text="Mainos."
    )
    content_decline(obj=report, user=coordinator(), message="Ei liity toimenpiteeseen.")
    assert report not in progress_reports_published()


def test_the_queue_and_history_pages_show_a_report(client):
    commitment = CommitmentFactory()
    report = progress_report_add(
        user=editor_of(commitment.organization), commitment=commitment, text="Teimme."
    )
    client.force_login(coordinator())
    page = client.get(reverse("moderation:queue")).content.decode()
    assert str(report) in page
    history = reverse("moderation:history", args=["progress-report", report.public_id])
    assert client.get(history).status_code == 200

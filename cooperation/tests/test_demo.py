"""The demo's cooperation: loaded by load_demo, plausible, and the same when loaded twice."""

import pytest
from django.core.management import call_command

from cooperation.models import (
    Body,
    BodyDocument,
    Consultation,
    ConsultationOrigin,
    Meeting,
    Membership,
    Seat,
    Signature,
    SourceKind,
    Statement,
    StatementStatus,
)

pytestmark = pytest.mark.django_db

MODELS = (Body, Membership, Seat, Meeting, BodyDocument, Consultation, ConsultationOrigin)
MODELS += (Statement, Signature)


def _counts():
    return [model.objects.count() for model in MODELS]


def test_the_demo_has_a_council_networks_consultations_and_statements_and_loads_twice_alike():
    call_command("load_demo", verbosity=0)
    assert Body.objects.filter(kind="council").count() == 1
    assert Body.objects.filter(kind="network").count() == 3
    assert Membership.objects.filter(organization__public_id__startswith="demo:").count() >= 15
    assert Meeting.objects.count() >= 5
    kinds = set(ConsultationOrigin.objects.values_list("source__kind", flat=True))
    assert kinds == {SourceKind.ODATA, SourceKind.FEED, SourceKind.MANUAL}
    # The hyvinvointialue request came from both the national feed and the city's RSS.
    assert ConsultationOrigin.objects.count() > Consultation.objects.count()
    statuses = dict(Statement.objects.values_list("public_id", "status"))
    assert statuses["demo:statement-drafting"] == StatementStatus.DRAFT
    assert Statement.objects.get(public_id="demo:statement-signing").signatures.count() >= 3
    assert Statement.objects.get(public_id="demo:statement-sent").effect == "taken"
    # The council's past meeting has its minutes as a PDF in the materials library.
    minutes = BodyDocument.objects.get(meeting__public_id="demo:meeting-1")
    assert minutes.role == "minutes"
    assert minutes.document.current_version.file_type == "pdf"
    assert minutes.document.extraction == "done"
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first

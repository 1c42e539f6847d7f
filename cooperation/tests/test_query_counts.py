"""Every public list costs the same number of queries however many rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.models import BodyDocument, Signature, StatementStatus
from organizations.tests.factories import OrganizationFactory

from .factories import (
    BodyFactory,
    ConsultationFactory,
    MeetingFactory,
    MembershipFactory,
    SeatFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def add_rows(n: int) -> None:
    for _ in range(n):
        body = BodyFactory()
        org = OrganizationFactory()
        MembershipFactory(body=body, organization=org, status="member")
        SeatFactory(body=body, organization=org)
        SeatFactory(body=body, person_name="", organization=None)
        MeetingFactory(body=body)
        statement = StatementFactory(
            consultation=ConsultationFactory(), body=body, status=StatementStatus.SENT
        )
        Signature.objects.create(statement=statement, organization=org)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name",
    [
        "cooperation:bodies",
        "cooperation:representation",
        "cooperation:consultations",
        "cooperation:statements",
    ],
)
def test_a_list_costs_a_fixed_number_of_queries(client, url_name):
    url = reverse(url_name)
    add_rows(2)
    few = queries(client, url)
    add_rows(4)
    assert queries(client, url) == few


def test_the_body_page_costs_a_fixed_number_of_queries(client):
    body = BodyFactory()
    for _ in range(2):
        org = OrganizationFactory()
        MembershipFactory(body=body, organization=org, status="member")
        SeatFactory(body=body, organization=org)
    few = queries(client, body.get_absolute_url())
    for _ in range(4):
        org = OrganizationFactory()
        MembershipFactory(body=body, organization=org, status="member")
        SeatFactory(body=body, organization=org)
        MeetingFactory(body=body)
    assert queries(client, body.get_absolute_url()) == few


def _meeting_with_minutes(body):
    from materials.tests.factories import DocumentFactory

    meeting = MeetingFactory(body=body)
    BodyDocument.objects.create(
        body=body, meeting=meeting, document=DocumentFactory(), role="minutes"
    )
    return meeting


def test_the_meeting_api_and_the_body_page_cost_the_same_however_many_documents(client):
    body = BodyFactory()
    for _ in range(2):
        _meeting_with_minutes(body)
    api = "/api/v1/cooperation_meeting/"
    few_api, few_page = queries(client, api), queries(client, body.get_absolute_url())
    for _ in range(4):
        _meeting_with_minutes(body)
    assert queries(client, api) == few_api
    assert queries(client, body.get_absolute_url()) == few_page

"""The PRH/YTJ register check: the adapter against recorded answers, the batch, the flags."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from importers import ytj
from importers.registry import (
    check_register_batch,
    flagged_organizations,
    organization_mark_dissolved,
    organization_register_check,
)
from importers.ytj import RegistryError, company_url, fetch_entry
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

FIXTURES = Path(__file__).parent / "fixtures"
NOW = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
Status = Organization.RegisterStatus

ANSWERS = {
    "1234567-1": (200, "ytj_registered.json"),
    "2345678-0": (200, "ytj_dissolved.json"),
    "0201234-7": (200, "ytj_liquidation.json"),
    "3012345-8": (200, "ytj_not_found.json"),
}


def recorded(url):
    """Answers the register's recorded fixtures by the business id in the URL."""
    recorded.urls.append(url)
    for business_id, (status, name) in ANSWERS.items():
        if url == company_url(business_id):
            return status, (FIXTURES / name).read_bytes()
    return 404, b""


@pytest.fixture(autouse=True)
def clock():
    recorded.urls = []
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_registered_association_gives_its_current_name():
    entry = fetch_entry("1234567-1", getter=recorded)

    assert entry.status == Status.REGISTERED
    assert entry.name == "Pohjois-Savon Kuurojen Yhdistys ry"
    assert recorded.urls == [
        "https://avoindata.prh.fi/opendata-ytj-api/v3/companies?businessId=1234567-1"
    ]


def test_an_association_removed_from_the_register_is_dissolved():
    entry = fetch_entry("2345678-0", getter=recorded)

    assert entry.status == Status.DISSOLVED
    assert entry.name == "Siilinjärven Kylätoimikunta ry"
    assert entry.ended_on == "2024-05-31"


def test_an_association_in_liquidation_is_winding_up():
    assert fetch_entry("0201234-7", getter=recorded).status == Status.WINDING_UP


def test_an_empty_answer_and_a_404_both_mean_not_found():
    assert fetch_entry("3012345-8", getter=recorded).status == Status.NOT_FOUND
    assert fetch_entry("2873645-8", getter=recorded).status == Status.NOT_FOUND


def test_an_unreadable_answer_is_an_error():
    with pytest.raises(RegistryError):
        fetch_entry("1234567-1", getter=lambda url: (200, b"<html>maintenance</html>"))


def test_a_server_error_is_an_error():
    with pytest.raises(RegistryError):
        fetch_entry("1234567-1", getter=lambda url: (503, b""))


@pytest.mark.django_db
def test_a_check_keeps_the_registered_name_status_and_time():
    organization = OrganizationFactory(business_id="1234567-1", name_fi="Kuurojen yhdistys")

    organization_register_check(organization=organization, getter=recorded)

    organization.refresh_from_db()
    assert organization.registered_name == "Pohjois-Savon Kuurojen Yhdistys ry"
    assert organization.register_status == Status.REGISTERED
    assert organization.register_checked_at == NOW
    assert organization.name == "Kuurojen yhdistys"  # the listing's own name stays


@pytest.mark.django_db
def test_a_failed_check_changes_nothing():
    organization = OrganizationFactory(business_id="1234567-1")

    def timing_out(url):
        raise RegistryError("The register did not answer in time.")

    with pytest.raises(RegistryError):
        organization_register_check(organization=organization, getter=timing_out)

    organization.refresh_from_db()
    assert organization.register_status == Status.NOT_CHECKED
    assert organization.register_checked_at is None


@pytest.mark.django_db
def test_the_batch_checks_due_associations_with_a_pause_between_requests():
    for business_id in ANSWERS:
        OrganizationFactory(business_id=business_id)
    OrganizationFactory(business_id="")
    fresh = OrganizationFactory(business_id="2873645-8")
    Organization.objects.filter(pk=fresh.pk).update(register_checked_at=NOW - dt.timedelta(days=3))
    pauses = []

    counts = check_register_batch(getter=recorded, pause=1.0, sleep=pauses.append)

    assert counts == {"checked": 4, "failed": 0, "flagged": 2}
    assert pauses == [1.0, 1.0, 1.0]
    assert len(recorded.urls) == 4


@pytest.mark.django_db
def test_the_batch_goes_on_past_an_association_the_register_cannot_answer_for():
    OrganizationFactory(business_id="1234567-1")
    OrganizationFactory(business_id="2345678-0")

    def failing_once(url):
        if url == company_url("1234567-1"):
            raise RegistryError("The register answered 500.")
        return recorded(url)

    counts = check_register_batch(getter=failing_once, pause=0)

    assert counts == {"checked": 1, "failed": 1, "flagged": 1}


@pytest.mark.django_db
def test_the_batch_stops_at_its_limit_oldest_check_first():
    old = OrganizationFactory(business_id="1234567-1")
    older = OrganizationFactory(business_id="2345678-0")
    Organization.objects.filter(pk=old.pk).update(register_checked_at=NOW - dt.timedelta(days=40))
    Organization.objects.filter(pk=older.pk).update(register_checked_at=NOW - dt.timedelta(days=90))

    check_register_batch(limit=1, getter=recorded, pause=0)

    assert recorded.urls == [company_url("2345678-0")]


@pytest.mark.django_db
def test_dissolved_and_unknown_associations_still_listed_as_active_are_flagged():
    dissolved = OrganizationFactory(business_id="2345678-0")
    unknown = OrganizationFactory(business_id="3012345-8")
    OrganizationFactory(business_id="1234567-1")
    already = OrganizationFactory(business_id="2345678-0", status=Organization.Status.DISSOLVED)
    check_register_batch(getter=recorded, pause=0)

    flagged = list(flagged_organizations())

    assert set(flagged) == {dissolved, unknown}
    assert already not in flagged


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
def test_the_coordinator_sees_the_flagged_associations(client):
    OrganizationFactory(business_id="2345678-0", name_fi="Kylätoimikunta")
    OrganizationFactory(business_id="1234567-1", name_fi="Kuurojen yhdistys")
    check_register_batch(getter=recorded, pause=0)
    client.force_login(UserFactory(is_coordinator=True))

    page = client.get(url("registry:flagged")).content.decode()

    assert "Kylätoimikunta" in page
    assert "Siilinjärven Kylätoimikunta ry" in page
    assert "Kuurojen yhdistys" not in page


@pytest.mark.django_db
def test_the_moderation_queue_links_to_the_flagged_associations(client):
    client.force_login(UserFactory(is_coordinator=True))

    page = client.get(url("moderation:queue")).content.decode()

    assert url("registry:flagged") in page


@pytest.mark.django_db
def test_only_the_coordinator_sees_the_flagged_associations(client):
    client.force_login(UserFactory())

    assert client.get(url("registry:flagged")).status_code == 403


@pytest.mark.django_db
def test_the_coordinator_marks_a_flagged_association_dissolved(client):
    organization = OrganizationFactory(business_id="2345678-0")
    check_register_batch(getter=recorded, pause=0)
    client.force_login(UserFactory(is_coordinator=True))

    response = client.post(url("registry:mark_dissolved", pk=organization.pk))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == Organization.Status.DISSOLVED
    assert list(flagged_organizations()) == []


@pytest.mark.django_db
def test_nobody_else_marks_an_association_dissolved():
    organization = OrganizationFactory(business_id="2345678-0")

    with pytest.raises(PermissionDenied):
        organization_mark_dissolved(user=UserFactory(), organization=organization)

    organization.refresh_from_db()
    assert organization.status == Organization.Status.ACTIVE


@pytest.mark.django_db
def test_the_command_checks_a_batch(monkeypatch):
    OrganizationFactory(business_id="2345678-0")
    monkeypatch.setattr(ytj, "http_get", recorded)
    out = StringIO()

    call_command("check_association_register", "--pause", "0", stdout=out)

    assert out.getvalue().strip() == "Checked 1, failed 0, flagged 1."


def test_the_register_check_is_scheduled_daily():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "importers.tasks.check_association_register_task" in tasks


@pytest.mark.django_db
def test_associations_never_checked_go_before_those_checked_long_ago():
    checked = OrganizationFactory(business_id="1234567-1")
    Organization.objects.filter(pk=checked.pk).update(
        register_checked_at=NOW - dt.timedelta(days=90)
    )
    OrganizationFactory(business_id="2345678-0")

    check_register_batch(limit=1, getter=recorded, pause=0)

    assert recorded.urls == [company_url("2345678-0")]

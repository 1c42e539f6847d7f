import datetime as dt

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType

from accounts.models import AuditEntry, User
from accounts.retention import forget_audit_entries
from moderation.services import claim_approve
from moderation.tests.factories import ClaimFactory

from .factories import PASSWORD, UserFactory
from .links import url
from .second_factor import app_device, current_code, sign_in_without_second_factor

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def sign_in(client, email, password=PASSWORD):
    return client.post(
        url("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_a_sign_in_is_logged_with_the_person_the_way_and_the_ip_address(client):
    user = UserFactory(email="maija@example.org")
    sign_in(client, "maija@example.org")
    entry = AuditEntry.objects.get(action=Action.SIGNED_IN)
    assert (entry.user, entry.detail, entry.ip_address) == (user, "password", "10.1.2.3")


def test_a_failed_sign_in_is_logged_with_the_address_typed(client):
    sign_in(client, "Nobody@Example.org", "väärä")
    entry = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)
    assert (entry.user, entry.email) == (None, "nobody@example.org")


def test_a_wrong_and_a_right_second_factor_code_are_logged(client):
    user = UserFactory(is_coordinator=True)
    device = app_device(user)
    sign_in_without_second_factor(client, user)
    client.post(url("accounts:two_factor_verify"), {"token": "000000"})
    # django-otp refuses every code for a second after a wrong one.
    with time_machine.travel(dt.timedelta(seconds=3)):
        client.post(url("accounts:two_factor_verify"), {"token": current_code(device)})
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == [Action.SECOND_FACTOR_FAILED, Action.SECOND_FACTOR_VERIFIED]


def test_a_coordinators_decision_on_a_claim_is_logged():
    coordinator = UserFactory(is_coordinator=True)
    claim = ClaimFactory()
    claim_approve(claim=claim, user=coordinator)
    entry = AuditEntry.objects.get(action=Action.COORDINATOR_ACTION)
    assert entry.user == coordinator
    assert str(claim.organization) in entry.detail


def test_the_audit_log_page_shows_sign_ins_and_admin_changes_to_the_coordinator(client):
    coordinator = UserFactory(is_coordinator=True)
    sign_in(client, "stranger@example.org", "väärä")
    LogEntry.objects.log_actions(
        user_id=coordinator.pk,
        queryset=User.objects.filter(pk=coordinator.pk),
        action_flag=ADDITION,
        change_message="",
        single_object=True,
    )
    client.force_login(coordinator)
    text = client.get(url("accounts:audit_log")).text
    assert "stranger@example.org" in text
    assert ContentType.objects.get_for_model(User).name in text


def test_the_audit_log_page_is_the_coordinators_only(client):
    client.force_login(UserFactory())
    assert client.get(url("accounts:audit_log")).status_code == 403


def test_the_moderation_queue_links_the_audit_log(client):
    client.force_login(UserFactory(is_coordinator=True))
    assert url("accounts:audit_log") in client.get(url("moderation:queue")).text


def test_entries_older_than_the_retention_period_are_deleted(settings):
    settings.SAKKE_AUDIT_LOG_DAYS = 10
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        AuditEntry.objects.create(action=Action.SIGNED_OUT, email="old@example.org")
    with time_machine.travel(dt.datetime(2026, 1, 20, tzinfo=dt.UTC), tick=False):
        AuditEntry.objects.create(action=Action.SIGNED_OUT, email="new@example.org")
        assert forget_audit_entries() == 1
    assert list(AuditEntry.objects.values_list("email", flat=True)) == ["new@example.org"]

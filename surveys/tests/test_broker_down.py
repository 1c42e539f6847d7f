"""Redis stopped when the coordinator sends a round's invitations: the page answers, the
invitations are recorded, and beat's periodic job sends each once the broker is back."""

import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from accounts.tests.factories import UserFactory
from config.celery import app
from organizations.tests.factories import OrganizationFactory
from surveys.models import Invitation
from surveys.tasks import send_invitations_task, send_pending_invitations_task

from .factories import QuestionFactory, RoundFactory


def broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")


def test_the_periodic_job_is_scheduled():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "surveys.tasks.send_pending_invitations_task" in scheduled
    assert "surveys.tasks.send_pending_invitations_task" in app.tasks


@pytest.mark.django_db(transaction=True)
def test_invitations_asked_for_while_the_broker_is_down_go_once_with_the_periodic_job(
    client, monkeypatch, caplog
):
    question = QuestionFactory()
    round_ = RoundFactory(survey=question.survey)
    OrganizationFactory(email="eka@example.org")
    OrganizationFactory(email="toka@example.org")
    client.force_login(UserFactory(is_coordinator=True))
    url = reverse("surveys:round", args=[round_.survey.slug, round_.pk])

    with monkeypatch.context() as patched:
        patched.setattr(send_invitations_task, "apply_async", broker_down)
        response = client.post(url, {"action": "invite"})

    assert response.status_code == 302
    assert response["Location"] == url
    assert sorted(Invitation.objects.values_list("email", "sent_at")) == [
        ("eka@example.org", None),
        ("toka@example.org", None),
    ]
    assert mail.outbox == []
    assert "send_pending_invitations_task will queue it" in caplog.text

    assert send_pending_invitations_task() == 2  # beat's run once the broker is back
    assert send_pending_invitations_task() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["eka@example.org", "toka@example.org"]
    assert not Invitation.objects.filter(sent_at=None).exists()


@pytest.mark.django_db
def test_the_periodic_job_leaves_the_invitations_of_a_closed_round(
    django_capture_on_commit_callbacks,
):
    from surveys import invitations

    question = QuestionFactory()
    round_ = RoundFactory(survey=question.survey)
    OrganizationFactory(email="eka@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        assert invitations.invitations_request(round_=round_) == 1
    round_.closes_at = round_.opens_at
    round_.save()

    assert send_pending_invitations_task() == 0
    assert mail.outbox == []
    assert Invitation.objects.get().sent_at is None

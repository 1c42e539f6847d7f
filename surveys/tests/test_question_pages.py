"""The coordinator's question page: a new wording says whether it compares, a condition
names an earlier answer, and a result is declared a programme indicator."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from programme.tests.factories import IndicatorFactory
from surveys.models import QuestionIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(UserFactory(is_coordinator=True))
    return client


def url(round_, key):
    return reverse("surveys:question", args=[round_.survey.slug, key])


def test_a_new_wording_must_say_whether_it_compares(coordinator_client, closed_round):
    premises = closed_round.survey.questions.get(key="premises")
    page = coordinator_client.get(url(closed_round, "premises"))
    assert page.status_code == 200
    reply = coordinator_client.post(
        url(closed_round, "premises"), {"action": "reword", "w-text_fi": "Tilat nyt?"}
    )
    assert reply.status_code == 200
    assert "Say whether the answers can be compared." in reply.content.decode()
    assert premises.versions.count() == 1
    reply = coordinator_client.post(
        url(closed_round, "premises"),
        {"action": "reword", "w-text_fi": "Tilat nyt?", "w-comparable": "no"},
    )
    assert reply.status_code == 302
    version = premises.versions.order_by("-number").first()
    assert (version.number, version.text_fi, version.comparable_with_previous) == (
        2,
        "Tilat nyt?",
        False,
    )
    # The round already asked keeps its wording.
    assert closed_round.versions.get(question=premises).number == 1


def test_a_condition_names_an_answer_to_an_earlier_question(coordinator_client, closed_round):
    survey = closed_round.survey
    situation, members = survey.questions.get(key="situation"), survey.questions.get(key="members")
    choice = situation.choices.get(value="b")
    page = coordinator_client.get(url(closed_round, "members")).content.decode()
    assert f'value="{choice.pk}"' in page
    reply = coordinator_client.post(
        url(closed_round, "members"), {"action": "condition", "c-show_if_choice": choice.pk}
    )
    assert reply.status_code == 302
    members.refresh_from_db()
    assert members.show_if_choice == choice
    # The first question has no earlier answer to depend on: nothing changes.
    reply = coordinator_client.post(
        url(closed_round, "situation"), {"action": "condition", "c-show_if_choice": choice.pk}
    )
    assert reply.status_code == 200
    situation.refresh_from_db()
    assert situation.show_if_choice is None
    # Emptying the condition shows the question to everyone again.
    coordinator_client.post(url(closed_round, "members"), {"action": "condition"})
    members.refresh_from_db()
    assert members.show_if_choice is None


def test_the_page_declares_a_share_as_an_indicator(coordinator_client, closed_round):
    indicator = IndicatorFactory()
    situation = closed_round.survey.questions.get(key="situation")
    choice = situation.choices.get(value="a")
    reply = coordinator_client.post(
        url(closed_round, "situation"),
        {"action": "indicator", "i-indicator": indicator.pk, "i-choice": choice.pk},
    )
    assert reply.status_code == 302
    link = QuestionIndicator.objects.get(indicator=indicator)
    assert (link.question, link.choice) == (situation, choice)
    assert indicator.points.get().value == Decimal("42.90")  # the closed round's value, at once
    assert (
        indicator.name_fi in coordinator_client.get(url(closed_round, "situation")).content.decode()
    )

"""Who may open each survey page: the permission matrix of every view."""

import pytest
from django.urls import reverse

from accounts.tests.factories import OrganizationEditorFactory, UserFactory
from organizations.tests.factories import OrganizationFactory
from surveys import services
from surveys.models import Invitation

pytestmark = pytest.mark.django_db

ANONYMOUS, EDITOR, COORDINATOR = "anonymous", "editor", "coordinator"


def login(client, who):
    if who == EDITOR:
        client.force_login(OrganizationEditorFactory().user)
    elif who == COORDINATOR:
        client.force_login(UserFactory(is_coordinator=True))


def urls(round_):
    slug, pk = round_.survey.slug, round_.pk
    return {
        "list": reverse("surveys:list"),
        "detail": reverse("surveys:detail", args=[slug]),
        "results": reverse("surveys:results", args=[slug, pk]),
        "results_csv": reverse("surveys:results_download", args=[slug, pk, "csv"]),
        "comparison": reverse("surveys:comparison", args=[slug]),
        "comparison_xlsx": reverse("surveys:comparison_download", args=[slug, "xlsx"]),
        "new": reverse("surveys:new"),
        "edit": reverse("surveys:edit", args=[slug]),
        "round_new": reverse("surveys:round_new", args=[slug]),
        "round": reverse("surveys:round", args=[slug, pk]),
        "question": reverse("surveys:question", args=[slug, "situation"]),
    }


PUBLIC = ["list", "detail", "results", "results_csv", "comparison", "comparison_xlsx"]
COORDINATOR_ONLY = ["new", "edit", "round_new", "round", "question"]
EXPECTED = {ANONYMOUS: 302, EDITOR: 403, COORDINATOR: 200}


@pytest.mark.parametrize("who", [ANONYMOUS, EDITOR, COORDINATOR])
@pytest.mark.parametrize("name", PUBLIC)
def test_the_public_pages_open_for_everyone(client, closed_round, who, name):
    login(client, who)
    assert client.get(urls(closed_round)[name]).status_code == 200


@pytest.mark.parametrize("who", [ANONYMOUS, EDITOR, COORDINATOR])
@pytest.mark.parametrize("name", COORDINATOR_ONLY)
def test_the_coordinators_pages_are_the_coordinators(client, closed_round, who, name):
    login(client, who)
    reply = client.get(urls(closed_round)[name])
    assert reply.status_code == EXPECTED[who]
    if who == ANONYMOUS:
        assert reply["Location"].startswith("/en/account/sign-in/?next=")


@pytest.mark.parametrize("who", [ANONYMOUS, EDITOR, COORDINATOR])
def test_only_the_coordinator_exports_the_raw_answers(client, closed_round, who):
    login(client, who)
    url = reverse("surveys:raw", args=[closed_round.survey.slug, closed_round.pk])
    reply = client.post(url)
    assert reply.status_code == EXPECTED[who]
    if who == COORDINATOR:
        text = reply.content.decode("utf-8-sig")
        assert text.startswith("respondent,municipality,topic")
        assert "Testiyhdistys" not in text  # no association consented to be named
    assert client.get(url).status_code in (302, 403, 405)


@pytest.mark.parametrize("who", [ANONYMOUS, EDITOR, COORDINATOR])
def test_the_round_actions_are_the_coordinators(client, closed_round, who):
    login(client, who)
    url = reverse("surveys:round", args=[closed_round.survey.slug, closed_round.pk])
    reply = client.post(url, {"action": "close"})
    assert reply.status_code == (302 if who in (ANONYMOUS, COORDINATOR) else 403)


def test_an_invitation_link_answers_for_its_association_only(client, closed_round):
    invitation = Invitation.objects.create(
        round=closed_round, organization=OrganizationFactory(), email="a@example.org"
    )
    url = reverse("surveys:answer_invited", args=[services.invitation_token(invitation)])
    assert client.get(url).status_code == 200  # the round is closed: it says so
    assert b"not open" in client.get(url).content


@pytest.mark.parametrize("who", [ANONYMOUS, EDITOR, COORDINATOR])
@pytest.mark.parametrize("action", ["reword", "condition"])
def test_only_the_coordinator_rewords_a_question_or_sets_its_condition(
    client, closed_round, who, action
):
    login(client, who)
    premises = closed_round.survey.questions.get(key="premises")
    choice = closed_round.survey.questions.get(key="situation").choices.first()
    data = {
        "reword": {"action": "reword", "w-text_fi": "Uusi?", "w-comparable": "yes"},
        "condition": {"action": "condition", "c-show_if_choice": choice.pk},
    }[action]
    url = reverse("surveys:question", args=[closed_round.survey.slug, "premises"])
    reply = client.post(url, data)
    assert reply.status_code == (302 if who in (ANONYMOUS, COORDINATOR) else 403)
    premises.refresh_from_db()
    changed = premises.versions.count() == 2 or premises.show_if_choice_id == choice.pk
    assert changed == (who == COORDINATOR)

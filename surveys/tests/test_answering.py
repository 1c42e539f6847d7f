"""Answering a round: save and continue, send once, conditions held on the server."""

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from surveys import services
from surveys.models import Answer, Invitation, QuestionKind, Response
from taxonomy.tests.factories import TopicFactory

from .factories import QuestionFactory, RoundFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    section = SectionFactory()
    survey = section.survey
    helps = QuestionFactory(section=section, kind=QuestionKind.SINGLE, with_choices=["yes", "no"])
    how = QuestionFactory(section=section, kind=QuestionKind.TEXT)
    how.show_if_choice = helps.choices.get(value="yes")
    how.save()
    members = QuestionFactory(section=section, kind=QuestionKind.NUMBER)
    survey.size_question = members
    survey.save()
    return survey, helps, how, members


def test_a_saved_draft_keeps_its_answers_and_can_be_changed_before_sending(questionnaire):
    survey, helps, how, members = questionnaire
    round_ = RoundFactory(survey=survey)
    organization = OrganizationFactory()
    response = services.response_get_or_start(round_=round_, organization=organization)
    yes = helps.choices.get(value="yes")
    services.response_save(
        response=response, questions=[helps], values={helps.pk: yes.pk}, submit=False
    )
    again = services.response_get_or_start(round_=round_, organization=organization)
    assert again.pk == response.pk
    assert again.status == Response.Status.DRAFT
    assert services.answer_values(again) == {helps.pk: [yes.pk]}


def test_sending_records_the_breakdowns_and_drops_answers_to_questions_not_asked(
    questionnaire,
):
    survey, helps, how, members = questionnaire
    round_ = RoundFactory(survey=survey)
    kuopio = MunicipalityFactory(name_fi="Kuopio")
    sport = TopicFactory()
    organization = OrganizationFactory(municipalities=[kuopio], topics=[sport])
    response = services.response_get_or_start(round_=round_, organization=organization)
    no = helps.choices.get(value="no")
    sent = services.response_save(
        response=response,
        questions=[helps, how, members],
        values={helps.pk: no.pk, how.pk: "Kerhotoiminnalla", members.pk: "120"},
        submit=True,
    )
    assert sent.status == Response.Status.SUBMITTED
    assert (sent.municipality, sent.topic, sent.size_band) == (kuopio, sport, "medium")
    assert not Answer.objects.filter(response=sent, question=how).exists()


def test_a_sent_response_cannot_be_changed_or_sent_again(questionnaire):
    survey, helps, how, members = questionnaire
    round_ = RoundFactory(survey=survey)
    response = services.response_get_or_start(round_=round_, organization=OrganizationFactory())
    services.response_save(response=response, questions=[helps], values={}, submit=True)
    with pytest.raises(ValidationError, match="already been sent"):
        services.response_save(response=response, questions=[helps], values={}, submit=True)


def test_a_closed_round_takes_no_answers(questionnaire):
    survey, helps, how, members = questionnaire
    round_ = RoundFactory(survey=survey)
    response = services.response_get_or_start(round_=round_, organization=OrganizationFactory())
    services.round_close(user=UserFactory(is_coordinator=True), round_=round_)
    with pytest.raises(ValidationError, match="not open"):
        services.response_save(response=response, questions=[helps], values={}, submit=True)


def test_an_invitation_link_names_its_invitation_and_a_forged_one_nothing(questionnaire):
    survey, *_questions = questionnaire
    round_ = RoundFactory(survey=survey)
    invitation = Invitation.objects.create(
        round=round_, organization=OrganizationFactory(), email="a@example.org"
    )
    token = services.invitation_token(invitation)
    assert services.invitation_from_token(token) == invitation
    assert services.invitation_from_token(token[:-2] + "xx") is None
    assert services.invitation_from_token("not-a-token") is None


def test_only_the_coordinator_builds_the_questionnaire():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.survey_create(user=UserFactory(), slug="x", names={"fi": "Kysely"})

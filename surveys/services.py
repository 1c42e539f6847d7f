"""Writes of the NGO survey: answering (save and continue, send), building the
questionnaire, opening and closing rounds, approving free-text answers."""

import secrets
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_organization
from core.roles import is_coordinator
from core.writes import content_write

from .indicators import round_indicators_publish
from .models import (
    Answer,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    QuestionVersion,
    Response,
    Round,
    Section,
    SizeBand,
    Survey,
)

INVITATION_SALT = "surveys.invitation"


# Invitation links.


def invitation_token(invitation: Invitation) -> str:
    """The signed token of an association's personal link to a round."""
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a token names, or None for a token this service did not sign."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("invitation"), int):
        return None
    return (
        Invitation.objects.select_related("round__survey", "organization")
        .filter(pk=data["invitation"])
        .first()
    )


def new_anonymous_key() -> str:
    return secrets.token_urlsafe(24)


# Answering.


def size_band(members: Decimal | None) -> str:
    """The size band of an association with this many members (None: not known)."""
    if members is None:
        return SizeBand.UNKNOWN
    if members < 50:
        return SizeBand.SMALL
    if members < 200:
        return SizeBand.MEDIUM
    return SizeBand.LARGE


def response_get_or_start(*, round_: Round, organization=None, anonymous_key: str = "") -> Response:
    """The respondent's response to the round, a new draft if there is none yet.

    A second request racing to start the same association's response finds the first
    one's row: the unique constraint turns its insert into a lookup."""
    if organization is None:
        if not anonymous_key:
            raise ValueError("An anonymous response needs its key.")
        response = Response.objects.filter(round=round_, anonymous_key=anonymous_key).first()
        return response or Response.objects.create(round=round_, anonymous_key=anonymous_key)
    try:
        with transaction.atomic():
            return Response.objects.get_or_create(round=round_, organization=organization)[0]
    except IntegrityError:
        return Response.objects.get(round=round_, organization=organization)


def answer_values(response: Response) -> dict[int, list]:
    """The saved values of a response by question id, as the answer form takes them."""
    values: dict[int, list] = {}
    for answer in response.answers.all():
        value = answer.choice_id or answer.municipality_id or answer.text or answer.number
        values.setdefault(answer.question_id, []).append(value)
    return values


def is_shown(question: Question, chosen: set[int]) -> bool:
    """Whether a question is asked, given the choice ids answered so far."""
    return question.show_if_choice_id is None or question.show_if_choice_id in chosen


def _answer_rows(response, question, value) -> list[Answer]:
    values = value if isinstance(value, list | tuple | set) else [value]
    rows = []
    for item in values:
        if item in (None, ""):
            continue
        row = Answer(response=response, question=question)
        if question.has_choices:
            row.choice_id = int(item)
        elif question.kind == QuestionKind.MUNICIPALITY:
            row.municipality_id = int(item)
        elif question.kind == QuestionKind.TEXT:
            row.text = str(item).strip()
        else:
            row.number = Decimal(item)
        rows.append(row)
    return rows


def response_save(
    *,
    response: Response,
    questions: list[Question],
    values: dict[int, object],
    submit: bool,
    user=None,
    consent_to_be_named: bool = False,
) -> Response:
    """Save the answers of `questions` (a section, or all of them) into the response;
    with `submit`, send it. A sent response no longer changes, even when two sends race:
    the second waits for the first's row lock and then finds it sent."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == Response.Status.SUBMITTED:
            raise ValidationError(_("These answers have already been sent."))
        if not locked.round.is_open():
            raise ValidationError(_("The survey is not open for answers."))
        Answer.objects.filter(response=locked, question__in=questions).delete()
        rows = []
        for question in questions:
            rows += _answer_rows(locked, question, values.get(question.pk))
        Answer.objects.bulk_create(rows)
        if submit:
            _drop_hidden_answers(locked)
            _record_breakdowns(locked)
            locked.status = Response.Status.SUBMITTED
            locked.submitted_at = timezone.now()
            locked.submitted_by = user if user and user.is_authenticated else None
        locked.consent_to_be_named = consent_to_be_named
        locked.save()
    return locked


def _drop_hidden_answers(response: Response) -> None:
    """Conditions hold on the server: answers to questions not asked are not kept."""
    chosen = set(response.answers.exclude(choice=None).values_list("choice_id", flat=True))
    hidden = [
        q.pk
        for q in Question.objects.filter(survey=response.round.survey).exclude(show_if_choice=None)
        if not is_shown(q, chosen)
    ]
    response.answers.filter(question__in=hidden).delete()


def _record_breakdowns(response: Response) -> None:
    organization = response.organization
    if organization is not None:
        response.municipality = organization.address_municipality or (
            organization.municipalities.order_by("name").first()
        )
        response.topic = organization.topics.order_by("pk").first()
    size_question = response.round.survey.size_question_id
    members = None
    if size_question:
        answer = response.answers.filter(question_id=size_question).first()
        members = answer.number if answer else None
    response.size_band = size_band(members)


# The questionnaire and its rounds (the coordinator's).


def _coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may change the survey."))


def survey_create(*, user, slug: str, names: dict, descriptions: dict | None = None) -> Survey:
    _coordinator(user)
    if Survey.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A survey with this short name exists already.")})
    with content_write(user, _("Created the survey")):
        survey = Survey(slug=slug)
        for lang, value in names.items():
            setattr(survey, f"name_{lang}", value)
        for lang, value in (descriptions or {}).items():
            setattr(survey, f"description_{lang}", value)
        survey.save()
    return survey


def section_add(*, user, survey: Survey, titles: dict) -> Section:
    _coordinator(user)
    with content_write(user, _("Added a section to the survey")):
        order = survey.sections.count() + 1
        section = Section(survey=survey, order=order)
        for lang, value in titles.items():
            setattr(section, f"title_{lang}", value)
        section.save()
    return section


def question_add(
    *,
    user,
    section: Section,
    key: str,
    kind: str,
    texts: dict,
    choices: list[dict] | None = None,
    required: bool = False,
    show_if_choice: Choice | None = None,
) -> Question:
    """A new question with its first wording and its choices (`[{"value", "fi", …}]`)."""
    _coordinator(user)
    survey = section.survey
    if Question.objects.filter(survey=survey, key=key).exists():
        raise ValidationError({"key": _("The survey has a question with this key already.")})
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not choices:
        raise ValidationError({"choices": _("A choice question needs at least one choice.")})
    with content_write(user, _("Added a question to the survey")):
        question = Question.objects.create(
            survey=survey,
            section=section,
            key=key,
            kind=kind,
            required=required,
            show_if_choice=show_if_choice,
            order=section.questions.count() + 1,
        )
        version = QuestionVersion(question=question, number=1)
        for lang, value in texts.items():
            setattr(version, f"text_{lang}", value)
        version.save()
        for order, choice in enumerate(choices or [], start=1):
            row = Choice(question=question, value=choice["value"], order=order)
            for lang in ("fi", "sv", "en"):
                setattr(row, f"label_{lang}", choice.get(lang, ""))
            row.save()
    return question


def question_reword(*, user, question: Question, texts: dict, comparable: bool) -> QuestionVersion:
    """A new wording of a question, saying whether answers still compare with the last."""
    _coordinator(user)
    with content_write(user, _("Reworded a survey question")):
        last = question.versions.order_by("-number").first()
        version = QuestionVersion(
            question=question,
            number=(last.number + 1) if last else 1,
            comparable_with_previous=comparable,
        )
        for lang, value in texts.items():
            setattr(version, f"text_{lang}", value)
        version.save()
    return version


def earlier_choice_questions(question: Question) -> list[Question]:
    """The choice questions asked before `question`: those its condition may name."""
    questions = (
        Question.objects.filter(survey_id=question.survey_id)
        .select_related("section")
        .prefetch_related("versions", "choices")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    earlier = []
    for other in questions:
        if other.pk == question.pk:
            break
        if other.has_choices:
            earlier.append(other)
    return earlier


def question_condition_set(*, user, question: Question, choice: Choice | None) -> Question:
    """Show the question only to those who chose `choice` earlier (None: to everyone)."""
    _coordinator(user)
    if choice is not None and choice.question_id not in {
        q.pk for q in earlier_choice_questions(question)
    }:
        raise ValidationError(
            {"show_if_choice": _("Choose an answer to a choice question asked before this one.")}
        )
    with content_write(user, _("Changed when a survey question is shown")):
        question.show_if_choice = choice
        question.save(update_fields=["show_if_choice"])
    return question


def round_open(*, user, survey: Survey, name: str, closes_at, opens_at=None, **segment) -> Round:
    """A round asking the current wording of every question, open from `opens_at` (now)."""
    _coordinator(user)
    opens_at = opens_at or timezone.now()
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The round must close after it opens.")})
    if not survey.questions.exists():
        raise ValidationError(_("Add questions to the survey before opening a round."))
    with content_write(user, _("Opened a survey round")):
        round_ = Round.objects.create(
            survey=survey,
            name=name,
            opens_at=opens_at,
            closes_at=closes_at,
            open_link=segment.get("open_link", False),
        )
        latest = {
            version.question_id: version
            for version in QuestionVersion.objects.filter(question__survey=survey).order_by(
                "number"
            )
        }
        round_.versions.set(latest.values())
        round_.segment_municipalities.set(segment.get("municipalities", []))
        round_.segment_topics.set(segment.get("topics", []))
    return round_


def round_close(*, user, round_: Round) -> Round:
    """Close the round now: its results are published from this moment."""
    _coordinator(user)
    with content_write(user, _("Closed a survey round")):
        round_.closes_at = timezone.now()
        round_.save(update_fields=["closes_at", "updated_at"])
    round_indicators_publish(round_)
    return round_


def text_answer_approve(*, user, answer: Answer, approved: bool = True) -> None:
    """Show (or hide again) a free-text answer in the published results."""
    _coordinator(user)
    Answer.objects.filter(pk=answer.pk, question__kind=QuestionKind.TEXT).update(
        text_approved=approved
    )
    Round.objects.filter(pk=answer.response.round_id).update(updated_at=timezone.now())


def response_naming_withdraw(*, user, response: Response) -> None:
    """The association may no longer be named in the raw data of this response: the
    coordinator's export shows a pseudonym from now on. The person who sent the answers
    withdraws it, or an editor of the association."""
    sent_by_them = response.submitted_by_id is not None and response.submitted_by_id == user.pk
    editor = response.organization is not None and can_edit_organization(
        user, response.organization
    )
    if not (sent_by_them or editor):
        raise PermissionDenied
    Response.objects.filter(pk=response.pk).update(consent_to_be_named=False)
    response.consent_to_be_named = False

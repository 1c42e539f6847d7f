"""Reads of the NGO survey: questionnaires as asked in a round, rounds, comparisons."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from organizations.models import Organization

from .models import Answer, Choice, Invitation, Question, QuestionKind, Response, Round, Survey
from .results import round_results


def survey_list() -> QuerySet:
    return Survey.objects.prefetch_related(
        Prefetch("rounds", queryset=Round.objects.order_by("opens_at", "pk"))
    )


def survey_get(slug: str) -> Survey:
    return Survey.objects.get(slug=slug)


def round_get(survey: Survey, pk: int) -> Round:
    return Round.objects.select_related("survey").get(survey=survey, pk=pk)


def closed_rounds(survey: Survey) -> list[Round]:
    return [r for r in survey.rounds.order_by("closes_at", "pk") if r.is_closed()]


def open_rounds(survey: Survey) -> list[Round]:
    return [r for r in survey.rounds.order_by("closes_at", "pk") if r.is_open()]


@dataclass
class SectionPage:
    section: object
    items: list  # [(question, version, condition label)]


def questionnaire(round_: Round) -> list[SectionPage]:
    """The round's sections with the wording it asks, in order; sections without
    questions in this round are left out. Three queries."""
    versions = (
        round_.versions.select_related("question__section", "question__show_if_choice")
        .prefetch_related(Prefetch("question__choices", queryset=Choice.objects.order_by("order")))
        .order_by("question__section__order", "question__section__pk", "question__order")
    )
    pages: dict = {}
    for version in versions:
        question = version.question
        page = pages.setdefault(question.section_id, SectionPage(question.section, []))
        page.items.append((question, version, ""))
    return list(pages.values())


def visible_items(pages: list[SectionPage], index: int, saved: dict) -> list:
    """The questions of page `index` to show, given the answers saved so far: a question
    whose condition lies on an earlier page is asked only if that choice was made; one
    whose condition is on the same page is shown with a note saying when to answer it."""
    chosen = {value for values in saved.values() for value in values}
    earlier = {q.pk for page in pages[:index] for q, _v, _c in page.items}
    shown = []
    for question, version, _condition in pages[index].items:
        condition = question.show_if_choice
        if condition is None:
            shown.append((question, version, ""))
        elif condition.question_id in earlier:
            if condition.pk in chosen:
                shown.append((question, version, ""))
        else:
            shown.append((question, version, condition.label))
    return shown


def missing_required(pages: list[SectionPage], saved: dict) -> list[tuple[int, object]]:
    """(page number, version) of the required questions asked but not answered."""
    missing = []
    for index, _page in enumerate(pages):
        for question, version, _condition in visible_items(pages, index, saved):
            if question.required and not saved.get(question.pk):
                if question.show_if_choice_id and question.show_if_choice_id not in {
                    v for vs in saved.values() for v in vs
                }:
                    continue
                missing.append((index + 1, version))
    return missing


def response_rates(round_: Round) -> list[dict]:
    """Invited and answered associations by municipality (directory municipality)."""
    invited = (
        Invitation.objects.filter(round=round_)
        .values("organization__address_municipality__name")
        .annotate(
            invited=Count("pk"),
            answered=Count(
                "organization__survey_responses",
                filter=Q(
                    organization__survey_responses__round=round_,
                    organization__survey_responses__status=Response.Status.SUBMITTED,
                ),
            ),
        )
        .order_by("organization__address_municipality__name")
    )
    return [
        {
            "municipality": row["organization__address_municipality__name"],
            "invited": row["invited"],
            "answered": row["answered"],
            "rate": round(100 * row["answered"] / row["invited"]) if row["invited"] else None,
        }
        for row in invited
    ]


def approved_texts(round_: Round) -> dict[int, list[str]]:
    """Free-text answers the coordinator approved, by question id."""
    texts: dict[int, list[str]] = {}
    rows = Answer.objects.filter(
        response__round=round_,
        response__status=Response.Status.SUBMITTED,
        question__kind=QuestionKind.TEXT,
        text_approved=True,
    ).values_list("question_id", "text")
    for question_id, text in rows.order_by("pk"):
        texts.setdefault(question_id, []).append(text)
    return texts


def texts_to_review(round_: Round) -> QuerySet:
    return (
        Answer.objects.filter(
            response__round=round_,
            response__status=Response.Status.SUBMITTED,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(text="")
        .select_related("question")
        .order_by("question__order", "pk")
    )


def answerable_organizations(user, round_: Round) -> QuerySet:
    """The associations the user answers for: those they edit, within the round's segment."""
    from accounts.permissions import editable_organizations

    organizations = editable_organizations(user)
    if round_.segment_municipalities.exists():
        organizations = organizations.filter(municipalities__in=round_.segment_municipalities.all())
    return organizations.distinct().order_by("name")


def invitees(round_: Round) -> QuerySet:
    """The active associations with an e-mail address in the round's segment."""
    organizations = Organization.objects.filter(status=Organization.Status.ACTIVE).exclude(email="")
    if round_.segment_municipalities.exists():
        organizations = organizations.filter(municipalities__in=round_.segment_municipalities.all())
    if round_.segment_topics.exists():
        organizations = organizations.filter(topics__in=round_.segment_topics.all())
    return organizations.distinct()


@dataclass
class Comparison:
    question: Question
    text: str
    columns: list  # [(value, label)]
    points: list  # [(round, QuestionResult)]


def _comparable_chain(question: Question, rounds_versions: list) -> list:
    """The latest run of rounds whose wordings of the question all compare."""
    chain = []
    previous = None
    for round_, version in rounds_versions:
        if previous is not None and version.number != previous.number:
            numbers = range(previous.number + 1, version.number + 1)
            comparable = all(
                v.comparable_with_previous for v in question.versions.all() if v.number in numbers
            )
            if not comparable:
                chain = []
        chain.append((round_, version))
        previous = version
    return chain


def chosen_rounds(survey: Survey, chosen) -> list[Round]:
    """The closed rounds to compare: those of `chosen` (round ids, e.g. 2016 and 2026
    without 2018 between them) when it names two or more, else all of them."""
    rounds = closed_rounds(survey)
    wanted = {str(pk) for pk in chosen or ()}
    picked = [r for r in rounds if str(r.pk) in wanted]
    return picked if len(picked) >= 2 else rounds


def comparisons(survey: Survey, rounds: list[Round] | None = None) -> list[Comparison]:
    """Each tabulated question asked in two or more comparable closed rounds (of `rounds`,
    by default all), with its suppressed results per round (the same tables as the
    results pages). Rounds need not follow each other: the wordings in between decide."""
    rounds = closed_rounds(survey) if rounds is None else rounds
    results = {r.pk: {res.question_id: res for res in round_results(r)} for r in rounds}
    asked: dict = {}
    for round_ in rounds:
        for version in round_.versions.all():
            asked.setdefault(version.question_id, []).append((round_, version))
    questions = Question.objects.filter(pk__in=asked).prefetch_related("versions", "choices")
    found = []
    for question in questions.order_by("section__order", "order"):
        if question.kind in (QuestionKind.TEXT, QuestionKind.MUNICIPALITY):
            continue
        chain = _comparable_chain(question, asked[question.pk])
        points = [
            (r, results[r.pk][question.pk]) for r, _v in chain if question.pk in results[r.pk]
        ]
        if len(points) >= 2:
            text = chain[-1][1].text
            found.append(Comparison(question, text, points[-1][1].columns, points))
    return found

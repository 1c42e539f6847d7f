"""Property: over random answer sets, the numbers `round_results` publishes (the same
the pages, downloads and API show; see test_results.py) are true, none describes a group
under the threshold, and no such group can be worked out from them by adding and
subtracting along the table's sums, across all three breakdowns at once."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from municipalities.tests.factories import MunicipalityFactory
from surveys.disclosure import Relation
from surveys.models import Answer, QuestionKind, Response
from surveys.results import DIMENSIONS, round_results
from taxonomy.tests.factories import TopicFactory

from .factories import QuestionFactory, RoundFactory
from .test_disclosure import derivable

THRESHOLD = 5
respondent = st.tuples(
    st.integers(0, 2),  # municipality
    st.integers(0, 1),  # topic
    st.sampled_from(["small", "large"]),
    st.integers(0, 2),  # single choice
    st.sets(st.integers(0, 2), min_size=1),  # multiple choice
)


@pytest.fixture
def world(db):
    single = QuestionFactory(kind=QuestionKind.SINGLE)
    multiple = QuestionFactory(section=single.section, kind=QuestionKind.MULTIPLE)
    round_ = RoundFactory(survey=single.survey, closes_at=None)
    places = [MunicipalityFactory() for _n in range(3)]
    topics = [TopicFactory() for _n in range(2)]
    return round_, single, multiple, places, topics


def store(world, people):
    round_, single, multiple, places, topics = world
    Response.objects.filter(round=round_).delete()
    responses = Response.objects.bulk_create(
        Response(
            round=round_,
            status="submitted",
            municipality=places[m],
            topic=topics[t],
            size_band=size,
        )
        for m, t, size, _c, _cs in people
    )
    single_choices = list(single.choices.order_by("order"))
    multiple_choices = list(multiple.choices.order_by("order"))
    answers = []
    for response, (_m, _t, _s, choice, chosen) in zip(responses, people, strict=True):
        answers.append(Answer(response=response, question=single, choice=single_choices[choice]))
        answers += [
            Answer(response=response, question=multiple, choice=multiple_choices[c]) for c in chosen
        ]
    Answer.objects.bulk_create(answers)


def truth(people, multiple):
    """Every group's true size and the sums that tie them, keyed by (dimension, group)."""
    values, relations, hidden = Counter(), [], set()
    values["G"] = len(people)
    groups = {d: sorted({p[i] for p in people}) for i, d in enumerate(DIMENSIONS)}
    chosen_of = (lambda p: p[4]) if multiple else (lambda p: {p[3]})
    for c in range(3):
        values["col", c] = sum(c in chosen_of(p) for p in people)
        if multiple:
            values["colnot", c] = len(people) - values["col", c]
            hidden.add(("colnot", c))
            relations.append(Relation("G", (("col", c), ("colnot", c))))
    if not multiple:
        relations.append(Relation("G", tuple(("col", c) for c in range(3))))
    for i, d in enumerate(DIMENSIONS):
        relations.append(Relation("G", tuple(("row", d, g) for g in groups[d])))
        for g in groups[d]:
            members = [p for p in people if p[i] == g]
            values["row", d, g] = len(members)
            for c in range(3):
                values["cell", d, g, c] = sum(c in chosen_of(p) for p in members)
                if multiple:
                    values["not", d, g, c] = len(members) - values["cell", d, g, c]
                    hidden.add(("not", d, g, c))
                    relations.append(Relation(("row", d, g), (("cell", d, g, c), ("not", d, g, c))))
            if not multiple:
                relations.append(
                    Relation(("row", d, g), tuple(("cell", d, g, c) for c in range(3)))
                )
        for c in range(3):
            relations.append(Relation(("col", c), tuple(("cell", d, g, c) for g in groups[d])))
            if multiple:
                relations.append(
                    Relation(("colnot", c), tuple(("not", d, g, c) for g in groups[d]))
                )
    return values, relations, hidden


def published(result, world, people):
    """The published items of a result, keyed like `truth`'s."""
    _round, _single, _multiple, places, topics = world
    names = {
        "municipality": {places[i].name: i for i in range(3)},
        "topic": {topics[i].name: i for i in range(2)},
        "size": {"Under 50 members": "small", "200 members or more": "large"},
    }
    items = {"G": result.total}
    items.update({("col", c): v for c, v in enumerate(result.column_totals)})
    for d, rows in result.breakdowns.items():
        for row in rows:
            g = names[d][row.label]
            items["row", d, g] = row.total
            items.update({("cell", d, g, c): v for c, v in enumerate(row.cells)})
    return {key: value for key, value in items.items() if value is not None}


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(respondent, min_size=1, max_size=40))
def test_no_published_number_reveals_a_small_group(world, people, settings):
    settings.SURVEY_MIN_GROUP = THRESHOLD
    store(world, people)
    for result, multiple in zip(round_results(world[0]), (False, True), strict=True):
        values, relations, hidden = truth(people, multiple)
        shown = published(result, world, people)
        assert all(values[key] == value for key, value in shown.items())
        assert all(value >= THRESHOLD for value in shown.values())
        unknown = sorted((set(values) - set(shown)) | hidden, key=repr)
        for item in derivable(unknown, relations, values):
            assert values[item] >= THRESHOLD, f"{item} = {values[item]} can be worked out"

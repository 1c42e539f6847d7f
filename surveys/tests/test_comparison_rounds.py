"""The comparison across chosen rounds that need not follow each other: the wordings
asked in between decide whether the chosen rounds still compare."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import QuestionKind, QuestionVersion
from surveys.selectors import chosen_rounds, comparisons

from .factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_rounds():
    """2016, 2018 and 2026 ask `future` (v1, v2 not comparable with v1, v2) and
    `premises` (v1 in all three)."""
    future = QuestionFactory(key="future", kind=QuestionKind.SCALE)
    QuestionFactory(key="premises", kind=QuestionKind.SCALE, section=future.section)
    survey = future.survey
    v2 = QuestionVersion.objects.create(
        question=future, number=2, text_fi="Tulevaisuus nyt?", comparable_with_previous=False
    )
    now = timezone.now()
    rounds = {}
    for years, name in ((10, "2016"), (8, "2018"), (1, "2026")):
        closes_at = now - dt.timedelta(days=365 * years)
        rounds[name] = RoundFactory(
            survey=survey,
            name=name,
            opens_at=closes_at - dt.timedelta(days=30),
            closes_at=closes_at,
        )
    for name in ("2018", "2026"):
        rounds[name].versions.remove(future.versions.get(number=1))
        rounds[name].versions.add(v2)
    rounds["2016"].versions.remove(v2)
    return survey, rounds


def compared(survey, rounds):
    return {c.question.key: [r.name for r, _res in c.points] for c in comparisons(survey, rounds)}


def test_two_rounds_far_apart_compare_when_the_wordings_between_allow(three_rounds):
    survey, rounds = three_rounds
    picked = chosen_rounds(survey, [rounds["2016"].pk, rounds["2026"].pk])
    # premises kept its wording; future was reworded incomparably after 2016.
    assert compared(survey, picked) == {"premises": ["2016", "2026"]}
    picked = chosen_rounds(survey, [rounds["2018"].pk, rounds["2026"].pk])
    assert compared(survey, picked) == {"premises": ["2018", "2026"], "future": ["2018", "2026"]}
    # Fewer than two chosen: all rounds.
    assert len(chosen_rounds(survey, [rounds["2016"].pk])) == 3


def test_the_page_and_the_download_compare_the_chosen_rounds(client, three_rounds):
    survey, rounds = three_rounds
    chosen = {"round": [rounds["2016"].pk, rounds["2026"].pk]}
    page = client.get(reverse("surveys:comparison", args=[survey.slug]), chosen)
    text = page.content.decode()
    assert page.status_code == 200
    assert f'name="round" value="{rounds["2018"].pk}">' in text  # offered, not checked
    assert f'name="round" value="{rounds["2016"].pk}" checked>' in text
    assert ">2018</th>" not in text and ">2016</th>" in text
    download = client.get(reverse("surveys:comparison_download", args=[survey.slug, "csv"]), chosen)
    csv = download.content.decode("utf-8-sig")
    assert "2016" in csv and "2026" in csv and "2018" not in csv

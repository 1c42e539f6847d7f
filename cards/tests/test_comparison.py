import pytest
from django.urls import reverse

from cards.models import Practice, PracticeAnswer
from cards.selectors import practice_comparison
from municipalities.tests.factories import MunicipalityFactory

from .factories import CardFactory, PracticeAnswerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    forum = Practice.objects.get(key="ngo-forum")
    cards = [CardFactory(municipality__slug=slug) for slug in ("a", "b", "c")]
    MunicipalityFactory(slug="d")  # no card: counts in the region, answers nothing
    PracticeAnswerFactory(card=cards[0], practice=forum, status=PracticeAnswer.Status.YES)
    PracticeAnswerFactory(card=cards[1], practice=forum, status=PracticeAnswer.Status.YES)
    PracticeAnswerFactory(card=cards[2], practice=forum, status=PracticeAnswer.Status.IN_PROGRESS)
    return forum, cards


def test_the_totals_count_yes_answers_of_all_municipalities(answered):
    forum, _cards = answered

    municipalities, totals = practice_comparison()

    assert len(municipalities) == 4
    total = next(t for t in totals if t.practice == forum)
    assert (total.yes, total.in_progress, total.no) == (2, 1, 0)
    assert total.yes_percent == 50
    assert len(totals) == Practice.objects.count()


def test_the_page_shows_the_matrix_totals_and_the_chart(client, answered):
    response = client.get(reverse("cards:comparison"))

    assert "2 / 4" in response.text
    assert "50 %" in response.text
    # The chart's labels are text, so they wrap on a phone instead of being cut off.
    assert '<span class="bar-chart__label">' in response.text
    assert "<svg" in response.text


def test_the_comparison_filters_by_practice_and_municipality(client, answered):
    forum, cards = answered

    codes = [cards[0].municipality.code, cards[2].municipality.code]

    response = client.get(
        reverse("cards:comparison"), {"practice": "ngo-forum", "municipality": codes}
    )

    totals = response.context["totals"]
    assert [t.practice for t in totals] == [forum]
    assert (totals[0].yes, totals[0].municipality_count, totals[0].yes_percent) == (1, 2, 50)

"""Survey questions as programme indicators: a round's close writes their values, and a
value that small-group suppression hides is never written."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from programme.models import IndicatorValue
from programme.tests.factories import IndicatorFactory
from surveys import services
from surveys.indicators import _complement, question_indicator_declare, round_indicators_publish
from surveys.models import Response
from surveys.tasks import publish_round_indicators_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(is_coordinator=True)


def reopen(round_):
    round_.closes_at = timezone.now() + dt.timedelta(days=3)
    round_.save()
    return round_


def question(round_, key):
    return round_.survey.questions.get(key=key)


def values(indicator):
    """The region's values."""
    regional = IndicatorValue.objects.filter(indicator=indicator, municipality=None)
    return list(regional.values_list("date", "value"))


def test_closing_a_round_writes_the_share_and_the_mean_dated_the_close(closed_round, coordinator):
    round_ = reopen(closed_round)
    situation = question(round_, "situation")
    share, mean = IndicatorFactory(), IndicatorFactory()
    question_indicator_declare(
        user=coordinator,
        question=situation,
        choice=situation.choices.get(value="a"),
        indicator=share,
    )
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=mean
    )
    assert values(share) == values(mean) == []  # the round is still open
    services.round_close(user=coordinator, round_=round_)
    today = timezone.localdate()
    assert values(share) == [(today, Decimal("42.90"))]  # 6 of 14 chose a
    assert values(mean) == [(today, Decimal("2.90"))]  # 40 / 14
    point = IndicatorValue.objects.get(indicator=share)
    assert round_.survey.name in point.source and round_.name in point.source
    assert point.municipality is None


def test_a_suppressed_share_is_not_published(closed_round, coordinator):
    round_ = reopen(closed_round)
    situation = question(round_, "situation")
    small = IndicatorFactory()
    question_indicator_declare(
        user=coordinator,
        question=situation,
        choice=situation.choices.get(value="c"),  # 3 answers, under the threshold of 5
        indicator=small,
    )
    services.round_close(user=coordinator, round_=round_)
    assert values(small) == []


def test_declaring_an_indicator_fills_in_the_rounds_closed_before(closed_round, coordinator):
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(closed_round, "premises"), indicator=indicator
    )
    assert values(indicator) == [(timezone.localdate(closed_round.closes_at), Decimal("2.90"))]


def test_a_round_closing_by_its_date_is_published_by_the_daily_task(closed_round, coordinator):
    round_ = reopen(closed_round)
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=indicator
    )
    assert publish_round_indicators_task() == 0
    with time_machine.travel(round_.closes_at + dt.timedelta(hours=1)):
        assert publish_round_indicators_task() == 1
        assert publish_round_indicators_task() == 1  # again, the same value
    assert len(values(indicator)) == 1


def test_only_what_can_be_an_indicator_is_declared(closed_round, coordinator):
    situation, premises = question(closed_round, "situation"), question(closed_round, "premises")
    with pytest.raises(ValidationError):  # a choice question needs its choice
        question_indicator_declare(
            user=coordinator, question=situation, indicator=IndicatorFactory()
        )
    with pytest.raises(ValidationError):  # another question's choice
        question_indicator_declare(
            user=coordinator,
            question=premises,
            choice=situation.choices.first(),
            indicator=IndicatorFactory(),
        )
    computed = IndicatorFactory(kind="computed", source_key="programme.commitments")
    with pytest.raises(ValidationError):
        question_indicator_declare(user=coordinator, question=premises, indicator=computed)
    with pytest.raises(PermissionDenied):
        question_indicator_declare(
            user=UserFactory(), question=premises, indicator=IndicatorFactory()
        )
    assert IndicatorValue.objects.count() == 0


# Values by municipality


def by_municipality(indicator):
    return {
        (point.municipality.name if point.municipality else None): point.value
        for point in IndicatorValue.objects.filter(indicator=indicator).select_related(
            "municipality"
        )
    }


def answer(round_, municipality, count, scale_value=3):
    """`count` more associations of `municipality` answering the scale question."""
    premises = question(round_, "premises")
    for _n in range(count):
        organization = OrganizationFactory(municipalities=[municipality])
        response = services.response_get_or_start(round_=round_, organization=organization)
        services.response_save(
            response=response, questions=[premises], values={premises.pk: scale_value}, submit=True
        )


def test_closing_a_round_writes_each_municipalitys_mean_beside_the_regions(
    closed_round, coordinator
):
    round_ = reopen(closed_round)
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=indicator
    )
    services.round_close(user=coordinator, round_=round_)
    expected = {None: Decimal("2.90"), "Kuopio": Decimal("2.80"), "Iisalmi": Decimal("3.00")}
    assert by_municipality(indicator) == expected  # 25 / 9 and 15 / 5
    point = IndicatorValue.objects.get(indicator=indicator, municipality__name_fi="Kuopio")
    assert point.date == timezone.localdate() and round_.name in point.source
    # Published again (the daily task, an import), the same rows.
    round_indicators_publish(round_)
    assert by_municipality(indicator) == expected
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 3


def test_a_small_municipality_hides_another_so_it_cannot_be_subtracted(closed_round, coordinator):
    """Varkaus's 2 answers are hidden; published with the region's mean and Kuopio's,
    Iisalmi's would give Varkaus's away, so it is hidden too."""
    round_ = reopen(closed_round)
    answer(round_, MunicipalityFactory(name_fi="Varkaus"), 2)
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=indicator
    )
    services.round_close(user=coordinator, round_=round_)
    values = by_municipality(indicator)
    assert set(values) == {None, "Kuopio"}
    assert values[None] == Decimal("2.90")  # 46 / 16


def test_a_municipalitys_share_hidden_in_the_results_is_not_written(closed_round, coordinator):
    """Iisalmi's one "a" is a small group; Kuopio's five would give it away from the
    region's six, so neither municipality has a value, the region has."""
    situation = question(closed_round, "situation")
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator,
        question=situation,
        choice=situation.choices.get(value="a"),
        indicator=indicator,
    )
    assert by_municipality(indicator) == {None: Decimal("42.90")}


def test_a_single_hidden_municipality_hides_the_smallest_other_value():
    values = {1: 50.0, 2: None, 3: 20.0, 4: 70.0}
    assert _complement(values, region_published=True) == {1: 50.0, 2: None, 3: None, 4: 70.0}
    two_hidden = {1: 50.0, 2: None, 3: None}
    assert _complement(two_hidden, region_published=True) == two_hidden
    assert _complement(values, region_published=False) == values


def test_a_withdrawn_value_is_removed_when_the_round_is_published_again(closed_round, coordinator):
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(closed_round, "premises"), indicator=indicator
    )
    assert "Iisalmi" in by_municipality(indicator)
    Response.objects.filter(round=closed_round, municipality__name_fi="Iisalmi").first().delete()
    closed_round.save()  # what changes a closed round's answers saves it
    round_indicators_publish(closed_round)
    # Iisalmi's four are hidden, and so Kuopio's, which would give them away.
    assert set(by_municipality(indicator)) == {None}


def test_the_municipality_dashboard_shows_its_survey_value_beside_the_regions(
    client, closed_round, coordinator
):
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(closed_round, "premises"), indicator=indicator
    )
    kuopio = Municipality.objects.get(name_fi="Kuopio")
    url = reverse("programme:municipality_dashboard", args=[indicator.programme.slug, kuopio.slug])
    response = client.get(url)
    table = response.context["board"].indicators[0].table
    year = str(timezone.localdate(closed_round.closes_at).year)
    assert table.rows[0][:3] == [year, Decimal("2.8"), Decimal("2.9")]
    assert closed_round.name in table.rows[0][3]

"""Survey questions as indicators of the association programme.

A declared question (surveys.models.QuestionIndicator) gives its programme indicator one
value per round for the region and one for each municipality, dated the day the round
closed: the share of a choice in per cent, or the mean of a scale or number. The values
come from `round_results`, the same suppressed tables the pages publish (the municipality
breakdown for the municipalities), so a value hidden there (too few answers, or hidden so
that another cannot be worked out by subtraction) is not written. The
indicator is a manual one in the programme's terms: the monthly snapshot of computed
indicators has nothing to add between rounds.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import is_coordinator
from programme.dashboard_cache import dashboards_changed
from programme.models import Indicator, IndicatorKind, IndicatorValue

from .models import Choice, Question, QuestionIndicator, QuestionKind, Round
from .results import QuestionResult, round_results

MEAN_KINDS = (QuestionKind.SCALE, QuestionKind.NUMBER)


def question_indicator_declare(
    *, user, question: Question, indicator: Indicator, choice: Choice | None = None
) -> QuestionIndicator:
    """Declare the share of `choice` (or the mean of a scale or number question) an
    indicator of the programme. The indicator takes its values from the survey alone."""
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may change the survey."))
    if indicator.kind != IndicatorKind.MANUAL:
        raise ValidationError(
            {"indicator": _("A computed indicator takes its values from its own source.")}
        )
    if choice is not None and choice.question_id != question.pk:
        raise ValidationError({"choice": _("Choose one of the question's own choices.")})
    if question.has_choices and choice is None:
        raise ValidationError({"choice": _("Choose the choice whose share is the indicator.")})
    if not question.has_choices and question.kind not in MEAN_KINDS:
        raise ValidationError(
            {
                "indicator": _(
                    "Only a choice's share or the mean of a scale or number can be an indicator."
                )
            }
        )
    taken = QuestionIndicator.objects.filter(indicator=indicator).exclude(question=question)
    if taken.exists():
        raise ValidationError({"indicator": _("Another question feeds this indicator already.")})
    with transaction.atomic():
        link, _created = QuestionIndicator.objects.update_or_create(
            indicator=indicator, defaults={"question": question, "choice": choice}
        )
        # The rounds closed before the declaration become the indicator's first points.
        for round_ in question.survey.rounds.filter(closes_at__lte=timezone.now()):
            round_indicators_publish(round_)
    return link


def indicator_value(link: QuestionIndicator, result: QuestionResult | None) -> Decimal | None:
    """The round's published value for the declared indicator; None when it is hidden."""
    return indicator_values(link, result).get(None)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def indicator_values(
    link: QuestionIndicator, result: QuestionResult | None
) -> dict[int | None, Decimal]:
    """The round's published values of the declared indicator: the region's under None and
    each municipality's (the answering associations' home municipality) under its id.

    Every value comes from the suppressed table (a share from a published cell and its
    published row, a mean from a published row), so it describes no small group, and the
    table's complementary suppression keeps a hidden municipality from being worked out
    as the region's value minus the others'. `_complement` checks that once more here."""
    if result is None:
        return {}
    rows = result.breakdowns.get("municipality", [])
    if link.choice_id is None:
        region = result.mean
        values = {row.key: row.mean for row in rows}
    else:
        columns = [value for value, _label in result.columns]
        if link.choice_id not in columns:
            return {}
        index = columns.index(link.choice_id)
        region = result.shares()[index]
        values = {row.key: row.share(index) for row in rows}
    values = _complement(values, region_published=region is not None)
    published = {key: _decimal(value) for key, value in values.items() if value is not None}
    published.pop(None, None)  # answers of no known municipality: in the region's value only
    if region is not None:
        published[None] = _decimal(region)
    return published


def _complement(values: dict, *, region_published: bool) -> dict:
    """With the region's value published, a single hidden category (answers of no known
    municipality count as one) could be derived from the region and the others: hide the
    smallest other value too."""
    hidden = [key for key, value in values.items() if value is None]
    if not region_published or len(hidden) != 1:
        return values
    shown = [key for key, value in values.items() if value is not None]
    if not shown:
        return values
    smallest = min(shown, key=lambda key: (values[key], str(key)))
    return {**values, smallest: None}


def round_indicators_publish(round_: Round) -> int:
    """Write the closed round's values of each indicator declared on its survey's questions,
    for the region and each municipality (again, idempotently): a value suppressed in the
    results is not written, and one written before for that day is removed. The number of
    indicators with a regional value written."""
    if not round_.is_closed():
        return 0
    links = list(
        QuestionIndicator.objects.filter(question__survey=round_.survey_id).select_related(
            "indicator", "question"
        )
    )
    if not links:
        return 0
    results = {result.question_id: result for result in round_results(round_)}
    date = timezone.localdate(round_.closes_at)
    source = _("NGO survey %(survey)s, round %(round)s") % {
        "survey": round_.survey.name,
        "round": round_.name,
    }
    written = 0
    with transaction.atomic():
        for link in links:
            values = indicator_values(link, results.get(link.question_id))
            # The indicator takes its values from the survey alone: the day's values are
            # the round's, replaced whole.
            IndicatorValue.objects.filter(indicator=link.indicator, date=date).delete()
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=link.indicator,
                    date=date,
                    municipality_id=municipality_id,
                    value=value,
                    source=source,
                )
                for municipality_id, value in values.items()
            )
            written += None in values
        dashboards_changed()  # bulk_create sends no post_save
    return written


def recently_closed_rounds_publish(*, days: int = 2) -> int:
    """For Celery beat: publish the indicators of the rounds that closed by their date in
    the last `days` days (a round the coordinator closes publishes at once)."""
    now = timezone.now()
    rounds = Round.objects.filter(
        closes_at__lte=now, closes_at__gt=now - dt.timedelta(days=days)
    ).select_related("survey")
    return sum(round_indicators_publish(round_) for round_ in rounds)

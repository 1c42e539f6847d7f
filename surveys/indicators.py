"""Survey questions as indicators of the association programme.

A declared question (surveys.models.QuestionIndicator) gives its programme indicator one
value per round, dated the day the round closed: the share of a choice in per cent, or
the mean of a scale or number. The value comes from `round_results`, the same suppressed
tables the pages publish, so a value hidden there (too few answers) is not written. The
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
    if result is None:
        return None
    if link.choice_id is None:
        return result.mean
    columns = [value for value, _label in result.columns]
    if link.choice_id not in columns:
        return None
    share = result.shares()[columns.index(link.choice_id)]
    return None if share is None else Decimal(str(share))


def round_indicators_publish(round_: Round) -> int:
    """Write the closed round's value of each indicator declared on its survey's questions
    (again, idempotently); a value suppressed in the results is not written, and one
    written before for that day is removed. The number of values written."""
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
            value = indicator_value(link, results.get(link.question_id))
            existing = IndicatorValue.objects.filter(
                indicator=link.indicator, date=date, municipality=None
            )
            if value is None:
                existing.delete()
                continue
            IndicatorValue.objects.update_or_create(
                indicator=link.indicator,
                date=date,
                municipality=None,
                defaults={"value": value, "source": source},
            )
            written += 1
    return written


def recently_closed_rounds_publish(*, days: int = 2) -> int:
    """For Celery beat: publish the indicators of the rounds that closed by their date in
    the last `days` days (a round the coordinator closes publishes at once)."""
    now = timezone.now()
    rounds = Round.objects.filter(
        closes_at__lte=now, closes_at__gt=now - dt.timedelta(days=days)
    ).select_related("survey")
    return sum(round_indicators_publish(round_) for round_ in rounds)

"""The associations' voice as indicators of the association programme.

Registered from CooperationConfig.ready() (the programme sits below this app and only
knows the registry): the monthly snapshot stores how many joint statements were sent,
how many associations signed them and how many had an effect, for the whole region.
"""

from django.utils.translation import gettext_lazy as _

from programme.indicators import register_indicator_source

from .selectors import statement_counts


def statements_sent(programme, today) -> int:
    return statement_counts()["statements"]


def statement_signatories(programme, today) -> int:
    return statement_counts()["signatories"]


def statements_with_effect(programme, today) -> int:
    return statement_counts()["with_effect"]


def register_indicator_sources() -> None:
    register_indicator_source("cooperation.statements", _("Joint statements sent"), statements_sent)
    register_indicator_source(
        "cooperation.signatories",
        _("Associations that signed a joint statement"),
        statement_signatories,
    )
    register_indicator_source(
        "cooperation.statements_with_effect",
        _("Joint statements whose views were taken into account"),
        statements_with_effect,
    )

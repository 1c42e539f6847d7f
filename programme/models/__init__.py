"""The association programme's models: the programme itself (programme.py), its indicators
(indicators.py) and the reminders sent to the people responsible (reminders.py)."""

from .indicators import Indicator, IndicatorKind, IndicatorValue
from .programme import (
    LATE,
    OPEN_STATUSES,
    STATUS_LABELS,
    Commitment,
    Goal,
    Measure,
    MeasureStatus,
    MeasureUpdate,
    PartyKind,
    PartyRole,
    Programme,
    ProgressReport,
    Responsibility,
    ScheduleUnit,
    Task,
    Theme,
    period_end,
    period_start,
)
from .reminders import ReminderOptOut, ReminderSent

__all__ = [
    "LATE",
    "OPEN_STATUSES",
    "STATUS_LABELS",
    "Commitment",
    "Goal",
    "Indicator",
    "IndicatorKind",
    "IndicatorValue",
    "Measure",
    "MeasureStatus",
    "MeasureUpdate",
    "PartyKind",
    "PartyRole",
    "Programme",
    "ProgressReport",
    "ReminderOptOut",
    "ReminderSent",
    "Responsibility",
    "ScheduleUnit",
    "Task",
    "Theme",
    "period_end",
    "period_start",
]

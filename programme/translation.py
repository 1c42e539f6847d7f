from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Indicator, Measure, Programme, Task, Theme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "vision", "future_outlook")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Task)
class TaskTranslation(TranslationOptions):
    fields = ("name",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")

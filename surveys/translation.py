from modeltranslation.translator import TranslationOptions, register

from .models import Choice, QuestionVersion, Section, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(QuestionVersion)
class QuestionVersionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)

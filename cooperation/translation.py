from modeltranslation.translator import TranslationOptions, register

from .models import Body, Consultation, Meeting, Statement


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "purpose", "rules")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "agenda", "decisions")


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("title",)

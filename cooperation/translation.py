from modeltranslation.translator import TranslationOptions, register

from .models import Body, Meeting


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "purpose", "rules")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "agenda", "decisions")

from modeltranslation.translator import TranslationOptions, register

from .models import Audience, Language, Topic


@register(Topic)
@register(Audience)
@register(Language)
class NameTranslation(TranslationOptions):
    fields = ("name",)

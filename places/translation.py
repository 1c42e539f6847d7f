from modeltranslation.translator import TranslationOptions, register

from .models import Place


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name", "street_address", "accessibility_notes")

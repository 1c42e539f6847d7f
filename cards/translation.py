from modeltranslation.translator import TranslationOptions, register

from .models import CardContact, Grant, MunicipalityCard, Practice, Premises


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(MunicipalityCard)
class MunicipalityCardTranslation(TranslationOptions):
    fields = ("steps_taken", "steps_planned")


@register(CardContact)
class CardContactTranslation(TranslationOptions):
    fields = ("title",)


@register(Premises)
class PremisesTranslation(TranslationOptions):
    fields = ("name", "accessibility_notes", "booking")


@register(Grant)
class GrantTranslation(TranslationOptions):
    fields = ("name", "purpose", "eligibility", "amounts", "decision_timing")

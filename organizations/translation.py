from modeltranslation.translator import TranslationOptions, register

from .models import Contact, Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("role",)

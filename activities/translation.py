from modeltranslation.translator import TranslationOptions, register

from .models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("name", "description", "price", "skills_wanted", "time_commitment", "image_alt")

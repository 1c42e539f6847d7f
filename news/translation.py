from modeltranslation.translator import TranslationOptions, register

from .models import NewsPost


@register(NewsPost)
class NewsPostTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Audience, Language, Topic


@admin.register(Topic, Audience)
class TermAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "yso"]
    search_fields = ["name", "slug", "yso"]


@admin.register(Language)
class LanguageAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]

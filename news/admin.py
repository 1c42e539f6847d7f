from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import LANGUAGE_CODES
from core.public_ids import save_new_or_changed
from core.richtext import sanitize_html

from .models import NewsPost


@admin.register(NewsPost)
class NewsPostAdmin(TabbedTranslationAdmin):
    list_display = ["title", "organization", "publication_status", "published_at"]
    list_filter = ["publication_status", "topics", "municipalities"]
    search_fields = ["title", "public_id", "organization__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["organization"]
    filter_horizontal = ["topics", "municipalities"]
    readonly_fields = ["public_id", "data_source", "created_at", "updated_at", "reviewed_at"]
    list_select_related = ["organization"]

    def save_model(self, request, obj, form, change):
        # The public pages clean the text again, but the API hands out what is stored.
        for lang in LANGUAGE_CODES:
            field = f"body_{lang}"
            setattr(obj, field, sanitize_html(getattr(obj, field) or ""))
        save_new_or_changed(obj)

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import HistoryAdminMixin

from .models import Place


@admin.register(Place)
class PlaceAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "street_address", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "street_address", "public_id"]
    readonly_fields = ["public_id", "data_source", "created_at", "updated_at"]

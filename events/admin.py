from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import HistoryAdminMixin

from .models import Event, KeptApart


@admin.register(Event)
class EventAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "start_time", "location", "event_status", "is_free"]
    list_filter = [
        "event_status",
        "is_free",
        "super_event_type",
        "topics",
        "audiences",
        "location__municipality",
    ]
    search_fields = ["name", "public_id", "location__name"]
    date_hierarchy = "start_time"
    autocomplete_fields = ["location", "organizers", "super_event"]
    filter_horizontal = ["topics", "audiences", "in_language"]
    readonly_fields = ["public_id", "data_source", "created_at", "updated_at"]
    list_select_related = ["location"]


@admin.register(KeptApart)
class KeptApartAdmin(admin.ModelAdmin):
    """The record of "these are not the same event"; made and undone on the event's page."""

    list_display = ["event", "other", "decided_by", "decided_at", "undone_by", "undone_at"]
    list_filter = ["undone_at"]
    list_select_related = ["event", "other", "decided_by", "undone_by"]
    readonly_fields = ["event", "other", "decided_by", "decided_at", "undone_by", "undone_at"]

    def has_add_permission(self, request):
        return False

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import HistoryAdminMixin

from .models import Activity, WeeklySlot


class WeeklySlotInline(admin.TabularInline):
    model = WeeklySlot
    extra = 0


@admin.register(Activity)
class ActivityAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "organizer", "is_free"]
    list_filter = ["kind", "is_free", "municipalities", "topics", "audiences"]
    search_fields = ["name", "public_id", "organizer__name"]
    autocomplete_fields = ["organizer", "location"]
    filter_horizontal = ["municipalities", "topics", "audiences", "in_language"]
    readonly_fields = ["public_id", "data_source", "created_at", "updated_at"]
    inlines = [WeeklySlotInline]
    list_select_related = ["organizer"]

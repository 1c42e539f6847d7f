from django.contrib import admin

from .models import PendingIndex, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["words", "note"]
    search_fields = ["words", "note"]


@admin.register(PendingIndex)
class PendingIndexAdmin(admin.ModelAdmin):
    """What imports left for the search index; a worker empties it (read-only here)."""

    list_display = ["kind", "object_id", "queued_at"]
    list_filter = ["kind"]
    date_hierarchy = "queued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from .models import (
    CalendarSource,
    ImportedEvent,
    ImportRun,
    KeywordTopic,
    LinkedEventsEvent,
    LinkedEventsRun,
    LinkedEventsSource,
    SheetImport,
)


class ImportRunInline(admin.TabularInline):
    model = ImportRun
    extra = 0
    can_delete = False
    fields = ["started_at", "status", "created", "updated", "cancelled", "message"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CalendarSource)
class CalendarSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "last_run_at", "last_status", "is_active"]
    list_filter = ["last_status", "is_active"]
    search_fields = ["name", "url", "organization__name"]
    raw_id_fields = ["organization", "created_by"]
    readonly_fields = ["etag", "last_modified", "last_run_at", "last_status", "last_message"]
    inlines = [ImportRunInline]


@admin.register(ImportedEvent)
class ImportedEventAdmin(admin.ModelAdmin):
    list_display = ["uid", "recurrence_id", "source", "event", "detached"]
    list_filter = ["detached"]
    search_fields = ["uid", "event__public_id"]
    raw_id_fields = ["source", "event"]


# Linked Events sources, and the keyword-to-topic table the coordinator keeps.
class LinkedEventsRunInline(admin.TabularInline):
    model = LinkedEventsRun
    extra = 0
    can_delete = False
    fields = [
        "started_at", "status", "created", "updated", "cancelled", "message", "unmapped_keywords"
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LinkedEventsSource)
class LinkedEventsSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "api_root", "last_run_at", "last_status", "is_active"]
    list_filter = ["last_status", "is_active"]
    search_fields = ["name", "api_root", "publisher", "keyword", "division", "organization__name"]
    raw_id_fields = ["organization", "created_by"]
    readonly_fields = ["last_run_at", "last_status", "last_message"]
    inlines = [LinkedEventsRunInline]


@admin.register(LinkedEventsEvent)
class LinkedEventsEventAdmin(admin.ModelAdmin):
    list_display = ["upstream_id", "source", "event", "last_modified_time", "detached"]
    list_filter = ["detached"]
    search_fields = ["upstream_id", "event__public_id"]
    raw_id_fields = ["source", "event"]


@admin.register(KeywordTopic)
class KeywordTopicAdmin(admin.ModelAdmin):
    list_display = ["keyword", "name", "topic"]
    list_editable = ["topic"]
    list_filter = ["topic"]
    search_fields = ["keyword", "name"]


@admin.register(SheetImport)
class SheetImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "organization", "user", "created_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "organization__name"]
    raw_id_fields = ["organization", "user"]
    readonly_fields = ["file_hash", "created", "updated", "unchanged", "errors", "log"]
    exclude = ["rows"]

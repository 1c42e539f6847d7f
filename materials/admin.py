"""Documents in the admin, with their history; files are added through the services,
so a file in the admin is checked like any other upload."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import HistoryAdminMixin

from .models import Document, DocumentVersion
from .services import document_delete


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ["number", "file", "file_type", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "year", "language", "extraction", "download_count"]
    list_filter = ["kind", "language", "extraction", "year"]
    search_fields = ["title_fi", "title_sv", "title_en", "public_id"]
    filter_horizontal = ["municipalities", "topics"]
    autocomplete_fields = ["publisher_organization", "measures"]
    readonly_fields = [
        "public_id",
        "data_source",
        "created_at",
        "updated_at",
        "download_count",
        "extraction",
        "extraction_error",
        "page_count",
        "is_tagged",
        "has_active_content",
        "thumbnail",
    ]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        # A document starts with a checked file: the upload page (materials:add) adds it.
        return False

    def delete_queryset(self, request, queryset):
        # One by one through the service, so each document's stored files go too.
        for document in queryset:
            self.delete_model(request, document)

    def delete_model(self, request, obj):
        try:
            document_delete(user=request.user, document=obj)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, str(error))

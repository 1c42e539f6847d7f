from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import HistoryAdminMixin

from .models import Contact, Organization, SocialLink


class ContactInline(TranslationTabularInline):
    model = Contact
    extra = 0


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "business_id", "legal_form", "status", "register_status", "updated_at"]
    list_filter = [
        "status",
        "register_status",
        "legal_form",
        "municipalities",
        "topics",
        "data_source",
    ]
    search_fields = ["name", "business_id", "public_id", "email"]
    autocomplete_fields = ["parent", "address_municipality"]
    filter_horizontal = ["municipalities", "topics", "audiences"]
    readonly_fields = [
        "public_id",
        "data_source",
        "created_at",
        "updated_at",
        "registered_name",
        "register_status",
        "register_checked_at",
    ]
    inlines = [ContactInline, SocialLinkInline]
    date_hierarchy = "updated_at"

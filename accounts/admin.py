from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, MunicipalityEditor, OrganizationEditor, SecurityKey, User


class OrganizationEditorInline(admin.TabularInline):
    model = OrganizationEditor
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organization"]
    readonly_fields = ["granted_by", "created_at"]


class MunicipalityEditorInline(admin.TabularInline):
    model = MunicipalityEditor
    fk_name = "user"
    extra = 0
    readonly_fields = ["granted_by", "created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_coordinator", "is_active", "last_login"]
    list_filter = ["is_coordinator", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "email_verified_at"]}),
        (
            _("Roles"),
            {"fields": ["is_coordinator", "is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [OrganizationEditorInline, MunicipalityEditorInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the service, never by hand."""

    list_display = ["created_at", "action", "email", "user", "detail", "ip_address"]
    list_filter = ["action"]
    search_fields = ["email", "detail", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecurityKey)
class SecurityKeyAdmin(admin.ModelAdmin):
    """Seen and removed here (a lost key); added only by its owner, with the key at hand."""

    list_display = ["user", "name", "created_at", "last_used_at"]
    search_fields = ["user__email", "name"]
    list_select_related = ["user"]
    fields = ["user", "name", "created_at", "last_used_at", "transports", "aaguid"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

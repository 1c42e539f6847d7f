"""The coordinator's admin of bodies, seats, sources and consultations: the place to keep
what the friendly pages do not (seats and terms, sources, alerts sent)."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PUBLIC_ID_READONLY, PublicIdAdmin

from .models import (
    AlertSent,
    Body,
    BodyDocument,
    Consultation,
    ConsultationOrigin,
    ConsultationSource,
    Follow,
    Meeting,
    Membership,
    Seat,
    Signature,
    Statement,
    StatementComment,
    StatementVersion,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["kind", "organization", "municipality", "name", "status"]


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ["organization", "user"]
    fields = [
        "role",
        "person_name",
        "user",
        "organization",
        "nominated_by",
        "term_start",
        "term_end",
        "email",
        "phone",
        "contact_consent",
    ]


class BodyDocumentInline(admin.TabularInline):
    """Documents of the materials library that belong to the body (or one of its meetings);
    the files themselves are kept in the library."""

    model = BodyDocument
    extra = 0
    raw_id_fields = ["document", "meeting"]
    fields = ["role", "document", "meeting", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]


@admin.register(Body)
class BodyAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["topics"]
    inlines = [MembershipInline, SeatInline, BodyDocumentInline]


@admin.register(Meeting)
class MeetingAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["body", "starts_at", "place"]
    list_filter = ["body"]
    date_hierarchy = "starts_at"


class OriginInline(admin.TabularInline):
    model = ConsultationOrigin
    extra = 0
    readonly_fields = ["source", "external_id", "seen_at"]


@admin.register(Consultation)
class ConsultationAdmin(PublicIdAdmin):
    list_display = ["title", "organiser", "deadline", "tags_confirmed"]
    list_filter = ["tags_confirmed"]
    search_fields = ["title", "organiser"]
    filter_horizontal = ["topics", "municipalities"]
    readonly_fields = [*PUBLIC_ID_READONLY, "url_key", "title_key", "first_seen_at"]
    inlines = [OriginInline]


@admin.register(ConsultationSource)
class ConsultationSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active", "last_success_at", "last_error_at"]
    readonly_fields = ["last_success_at", "last_error_at", "last_error"]


class VersionInline(admin.StackedInline):
    model = StatementVersion
    extra = 0
    readonly_fields = ["number", "author", "created_at"]


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    readonly_fields = ["organization", "signed_by", "signed_at", "withdrawn_at"]


class CommentInline(admin.TabularInline):
    model = StatementComment
    extra = 0
    readonly_fields = ["organization", "author", "version", "text", "created_at"]


@admin.register(Statement)
class StatementAdmin(PublicIdAdmin):
    list_display = ["title", "status", "body", "sent_at", "effect"]
    list_filter = ["status", "effect"]
    inlines = [VersionInline, CommentInline, SignatureInline]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "frequency", "unsubscribed_at"]
    readonly_fields = ["token", "last_digest_at", "created_at"]


@admin.register(AlertSent)
class AlertSentAdmin(admin.ModelAdmin):
    list_display = ["follow", "consultation", "kind", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

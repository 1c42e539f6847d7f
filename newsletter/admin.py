from django.contrib import admin

from .models import Delivery, Issue, Offer, Subscriber, SuppressedAddress


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "status", "confirmed_at", "consent_text_version"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = ["consent_at", "consent_text_version", "confirmed_at", "created_at"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "status", "issue", "created_at"]
    list_filter = ["status"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "send_at", "sent_at"]
    list_filter = ["status"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "sent_at", "smtp_response"]
    list_filter = ["status", "issue"]
    raw_id_fields = ["subscriber"]


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    """Hashes of deleted addresses that must not be mailed again; written by the retention
    job, never by hand."""

    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    readonly_fields = ["email_hash", "reason", "created_at"]

    def has_add_permission(self, request):
        return False

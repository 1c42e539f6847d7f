from django.contrib import admin

from .models import Delivery, Issue, Offer, Subscriber


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

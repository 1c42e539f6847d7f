from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.admin import HistoryAdminMixin

from .models import (
    CardContact,
    Grant,
    GrantPeriod,
    GrantReminderSent,
    GrantReminderSubscription,
    MunicipalityCard,
    Practice,
    PracticeAnswer,
    Premises,
)


@admin.register(Practice)
class PracticeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "key", "order"]
    list_editable = ["order"]
    search_fields = ["name", "key"]
    prepopulated_fields = {"key": ["name_fi"]}


class ContactInline(TranslationStackedInline):
    model = CardContact
    extra = 0


class PremisesInline(TranslationStackedInline):
    model = Premises
    extra = 0


class AnswerInline(admin.TabularInline):
    model = PracticeAnswer
    extra = 0


@admin.register(MunicipalityCard)
class MunicipalityCardAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["municipality", "verified_at", "verified_by", "reminder_sent_at"]
    search_fields = ["municipality__name"]
    list_select_related = ["municipality", "verified_by"]
    readonly_fields = ["created_at", "updated_at", "reminder_sent_at"]
    raw_id_fields = ["verified_by"]
    inlines = [ContactInline, AnswerInline, PremisesInline]


class PeriodInline(admin.TabularInline):
    model = GrantPeriod
    extra = 0


@admin.register(Grant)
class GrantAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "card"]
    list_filter = ["card__municipality"]
    search_fields = ["name", "card__municipality__name"]
    list_select_related = ["card__municipality"]
    inlines = [PeriodInline]


@admin.register(Premises)
class PremisesAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "card", "price", "capacity"]
    list_filter = ["price", "card__municipality"]
    search_fields = ["name", "address"]
    list_select_related = ["card__municipality"]


@admin.register(CardContact)
class CardContactAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "card", "email", "consent", "consent_date"]
    list_filter = ["consent"]
    search_fields = ["name", "email"]
    list_select_related = ["card__municipality"]


@admin.register(GrantPeriod)
class GrantPeriodAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["grant", "opens_on", "deadline", "deadline_time"]
    date_hierarchy = "deadline"
    list_select_related = ["grant"]


@admin.register(PracticeAnswer)
class PracticeAnswerAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["card", "practice", "status"]
    list_filter = ["status", "practice"]
    list_select_related = ["card__municipality", "practice"]


@admin.register(GrantReminderSubscription)
class GrantReminderSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "days_before", "created_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["municipalities"]


@admin.register(GrantReminderSent)
class GrantReminderSentAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "sent_at"]
    list_select_related = ["user", "period__grant"]

    def has_add_permission(self, request):
        return False

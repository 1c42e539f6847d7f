"""The programme in the admin: the coordinator's fallback until friendly edit pages exist."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import PUBLIC_ID_READONLY, HistoryAdminMixin, PublicIdAdmin

from .models import (
    Commitment,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureUpdate,
    Programme,
    ProgressReport,
    Responsibility,
    Task,
    Theme,
)


@admin.register(Programme)
class ProgrammeAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["name", "start_year", "end_year", "successor"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Theme)
class ThemeAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["number", "name", "programme"]
    list_filter = ["programme"]


@admin.register(Goal)
class GoalAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["identifier", "name", "theme"]
    list_filter = ["theme__programme"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["organization"]


class TaskInline(TranslationTabularInline):
    model = Task
    extra = 0


@admin.register(Measure)
class MeasureAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["identifier", "name", "status", "starts_on", "ends_on"]
    list_filter = ["status", "goal__theme__programme"]
    search_fields = ["identifier", "name", "public_id"]
    readonly_fields = [*PUBLIC_ID_READONLY, "starts_on", "ends_on"]
    inlines = [ResponsibilityInline, TaskInline]


@admin.register(MeasureUpdate)
class MeasureUpdateAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["measure", "date", "status", "party"]
    list_select_related = ["measure"]


@admin.register(Commitment)
class CommitmentAdmin(PublicIdAdmin):
    list_display = ["organization", "measure", "publication_status"]
    list_filter = ["publication_status"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization", "measure"]


@admin.register(ProgressReport)
class ProgressReportAdmin(PublicIdAdmin):
    list_display = ["commitment", "date", "publication_status"]
    list_filter = ["publication_status"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["date", "municipality", "value", "source"]


@admin.register(Indicator)
class IndicatorAdmin(PublicIdAdmin, TabbedTranslationAdmin):
    list_display = ["name", "programme", "kind", "source_key", "target", "target_year"]
    list_filter = ["programme", "kind"]
    inlines = [IndicatorValueInline]

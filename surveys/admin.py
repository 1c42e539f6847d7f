from django.contrib import admin

from core.admin import HistoryAdminMixin

from .models import Choice, Question, QuestionIndicator, QuestionVersion, Round, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    inlines = [SectionInline]


class VersionInline(admin.TabularInline):
    model = QuestionVersion
    extra = 0


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["key", "survey", "section", "kind", "required"]
    list_filter = ["survey", "kind"]
    inlines = [VersionInline, ChoiceInline]


@admin.register(Round)
class RoundAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["survey", "name", "opens_at", "closes_at", "imported"]
    list_filter = ["survey"]
    filter_horizontal = ["versions", "segment_municipalities", "segment_topics"]


@admin.register(QuestionIndicator)
class QuestionIndicatorAdmin(admin.ModelAdmin):
    list_display = ["indicator", "question", "choice"]
    raw_id_fields = ["indicator", "question", "choice"]

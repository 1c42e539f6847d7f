from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import coordinator_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_index, name="list"),
    path(_("answer/<str:token>/"), views.answer_invited, name="answer_invited"),
    path(_("new/"), coordinator_views.survey_new, name="new"),
    path("<slug:slug>/", views.survey_detail, name="detail"),
    path(_("<slug:slug>/comparison/"), views.comparison_page, name="comparison"),
    path(
        _("<slug:slug>/comparison.<str:fmt>"),
        views.comparison_download,
        name="comparison_download",
    ),
    path(_("<slug:slug>/rounds/<int:pk>/results/"), views.round_results_page, name="results"),
    path(
        _("<slug:slug>/rounds/<int:pk>/results.<str:fmt>"),
        views.round_results_download,
        name="results_download",
    ),
    path(_("<slug:slug>/rounds/<int:pk>/open/"), views.answer_open, name="answer_open"),
    path(
        _("<slug:slug>/rounds/<int:pk>/answer/<str:organization>/"),
        views.answer_signed_in,
        name="answer",
    ),
    # The coordinator's pages.
    path(_("<slug:slug>/edit/"), coordinator_views.survey_edit, name="edit"),
    path(_("<slug:slug>/questions/<slug:key>/"), coordinator_views.question_edit, name="question"),
    path(_("<slug:slug>/rounds/new/"), coordinator_views.round_new, name="round_new"),
    path(_("<slug:slug>/rounds/<int:pk>/"), coordinator_views.round_manage, name="round"),
    path(_("<slug:slug>/rounds/<int:pk>/raw.csv"), coordinator_views.raw_export, name="raw"),
]
urlpatterns += [
    path(_("no-reminders/<str:token>/"), views.opt_out_page, name="opt_out"),
    path(
        _("responses/<int:pk>/not-named/"),
        views.naming_consent_withdraw,
        name="naming_consent_withdraw",
    ),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import coordinator_views, dashboard_views, views

app_name = "programme"
urlpatterns = [
    path("", views.programme_overview, name="current"),
    path(_("timeline/"), views.programme_timeline, name="current_timeline"),
    path(_("goals/<str:public_id>/"), views.goal_detail, name="goal"),
    path(_("measures/<str:public_id>/"), views.measure_detail, name="measure"),
    path(_("measures/<str:public_id>/adopt/"), views.measure_adopt, name="adopt"),
    path(_("measures/<str:public_id>/update/"), views.measure_update, name="update"),
    path(_("measures/<str:public_id>/edit/"), views.measure_edit, name="measure_edit"),
    path(_("tasks/<int:pk>/done/"), views.task_done, name="task_done"),
    path(_("our-commitments/"), views.our_commitments, name="our_commitments"),
    path(_("commitments/<str:public_id>/report/"), views.report_add, name="report"),
    path(_("dashboard/"), dashboard_views.dashboard, name="current_dashboard"),
    path(_("reminders/"), dashboard_views.reminder_settings, name="reminders"),
    path(_("new/"), coordinator_views.programme_edit, name="programme_add"),
    path(_("goals/<str:public_id>/edit/"), coordinator_views.goal_edit, name="goal_edit"),
    path(
        _("measures/<str:public_id>/parties/"),
        coordinator_views.measure_parties,
        name="measure_parties",
    ),
    path(_("measures/<str:public_id>/tasks/"), coordinator_views.measure_task_add, name="task_add"),
    path(
        _("indicators/<str:public_id>/edit/"),
        coordinator_views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        _("indicators/<str:public_id>/value/"),
        coordinator_views.indicator_value_add,
        name="indicator_value",
    ),
    path("<slug:slug>/", views.programme_overview, name="detail"),
    path(_("<slug:slug>/manage/"), coordinator_views.manage, name="manage"),
    path(_("<slug:slug>/edit/"), coordinator_views.programme_edit, name="edit"),
    path(_("<slug:slug>/goals/new/"), coordinator_views.goal_edit, name="goal_add"),
    path(_("<slug:slug>/indicators/new/"), coordinator_views.indicator_edit, name="indicator_add"),
    path(
        _("<slug:slug>/measures.<str:fmt>"), coordinator_views.measures_file, name="measures_file"
    ),
    path(_("<slug:slug>/import/"), coordinator_views.measures_file_import, name="measures_import"),
    path(_("<slug:slug>/dashboard/"), dashboard_views.dashboard, name="dashboard"),
    path(
        _("<slug:slug>/dashboard/<slug:municipality>/"),
        dashboard_views.dashboard,
        name="municipality_dashboard",
    ),
    path(
        _("<slug:slug>/data/<slug:key>.<str:fmt>"),
        dashboard_views.dashboard_data,
        name="dashboard_data",
    ),
    path(
        _("<slug:slug>/data/<slug:municipality>/<slug:key>.<str:fmt>"),
        dashboard_views.dashboard_data,
        name="municipality_dashboard_data",
    ),
    path(_("<slug:slug>/timeline/"), views.programme_timeline, name="timeline"),
]

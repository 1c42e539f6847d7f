from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import duplicate_views, sheet_views, views
from . import linked_events_views as le_views

app_name = "importers"
urlpatterns = [
    path(
        _("spreadsheets/template-<slug:kind>.<slug:fmt>"),
        sheet_views.sheet_template,
        name="sheet_template",
    ),
    path(
        _("spreadsheets/associations/"), sheet_views.sheet_associations, name="sheet_associations"
    ),
    path(_("spreadsheets/<int:pk>/"), sheet_views.sheet_detail, name="sheet"),
    path(_("spreadsheets/<int:pk>/confirm/"), sheet_views.sheet_commit, name="sheet_commit"),
    path(
        _("<str:org>/spreadsheet/events/"),
        sheet_views.sheet_upload,
        {"kind": "events"},
        name="sheet_events",
    ),
    path(
        _("<str:org>/spreadsheet/activities/"),
        sheet_views.sheet_upload,
        {"kind": "activities"},
        name="sheet_activities",
    ),
    # The same event from two sources (importers/duplicate_views.py)
    path(
        _("events/<int:pk>/not-the-same/<int:other>/"),
        duplicate_views.keep_apart,
        name="keep_apart",
    ),
    path(_("kept-apart/<int:pk>/undo/"), duplicate_views.keep_apart_undo, name="keep_apart_undo"),
    path("<str:org>/", views.source_list, name="list"),
    path("<str:org>/<int:pk>/", views.source_detail, name="detail"),
    path(_("<str:org>/<int:pk>/check/"), views.source_poll_now, name="poll"),
    path(_("<str:org>/<int:pk>/remove/"), views.source_remove, name="remove"),
    path(_("<str:org>/<int:pk>/detach/<int:link>/"), views.event_detach, name="detach"),
    # Linked Events sources (importers/linked_events_views.py)
    path(_("<str:org>/linked-events/"), le_views.source_list, name="le_list"),
    path(_("<str:org>/linked-events/<int:pk>/"), le_views.source_detail, name="le_detail"),
    path(_("<str:org>/linked-events/<int:pk>/check/"), le_views.source_poll_now, name="le_poll"),
    path(_("<str:org>/linked-events/<int:pk>/remove/"), le_views.source_remove, name="le_remove"),
    path(
        _("<str:org>/linked-events/<int:pk>/detach/<int:link>/"),
        le_views.event_detach,
        name="le_detach",
    ),
]

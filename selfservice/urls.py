from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "selfservice"

event_patterns = [
    path("", views.event_edit, name="event_edit"),
    path(_("copy/"), views.event_copy, name="event_copy"),
    path(_("cancel/"), views.event_cancel, name="event_cancel"),
    path(_("preview/"), views.event_preview, name="event_preview"),
]
activity_patterns = [
    path("", views.activity_edit, name="activity_edit"),
    path(_("preview/"), views.activity_preview, name="activity_preview"),
]
organization_patterns = [
    path("", views.organization_overview, name="organization"),
    path(_("profile/"), views.organization_edit, name="organization_edit"),
    path(_("send-for-approval/"), views.organization_submit, name="organization_submit"),
    path(_("still-current/"), views.organization_still_current, name="organization_still_current"),
    path(_("preview/"), views.organization_preview, name="organization_preview"),
    path(_("places/new/"), views.place_create, name="place_create"),
    path(_("events/"), include([path(_("new/"), views.event_edit, name="event_create")])),
    path(_("events/"), include([path("<str:event>/", include(event_patterns))])),
    path(
        _("activities/"),
        include(
            [
                path(_("new/"), views.activity_edit, name="activity_create"),
                path("<str:activity>/", include(activity_patterns)),
            ]
        ),
    ),
    path(
        _("volunteering/"),
        include(
            [
                path(
                    _("new/"),
                    views.activity_edit,
                    {"volunteering": True},
                    name="volunteering_create",
                )
            ]
        ),
    ),
]
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        _("contacts/<int:pk>/withdraw-consent/"),
        views.contact_consent_withdraw,
        name="contact_consent_withdraw",
    ),
    path("<str:org>/", include(organization_patterns)),
]

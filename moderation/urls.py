from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path(_("requests/"), views.my_requests, name="my_requests"),
    path(_("claim/"), views.claim_choose, name="claim_choose"),
    path(_("claim/new/"), views.claim_new, name="claim_new"),
    path(_("claim/<str:public_id>/"), views.claim, name="claim"),
    path(_("requests/<int:pk>/decide/"), views.claim_decide, name="claim_decide"),
    path("<slug:kind>/<str:public_id>/decide/", views.content_decide, name="content_decide"),
    path(_("<slug:kind>/<str:public_id>/history/"), views.history, name="history"),
    path(
        _("<slug:kind>/<str:public_id>/history/<int:version_id>/restore/"),
        views.restore,
        name="restore",
    ),
    path(_("invite/<str:public_id>/"), views.invite, name="invite"),
    path(
        _("invite/municipality/<slug:slug>/"),
        views.invite_municipality,
        name="invite_municipality",
    ),
    path(_("invitation/<str:token>/"), views.invitation_accept, name="invitation_accept"),
]

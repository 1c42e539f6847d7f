from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "freshness"
urlpatterns = [
    path(_("stale/"), views.stale_listings, name="stale"),
    path(_("stale/remind/<int:pk>/"), views.remind_now, name="remind"),
    path("<str:token>/", views.confirm, name="confirm"),
]

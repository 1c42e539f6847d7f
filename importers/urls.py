from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "importers"
urlpatterns = [
    path("<str:org>/", views.source_list, name="list"),
    path("<str:org>/<int:pk>/", views.source_detail, name="detail"),
    path(_("<str:org>/<int:pk>/check/"), views.source_poll_now, name="poll"),
    path(_("<str:org>/<int:pk>/remove/"), views.source_remove, name="remove"),
    path(_("<str:org>/<int:pk>/detach/<int:link>/"), views.event_detach, name="detach"),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import registry_views

app_name = "registry"
urlpatterns = [
    path("", registry_views.flagged, name="flagged"),
    path(_("<int:pk>/dissolved/"), registry_views.mark_dissolved, name="mark_dissolved"),
]

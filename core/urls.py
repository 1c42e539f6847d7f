from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

# The home page (core:home) is in pages/urls.py: it shows several apps.
app_name = "core"
urlpatterns = [
    path(_("about/"), views.about, name="about"),
]

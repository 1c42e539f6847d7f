from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="results"),
    path(_("suggestions/"), views.autocomplete_options, name="autocomplete"),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list_page, name="list"),
    # Before the detail pattern, which would take "volunteering" for an id.
    path(_("volunteering/"), views.volunteering_list_page, name="volunteering"),
    path("<str:public_id>/", views.activity_detail, name="detail"),
]

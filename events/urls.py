from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list_page, name="list"),
    path(_("map/"), views.event_map, name="map"),
    path("<str:public_id>/", views.event_detail, name="detail"),
    path("<str:public_id>/share.png", views.event_share_image, name="share_image"),
]

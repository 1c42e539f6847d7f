from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "widget"
urlpatterns = [
    path("", views.builder, name="builder"),
    path(_("frame/"), views.frame, name="frame"),
]

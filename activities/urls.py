from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list_page, name="list"),
    path("<str:public_id>/", views.activity_detail, name="detail"),
]

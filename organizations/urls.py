from django.urls import path

from . import views

# An association's page (organizations:detail) is in pages/urls.py: it shows events and
# activities too.
app_name = "organizations"
urlpatterns = [
    path("", views.organization_list_page, name="list"),
]

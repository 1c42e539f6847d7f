from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "materials"
urlpatterns = [
    path("", views.library, name="library"),
    path(_("add/"), views.document_add, name="add"),
    path("<str:public_id>/", views.document_detail, name="detail"),
    path(_("<str:public_id>/file/"), views.download, name="download"),
    path(_("<str:public_id>/versions/<int:number>/"), views.version_download, name="version"),
    path(_("<str:public_id>/edit/"), views.document_edit, name="edit"),
    path(_("<str:public_id>/replace/"), views.document_replace, name="replace"),
    path(_("<str:public_id>/delete/"), views.document_delete, name="delete"),
]

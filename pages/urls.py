"""The URLs of the pages that assemble several apps, by the namespace they serve in.

config/urls.py adds each list to the namespace of the app the page is about, so the
names stay `core:home`, `municipalities:list`, `municipalities:detail` and
`organizations:detail`, and the addresses stay the same in every language.
"""

from django.urls import path

from . import views

home_urlpatterns = [
    path("", views.home, name="home"),
]
municipality_urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("<slug:slug>/", views.municipality_detail, name="detail"),
]
organization_urlpatterns = [
    path("<str:public_id>/", views.organization_detail, name="detail"),
    path("<str:public_id>/share.png", views.organization_share_image, name="share_image"),
]

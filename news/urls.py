from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.news_list_page, name="list"),
    path("rss/", feeds.NewsRssFeed(), name="rss"),
    path("atom/", feeds.NewsAtomFeed(), name="atom"),
    path(
        _("write/"),
        include(
            [
                path("", views.write, name="write"),
                path(_("new/"), views.post_edit, name="create"),
                path("<str:public_id>/", views.post_edit, name="edit"),
                path(
                    "<str:public_id>/",
                    include([path(_("preview/"), views.post_preview, name="preview")]),
                ),
            ]
        ),
    ),
    path("<str:public_id>/", views.news_detail, name="detail"),
]

"""RSS and Atom feeds of the newest news posts, with the list page's filters."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .filters import NewsFilter
from .selectors import news_list

NEWEST_POSTS = 50


def filtered_news(request):
    """The posts of `request`'s filter, or an HTTP 400 naming the invalid parameters."""
    filterset = NewsFilter(request.GET, queryset=news_list())
    if not filterset.is_valid():
        errors = {field: [str(m) for m in messages] for field, messages in filterset.errors.items()}
        return None, JsonResponse(errors, status=400)
    return filterset.qs, None


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    description = gettext_lazy("News of the associations and the coordinator.")

    def __call__(self, request, *args, **kwargs):
        _posts, error = filtered_news(request)
        return error or super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        posts, error = filtered_news(request)
        if error:
            raise Http404
        return posts

    def title(self, obj):
        return _("News – %(site)s") % {"site": settings.SAKKE_SITE_NAME}

    def link(self, obj):
        return reverse("news:list")

    def items(self, posts):
        return posts[:NEWEST_POSTS]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead or post.body

    def item_author_name(self, post):
        return post.organization.name if post.organization_id else settings.SAKKE_SITE_NAME

    def item_guid(self, post):
        return post.public_id

    item_guid_is_permalink = False

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_categories(self, post):
        return [topic.name for topic in post.topics.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description

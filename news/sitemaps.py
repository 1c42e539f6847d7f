from core.sitemaps import ObjectSitemap

from .selectors import news_list


class NewsSitemap(ObjectSitemap):
    """Published posts whose time has come (a post scheduled for later stays out)."""

    view_name = "news:detail"

    def queryset(self):
        return news_list()

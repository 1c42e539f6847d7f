from core.sitemaps import ObjectSitemap

from .selectors import activity_list


class ActivitySitemap(ObjectSitemap):
    view_name = "activities:detail"

    def queryset(self):
        return activity_list()

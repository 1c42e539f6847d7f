from core.sitemaps import ObjectSitemap

from .models import Document


class DocumentSitemap(ObjectSitemap):
    """The page of every document of the library (its file is linked from there)."""

    view_name = "materials:detail"

    def queryset(self):
        return Document.objects.all()

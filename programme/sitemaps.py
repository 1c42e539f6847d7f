from django.urls import reverse

from core.sitemaps import LanguageSitemap, ObjectSitemap

from .models import Goal, Measure, Programme


class ProgrammeSitemap(LanguageSitemap):
    """Each programme's overview and timeline; there are a handful, so no paging tricks."""

    def items(self):
        return [
            (name, slug)
            for slug in Programme.objects.order_by("pk").values_list("slug", flat=True)
            for name in ("programme:detail", "programme:timeline")
        ]

    def path(self, item) -> str:
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class GoalSitemap(ObjectSitemap):
    """The goal pages of every programme, the earlier ones too (they stay readable)."""

    view_name = "programme:goal"

    def queryset(self):
        return Goal.objects.all()


class MeasureSitemap(ObjectSitemap):
    view_name = "programme:measure"

    def queryset(self):
        return Measure.objects.all()

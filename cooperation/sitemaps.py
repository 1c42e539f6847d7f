from django.urls import reverse

from core.sitemaps import LanguageSitemap, ObjectSitemap

from . import selectors
from .models import Consultation, Meeting


class CooperationPagesSitemap(LanguageSitemap):
    """The section's list pages: bodies, representation, consultations, statements."""

    def items(self):
        names = ("bodies", "representation", "consultations", "statements")
        return [f"cooperation:{name}" for name in names]

    def path(self, item) -> str:
        return reverse(item)


class BodySitemap(ObjectSitemap):
    view_name = "cooperation:body"

    def queryset(self):
        return selectors.body_list()


class MeetingSitemap(ObjectSitemap):
    view_name = "cooperation:meeting"

    def queryset(self):
        return Meeting.objects.filter(body__is_active=True)


class ConsultationSitemap(ObjectSitemap):
    view_name = "cooperation:consultation"

    def queryset(self):
        return Consultation.objects.all()


class StatementSitemap(ObjectSitemap):
    """Sent statements only: drafts answer 404 to the public."""

    view_name = "cooperation:statement"

    def queryset(self):
        return selectors.statement_list()

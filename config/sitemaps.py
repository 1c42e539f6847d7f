"""Every sitemap section of the service, by name (`<kind>-<language>`): see core/sitemaps.py."""

from django.conf import settings

from activities.sitemaps import ActivitySitemap
from cards.sitemaps import MunicipalityCardSitemap
from cooperation.sitemaps import (
    BodySitemap,
    ConsultationSitemap,
    CooperationPagesSitemap,
    MeetingSitemap,
    StatementSitemap,
)
from core.sitemaps import PageSitemap
from events.sitemaps import EventSitemap
from materials.sitemaps import DocumentSitemap
from municipalities.sitemaps import MunicipalitySitemap
from news.sitemaps import NewsSitemap
from newsletter.sitemaps import ArchivedIssueSitemap
from organizations.sitemaps import OrganizationSitemap
from programme.sitemaps import GoalSitemap, MeasureSitemap, ProgrammeSitemap

KINDS = {
    "pages": PageSitemap,
    "associations": OrganizationSitemap,
    "events": EventSitemap,
    "activities": ActivitySitemap,
    "news": NewsSitemap,
    "municipalities": MunicipalitySitemap,
    "municipality-cards": MunicipalityCardSitemap,
    "newsletters": ArchivedIssueSitemap,
    "programmes": ProgrammeSitemap,
    "programme-goals": GoalSitemap,
    "programme-measures": MeasureSitemap,
    "cooperation": CooperationPagesSitemap,
    "cooperation-bodies": BodySitemap,
    "cooperation-meetings": MeetingSitemap,
    "consultations": ConsultationSitemap,
    "joint-statements": StatementSitemap,
    "materials": DocumentSitemap,
}

SITEMAPS = {
    f"{kind}-{language}": sitemap(language)
    for kind, sitemap in KINDS.items()
    for language, _name in settings.LANGUAGES
}

import datetime as dt

import factory
from django.utils import timezone

from core.models import PublicationStatus
from core.tests.factories import IndexedOnceFactory
from news.models import NewsPost
from organizations.tests.factories import OrganizationFactory


class NewsPostFactory(IndexedOnceFactory):
    class Meta:
        model = NewsPost
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:news-{n}")
    data_source = "test"
    title_fi = factory.Sequence(lambda n: f"Uutinen {n}")
    lead_fi = "Lyhyesti: yhdistyksen kuulumisia."
    body_fi = "<p>Yhdistyksen syksy alkaa uusilla kerhoilla.</p>"
    organization = factory.SubFactory(OrganizationFactory)
    publication_status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

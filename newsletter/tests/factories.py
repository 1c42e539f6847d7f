import datetime as dt

import factory
from django.utils import timezone

from newsletter.models import CONSENT_TEXT_VERSION, Issue, Offer, Subscriber
from organizations.tests.factories import OrganizationFactory


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "fi"
    status = Subscriber.Status.ACTIVE
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_text_version = CONSENT_TEXT_VERSION

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    title_fi = factory.Sequence(lambda n: f"Uutiskirje {n}")
    intro_fi = "Tervetuloa lukemaan."
    period_start = factory.LazyFunction(lambda: timezone.localdate())
    period_end = factory.LazyAttribute(lambda o: o.period_start + dt.timedelta(days=30))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Tiedote {n}")
    text = "Yhdistys etsii vapaaehtoisia."
    status = Offer.Status.ACCEPTED

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

import factory

from importers.models import LinkedEventsSource
from organizations.tests.factories import OrganizationFactory


class LinkedEventsSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkedEventsSource

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Helsingin tapahtumat {n}")
    api_root = "https://api.hel.fi/linkedevents/v1/"
    division = "kallio"

import factory

from importers.models import CalendarSource
from organizations.tests.factories import OrganizationFactory


class CalendarSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarSource

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Kalenteri {n}")
    url = factory.Sequence(lambda n: f"https://calendar.example.org/{n}.ics")

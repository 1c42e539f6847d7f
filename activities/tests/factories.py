import datetime as dt

import factory

from activities.models import Activity, WeeklySlot
from core.tests.factories import IndexedOnceFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory


class ActivityFactory(IndexedOnceFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:act-{n}")
    data_source = "test"
    name_fi = factory.Sequence(lambda n: f"Kerho {n}")
    description_fi = "Kokoonnumme viikoittain."
    kind = Activity.Kind.HOBBY
    participation = ["on_site"]
    organizer = factory.SubFactory(OrganizationFactory)
    location = factory.SubFactory(PlaceFactory)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class WeeklySlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklySlot
        skip_postgeneration_save = True

    activity = factory.SubFactory(ActivityFactory)
    weekday = 2
    start = dt.time(17, 30)
    end = dt.time(19, 0)

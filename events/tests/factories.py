import datetime as dt

import factory
from django.utils import timezone

from core.tests.factories import IndexedOnceFactory
from events.models import Event
from places.tests.factories import PlaceFactory


class EventFactory(IndexedOnceFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:event-{n}")
    data_source = "test"
    name_fi = factory.Sequence(lambda n: f"Tapahtuma {n}")
    short_description_fi = "Tervetuloa mukaan!"
    description_fi = "Tervetuloa mukaan yhteiseen tapahtumaan."
    start_time = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    end_time = factory.LazyAttribute(lambda o: o.start_time + dt.timedelta(hours=2))
    location = factory.SubFactory(PlaceFactory)

    @factory.post_generation
    def organizers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizers.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)

    @factory.post_generation
    def in_language(self, create, extracted, **kwargs):
        if create and extracted:
            self.in_language.set(extracted)

import datetime as dt

import factory

from municipalities.tests.factories import MunicipalityFactory

from ..models import (
    CardContact,
    Grant,
    GrantPeriod,
    GrantReminderSubscription,
    MunicipalityCard,
    PracticeAnswer,
    Premises,
)


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityCard
        django_get_or_create = ["municipality"]

    municipality = factory.SubFactory(MunicipalityFactory)
    steps_taken_fi = "<p>Järjestöyhteyshenkilö nimettiin 2024.</p>"


class CardContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardContact

    card = factory.SubFactory(CardFactory)
    name = factory.Sequence(lambda n: f"Yhteyshenkilö {n}")
    title_fi = "hyvinvointikoordinaattori"
    email = factory.Sequence(lambda n: f"yhteys{n}@kunta.example.fi")
    consent = True
    consent_date = dt.date(2025, 1, 15)


class PremisesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Premises

    card = factory.SubFactory(CardFactory)
    name_fi = factory.Sequence(lambda n: f"Nuorisotila {n}")
    address = "Kirkkotie 1"
    capacity = 30
    price = Premises.Price.FREE


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    card = factory.SubFactory(CardFactory)
    name_fi = factory.Sequence(lambda n: f"Toiminta-avustus {n}")
    purpose_fi = "Yhdistysten säännölliseen toimintaan."
    url = "https://kunta.example.fi/avustukset"


class GrantPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantPeriod

    grant = factory.SubFactory(GrantFactory)
    deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))


class PracticeAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAnswer

    card = factory.SubFactory(CardFactory)
    status = PracticeAnswer.Status.YES


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantReminderSubscription
        skip_postgeneration_save = True

    days_before = 7

import datetime as dt

import factory
from django.utils import timezone

from cooperation.models import (
    Body,
    BodyKind,
    Consultation,
    ConsultationSource,
    Meeting,
    Membership,
    Seat,
    SeatRole,
    SourceKind,
    Statement,
    StatementVersion,
)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:body-{n}")
    name_fi = factory.Sequence(lambda n: f"Järjestöneuvosto {n}")
    kind = BodyKind.COUNCIL
    purpose_fi = "Järjestöjen ääni kuuluviin alueen päätöksenteossa."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    kind = "association"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    role = SeatRole.MEMBER
    person_name = factory.Sequence(lambda n: f"Henkilö {n}")
    term_start = dt.date(2025, 1, 1)
    term_end = dt.date(2028, 12, 31)


def chair_of(body, user, role=SeatRole.CHAIR):
    return SeatFactory(body=body, user=user, role=role, person_name=user.name)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    public_id = factory.Sequence(lambda n: f"test:meeting-{n}")
    body = factory.SubFactory(BodyFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    place = "Kuopion kaupungintalo"
    agenda_fi = "1. Kokouksen avaus\n2. Lausunnot"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationSource

    name = factory.Sequence(lambda n: f"Lähde {n}")
    kind = SourceKind.ODATA
    url = factory.Sequence(lambda n: f"https://source{n}.example.org/feed")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:consultation-{n}")
    title_fi = factory.Sequence(lambda n: f"Lausuntopyyntö {n}")
    title_key = factory.LazyAttribute(lambda o: o.title_fi.casefold())
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:statement-{n}")
    consultation = factory.SubFactory(ConsultationFactory)
    title_fi = factory.Sequence(lambda n: f"Yhteislausunto {n}")

    @factory.post_generation
    def text(self, create, extracted, **kwargs):
        if create:
            StatementVersion.objects.create(
                statement=self,
                number=1,
                text=extracted or "Ensimmäinen luonnos.",
                author=self.author,
            )

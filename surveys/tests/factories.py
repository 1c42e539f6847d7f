import datetime as dt

import factory
from django.utils import timezone

from surveys.models import Choice, Question, QuestionKind, QuestionVersion, Round, Section, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    slug = factory.Sequence(lambda n: f"kysely-{n}")
    name_fi = factory.Sequence(lambda n: f"Järjestökysely {n}")
    name_sv = factory.Sequence(lambda n: f"Föreningsenkät {n}")
    name_en = factory.Sequence(lambda n: f"NGO survey {n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(lambda n: n)
    title_fi = factory.Sequence(lambda n: f"Osio {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question with its first wording (and choices `a`, `b`, `c` if it has choices)."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    survey = factory.SelfAttribute("section.survey")
    key = factory.Sequence(lambda n: f"q{n}")
    order = factory.Sequence(lambda n: n)
    kind = QuestionKind.SINGLE

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        QuestionVersion.objects.create(
            question=self, number=1, text_fi=extracted or f"Kysymys {self.key}?"
        )

    @factory.post_generation
    def with_choices(self, create, extracted, **kwargs):
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            for order, value in enumerate(extracted or ["a", "b", "c"], start=1):
                Choice.objects.create(
                    question=self, value=value, label_fi=f"Vaihtoehto {value}", order=order
                )


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round asking every question of its survey (add them before the round)."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    name = "2026"
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))

    @factory.post_generation
    def ask_all(self, create, extracted, **kwargs):
        self.versions.set(QuestionVersion.objects.filter(question__survey=self.survey))

import factory

from programme.models import (
    Commitment,
    Goal,
    Indicator,
    Measure,
    PartyKind,
    Programme,
    ProgressReport,
    Responsibility,
    Task,
    Theme,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    public_id = factory.Sequence(lambda n: f"test:programme-{n}")
    data_source = "test"
    name_fi = "Järjestöjen Pohjois-Savo 2030"
    slug = factory.Sequence(lambda n: f"ohjelma-{n}")
    start_year = 2025
    end_year = 2028
    vision_fi = "Järjestöt ovat vahva osa pohjoissavolaista hyvinvointia."


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    public_id = factory.Sequence(lambda n: f"test:theme-{n}")
    data_source = "test"
    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_fi = factory.Sequence(lambda n: f"Teema {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    public_id = factory.Sequence(lambda n: f"test:goal-{n}")
    data_source = "test"
    theme = factory.SubFactory(ThemeFactory)
    identifier = factory.Sequence(lambda n: f"1.{n}")
    name_fi = factory.Sequence(lambda n: f"Tavoite {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    public_id = factory.Sequence(lambda n: f"test:measure-{n}")
    data_source = "test"
    goal = factory.SubFactory(GoalFactory)
    identifier = factory.Sequence(lambda n: f"1.1.{n}")
    name_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
    description_fi = "Järjestöt kokoontuvat kahdesti vuodessa."
    schedule_unit = "quarter"
    start_year = 2025
    start_period = 1
    end_year = 2026
    end_period = 4


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    measure = factory.SubFactory(MeasureFactory)
    kind = PartyKind.NETWORK
    name = "Pohjois-Savon järjestöverkosto"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    measure = factory.SubFactory(MeasureFactory)
    name_fi = "Kutsu koolle ensimmäinen tapaaminen"
    due_date = factory.Faker("date_between", start_date="-30d", end_date="+30d")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    public_id = factory.Sequence(lambda n: f"test:commitment-{n}")
    data_source = "test"
    measure = factory.SubFactory(MeasureFactory)
    organization = factory.SubFactory("organizations.tests.factories.OrganizationFactory")
    description = "Järjestämme kaksi avointa iltaa."


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    public_id = factory.Sequence(lambda n: f"test:report-{n}")
    data_source = "test"
    commitment = factory.SubFactory(CommitmentFactory)
    text = "Ensimmäinen ilta pidettiin, paikalla 20 ihmistä."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    public_id = factory.Sequence(lambda n: f"test:indicator-{n}")
    data_source = "test"
    programme = factory.SubFactory(ProgrammeFactory)
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    kind = "manual"

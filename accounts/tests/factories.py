import factory
from django.utils import timezone

from accounts.models import MunicipalityEditor, OrganizationEditor, User
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory

PASSWORD = "kesä-ilta-järvellä-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A confirmed, active account that signs in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Henkilö {n}")
    password = factory.django.Password(PASSWORD)
    email_verified_at = factory.LazyFunction(timezone.now)


class OrganizationEditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationEditor

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class MunicipalityEditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityEditor

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)

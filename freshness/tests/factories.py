import factory

from accounts.models import OrganizationEditor, User
from organizations.tests.factories import OrganizationFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")


class OrganizationEditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationEditor

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)

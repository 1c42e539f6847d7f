import factory

from accounts.models import OrganizationEditor, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Sequence(lambda n: f"Käyttäjä {n}")
    password = factory.PostGenerationMethodCall("set_password", "salasana-123")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def editor_of(*organizations, **kwargs) -> User:
    """A user who edits the given organizations (and nothing else)."""
    user = UserFactory(**kwargs)
    for organization in organizations:
        OrganizationEditor.objects.create(user=user, organization=organization)
    return user


def coordinator() -> User:
    return UserFactory(is_coordinator=True)

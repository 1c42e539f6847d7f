import pytest
from django.urls import reverse
from django.utils import translation

from moderation.tests.factories import CoordinatorFactory, UserFactory


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def person(db):
    return UserFactory(email="sihteeri@example.org")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client

"""Reads of web requests go to the replica, except for a person who just saved."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from accounts.models import User
from accounts.tests.factories import UserFactory
from core.db_router import PIN_KEY, ReadYourWritesMiddleware, ReplicaRouter

# Not inside a test transaction: reads in a transaction go to the primary by design.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:Overriding setting DATABASES"),
]

router = ReplicaRouter()


@pytest.fixture(autouse=True)
def replica_configured():
    databases = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}
    with override_settings(DATABASES=databases, DATABASE_REPLICA_PIN_SECONDS=15):
        yield


def run(request, write=False):
    """The database the request's view reads from (after writing, if asked)."""
    seen = {}

    def view(request):
        if write:
            router.db_for_write(User)
        seen["read"] = router.db_for_read(User)
        return HttpResponse()

    ReadYourWritesMiddleware(view)(request)
    return seen["read"]


def request_of(person, method="get", session=None):
    request = getattr(RequestFactory(), method)("/fi/")
    request.user = person or AnonymousUser()
    request.session = session if session is not None else SessionStore()
    return request


def test_an_anonymous_reader_reads_from_the_replica():
    assert run(request_of(None)) == "replica"


def test_a_form_sent_reads_from_the_primary():
    assert run(request_of(None, method="post")) == "default"


def test_a_request_that_writes_reads_from_the_primary_after_the_write():
    assert run(request_of(None), write=True) == "default"


def test_the_person_who_just_saved_reads_from_the_primary_until_the_pin_ends(monkeypatch):
    person, session = UserFactory(), SessionStore()
    run(request_of(person, method="post", session=session), write=True)

    assert run(request_of(person, session=session)) == "default"
    assert run(request_of(UserFactory())) == "replica"  # others are not held back

    monkeypatch.setattr("core.db_router.time.time", lambda: session[PIN_KEY] + 1)
    assert run(request_of(person, session=session)) == "replica"


def test_an_anonymous_write_makes_no_session_for_the_pin():
    session = SessionStore()
    run(request_of(None, method="post", session=session), write=True)
    assert PIN_KEY not in session


def test_reads_inside_a_transaction_and_outside_requests_go_to_the_primary():
    assert router.db_for_read(User) == "default"  # a task or a command

    def view(request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(User))

    assert ReadYourWritesMiddleware(view)(request_of(None)).content == b"default"


def test_writes_and_migrations_go_to_the_primary_only():
    assert router.db_for_write(User) == "default"
    assert router.allow_migrate("default", "accounts")
    assert not router.allow_migrate("replica", "accounts")


def test_without_a_replica_the_middleware_does_nothing():
    with override_settings(DATABASES={"default": settings.DATABASES["default"]}):
        assert run(request_of(None)) == "default"

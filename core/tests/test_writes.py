"""core.writes.content_write: one transaction, one revision, registered batchers around it."""

from contextlib import contextmanager

import pytest

from core import writes
from core.history import versions_of
from core.writes import content_write, register_write_batcher
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from search.signals import index_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """A batcher of its own, in place of the registered ones, that notes what it sees."""
    seen = []

    @contextmanager
    def noting():
        seen.append("enter")
        try:
            yield
        except Exception:
            seen.append("error")
            raise
        seen.append("flush")

    monkeypatch.setattr(writes, "_batchers", [])
    register_write_batcher(noting)
    register_write_batcher(noting)
    return seen


def test_the_site_search_batches_every_content_write():
    assert index_once in writes._batchers


def test_a_batcher_registered_twice_runs_once_around_the_block(calls):
    with content_write(None, "Saved"):
        calls.append("write")
    assert calls == ["enter", "write", "flush"]


def test_the_write_is_stored_as_one_revision_with_its_comment():
    organization = OrganizationFactory()
    with content_write(None, "Renamed"):
        organization.name_fi = "Kuopion Laulajat ry"
        organization.save()
    assert versions_of(organization).first().revision.comment == "Renamed"


def test_an_error_rolls_the_write_back_and_skips_the_batched_work(calls):
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    with pytest.raises(RuntimeError), content_write(None, "Renamed"):
        Organization.objects.filter(pk=organization.pk).update(name_fi="Kuopion Laulajat ry")
        raise RuntimeError("the form broke")
    organization.refresh_from_db()
    assert organization.name_fi == "Kuopion Kuoro ry"
    assert calls == ["enter", "error"]
    assert not versions_of(organization).exists()


def test_news_ask_the_site_search_for_what_it_lacks_through_core():
    from core import indexing
    from search.index import index_missing

    assert indexing._indexer is index_missing


def test_without_a_search_nothing_is_indexed(monkeypatch):
    from core import indexing

    monkeypatch.setattr(indexing, "_indexer", None)
    assert indexing.index_missing(Organization.objects.all()) == 0

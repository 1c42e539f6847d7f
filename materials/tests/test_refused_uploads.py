"""The disk refuses the write of a document's file: a clear error beside the file field,
no document or version, and no part of the file left behind."""

import pytest
from django.urls import reverse

from accounts.tests.factories import OrganizationEditorFactory
from materials.models import Document, DocumentVersion

from . import samples
from .test_pages import signed_in

pytestmark = pytest.mark.django_db


def test_a_refused_document_file_adds_nothing_and_leaves_no_file(client, refusing_storage):
    role = OrganizationEditorFactory()
    signed_in(client, role.user)
    refusing_storage.refusing = True
    response = client.post(
        reverse("materials:add"),
        samples.association_upload_form(role.organization),
    )
    assert response.status_code == 200
    assert "could not be stored just now, so nothing was saved" in response.text
    assert 'href="#id_file"' in response.text
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert refusing_storage.files() == set()


def test_a_refused_thumbnail_keeps_the_text_and_the_old_picture(refusing_storage):
    """The worker draws the first page again; the store refuses the picture: the pages are
    still read, the earlier picture stays shown, and no part of the new one is left."""
    from materials import services
    from selfservice.tests.factories import coordinator

    from .test_services import add

    document = services.document_extract(add(coordinator()))
    old_picture = document.thumbnail.name
    before = refusing_storage.files()
    refusing_storage.refusing = True
    document.pages.all().delete()
    document = services.document_extract(document)
    document.refresh_from_db()
    assert document.extraction == "done"
    assert document.pages.count() == 3
    assert document.thumbnail.name == old_picture
    assert refusing_storage.files() == before


def test_a_failed_database_write_leaves_no_new_thumbnail(refusing_storage, monkeypatch):
    from django.db import DatabaseError

    from materials import services
    from materials.models import Document
    from selfservice.tests.factories import coordinator

    from .test_services import add

    document = add(coordinator())
    before = refusing_storage.files()

    def fail(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Document, "save", fail)  # after the picture is stored
    with pytest.raises(DatabaseError):
        services.document_extract(document)
    assert refusing_storage.files() == before
    document.refresh_from_db()
    assert not document.thumbnail

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

"""Meetings' agenda, minutes and decisions as documents of the materials library."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from cooperation.models import BodyDocument, DocumentRole, SeatRole
from materials.models import Document, DocumentVersion, Kind
from materials.tests import samples
from materials.tests.conftest import stored_files
from selfservice.tests.factories import coordinator

from .factories import BodyFactory, MeetingFactory, chair_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload_post(role="minutes", title="Pöytäkirja 10.9.", content=None):
    return {
        "role": role,
        "title": title,
        "file": samples.upload(content or samples.pdf_bytes(["Kokous avattiin klo 17."])),
    }


@pytest.mark.parametrize("role", [SeatRole.CHAIR, SeatRole.SECRETARY])
def test_the_chair_or_secretary_uploads_minutes_into_the_materials_library(client, role):
    meeting = MeetingFactory()
    user = UserFactory()
    chair_of(meeting.body, user, role=role)
    client.force_login(user)
    url = reverse("cooperation:meeting_document_upload", args=[meeting.public_id])
    response = client.post(url, upload_post())
    assert response.status_code == 302
    link = BodyDocument.objects.get(meeting=meeting)
    assert link.role == DocumentRole.MINUTES and link.body == meeting.body
    document = link.document
    assert document.title_fi == "Pöytäkirja 10.9."
    assert document.kind == Kind.MINUTES
    assert document.versions.get().uploaded_by == user
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in page
    assert document.get_download_url() in page


def test_an_upload_without_a_title_is_named_after_the_body_and_the_date(client):
    meeting = MeetingFactory(body__name_fi="Järjestöneuvosto")
    client.force_login(coordinator())
    url = reverse("cooperation:meeting_document_upload", args=[meeting.public_id])
    client.post(url, upload_post(role="agenda", title=""))
    document = Document.objects.get()
    assert document.title_fi.startswith("Järjestöneuvosto: Agenda ")


def test_a_refused_file_leaves_no_document_link_or_stored_file(client, media_root):
    meeting = MeetingFactory()
    client.force_login(coordinator())
    url = reverse("cooperation:meeting_document_upload", args=[meeting.public_id])
    response = client.post(url, upload_post(content=samples.html_named_pdf()))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert not BodyDocument.objects.exists()
    assert stored_files(media_root) == []


def test_a_member_of_one_body_cannot_add_or_remove_another_bodys_meeting_documents(client):
    own, other = BodyFactory(), BodyFactory()
    user = UserFactory()
    chair_of(own, user)
    meeting = MeetingFactory(body=other)
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:meeting_document_upload", args=[meeting.public_id]), upload_post()
    )
    link = BodyDocument.objects.get()
    client.force_login(user)
    upload = reverse("cooperation:meeting_document_upload", args=[meeting.public_id])
    assert client.post(upload, upload_post()).status_code == 403
    linking = reverse("cooperation:meeting_document_link", args=[meeting.public_id])
    data = {"role": "agenda", "document": link.document.public_id}
    assert client.post(linking, data).status_code == 403
    unlink = reverse("cooperation:meeting_document_unlink", args=[link.pk])
    assert client.post(unlink).status_code == 403
    assert BodyDocument.objects.count() == 1 and Document.objects.count() == 1
    assert "upload_file" not in client.get(meeting.get_absolute_url()).content.decode()


def test_an_ordinary_member_or_a_visitor_cannot_upload(client):
    meeting = MeetingFactory()
    member = UserFactory()
    chair_of(meeting.body, member, role=SeatRole.MEMBER)
    url = reverse("cooperation:meeting_document_upload", args=[meeting.public_id])
    assert client.post(url, upload_post()).status_code == 302  # to sign in
    client.force_login(member)
    assert client.post(url, upload_post()).status_code == 403
    assert not Document.objects.exists()


def test_the_chair_links_a_library_document_and_removes_it_again(client):
    meeting = MeetingFactory()
    user = UserFactory()
    chair_of(meeting.body, user)
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:meeting_document_upload", args=[meeting.public_id]), upload_post()
    )
    document = Document.objects.get()
    second = MeetingFactory(body=meeting.body)
    client.force_login(user)
    linking = reverse("cooperation:meeting_document_link", args=[second.public_id])
    response = client.post(linking, {"role": "decisions", "document": document.public_id})
    assert response.status_code == 302
    link = second.document_links.get()
    assert link.role == DocumentRole.DECISIONS
    again = client.post(linking, {"role": "minutes", "document": document.public_id})
    assert again.status_code == 400
    assert "already linked" in again.content.decode()
    client.post(reverse("cooperation:meeting_document_unlink", args=[link.pk]))
    assert not second.document_links.exists()
    assert Document.objects.filter(pk=document.pk).exists()  # still in the library


def test_the_text_and_link_fields_keep_working_beside_the_documents(client):
    meeting = MeetingFactory(minutes="Kokous avattiin.", minutes_url="https://example.org/pk")
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:meeting_document_upload", args=[meeting.public_id]), upload_post()
    )
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Kokous avattiin." in page
    assert "https://example.org/pk" in page
    assert "Pöytäkirja 10.9." in page


def test_the_body_page_lists_the_documents_of_its_meetings(client):
    meeting = MeetingFactory()
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:meeting_document_upload", args=[meeting.public_id]), upload_post()
    )
    client.logout()
    page = client.get(meeting.body.get_absolute_url()).content.decode()
    assert "Pöytäkirja 10.9." in page
    assert meeting.get_absolute_url() in page


def test_the_meeting_api_lists_its_documents(client):
    meeting = MeetingFactory()
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:meeting_document_upload", args=[meeting.public_id]), upload_post()
    )
    client.logout()
    data = client.get(f"/api/v1/cooperation_meeting/{meeting.public_id}/").json()
    [entry] = data["documents"]
    assert entry["role"] == "minutes"
    assert entry["document"]["title"]["fi"] == "Pöytäkirja 10.9."
    assert entry["document"]["download_url"].endswith(Document.objects.get().get_download_url())

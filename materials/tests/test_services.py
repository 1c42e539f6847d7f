"""Adding, editing, replacing and deleting documents: who may, and what a bad file leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    OrganizationEditorFactory,
    UserFactory,
)
from materials import services
from materials.models import Document, DocumentPage, DocumentVersion, Extraction, Kind
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator

from . import samples
from .conftest import stored_files

pytestmark = pytest.mark.django_db

PAGES = ["Tervon työpaja kokoontui kirjastossa.", "Toinen sivu.", "Kolmas sivu."]


def add(user, *, organization=None, municipality=None, content=None, name="muistio.pdf"):
    return services.document_add(
        user=user,
        data={
            "title_fi": "Työpajan muistio",
            "kind": Kind.WORKSHOP_SUMMARY,
            "year": 2018,
            "publisher_organization": organization,
            "publisher_municipality": municipality,
        },
        upload=samples.upload(content or samples.pdf_bytes(PAGES), name),
    )


# The permission matrix: who may upload, edit, replace and delete.


def _people(organization):
    return {
        "coordinator": coordinator(),
        "editor of the association": OrganizationEditorFactory(organization=organization).user,
        "editor of another association": OrganizationEditorFactory().user,
        "signed-in person": UserFactory(),
        "anonymous": None,
    }


ALLOWED = {"coordinator", "editor of the association"}


@pytest.mark.parametrize(
    "who",
    [
        "coordinator",
        "editor of the association",
        "editor of another association",
        "signed-in person",
        "anonymous",
    ],
)
def test_the_permission_matrix_of_upload_edit_replace_and_delete(who):
    from django.contrib.auth.models import AnonymousUser

    organization = OrganizationFactory()
    user = _people(organization)[who] or AnonymousUser()
    document = add(coordinator(), organization=organization)
    results = {}
    attempts = {
        "upload": lambda: add(user, organization=organization),
        "edit": lambda: services.document_edit(
            user=user, document=document, data={"title_fi": "Uusi otsikko"}
        ),
        "replace": lambda: services.document_replace_file(
            user=user, document=document, upload=samples.upload(samples.pdf_bytes(["Uusi"]))
        ),
        "delete": lambda: services.document_delete(user=user, document=document),
    }
    for action, attempt in attempts.items():
        try:
            attempt()
            results[action] = True
        except PermissionDenied:
            results[action] = False
    expected = who in ALLOWED
    assert results == dict.fromkeys(attempts, expected)
    assert Document.objects.filter(pk=document.pk).exists() is not expected


def test_only_the_coordinator_publishes_for_the_coordinators_organisation():
    editor = OrganizationEditorFactory().user
    with pytest.raises(PermissionDenied):
        add(editor)
    assert add(coordinator()).publisher_organization is None


def test_a_municipalitys_editor_publishes_for_the_municipality():
    role = MunicipalityEditorFactory()
    document = add(role.user, municipality=role.municipality)
    assert document.publisher_name == role.municipality.name


def test_an_editor_cannot_move_a_document_to_an_association_they_do_not_edit():
    mine = OrganizationEditorFactory()
    document = add(coordinator(), organization=OrganizationFactory())
    document.publisher_organization = mine.organization  # as a bound form would
    with pytest.raises(PermissionDenied):
        services.document_edit(
            user=mine.user, document=document, data={"publisher_organization": mine.organization}
        )


# Versions: replacing keeps the earlier files and the address.


def test_replacing_the_file_keeps_the_earlier_version_and_the_address():
    user = coordinator()
    document = add(user)
    address = document.get_download_url()
    services.document_replace_file(
        user=user, document=document, upload=samples.upload(samples.pdf_bytes(["Korjattu"]))
    )
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].file.name != versions[1].file.name
    assert versions[0].file.storage.exists(versions[0].file.name)
    assert document.get_download_url() == address
    assert document.current_version == versions[1]


def test_the_stored_file_name_is_ours_and_the_type_comes_from_the_content(media_root):
    document = add(coordinator(), content=samples.docx_bytes([["Hei"]]), name="raportti.pdf")
    version = document.current_version
    assert version.file_type == "docx"
    assert version.file.name.endswith(".docx")
    assert version.original_name == "raportti.pdf"


# Bad files: a clear error and nothing stored.

BAD_FILES = {
    "encrypted": (samples.encrypted_pdf, "password"),
    "truncated": (samples.truncated_pdf, "incomplete"),
    "html": (samples.html_named_pdf, "web page"),
    "bomb": (samples.zip_bomb_docx, "unpacks"),
    "too_many_pages": (lambda: samples.many_pages_pdf(500), "too many pages"),
}


@pytest.mark.parametrize("code", list(BAD_FILES))
def test_a_bad_file_gets_a_clear_error_and_nothing_is_stored(code, media_root):
    make, words = BAD_FILES[code]
    with pytest.raises(ValidationError) as caught:
        add(coordinator(), content=make())
    message = " ".join(caught.value.message_dict["file"])
    assert words in message
    assert caught.value.error_dict["file"][0].code == code
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_size_limit_is_refused(settings, media_root):
    settings.SAKKE_MATERIALS_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as caught:
        add(coordinator())
    assert caught.value.error_dict["file"][0].code == "too_large"
    assert stored_files(media_root) == []


def test_a_write_that_fails_after_storing_the_file_removes_the_file(monkeypatch, media_root):
    def broken(document):
        raise RuntimeError("the broker is down")

    monkeypatch.setattr(services, "_queue_extraction", broken)
    with pytest.raises(RuntimeError):
        add(coordinator())
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


# Extraction in the worker.


def test_extraction_stores_the_text_of_each_page_and_a_thumbnail():
    document = services.document_extract(add(coordinator()))
    assert document.extraction == Extraction.DONE
    assert list(document.pages.values_list("number", flat=True)) == [1, 2, 3]
    assert "kirjastossa" in document.pages.get(number=1).text
    assert document.thumbnail.name.endswith(".png")
    assert document.is_tagged is False


def test_a_tagged_pdf_needs_no_accessible_version():
    document = add(coordinator(), content=samples.pdf_bytes(PAGES, tagged=True))
    assert services.document_extract(document).needs_accessible_version is False


def test_a_pdf_without_a_text_layer_is_marked_scanned():
    document = services.document_extract(add(coordinator(), content=samples.many_pages_pdf(2)))
    assert document.extraction == Extraction.NO_TEXT
    assert document.is_scanned


def test_extraction_over_the_time_limit_fails_the_document_and_keeps_no_text(settings):
    document = add(coordinator())
    settings.SAKKE_MATERIALS_EXTRACT_SECONDS = 0.001
    document = services.document_extract(document)
    assert document.extraction == Extraction.FAILED
    assert "too long" in document.extraction_error
    assert not DocumentPage.objects.filter(document=document).exists()


def test_extraction_over_the_memory_limit_ends_only_the_child(settings):
    document = add(coordinator())
    settings.SAKKE_MATERIALS_EXTRACT_MEMORY_MB = 20
    assert services.document_extract(document).extraction == Extraction.FAILED
    # This process lives on and extracts again once the limit allows it.
    settings.SAKKE_MATERIALS_EXTRACT_MEMORY_MB = 768
    assert services.document_extract(document).extraction == Extraction.DONE


def test_a_word_file_is_read_page_by_page():
    content = samples.docx_bytes([["Ensimmäinen"], ["Toinen"], ["Kolmas sivu kertoo tiloista"]])
    document = services.document_extract(add(coordinator(), content=content, name="a.docx"))
    assert document.pages.get(number=3).text == "Kolmas sivu kertoo tiloista"


def test_deleting_a_document_removes_its_files(django_capture_on_commit_callbacks, media_root):
    user = coordinator()
    document = services.document_extract(add(user))
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(user=user, document=document)
    assert stored_files(media_root) == []


def test_a_pdf_with_javascript_is_flagged():
    document = add(coordinator(), content=samples.pdf_with_javascript())
    assert document.has_active_content
    assert services.document_extract(document).has_active_content


def test_the_text_of_a_scanned_pdf_is_recognised_and_marked_as_such():
    content = samples.scanned_pdf(["Seurantalon vuokra", "Kokous pidetaan kirjastossa"])
    document = services.document_extract(add(coordinator(), content=content))
    assert document.extraction == Extraction.OCR
    assert document.is_scanned
    assert "kirjastossa" in document.pages.get(number=1).text

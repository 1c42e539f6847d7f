"""The library's pages: the list with its filters, a document, its file, the municipality
page, and the upload, edit, replace and delete pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import OrganizationEditorFactory, UserFactory
from materials import services
from materials.models import Document, Kind
from municipalities.tests.factories import MunicipalityFactory
from selfservice.tests.factories import coordinator

from . import samples
from .conftest import stored_files
from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def add(user=None, **data):
    return services.document_add(
        user=user or coordinator(),
        data={"title_fi": "Kyselyn raportti", "kind": Kind.SURVEY_REPORT, **data},
        upload=samples.upload(samples.pdf_bytes(["Kyselyyn vastasi 120 yhdistystä."])),
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_library_filters_by_kind_municipality_and_year(client):
    tervo = MunicipalityFactory(name="Tervo")
    wanted = DocumentFactory(title_fi="Tervon työpaja", kind=Kind.WORKSHOP_SUMMARY, year=2018)
    wanted.municipalities.add(tervo)
    DocumentFactory(title_fi="Vanha kysely", kind=Kind.SURVEY_REPORT, year=2016)
    url = reverse("materials:library")
    html = client.get(url, {"kind": "workshop_summary"}).content.decode()
    assert "Tervon työpaja" in html and "Vanha kysely" not in html
    html = client.get(url, {"municipality": tervo.code}).content.decode()
    assert "Tervon työpaja" in html and "Vanha kysely" not in html
    html = client.get(url, {"year": 2016}).content.decode()
    assert "Vanha kysely" in html and "Tervon työpaja" not in html


def test_the_library_sorts_by_title(client):
    DocumentFactory(title_fi="Beta", year=2020)
    DocumentFactory(title_fi="Alfa", year=2010)
    html = client.get(reverse("materials:library"), {"sort": "title"}).content.decode()
    assert html.index("Alfa") < html.index("Beta")
    html = client.get(reverse("materials:library")).content.decode()
    assert html.index("Beta") < html.index("Alfa")


def test_the_library_answers_htmx_with_the_results_only(client):
    DocumentFactory(title_fi="Alfa")
    response = client.get(reverse("materials:library"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "Alfa" in response.content.decode()


def test_the_library_is_in_the_main_navigation(client):
    html = client.get(reverse("materials:library")).content.decode()
    assert f'href="{reverse("materials:library")}" aria-current="page"' in html


def test_an_untagged_pdf_shows_the_accessibility_note_and_a_request_link(client, settings):
    settings.SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@example.org"
    document = services.document_extract(add())
    html = client.get(document.get_absolute_url()).content.decode()
    assert "no tagged structure" in html
    assert "mailto:saavutettavuus@example.org" in html
    assert "First page of the document Kyselyn raportti" in html


def test_the_request_link_reaches_the_publishing_association(client):
    role = OrganizationEditorFactory(organization__email="hallitus@kyla.example")
    document = services.document_extract(add(role.user, publisher_organization=role.organization))
    html = client.get(document.get_absolute_url()).content.decode()
    assert "mailto:hallitus@kyla.example" in html


def test_the_file_is_served_with_a_safe_disposition_and_counted(client):
    document = add()
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    document.refresh_from_db()
    assert document.download_count == 1


def test_a_pdf_with_active_content_is_only_a_download(client):
    document = add()
    Document.objects.filter(pk=document.pk).update(has_active_content=True)
    response = client.get(document.get_download_url())
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_earlier_version_stays_downloadable(client):
    user = coordinator()
    document = add(user)
    services.document_replace_file(
        user=user, document=document, upload=samples.upload(samples.pdf_bytes(["Uusi versio"]))
    )
    response = client.get(reverse("materials:version", args=[document.public_id, 1]))
    assert response.status_code == 200
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Version 1 of" in html


def test_the_municipality_page_lists_its_documents(client):
    tervo = MunicipalityFactory(name="Tervo", slug="tervo")
    DocumentFactory(title_fi="Tervon työpaja").municipalities.add(tervo)
    html = client.get(tervo.get_absolute_url()).content.decode()
    assert "Tervon työpaja" in html


def test_an_editor_uploads_for_their_association_through_the_page(client):
    role = OrganizationEditorFactory()
    signed_in(client, role.user)
    response = client.post(
        reverse("materials:add"),
        samples.association_upload_form(role.organization),
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.publisher_organization == role.organization


def test_the_upload_page_shows_a_bad_file_error_beside_the_field(client):
    signed_in(client, coordinator())
    with translation.override("fi"):
        url = reverse("materials:add")
    response = client.post(
        url,
        {
            "title_fi": "Kirjautuminen",
            "kind": "background",
            "language": "fi",
            "licence": "cc-by-4.0",
            "publisher": "coordinator",
            "file": samples.upload(samples.html_named_pdf()),
        },
    )
    assert response.status_code == 200
    assert "HTML" in response.content.decode()
    assert not Document.objects.exists()


def test_a_person_without_a_role_cannot_open_the_upload_or_edit_pages(client):
    document = add()
    signed_in(client, UserFactory())
    assert client.get(reverse("materials:add")).status_code == 403
    assert client.get(reverse("materials:edit", args=[document.public_id])).status_code == 403
    assert client.post(reverse("materials:delete", args=[document.public_id])).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_editor_replaces_and_deletes_through_the_pages(client):
    role = OrganizationEditorFactory()
    document = add(role.user, publisher_organization=role.organization)
    signed_in(client, role.user)
    client.post(
        reverse("materials:replace", args=[document.public_id]),
        {"file": samples.upload(samples.pdf_bytes(["Korjattu painos"]))},
    )
    assert document.versions.count() == 2
    client.post(reverse("materials:delete", args=[document.public_id]))
    assert not Document.objects.exists()


def test_the_material_api_lists_documents_with_their_file(client):
    document = add()
    body = client.get("/api/v1/material/", {"kind": "survey_report"}).json()
    assert [item["id"] for item in body["data"]] == [document.public_id]
    item = body["data"][0]
    assert item["title"]["fi"] == "Kyselyn raportti"
    assert item["file_url"] == "http://testserver" + document.get_download_url()
    assert [v["number"] for v in item["versions"]] == [1]
    assert client.get("/api/v1/material/", {"kind": "minutes"}).json()["data"] == []


def test_the_sitemap_lists_the_library_and_its_documents(client):
    document = DocumentFactory(title_fi="Tervon työpaja")
    with translation.override("fi"):
        page, library = document.get_absolute_url(), reverse("materials:library")
    assert f"{page}</loc>" in client.get("/sitemap-materials-fi.xml").content.decode()
    assert f"{library}</loc>" in client.get("/sitemap-pages-fi.xml").content.decode()


def test_the_library_and_the_api_list_cost_the_same_queries_for_more_documents(client):
    tervo = MunicipalityFactory()

    def documents(count):
        for _ in range(count):
            DocumentFactory().municipalities.add(tervo)

    def queries(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    documents(2)
    few = (queries(reverse("materials:library")), queries("/api/v1/material/"))
    documents(5)
    assert (queries(reverse("materials:library")), queries("/api/v1/material/")) == few


def test_the_admin_shows_a_document_and_deletes_it_with_its_files(
    client, django_capture_on_commit_callbacks, media_root
):
    user = coordinator()
    user.is_staff = user.is_superuser = True
    user.save()
    document = add(user)
    client.force_login(user)
    change = reverse("admin:materials_document_change", args=[document.pk])
    assert client.get(change).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:materials_document_changelist"),
            {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"},
        )
    assert not Document.objects.exists()
    assert stored_files(media_root) == []

"""The library and document pages pass axe-core's WCAG 2.1 A and AA rules in fi, sv and
en, and so does the upload page the coordinator and editors use."""

import pytest

from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from materials import services
from materials.models import Document, Kind
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko
from selfservice.tests.factories import coordinator, editor_of
from selfservice.tests.test_browser import signed_in

from . import samples

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


def test_the_library_document_and_upload_pages_have_no_accessibility_violations(
    open_page, live_server, north_savo
):
    user = coordinator()
    document = services.document_add(
        user=user,
        data={
            "title_fi": "Tervon työpajan yhteenveto",
            "title_sv": "Sammandrag av workshoppen i Tervo",
            "title_en": "Summary of the Tervo workshop",
            "description_fi": "Kunnan ja järjestöjen yhteinen työpaja.",
            "kind": Kind.WORKSHOP_SUMMARY,
            "year": 2019,
        },
        upload=samples.upload(samples.pdf_bytes(["Työpajan muistio.", "Kylätalo avataan."])),
    )
    # Untagged: the page shows its accessibility note and the request link too.
    document = services.document_extract(document)
    services.document_replace_file(
        user=user,
        document=document,
        upload=samples.upload(samples.pdf_bytes(["Korjattu muistio.", "Kylätalo avataan."])),
    )
    services.document_extract(document)
    page = open_page()
    for lang in LANGUAGES:
        assert_no_violations(page, localized_path("materials:library", lang))
        assert_no_violations(
            page, localized_path("materials:detail", lang, public_id=document.public_id)
        )
    editor_page = signed_in(open_page, live_server, user)
    assert_no_violations(editor_page, localized_path("materials:add", "fi"))
    assert_no_violations(
        editor_page, localized_path("materials:detail", "fi", public_id=document.public_id)
    )


@pytest.mark.usefixtures("voikko")
def test_an_editor_uploads_a_document_and_finds_it_by_a_word_on_its_second_page(
    open_page, live_server, north_savo, tmp_path
):
    association = north_savo.pensioners
    page = signed_in(open_page, live_server, editor_of(association), java_script_enabled=False)
    pdf = tmp_path / "vuosikertomus.pdf"
    pdf.write_bytes(samples.pdf_bytes(["Toimintakertomus 2025.", "Kylätalo remontoitiin."]))

    page.goto(localized_path("materials:library", "fi"))
    click_and_wait_for_the_next_page(page, page.get_by_role("link", name="Lisää asiakirja"))
    page.get_by_label("Tiedosto").set_input_files(str(pdf))
    page.get_by_label("Otsikko (suomeksi)").fill("Vuosikertomus 2025")
    page.get_by_label("Asiakirjan laji").select_option("background")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Lisää asiakirja"))

    document = Document.objects.get()
    assert document.publisher_organization == association
    assert page.get_by_role("heading", name="Vuosikertomus 2025").is_visible()
    # The worker's part, done here: the text is read, and the search finds page 2.
    services.document_extract(document)
    page.goto(localized_path("search:results", "fi") + "?q=kylätaloa")
    assert page.get_by_text("Sivu 2:").is_visible()

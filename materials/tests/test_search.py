"""Documents in the site search: the words of their pages, found in any inflected form,
with the page that matched and a snippet of it."""

import pytest
from django.urls import reverse

from materials import services
from materials.models import Kind
from search.index import rebuild_search_index
from search.services import search
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko
from selfservice.tests.factories import coordinator

from . import samples

pytestmark = pytest.mark.django_db

PAGES = [
    "Tervon työpajan muistio. Paikalla oli yhdistysten ja kunnan väkeä.",
    "Keskusteltiin avustuksista ja tiedottamisesta.",
    "Kunta päätti avata kylätalon yhdistysten käyttöön maksutta.",
    "Seuraava tapaaminen pidetään keväällä.",
]


def uploaded_and_extracted(pages=PAGES):
    document = services.document_add(
        user=coordinator(),
        data={"title_fi": "Tervon työpajan yhteenveto", "kind": Kind.WORKSHOP_SUMMARY},
        upload=samples.upload(samples.pdf_bytes(pages)),
    )
    return services.document_extract(document)


@pytest.mark.usefixtures("voikko")
def test_a_word_only_on_page_3_is_found_inflected_and_the_hit_names_page_3():
    document = uploaded_and_extracted()
    hits = search("kylätaloissa").hits
    assert [(hit.kind, hit.public_id) for hit in hits] == [("material", document.public_id)]
    hit = hits[0]
    assert hit.page == 3
    assert "<mark>kylätalon</mark>" in hit.snippet
    assert hit.url == document.get_download_url() + "#page=3"


@pytest.mark.usefixtures("voikko")
def test_the_search_api_answers_type_material_with_the_page(client):
    document = uploaded_and_extracted()
    body = client.get("/api/v1/search/", {"q": "kylätaloissa", "type": "material"}).json()
    assert [item["id"] for item in body["data"]] == [document.public_id]
    item = body["data"][0]
    assert item["page"] == 3
    assert item["url"].endswith("#page=3")
    detail = reverse("api:material-detail", kwargs={"id": document.public_id})
    assert item["api_url"] == "http://testserver" + detail


@pytest.mark.usefixtures("voikko")
def test_the_search_page_shows_the_page_number_and_the_marked_snippet(client):
    uploaded_and_extracted()
    response = client.get(reverse("search:results"), {"q": "kylätaloissa"})
    html = response.content.decode()
    assert "Page 3:" in html
    assert "<mark>kylätalon</mark>" in html


@pytest.mark.usefixtures("voikko")
def test_replacing_the_file_replaces_the_words_the_search_finds():
    document = uploaded_and_extracted()
    services.document_replace_file(
        user=coordinator(),
        document=document,
        upload=samples.upload(samples.pdf_bytes(["Nyt puhutaan vain saunasta."])),
    )
    services.document_extract(document)
    assert search("kylätaloissa", types=["material"]).hits == []
    assert [h.public_id for h in search("saunoissa", types=["material"]).hits] == [
        document.public_id
    ]


@pytest.mark.usefixtures("voikko")
def test_the_index_rebuild_includes_the_pages_of_documents():
    document = uploaded_and_extracted()
    assert rebuild_search_index() == 1
    assert [h.public_id for h in search("kylätalo").hits] == [document.public_id]

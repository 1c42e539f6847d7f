import io
import os

import pytest
from django.urls import reverse

from municipalities.tests.factories import MunicipalityFactory

from .factories import CardFactory, GrantFactory, GrantPeriodFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(autouse=True)
def weasyprint_works():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # Pango missing
        if os.environ.get("CI"):  # .ci/run installs Pango: there, a missing one is a failure
            pytest.fail(f"WeasyPrint cannot run: {error}")
        pytest.skip(f"WeasyPrint cannot run here: {error}")


def test_the_pdf_of_a_card_has_the_municipality_and_its_grants(client):
    card = CardFactory(municipality__slug="tervo", municipality__name_fi="Tervo")
    GrantPeriodFactory(grant=GrantFactory(card=card, name_fi="Kyläavustus"))
    GrantFactory(card=card, name_fi="Nuorisoavustus")

    response = client.get(reverse("cards:pdf", kwargs={"slug": "tervo"}))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Tervo" in text
    assert "Kyläavustus" in text and "Nuorisoavustus" in text


def test_the_pdf_of_all_cards_has_a_page_per_municipality(client):
    card = CardFactory(municipality__name_fi="Tervo")
    GrantFactory(card=card, name_fi="Kyläavustus")
    MunicipalityFactory(name_fi="Vesanto")

    response = client.get(reverse("cards:all_pdf"))

    text = pdf_text(response.content)
    assert "Tervo" in text and "Kyläavustus" in text
    assert "Vesanto has not filled in its card yet." in " ".join(text.split())

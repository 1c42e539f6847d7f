"""The demo's library: five workshop summaries and a survey report, searchable, loaded once."""

import pytest
from django.core.management import call_command

from materials.models import Document, Extraction, Kind
from search.services import search
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko

pytestmark = pytest.mark.django_db


@pytest.mark.heavy
@pytest.mark.usefixtures("voikko")
def test_load_demo_adds_the_workshop_summaries_and_the_survey_report_once():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    # The cooperation demo adds a council's minutes of its own (cooperation/tests/test_demo.py).
    documents = Document.objects.exclude(kind=Kind.MINUTES)
    assert sorted(d.kind for d in documents) == [Kind.SURVEY_REPORT] + [Kind.WORKSHOP_SUMMARY] * 5
    assert {m.name for d in documents for m in d.municipalities.all()} == {
        "Leppävirta",
        "Rautalampi",
        "Suonenjoki",
        "Tervo",
        "Lapinlahti",
    }
    assert all(d.extraction == Extraction.DONE and d.page_count >= 4 for d in documents)
    hits = search("kokoontumistiloista", types=["material"]).hits
    assert "demo:material-workshop-844" in [hit.public_id for hit in hits]

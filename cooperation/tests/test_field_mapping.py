"""A JSON source whose field names differ from Lausuntopalvelu.fi's, read through the
source's field mapping, without code: against a recorded fixture, never the network."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from cooperation import radar
from cooperation.models import Consultation, ConsultationSource, SourceKind
from cooperation.sources import SourceError, check_mapping, parse_odata

from .factories import SourceFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
MUNICIPAL = (FIXTURES / "municipal_json.json").read_bytes()
MAPPING = {
    "records": "data.items",
    "external_id": "uuid",
    "title": "otsikko",
    "summary": "kuvaus",
    "organiser": "antaja.nimi",
    "published_on": "julkaistu",
    "deadline": ["maaraaika", "viimeinen_paiva"],
    "url": "linkki",
    "date_format": "%d.%m.%Y",
    "url_template": "https://www.kuopio.fi/lausunnot?id={external_id}",
}


def test_the_mapping_reads_a_feed_with_other_field_names():
    first, second = parse_odata(MUNICIPAL, mapping=MAPPING)
    assert first.external_id == "kuopio-2026-117"
    assert first.title == "Lausuntopyyntö: Kuopion liikuntapaikkaohjelma 2027–2031"
    assert first.summary.startswith("Kaupunki pyytää järjestöiltä")  # HTML stripped
    assert first.organiser == "Kuopion kaupunki, liikuntapalvelut"  # a nested field
    assert (first.published_on, first.deadline) == (dt.date(2026, 11, 20), dt.date(2027, 1, 15))
    assert first.url == "https://www.kuopio.fi/lausunnot/117"
    # No link: the template makes one from the id.
    assert second.url == "https://www.kuopio.fi/lausunnot?id=kuopio-2026-118"
    assert second.deadline == dt.date(2027, 1, 31)


def test_without_a_mapping_the_other_shape_is_a_source_error():
    with pytest.raises(SourceError, match="Not an OData feed"):
        parse_odata(MUNICIPAL)


def test_a_date_not_in_the_mapped_format_is_a_source_error():
    with pytest.raises(SourceError, match="Not a date in the format"):
        parse_odata(MUNICIPAL, mapping={**MAPPING, "date_format": "%Y-%m-%d"})


def test_the_lausuntopalvelu_shape_still_reads_with_a_partial_mapping():
    # A mapping that names only the deadline keeps the defaults for the rest.
    items = parse_odata((FIXTURES / "lausuntopalvelu.json").read_bytes(), mapping={})
    mapped = parse_odata(
        (FIXTURES / "lausuntopalvelu.json").read_bytes(), mapping={"deadline": "Deadline"}
    )
    assert items == mapped and len(items) == 3


def test_a_source_with_a_mapping_imports_its_consultations():
    source = SourceFactory(kind=SourceKind.ODATA, field_mapping=MAPPING)
    assert radar.source_poll(source, fetch=lambda url: MUNICIPAL) == 2
    consultation = Consultation.objects.get(title_fi__contains="liikuntapaikkaohjelma")
    assert consultation.deadline == dt.date(2027, 1, 15)
    assert consultation.organiser == "Kuopion kaupunki, liikuntapalvelut"


def test_a_wrong_mapping_fails_the_fetch_and_keeps_the_last_good_state():
    source = SourceFactory(kind=SourceKind.ODATA, field_mapping=MAPPING)
    radar.source_poll(source, fetch=lambda url: MUNICIPAL)
    ConsultationSource.objects.filter(pk=source.pk).update(
        field_mapping={**MAPPING, "title": "nimike"}
    )
    source.refresh_from_db()
    assert radar.source_poll(source, fetch=lambda url: MUNICIPAL) is None
    source.refresh_from_db()
    assert "no id or title" in source.last_error
    assert Consultation.objects.count() == 2


@pytest.mark.parametrize(
    "mapping, problem",
    [
        (["uuid"], "must be a JSON object"),
        ({"otsikko": "title"}, "otsikko: unknown key"),
        ({"title": 3}, "title: give a field name"),
        ({"title": []}, "title: give a field name"),
        ({"url_template": "https://x.fi/"}, "must contain {external_id}"),
    ],
)
def test_an_invalid_mapping_is_refused_when_the_source_is_saved(mapping, problem):
    assert any(problem in p for p in check_mapping(mapping))
    source = SourceFactory.build(kind=SourceKind.ODATA, field_mapping=mapping)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "field_mapping" in error.value.message_dict


def test_an_rss_source_does_not_take_a_mapping():
    source = SourceFactory.build(kind=SourceKind.FEED, field_mapping={"title": "otsikko"})
    with pytest.raises(ValidationError, match="Only a JSON feed"):
        source.full_clean()

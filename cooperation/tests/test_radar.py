"""The consultation radar's source adapters, against recorded fixtures; the network is
never called: each test injects a fetcher that returns a fixture or fails."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from cooperation import radar, sources
from cooperation.models import Consultation, ConsultationOrigin, SourceKind
from cooperation.sources import SourceError, parse_feed, parse_odata
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of
from taxonomy.tests.factories import TopicFactory

from .factories import ConsultationFactory, SourceFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str):
    """A fetcher that answers every URL with the recorded file `name`."""
    data = (FIXTURES / name).read_bytes()
    return lambda url: data


def failing(error: Exception):
    def fetch(url):
        raise error

    return fetch


@pytest.fixture
def places_and_topics():
    return {
        "kuopio": MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio"),
        "siilinjarvi": MunicipalityFactory(
            code="749", name_fi="Siilinjärvi", name_sv="Siilinjärvi"
        ),
        "older": TopicFactory(slug="ikaihmiset", name_fi="Ikäihmiset ja eläkeläisjärjestöt"),
        "sport": TopicFactory(slug="liikunta", name_fi="Liikunta ja urheilu"),
        "village": TopicFactory(slug="kyla-asukas", name_fi="Kylä- ja asukastoiminta"),
    }


# Parsers.


def test_the_odata_parser_reads_titles_deadlines_organisers_and_links():
    items = parse_odata((FIXTURES / "lausuntopalvelu.json").read_bytes())
    assert [i.external_id[-1] for i in items] == ["1", "2", "3"]
    first = items[0]
    assert first.organiser == "Kuopion kaupunki"
    assert first.deadline == dt.date(2027, 1, 15)
    assert first.summary.startswith("Kuopion kaupunki pyytää lausuntoa")  # HTML stripped
    # A record without a link gets the proposal's page; /Date(ms)/ dates are read.
    assert "proposalId=7b1e2c9a-0002" in items[1].url
    assert items[2].deadline == dt.date(2026, 2, 5)


def test_the_odata_parser_reads_the_v2_shape_too():
    (item,) = parse_odata((FIXTURES / "lausuntopalvelu_v2.json").read_bytes())
    assert item.organiser == "Ympäristöministeriö"
    assert item.deadline == dt.date(2027, 2, 1)


def test_the_feed_parser_reads_rss_with_the_deadline_from_the_text():
    items = parse_feed((FIXTURES / "kuopio.rss").read_bytes())
    assert [i.deadline for i in items] == [dt.date(2027, 1, 15), dt.date(2027, 1, 31)]
    assert items[1].summary.startswith("Mielipiteet")


def test_the_feed_parser_reads_atom():
    (item,) = parse_feed((FIXTURES / "region.atom").read_bytes())
    assert item.url == "https://www.pohjois-savo.fi/lausunnot/toimeenpanosuunnitelma-2027"
    assert item.deadline == dt.date(2027, 1, 20)
    assert item.published_on == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "parser, name",
    [
        (parse_odata, "invalid.json"),
        (parse_feed, "invalid.xml"),
        (parse_odata, "missing_title.json"),
    ],
)
def test_a_broken_document_is_a_source_error(parser, name):
    with pytest.raises(SourceError):
        parser((FIXTURES / name).read_bytes())


def test_http_fetch_turns_a_timeout_into_a_source_error(monkeypatch):
    def timeout(*args, **kwargs):
        raise TimeoutError("timed out")

    monkeypatch.setattr(sources.urllib.request, "urlopen", timeout)
    with pytest.raises(SourceError, match="timed out"):
        sources.http_fetch("https://www.lausuntopalvelu.fi/api")


# Importing.


def test_a_fetch_imports_every_item_and_suggests_topics_and_areas(places_and_topics):
    source = SourceFactory(kind=SourceKind.ODATA)
    assert radar.source_poll(source, fetch=fixture("lausuntopalvelu.json")) == 3
    elderly = Consultation.objects.get(title_fi__contains="vanhuspalvelujen")
    assert elderly.deadline == dt.date(2027, 1, 15)
    assert elderly.public_id == f"sakke:{elderly.pk}"
    assert places_and_topics["older"] in elderly.topics.all()
    assert list(elderly.municipalities.all()) == [places_and_topics["kuopio"]]
    sport = Consultation.objects.get(title_fi__contains="liikuntalain")
    assert list(sport.topics.all()) == [places_and_topics["sport"]]
    source.refresh_from_db()
    assert source.last_success_at is not None and source.last_error == ""


def test_fetching_again_changes_nothing(places_and_topics):
    source = SourceFactory()
    radar.source_poll(source, fetch=fixture("lausuntopalvelu.json"))
    assert radar.source_poll(source, fetch=fixture("lausuntopalvelu.json")) == 0
    assert Consultation.objects.count() == 3


def test_an_item_that_moves_its_deadline_updates_it(places_and_topics):
    source = SourceFactory()
    radar.source_poll(source, fetch=fixture("lausuntopalvelu.json"))
    assert radar.source_poll(source, fetch=fixture("lausuntopalvelu_deadline_moved.json")) == 1
    sport = Consultation.objects.get(title_fi__contains="liikuntalain")
    assert sport.deadline == dt.date(2027, 2, 14)
    assert Consultation.objects.count() == 3


def test_the_same_request_from_two_sources_is_one_consultation(places_and_topics):
    national = SourceFactory(kind=SourceKind.ODATA, name="Lausuntopalvelu.fi")
    city = SourceFactory(
        kind=SourceKind.FEED, name="Kuopio", municipality=places_and_topics["kuopio"]
    )
    radar.source_poll(national, fetch=fixture("lausuntopalvelu.json"))
    radar.source_poll(city, fetch=fixture("kuopio.rss"))
    # The RSS item links the same proposal (another host spelling, a tracking parameter).
    elderly = Consultation.objects.get(title_fi__contains="vanhuspalvelujen")
    assert {o.source for o in elderly.origins.all()} == {national, city}
    assert elderly.organiser == "Kuopion kaupunki"  # what the RSS item lacks is kept
    assert Consultation.objects.count() == 4


def test_a_municipal_feed_marks_its_items_with_its_municipality(places_and_topics):
    city = SourceFactory(kind=SourceKind.FEED, municipality=places_and_topics["kuopio"])
    radar.source_poll(city, fetch=fixture("kuopio.rss"))
    park = Consultation.objects.get(title_fi__contains="Väinölänniemen")
    assert places_and_topics["kuopio"] in park.municipalities.all()
    assert places_and_topics["sport"] in park.topics.all()  # "urheilukenttää"


def test_an_atom_item_names_its_municipality_and_topic_in_the_text(places_and_topics):
    radar.source_poll(SourceFactory(kind=SourceKind.FEED), fetch=fixture("region.atom"))
    plan = Consultation.objects.get()
    assert list(plan.municipalities.all()) == [places_and_topics["siilinjarvi"]]
    assert places_and_topics["village"] in plan.topics.all()


@pytest.mark.parametrize(
    "fetch",
    [
        failing(SourceError("Could not fetch: timed out")),
        failing(TimeoutError("timed out")),
        fixture("invalid.json"),
        fixture("missing_title.json"),
    ],
    ids=["source-error", "timeout", "invalid-json", "half-valid"],
)
def test_a_failed_fetch_keeps_the_last_good_state(places_and_topics, fetch):
    source = SourceFactory()
    radar.source_poll(source, fetch=fixture("lausuntopalvelu.json"))
    before = list(Consultation.objects.order_by("pk").values("pk", "title", "deadline"))
    assert radar.source_poll(source, fetch=fetch) is None
    assert list(Consultation.objects.order_by("pk").values("pk", "title", "deadline")) == before
    source.refresh_from_db()
    assert source.last_error
    assert source.last_error_at is not None


def test_invalid_xml_imports_nothing(places_and_topics):
    source = SourceFactory(kind=SourceKind.FEED)
    assert radar.source_poll(source, fetch=fixture("invalid.xml")) is None
    assert not Consultation.objects.exists()
    assert "Invalid XML" in SourceFactory._meta.model.objects.get(pk=source.pk).last_error


def test_an_error_in_the_middle_of_an_import_rolls_the_whole_fetch_back(
    places_and_topics, monkeypatch
):
    source = SourceFactory()
    real = radar._write_item
    calls = []

    def fail_on_the_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(*args)

    monkeypatch.setattr(radar, "_write_item", fail_on_the_second)
    assert radar.source_poll(source, fetch=fixture("lausuntopalvelu.json")) is None
    assert not Consultation.objects.exists()
    assert not ConsultationOrigin.objects.exists()


def test_one_failing_source_does_not_stop_the_others(places_and_topics):
    good = SourceFactory(url="https://good.example.org/feed")
    bad = SourceFactory(url="https://bad.example.org/feed")
    data = (FIXTURES / "lausuntopalvelu.json").read_bytes()

    def fetch(url):
        if url == bad.url:
            raise SourceError("timed out")
        return data

    assert radar.sources_poll(fetch=fetch) == {good.pk: 3, bad.pk: None}


def test_topics_the_coordinator_corrected_are_not_suggested_again(places_and_topics):
    source = SourceFactory()
    radar.source_poll(source, fetch=fixture("lausuntopalvelu.json"))
    sport = Consultation.objects.get(title_fi__contains="liikuntalain")
    radar.consultation_save(
        user=coordinator(),
        consultation=sport,
        data={},
        topics=[places_and_topics["village"]],
        municipalities=[],
    )
    radar.source_poll(source, fetch=fixture("lausuntopalvelu_deadline_moved.json"))
    sport.refresh_from_db()
    assert sport.deadline == dt.date(2027, 2, 14)
    assert list(sport.topics.all()) == [places_and_topics["village"]]


# Pages.


def test_the_radar_lists_open_consultations_by_deadline(client):
    later = ConsultationFactory(
        title_fi="Myöhempi", deadline=dt.date.today() + dt.timedelta(days=40)
    )
    sooner = ConsultationFactory(title_fi="Aiempi", deadline=dt.date.today() + dt.timedelta(days=5))
    ConsultationFactory(title_fi="Umpeutunut", deadline=dt.date.today() - dt.timedelta(days=1))
    html = client.get(reverse("cooperation:consultations")).content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    assert "Umpeutunut" not in html


def test_the_radar_filters_by_topic(client, places_and_topics):
    ConsultationFactory(title_fi="Liikunnasta", topics=[places_and_topics["sport"]])
    ConsultationFactory(title_fi="Muusta")
    html = client.get(reverse("cooperation:consultations"), {"topic": "liikunta"}).content.decode()
    assert "Liikunnasta" in html and "Muusta" not in html


def test_the_coordinator_enters_a_consultation_by_hand(client, places_and_topics):
    client.force_login(coordinator())
    response = client.post(
        reverse("cooperation:consultation_add"),
        {"title_fi": "Kuopion liikuntapaikkaohjelma", "deadline": "2027-03-01"},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.origins.get().source.kind == SourceKind.MANUAL
    assert places_and_topics["kuopio"] in consultation.municipalities.all()


def test_the_coordinator_corrects_topics_and_areas(client, places_and_topics):
    consultation = ConsultationFactory(topics=[places_and_topics["sport"]])
    client.force_login(coordinator())
    response = client.post(
        reverse("cooperation:consultation_edit", args=[consultation.public_id]),
        {
            "title_fi": consultation.title,
            "tags-topics": [places_and_topics["older"].pk],
            "tags-municipalities": [places_and_topics["siilinjarvi"].pk],
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.tags_confirmed
    assert list(consultation.topics.all()) == [places_and_topics["older"]]


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_only_the_coordinator_enters_or_corrects_consultations(client, who):
    consultation = ConsultationFactory()
    if who == "editor":
        client.force_login(editor_of(OrganizationFactory()))
    for url in (
        reverse("cooperation:consultation_add"),
        reverse("cooperation:consultation_edit", args=[consultation.public_id]),
    ):
        response = client.post(url, {"title_fi": "Muutettu"})
        assert response.status_code == (302 if who == "anonymous" else 403)
    consultation.refresh_from_db()
    assert consultation.title != "Muutettu"
    assert Consultation.objects.count() == 1

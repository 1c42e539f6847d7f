import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from activities.models import Activity, WeeklySlot
from datasets.services import dataset_import
from events.models import Event
from municipalities.models import Municipality
from organizations.models import Organization
from places.models import Place
from taxonomy.models import Language

from .small_dataset import small_dataset

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organization, Place, Event, Activity, WeeklySlot, Municipality)
    }


def test_it_maps_the_fields_of_every_kind():
    dataset_import(data=small_dataset())

    org = Organization.objects.get(public_id="test:org-1")
    assert (org.name_fi, org.name_en) == ("Pohjois-Savon Eläkeläiset ry", "North Savo Pensioners")
    assert (org.street_address, org.postal_code, org.founded) == ("Suokatu 1", "70100", 1987)
    assert org.address_municipality.code == "297"
    assert sorted(org.municipalities.values_list("code", flat=True)) == ["140", "297"]
    assert Organization.objects.get(public_id="test:org-2").parent == org
    assert Organization.objects.get(public_id="test:org-2").business_id == ""
    place = Place.objects.get(public_id="test:place-1")
    assert (place.latitude, place.longitude, place.municipality.code) == (62.8924, 27.6783, "297")
    fair = Event.objects.get(public_id="test:event-1")
    assert (fair.is_free, fair.price_fi, fair.offer_info_url) == (
        False,
        "5 €",
        "https://example.org/liput",
    )
    assert fair.start_time == dt.datetime.fromisoformat("2027-01-12T10:00:00+02:00")
    assert fair.accessibility == ["wheelchair", "induction_loop"]
    assert list(fair.sub_events.values_list("public_id", flat=True)) == ["test:event-2"]
    assert Event.objects.get(public_id="test:event-2").online_url == "https://example.org/live"
    assert Language.objects.get(code="fse").name_en == "Finnish Sign Language"
    activity = Activity.objects.get(public_id="test:act-1")
    assert activity.contact_email == "tuki@example.org"
    assert [(s.weekday, s.start, s.end) for s in activity.schedule.all()] == [
        (2, dt.time(17, 30), dt.time(19)),
        (4, dt.time(10), None),
    ]


def test_reimporting_an_edited_file_updates_in_place_and_replaces_the_sets():
    dataset_import(data=small_dataset())
    first_ids = set(Event.objects.values_list("pk", flat=True))
    data = small_dataset()
    data["events"][0]["name"]["fi"] = "Järjestöjen syysmessut"
    data["events"][0]["topics"] = []
    data["organizations"][0]["municipalities"] = ["297"]
    data["activities"][0]["schedule"] = [{"weekday": 5, "start": "09:00", "end": "10:00"}]

    report = dataset_import(data=data)

    assert set(Event.objects.values_list("pk", flat=True)) == first_ids
    fair = Event.objects.get(public_id="test:event-1")
    assert fair.name_fi == "Järjestöjen syysmessut"
    assert not fair.topics.exists()
    org = Organization.objects.get(public_id="test:org-1")
    assert list(org.municipalities.values_list("code", flat=True)) == ["297"]
    assert list(WeeklySlot.objects.values_list("weekday", flat=True)) == [5]
    assert report.counts["events"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert report.counts["organizations"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert report.counts["activities"] == {"created": 0, "updated": 1, "unchanged": 0}


def test_importing_the_same_file_again_changes_nothing():
    dataset_import(data=small_dataset())
    before = _counts()

    report = dataset_import(data=small_dataset())

    assert _counts() == before
    assert all(c["created"] == c["updated"] == 0 for c in report.counts.values())


def _set(path, value):
    def mutate(data):
        *keys, last = path
        target = data
        for key in keys:
            target = target[key]
        target[last] = value

    return mutate


MALFORMED = [
    (_set(["format"], "sakke-dataset/2"), 'format: expected "sakke-dataset/1"'),
    (_set(["organizations", 1, "name"], {"sv": "Bara svenska"}), "organizations[1] (org-2): name"),
    (_set(["organizations", 0, "business_id"], "1234567-8"), "(org-1): business_id"),
    (_set(["organizations", 1, "parent"], "org-9"), '(org-2): parent: "org-9" refers to nothing'),
    (_set(["organizations", 0, "website"], "not a url"), "(org-1): website: not a valid URL"),
    (_set(["organizations", 0, "email"], "info@"), "(org-1): email: not a valid e-mail"),
    (_set(["organizations", 0, "municipalities"], ["999"]), "(org-1): municipalities"),
    (_set(["places", 0, "position"], {"lat": "62"}), "places[0] (place-1): position"),
    (
        _set(["events", 1, "start_time"], "2027-01-12 11:00"),
        "events[1] (event-2): start_time: not an ISO 8601 time with a UTC offset",
    ),
    (_set(["events", 0, "end_time"], "2027-01-11T10:00:00+02:00"), "(event-1): end_time"),
    (_set(["events", 0, "event_status"], "EventMaybe"), "(event-1): event_status"),
    (_set(["events", 0, "accessibility"], ["ramp"]), "(event-1): accessibility"),
    (_set(["events", 0, "topics"], ["ruoka"]), "(event-1): topics"),
    (_set(["events", 1, "super_event"], "event-7"), "(event-2): super_event"),
    (_set(["events", 0, "location"], "place-9"), "(event-1): location"),
    (_set(["events", 1, "id"], "event-1"), "events[1] (event-1): id: the same id appears twice"),
    (_set(["activities", 0, "kind"], "party"), "activities[0] (act-1): kind"),
    (_set(["activities", 0, "participation"], ["mail"]), "(act-1): participation"),
    (_set(["activities", 0, "schedule", 0, "weekday"], 8), "(act-1): schedule[0]: weekday"),
    (_set(["activities", 0, "schedule", 1, "start"], "25:00"), "(act-1): schedule[1]: start"),
    (_set(["activities", 0, "contact", "email"], "x"), "(act-1): email"),
    (_set(["municipalities", 0, "region"], "Atlantis"), "municipalities[0] (297): region"),
]


@pytest.mark.parametrize(("mutate", "expected"), MALFORMED)
def test_a_malformed_file_names_object_and_field_and_writes_nothing(mutate, expected):
    data = small_dataset()
    mutate(data)

    with pytest.raises(ValidationError) as error:
        dataset_import(data=data)

    assert any(expected in message for message in error.value.messages), error.value.messages
    assert set(_counts().values()) == {0}


def test_a_json_document_that_is_not_an_object_is_refused():
    with pytest.raises(ValidationError, match="not a JSON object"):
        dataset_import(data=[1, 2])


def test_a_bad_file_leaves_earlier_imports_untouched():
    dataset_import(data=small_dataset())
    before = _counts()
    data = small_dataset()
    data["events"][0]["name"]["fi"] = "Muutettu"
    data["events"].append({**data["events"][0], "id": "event-3", "event_status": "Nope"})

    with pytest.raises(ValidationError):
        dataset_import(data=data)

    assert _counts() == before
    assert Event.objects.get(public_id="test:event-1").name_fi == "Syysmessut"


def test_it_reports_several_errors_at_once_and_caps_the_list():
    data = small_dataset()
    data["events"] = [
        {**data["events"][1], "id": f"event-{n}", "start_time": "soon"} for n in range(50)
    ]

    with pytest.raises(ValidationError) as error:
        dataset_import(data=data)

    messages = error.value.messages
    assert "events[0] (event-0): start_time" in messages[0]
    assert "events[1] (event-1): start_time" in messages[1]
    assert len(messages) == 21


def test_imported_content_counts_as_reviewed_and_stays_out_of_the_moderation_queue():
    from moderation.selectors import changed_content

    dataset_import(data=small_dataset())
    assert Organization.objects.exists() and Event.objects.exists()
    assert all(section.count == 0 for section in changed_content())

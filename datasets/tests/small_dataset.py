"""A small valid dataset that tests copy and mutate."""

import copy

_DATASET = {
    "format": "sakke-dataset/1",
    "data_source": "test",
    "municipalities": [
        {"code": "297", "name": {"fi": "Kuopio", "sv": "Kuopio"}, "region": "Pohjois-Savo"},
        {"code": "140", "name": {"fi": "Iisalmi", "sv": "Idensalmi"}, "region": "Pohjois-Savo"},
    ],
    "topics": [{"id": "liikunta", "name": {"fi": "Liikunta", "en": "Sports"}, "yso": "yso:p916"}],
    "audiences": [{"id": "seniorit", "name": {"fi": "Ikäihmiset", "sv": "Äldre"}}],
    "organizations": [
        {
            "id": "org-1",
            "name": {"fi": "Pohjois-Savon Eläkeläiset ry", "en": "North Savo Pensioners"},
            "business_id": "2733669-8",
            "legal_form": "association",
            "description": {"fi": "Piirijärjestö."},
            "municipalities": ["297", "140"],
            "topics": ["liikunta"],
            "audiences": ["seniorit"],
            "email": "info@example.org",
            "phone": "+358 40 123 4567",
            "website": "https://example.org",
            "address": {"street": "Suokatu 1", "postal_code": "70100", "municipality": "297"},
            "founded": 1987,
            "parent": None,
        },
        {
            "id": "org-2",
            "name": {"fi": "Iisalmen Eläkeläiset ry"},
            "business_id": None,
            "municipalities": ["140"],
            "parent": "org-1",
        },
    ],
    "places": [
        {
            "id": "place-1",
            "name": {"fi": "Kuopion kaupungintalo"},
            "street_address": {"fi": "Suokatu 42", "sv": "Suokatu 42"},
            "postal_code": "70100",
            "municipality": "297",
            "position": {"lat": 62.8924, "lon": 27.6783},
        }
    ],
    "events": [
        {
            "id": "event-1",
            "name": {"fi": "Syysmessut", "en": "Autumn fair"},
            "start_time": "2027-01-12T10:00:00+02:00",
            "end_time": "2027-01-12T16:00:00+02:00",
            "location": "place-1",
            "organizers": ["org-1"],
            "topics": ["liikunta"],
            "audiences": ["seniorit"],
            "in_language": ["fi", "fse"],
            "offers": [{"is_free": False, "price": "5 €", "info_url": "https://example.org/liput"}],
            "event_status": "EventScheduled",
            "accessibility": ["wheelchair", "induction_loop"],
            "super_event": None,
            "super_event_type": "umbrella",
        },
        {
            "id": "event-2",
            "name": {"fi": "Tuolijumppa"},
            "start_time": "2027-01-12T11:00:00+02:00",
            "end_time": None,
            "location": None,
            "online_url": "https://example.org/live",
            "organizers": ["org-2"],
            "super_event": "event-1",
        },
    ],
    "activities": [
        {
            "id": "act-1",
            "name": {"fi": "Vertaistukiryhmä"},
            "kind": "support",
            "participation": ["on_site", "phone"],
            "schedule": [
                {"weekday": 2, "start": "17:30", "end": "19:00"},
                {"weekday": 4, "start": "10:00", "end": None},
            ],
            "organizer": "org-1",
            "location": "place-1",
            "municipalities": ["297"],
            "in_language": ["fi"],
            "is_free": True,
            "accessibility": ["wheelchair"],
            "contact": {"email": "tuki@example.org", "phone": None},
        }
    ],
}


def small_dataset() -> dict:
    return copy.deepcopy(_DATASET)

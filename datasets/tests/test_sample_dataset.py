import json
from pathlib import Path

import pytest
from django.conf import settings

from activities.models import Activity, WeeklySlot
from datasets.services import dataset_import
from events.models import Event
from municipalities.models import Municipality
from organizations.models import Organization
from places.models import Place
from taxonomy.models import Audience, Topic

SAMPLE = Path(settings.BASE_DIR).parent / "shared/data/pohjois-savo-sample.json"


@pytest.mark.django_db
def test_importing_the_shared_sample_twice_leaves_exactly_the_files_objects():
    # No skip when the file is missing: read_text fails the test.
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))

    first = dataset_import(data=json.loads(SAMPLE.read_text(encoding="utf-8")))
    second = dataset_import(data=data)

    expected = {
        Organization: len(data["organizations"]),
        Place: len(data["places"]),
        Event: len(data["events"]),
        Activity: len(data["activities"]),
        Municipality: len(data["municipalities"]),
        Topic: len(data["topics"]),
        Audience: len(data["audiences"]),
        WeeklySlot: sum(len(a["schedule"]) for a in data["activities"]),
    }
    assert {model: model.objects.count() for model in expected} == expected
    assert first.counts["events"]["created"] == len(data["events"])
    assert all(c["created"] == c["updated"] == 0 for c in second.counts.values())
    topic_links = sum(len(e["topics"]) for e in data["events"])
    assert Event.topics.through.objects.count() == topic_links
    with_parent = sum(1 for o in data["organizations"] if o["parent"])
    assert Organization.objects.filter(parent__isnull=False).count() == with_parent
    in_series = sum(1 for e in data["events"] if e["super_event"])
    assert Event.objects.filter(super_event__isnull=False).count() == in_series

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity
from datasets.services import demo_load
from events.models import Event
from municipalities.models import Municipality
from organizations.models import Organization
from places.models import Place

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Organization, Place, Event, Activity, Municipality)]


def test_load_demo_twice_leaves_the_same_objects_with_events_from_this_week_on():
    call_command("load_demo", verbosity=0)
    first = _counts()

    call_command("load_demo", verbosity=0)

    assert _counts() == first
    assert first[:4] == [60, 30, 200, 40]
    assert Municipality.objects.filter(organizations__isnull=False).distinct().count() == 19
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    first_day = timezone.localtime(Event.objects.earliest("start_time").start_time).date()
    assert monday <= first_day <= monday + dt.timedelta(days=6)
    assert Event.objects.filter(start_time__gt=timezone.now()).count() > 150


def test_demo_events_keep_their_weekday_and_local_time_when_moved():
    demo_load(today=dt.date(2027, 6, 16))

    fair = Event.objects.get(public_id="demo:event-0001")
    local = timezone.localtime(fair.start_time)
    # The fair is on a Saturday at 10:00 in the file; summer time must not move it.
    assert (local.isoweekday(), local.hour, local.minute) == (6, 10, 0)
    assert local.date() > dt.date(2027, 6, 14)

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity
from cards.models import MunicipalityCard
from datasets.services import demo_load
from events.models import Event
from municipalities.models import Municipality
from news.models import NewsPost
from organizations.models import Organization
from places.models import Place

pytestmark = pytest.mark.django_db


def _counts():
    models = (Organization, Place, Event, Activity, Municipality, MunicipalityCard, NewsPost)
    return [m.objects.count() for m in models]


def test_load_demo_twice_leaves_the_same_objects_with_events_from_this_week_on():
    call_command("load_demo", verbosity=0)
    first = _counts()

    call_command("load_demo", verbosity=0)

    assert _counts() == first
    assert first[:4] == [60, 30, 200, 40]
    # The service at its best: most municipalities have a card, there is news, and every
    # volunteering task says what the work is, what it takes and how much time.
    assert first[5] == 15 and first[6] == 5
    card = MunicipalityCard.objects.exclude(steps_taken_fi="").first()
    assert card.grants.exists() and card.premises.exists()
    tasks = Activity.objects.filter(kind=Activity.Kind.VOLUNTEERING)
    assert tasks.exists() and not tasks.filter(skills_wanted_fi="").exists()
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

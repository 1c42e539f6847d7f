import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from core.models import PublicationStatus
from events.models import Event
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from selfservice import services
from selfservice.series import SeriesRule
from taxonomy.tests.factories import TopicFactory

from .factories import coordinator, editor_of

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HELSINKI)  # a Monday


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour, minute=0, month=3):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=HELSINKI)


def new_event(user, organization, publish=True, **data):
    data = {"name_fi": "Kevätkonsertti", "start_time": at(10, 18), "end_time": at(10, 20)} | data
    return services.event_save(user=user, organization=organization, data=data, publish=publish)


# Publication rules


def test_an_unapproved_associations_first_publication_waits_for_the_coordinator():
    organization = OrganizationFactory(publication_status=PublicationStatus.DRAFT)
    services.organization_submit(user=editor_of(organization), organization=organization)
    assert organization.publication_status == PublicationStatus.PENDING


def test_the_coordinator_publishes_an_association_at_once():
    organization = OrganizationFactory(publication_status=PublicationStatus.DRAFT)
    services.organization_submit(user=coordinator(), organization=organization)
    organization.refresh_from_db()
    assert organization.publication_status == PublicationStatus.PUBLISHED
    assert organization.reviewed_at is not None


def test_an_approved_associations_profile_edit_is_public_at_once_and_marked_unreviewed():
    organization = OrganizationFactory(reviewed_at=NOW)
    services.organization_update(
        user=editor_of(organization), organization=organization, data={"name_fi": "Uusi nimi ry"}
    )
    organization.refresh_from_db()
    assert organization.name_fi == "Uusi nimi ry"
    assert organization.publication_status == PublicationStatus.PUBLISHED
    assert organization.reviewed_at is None


def test_a_new_event_of_an_approved_association_is_public_at_once():
    organization = OrganizationFactory()
    event = new_event(editor_of(organization), organization)
    assert event.publication_status == PublicationStatus.PUBLISHED
    assert event.reviewed_at is None
    assert event.public_id == f"sakke:{event.pk}"
    assert list(event.organizers.all()) == [organization]


def test_a_new_event_of_an_unapproved_association_waits_for_approval():
    organization = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    event = new_event(editor_of(organization), organization)
    assert event.publication_status == PublicationStatus.PENDING


def test_an_event_saved_as_a_draft_is_not_published():
    organization = OrganizationFactory()
    event = new_event(editor_of(organization), organization, publish=False)
    assert event.publication_status == PublicationStatus.DRAFT


def test_a_declined_event_goes_back_to_the_coordinator_when_published_again():
    organization = OrganizationFactory()
    event = EventFactory(organizers=[organization], publication_status=PublicationStatus.DECLINED)
    services.event_save(
        user=editor_of(organization),
        organization=organization,
        event=event,
        data={"name_fi": "Korjattu"},
        publish=True,
    )
    assert event.publication_status == PublicationStatus.PENDING


# A save that changes nothing


def resave(user, organization, event, **changes):
    data = {"name_fi": event.name_fi, "start_time": event.start_time, "end_time": event.end_time}
    return services.event_save(
        user=user,
        organization=organization,
        event=Event.objects.get(pk=event.pk),
        data=data | changes.pop("data", {}),
        relations=changes.pop("relations", {"topics": list(event.topics.all())}),
        publish=True,
    )


def test_an_editors_unchanged_save_writes_nothing_and_the_event_stays_reviewed():
    organization = OrganizationFactory()
    editor = editor_of(organization)
    event = new_event(editor, organization)
    Event.objects.filter(pk=event.pk).update(reviewed_at=NOW)
    event.refresh_from_db()
    versions = Version.objects.get_for_object(event).count()

    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        resave(editor, organization, event)

    event.refresh_from_db()
    assert event.reviewed_at == NOW
    assert event.updated_at == NOW
    assert Version.objects.get_for_object(event).count() == versions


def test_a_changed_topic_alone_is_a_change_to_review():
    organization = OrganizationFactory()
    editor = editor_of(organization)
    event = new_event(editor, organization)
    Event.objects.filter(pk=event.pk).update(reviewed_at=NOW)

    resave(editor, organization, event, relations={"topics": [TopicFactory()]})

    event.refresh_from_db()
    assert event.topics.count() == 1
    assert event.reviewed_at is None


def test_the_coordinators_unchanged_save_marks_an_unreviewed_event_reviewed():
    organization = OrganizationFactory()
    event = new_event(editor_of(organization), organization)
    assert event.reviewed_at is None

    resave(coordinator(), organization, event)

    event.refresh_from_db()
    assert event.reviewed_at == NOW


def test_an_editor_of_another_association_cannot_change_the_event():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    event = EventFactory(organizers=[theirs])
    with pytest.raises(PermissionDenied):
        services.event_save(
            user=editor_of(mine), organization=mine, event=event, data={}, publish=True
        )


def test_an_editor_cannot_change_another_associations_profile():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    with pytest.raises(PermissionDenied):
        services.organization_update(user=editor_of(mine), organization=theirs, data={})


def test_an_event_that_ends_before_it_starts_is_refused_naming_the_field():
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        new_event(editor_of(organization), organization, end_time=at(10, 17))
    assert "end_time" in error.value.message_dict


def test_the_description_is_sanitised_when_saved():
    organization = OrganizationFactory()
    services.organization_update(
        user=editor_of(organization),
        organization=organization,
        data={"description_fi": '<p>Hei<script>alert(1)</script><a href="javascript:x">a</a></p>'},
    )
    organization.refresh_from_db()
    assert organization.description_fi == '<p>Hei<a rel="noopener nofollow">a</a></p>'


def test_contacts_and_social_links_are_replaced_by_the_ones_given():
    organization = OrganizationFactory()
    organization.contacts.create(name="Vanha")
    services.organization_update(
        user=editor_of(organization),
        organization=organization,
        data={},
        contacts=[{"name": "Maija Virtanen", "role_fi": "puheenjohtaja", "email": "", "phone": ""}],
        social_links=[{"service": "facebook", "url": "https://facebook.com/yhdistys"}],
    )
    assert [c.name for c in organization.contacts.all()] == ["Maija Virtanen"]
    assert organization.social_links.get().service == "facebook"


# Copy and cancel


def test_a_copy_is_a_new_draft_with_the_same_content_on_the_new_date():
    organization = OrganizationFactory()
    topic = TopicFactory()
    event = EventFactory(
        organizers=[organization], topics=[topic], start_time=at(10, 18), end_time=at(10, 20)
    )
    copy = services.event_copy(
        user=editor_of(organization), event=event, start_date=dt.date(2026, 4, 7)
    )
    assert copy.pk != event.pk
    assert copy.publication_status == PublicationStatus.DRAFT
    assert copy.name_fi == event.name_fi
    assert copy.start_time == at(7, 18, month=4)
    assert copy.end_time == at(7, 20, month=4)
    assert list(copy.topics.all()) == [topic]
    assert list(copy.organizers.all()) == [organization]


def test_a_cancelled_event_keeps_its_place_in_the_list_with_the_note():
    organization = OrganizationFactory()
    event = EventFactory(organizers=[organization], description_fi="<p>Tervetuloa!</p>")
    services.event_cancel(user=editor_of(organization), event=event, note="Esiintyjä sairastui")
    event.refresh_from_db()
    assert event.event_status == Event.Status.CANCELLED
    assert event.publication_status == PublicationStatus.PUBLISHED
    assert event.description_fi.startswith("<p><strong>Peruttu:</strong> Esiintyjä sairastui</p>")


# Recurring series


def test_a_weekly_series_is_stored_as_an_rrule_and_made_into_sub_events():
    organization = OrganizationFactory()
    head = new_event(
        editor_of(organization),
        organization,
        start_time=at(3, 10),
        end_time=at(3, 11),
    )
    rule = SeriesRule(weekday=1, interval=2, count=4)  # every other Tuesday, 4 times
    head = services.event_save(
        user=editor_of(organization),
        organization=organization,
        event=head,
        data={"name_fi": "Tuolijumppa"},
        publish=True,
        series=rule,
    )
    assert head.super_event_type == Event.SuperEventType.RECURRING
    assert head.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4"
    subs = list(head.sub_events.order_by("start_time"))
    assert [s.start_time for s in subs] == [at(17, 10), at(31, 10), at(14, 10, month=4)]
    assert all(
        s.name_fi == "Tuolijumppa" and s.end_time - s.start_time == dt.timedelta(hours=1)
        for s in subs
    )
    assert all(list(s.organizers.all()) == [organization] for s in subs)


def test_a_series_keeps_the_local_time_over_the_change_to_summer_time():
    organization = OrganizationFactory()
    head = new_event(
        editor_of(organization),
        organization,
        start_time=at(20, 18),
        end_time=None,
    )
    head = services.event_save(
        user=editor_of(organization),
        organization=organization,
        event=head,
        data={},
        publish=True,
        series=SeriesRule(weekday=4, until=dt.date(2026, 4, 3)),
    )
    local_hours = {s.start_time.astimezone(HELSINKI).hour for s in head.sub_events.all()}
    assert local_hours == {18}
    assert head.sub_events.count() == 2  # 27.3. and 3.4.


def test_changing_the_series_keeps_matching_dates_and_removes_the_others():
    organization = OrganizationFactory()
    user = editor_of(organization)
    head = new_event(user, organization, start_time=at(3, 10), end_time=None)
    head = services.event_save(
        user=user,
        organization=organization,
        event=head,
        data={},
        publish=True,
        series=SeriesRule(weekday=1, count=4),
    )
    kept = head.sub_events.get(start_time=at(10, 10))
    services.event_save(
        user=user,
        organization=organization,
        event=head,
        data={"name_fi": "Uusi"},
        publish=True,
        series=SeriesRule(weekday=1, count=2),
    )
    assert list(head.sub_events.values_list("pk", "name_fi")) == [(kept.pk, "Uusi")]


def test_a_series_without_an_end_is_refused():
    with pytest.raises(ValidationError) as error:
        SeriesRule(weekday=1).validate()
    assert "series_end" in error.value.message_dict


def test_a_series_longer_than_the_limit_is_refused_naming_the_last_date():
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        services.event_save(
            user=editor_of(organization),
            organization=organization,
            data={"name_fi": "Ikuinen", "start_time": at(3, 10)},
            publish=True,
            series=SeriesRule(weekday=1, until=dt.date(2030, 1, 1)),
        )
    assert "series_until" in error.value.message_dict
    assert not Event.objects.exists()


def test_a_rule_round_trips_through_the_simple_controls():
    rule = SeriesRule(weekday=3, interval=2, until=dt.date(2026, 6, 30))
    assert SeriesRule.from_rrule(rule.to_rrule()) == rule


# Activities


def test_a_volunteering_task_is_saved_with_its_skills_time_and_schedule():
    organization = OrganizationFactory()
    task = services.activity_save(
        user=editor_of(organization),
        organization=organization,
        data={
            "name_fi": "Kauppa-apu",
            "kind": Activity.Kind.VOLUNTEERING,
            "skills_wanted_fi": "Ajokortti",
            "time_commitment_fi": "2 tuntia viikossa",
            "contact_phone": "044 765 4321",
        },
        schedule=[{"weekday": 3, "start": dt.time(9), "end": dt.time(12)}],
        publish=True,
    )
    task.refresh_from_db()
    assert task.kind == Activity.Kind.VOLUNTEERING
    assert task.organizer == organization
    assert task.skills_wanted_fi == "Ajokortti"
    assert task.publication_status == PublicationStatus.PUBLISHED
    assert [(s.weekday, s.start) for s in task.schedule.all()] == [(3, dt.time(9))]


def test_an_editor_cannot_change_another_associations_activity():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    activity = ActivityFactory(organizer=theirs)
    with pytest.raises(PermissionDenied):
        services.activity_save(
            user=editor_of(mine), organization=mine, activity=activity, data={}, publish=True
        )

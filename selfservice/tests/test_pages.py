import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from core.models import PublicationStatus
from events.models import Event
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory

from .factories import UserFactory, coordinator, editor_of

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"selfservice:{name}", kwargs=kwargs or None)


@pytest.fixture
def association():
    return OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")


@pytest.fixture
def other():
    return OrganizationFactory(name_fi="Toinen yhdistys ry")


def event_post(**overrides):
    data = {
        "name_fi": "Tuolijumppa",
        "start_date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "is_free": "on",
        "visibility": "publish",
        "series_repeat": "once",
    }
    return data | overrides


def test_an_anonymous_visitor_is_sent_to_sign_in(client, association):
    for path in [url("dashboard"), url("organization", org=association.public_id)]:
        response = client.get(path)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_the_dashboard_lists_only_the_editors_own_associations(client, association, other):
    client.force_login(editor_of(association))
    response = client.get(url("dashboard"))
    assert association.name_fi in response.text
    assert other.name_fi not in response.text


def test_a_user_without_associations_is_told_how_to_get_one(client):
    client.force_login(UserFactory())
    response = client.get(url("dashboard"))
    assert response.status_code == 200
    assert "Find your association" in response.text


@pytest.mark.parametrize(
    "name", ["organization", "organization_edit", "organization_preview", "event_create"]
)
def test_an_editor_of_one_association_gets_not_found_for_another(client, association, other, name):
    client.force_login(editor_of(association))
    assert client.get(url(name, org=association.public_id)).status_code == 200
    assert client.get(url(name, org=other.public_id)).status_code == 404


def test_an_unknown_association_is_not_found_too(client, association):
    client.force_login(editor_of(association))
    assert client.get(url("organization", org="sakke:999999")).status_code == 404


def test_another_associations_event_is_not_found_through_ones_own(client, association, other):
    event = EventFactory(organizers=[other])
    client.force_login(editor_of(association))
    path = url("event_edit", org=association.public_id, event=event.public_id)
    assert client.get(path).status_code == 404
    assert client.post(path, event_post()).status_code == 404
    event.refresh_from_db()
    assert event.name_fi != "Tuolijumppa"


def test_the_coordinator_may_open_any_association(client, association):
    client.force_login(coordinator())
    assert client.get(url("organization", org=association.public_id)).status_code == 200
    assert client.get(url("organization_edit", org=association.public_id)).status_code == 200


def test_the_overview_shows_what_is_public_and_what_is_a_draft(client, association):
    EventFactory(organizers=[association], name_fi="Julkinen tapahtuma")
    EventFactory(
        organizers=[association], name_fi="Luonnos", publication_status=PublicationStatus.DRAFT
    )
    client.force_login(editor_of(association))
    response = client.get(url("organization", org=association.public_id))
    text = response.text
    assert "Julkinen tapahtuma" in text and "Luonnos" in text
    assert "Draft – not public" in text
    assert "Public" in text


def test_an_editor_adds_an_event_through_the_form(client, association):
    client.force_login(editor_of(association))
    response = client.post(url("event_create", org=association.public_id), event_post())
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.name_fi == "Tuolijumppa"
    assert event.publication_status == PublicationStatus.PUBLISHED
    assert list(event.organizers.all()) == [association]


def test_a_weekly_series_is_made_through_the_form(client, association):
    client.force_login(editor_of(association))
    start = timezone.localdate() + dt.timedelta(days=1)
    data = event_post(
        start_date=start.isoformat(),
        series_repeat="weekly",
        series_weekday=str(start.weekday()),
        series_interval="1",
        series_end="count",
        series_count="5",
    )
    response = client.post(url("event_create", org=association.public_id), data)
    assert response.status_code == 302
    head = Event.objects.get(super_event__isnull=True)
    assert head.recurrence_rule.endswith("COUNT=5")
    assert head.sub_events.count() == 4


def test_an_invalid_event_form_keeps_what_was_written_and_lists_the_errors(client, association):
    client.force_login(editor_of(association))
    data = event_post(end_time="09:00", short_description_fi="Kaikki tervetuloa")
    response = client.post(url("event_create", org=association.public_id), data)
    assert response.status_code == 200
    assert 'id="error-summary"' in response.text
    assert 'href="#id_end_time"' in response.text
    assert "Kaikki tervetuloa" in response.text
    assert not Event.objects.exists()


def test_a_draft_event_is_hidden_from_the_public_pages_and_the_api(client, association):
    client.force_login(editor_of(association))
    client.post(
        url("event_create", org=association.public_id),
        event_post(name_fi="Salainen luonnos", visibility="draft"),
    )
    event = Event.objects.get()
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert "Salainen luonnos" not in client.get(reverse("events:list")).text
    assert client.get(f"/api/v1/event/{event.public_id}/").status_code == 404
    assert client.get("/api/v1/event/").json()["meta"]["count"] == 0


def test_a_draft_activity_is_hidden_from_the_public_and_the_api(client, association):
    activity = ActivityFactory(organizer=association, publication_status=PublicationStatus.DRAFT)
    assert client.get(activity.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/activity/{activity.public_id}/").status_code == 404


def test_an_editor_previews_a_draft_that_the_public_cannot_see(client, association):
    event = EventFactory(
        organizers=[association], name_fi="Luonnos", publication_status=PublicationStatus.DRAFT
    )
    client.force_login(editor_of(association))
    response = client.get(url("event_preview", org=association.public_id, event=event.public_id))
    assert response.status_code == 200
    assert "Luonnos" in response.text
    assert "Nobody else can see it now" in response.text


def test_an_editor_cannot_preview_another_associations_draft(client, association, other):
    event = EventFactory(organizers=[other], publication_status=PublicationStatus.DRAFT)
    client.force_login(editor_of(association))
    for org in (association, other):
        path = url("event_preview", org=org.public_id, event=event.public_id)
        assert client.get(path).status_code == 404


def test_copying_makes_a_draft_and_opens_it_for_editing(client, association):
    event = EventFactory(organizers=[association])
    client.force_login(editor_of(association))
    response = client.post(
        url("event_copy", org=association.public_id, event=event.public_id),
        {"start_date": "2030-05-04"},
    )
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == url(
        "event_edit", org=association.public_id, event=copy.public_id
    )
    assert copy.publication_status == PublicationStatus.DRAFT


def test_cancelling_through_the_form_keeps_the_event_listed(client, association):
    event = EventFactory(organizers=[association], name_fi="Kevätkonsertti")
    client.force_login(editor_of(association))
    client.post(
        url("event_cancel", org=association.public_id, event=event.public_id),
        {"note": "Siirtyy syksyyn"},
    )
    client.logout()
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Siirtyy syksyyn" in response.text


def test_an_activity_with_two_weekly_times_is_saved(client, association):
    client.force_login(editor_of(association))
    data = {
        "name_fi": "Senioritanssi",
        "kind": "hobby",
        "visibility": "publish",
        "is_free": "on",
        "schedule-TOTAL_FORMS": "2",
        "schedule-INITIAL_FORMS": "0",
        "schedule-0-weekday": "2",
        "schedule-0-start": "10:00",
        "schedule-0-end": "11:30",
        "schedule-1-weekday": "4",
        "schedule-1-start": "10:00",
        "schedule-1-end": "",
    }
    response = client.post(url("activity_create", org=association.public_id), data)
    assert response.status_code == 302, response.text
    activity = Activity.objects.get()
    assert [s.weekday for s in activity.schedule.all()] == [2, 4]


def test_adding_a_weekly_time_row_keeps_what_was_written(client, association):
    client.force_login(editor_of(association))
    data = {
        "name_fi": "Senioritanssi",
        "kind": "hobby",
        "visibility": "publish",
        "schedule-TOTAL_FORMS": "1",
        "schedule-INITIAL_FORMS": "0",
        "add_row": "schedule",
    }
    response = client.post(url("activity_create", org=association.public_id), data)
    assert response.status_code == 200
    assert 'value="Senioritanssi"' in response.text
    assert 'name="schedule-1-weekday"' in response.text
    assert 'id="error-summary"' not in response.text
    assert not Activity.objects.exists()


def test_htmx_gets_only_the_weekly_times_when_adding_a_row(client, association):
    client.force_login(editor_of(association))
    data = {"schedule-TOTAL_FORMS": "1", "schedule-INITIAL_FORMS": "0", "add_row": "schedule"}
    response = client.post(
        url("activity_create", org=association.public_id), data, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith("<fieldset")
    assert 'name="schedule-1-start"' in response.text


def test_a_volunteering_task_is_added_with_its_own_questions(client, association):
    client.force_login(editor_of(association))
    path = url("volunteering_create", org=association.public_id)
    assert "Skills wanted" in client.get(path).text
    response = client.post(
        path,
        {
            "name_fi": "Kauppa-apu",
            "skills_wanted_fi": "Ajokortti",
            "time_commitment_fi": "2 h viikossa",
            "visibility": "publish",
            "schedule-TOTAL_FORMS": "0",
            "schedule-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().kind == Activity.Kind.VOLUNTEERING


def test_a_volunteering_task_asks_for_no_price_and_its_page_shows_none(client, association):
    client.force_login(editor_of(association))
    form = client.get(url("volunteering_create", org=association.public_id)).text
    assert 'name="price_fi"' not in form and 'name="is_free"' not in form

    client.post(
        url("volunteering_create", org=association.public_id),
        {
            "name_fi": "Kauppa-apu",
            "description_fi": "Haet kaupasta ostokset ikäihmiselle.",
            "price_fi": "10 €",
            "visibility": "publish",
            "schedule-TOTAL_FORMS": "0",
            "schedule-INITIAL_FORMS": "0",
        },
    )
    task = Activity.objects.get()
    assert task.price_fi in ("", None) and task.is_free
    assert "Price" not in client.get(task.get_absolute_url()).text


def png_upload(name):
    output = io.BytesIO()
    Image.new("RGB", (1200, 600), "white").save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def profile_post(**overrides):
    data = {
        "name_fi": "Kuopion Eläkeläiset ry",
        "description_fi": "Liikuntaa ja retkiä.",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_the_profile_is_saved_with_a_logo_checked_by_content(
    client, association, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor_of(association))
    response = client.post(
        url("organization_edit", org=association.public_id),
        profile_post(logo=png_upload("logo.jpg")),
    )
    assert response.status_code == 302, response.text
    association.refresh_from_db()
    assert association.logo.name.endswith(".png")
    assert Image.open(association.logo.path).size == (800, 400)


def test_a_text_file_as_a_logo_is_refused_with_a_clear_message(client, association):
    client.force_login(editor_of(association))
    response = client.post(
        url("organization_edit", org=association.public_id),
        profile_post(
            description_fi="Tämä teksti säilyy",
            logo=SimpleUploadedFile("logo.png", b"hello", content_type="image/png"),
        ),
    )
    assert response.status_code == 200
    assert "not a picture we can read" in response.text
    assert 'href="#id_logo"' in response.text
    assert "Tämä teksti säilyy" in response.text


def test_sending_for_approval_needs_a_post(client, association):
    association.publication_status = PublicationStatus.DRAFT
    association.save()
    client.force_login(editor_of(association))
    path = url("organization_submit", org=association.public_id)
    assert client.get(path).status_code == 405
    client.post(path)
    association.refresh_from_db()
    assert association.publication_status == PublicationStatus.PENDING


def test_editing_a_series_shows_its_rule_in_the_simple_controls(client, association):
    client.force_login(editor_of(association))
    start = timezone.localdate() + dt.timedelta(days=1)
    data = event_post(
        start_date=start.isoformat(),
        series_repeat="weekly",
        series_weekday=str(start.weekday()),
        series_interval="2",
        series_end="count",
        series_count="3",
    )
    client.post(url("event_create", org=association.public_id), data)
    head = Event.objects.get(super_event__isnull=True)
    response = client.get(url("event_edit", org=association.public_id, event=head.public_id))
    assert re.search(r'value="weekly"[^>]*checked', response.text)
    assert 'name="series_count" value="3"' in response.text


def test_the_preview_does_not_show_another_associations_draft_member(client, association):
    OrganizationFactory(
        name_fi="Salainen jäsenyhdistys",
        parent=association,
        publication_status=PublicationStatus.DRAFT,
    )
    client.force_login(editor_of(association))
    response = client.get(url("organization_preview", org=association.public_id))
    assert response.status_code == 200
    assert "Salainen jäsenyhdistys" not in response.text


@pytest.mark.parametrize(
    "page", ["organization_edit", "activity_create", "volunteering_create", "event_create"]
)
def test_the_edit_forms_label_fields_by_language_without_internal_markers(
    client, association, page
):
    client.force_login(editor_of(association))
    html = client.get(url(page, org=association.public_id)).content.decode()
    assert not re.search(r"\[(fi|sv|en)\]", html)


def test_the_news_form_labels_fields_by_language_without_internal_markers(client, association):
    client.force_login(editor_of(association))
    with translation.override("en"):
        html = client.get(reverse("news:create")).content.decode()
    assert not re.search(r"\[(fi|sv|en)\]", html)


def test_an_event_picture_needs_its_description_and_then_shows_on_the_event_page(
    client, association
):
    client.force_login(editor_of(association))
    path = url("event_create", org=association.public_id)

    refused = client.post(path, event_post(image=png_upload("kuva.png")))
    assert refused.status_code == 200
    assert "Tell in a few words what the picture shows." in refused.text
    assert not Event.objects.exists()

    saved = client.post(
        path, event_post(image=png_upload("kuva.png"), image_alt_fi="Jumppaajat tuoleilla")
    )
    assert saved.status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("events/event-")
    page = client.get(event.get_absolute_url()).text
    assert f'src="{event.image.url}" alt="Jumppaajat tuoleilla"' in page


def test_an_activity_picture_needs_its_description_and_shows_on_its_page_card_and_share_tags(
    client, association
):
    client.force_login(editor_of(association))
    path = url("activity_create", org=association.public_id)
    activity = {
        "name_fi": "Kävelyryhmä",
        "kind": Activity.Kind.HOBBY,
        "is_free": "on",
        "visibility": "publish",
        "schedule-TOTAL_FORMS": "0",
        "schedule-INITIAL_FORMS": "0",
    }

    refused = client.post(path, activity | {"image": png_upload("kuva.png")})
    assert refused.status_code == 200
    assert "Tell in a few words what the picture shows." in refused.text
    assert not Activity.objects.exists()

    saved = client.post(
        path, activity | {"image": png_upload("kuva.png"), "image_alt_fi": "Kävelijöitä rannalla"}
    )
    assert saved.status_code == 302
    created = Activity.objects.get()
    assert created.image.name.startswith("activities/activity-")
    page = client.get(created.get_absolute_url()).text
    assert f'src="{created.image.url}" alt="Kävelijöitä rannalla"' in page
    assert '<meta property="og:image:alt" content="Kävelijöitä rannalla">' in page
    with translation.override("en"):
        listing = client.get(reverse("activities:list")).text
    assert f'class="card__image" src="{created.image.url}" alt="Kävelijöitä rannalla"' in listing

    # Removing the picture needs no description any more.
    edit = url("activity_edit", org=association.public_id, activity=created.public_id)
    removed = client.post(edit, activity | {"remove_image": "on", "image_alt_fi": ""})
    assert removed.status_code == 302
    created.refresh_from_db()
    assert not created.image

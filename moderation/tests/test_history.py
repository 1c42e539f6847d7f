import pytest
from django.utils import translation
from reversion.models import Version

from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from core.history import record, version_diff, versions_of
from moderation import services
from moderation.models import Decision
from moderation.tests.conftest import url
from organizations.models import Contact
from organizations.tests.factories import OrganizationFactory
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def choir(coordinator):
    """An association edited twice: renamed, its topic swapped and a contact added."""
    singing, sports = TopicFactory(name_fi="Laulu"), TopicFactory(name_fi="Liikunta")
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry", topics=[singing])
    with record(coordinator, "Imported"):
        organization.save()
        Contact.objects.create(organization=organization, name="Maija Virtanen")
    with record(coordinator, "Renamed"):
        organization.name_fi = "Kuopion Laulajat ry"
        organization.save()
        organization.topics.set([sports])
        Contact.objects.create(organization=organization, name="Pekka Puupää")
    return organization


def test_a_change_records_who_made_it_and_why(choir, coordinator):
    latest = versions_of(choir).first()
    assert latest.revision.user == coordinator
    assert latest.revision.comment == "Renamed"


def test_the_diff_names_the_changed_fields_with_their_old_and_new_values(choir):
    new, old = versions_of(choir)[:2]
    with translation.override("fi"):
        changes = {change.label: (change.old, change.new) for change in version_diff(old, new)}
    assert changes["nimi (suomeksi)"] == ("Kuopion Kuoro ry", "Kuopion Laulajat ry")
    assert changes["aiheet"] == ("Laulu", "Liikunta")
    assert "viimeksi päivitetty" not in changes


def test_editing_a_contact_alone_stores_the_whole_association(choir, coordinator):
    with record(coordinator, "Contact edited"):
        Contact.objects.filter(name="Maija Virtanen").first().save()
    revision = versions_of(choir).first().revision
    assert revision.comment == "Contact edited"
    assert revision.version_set.count() == 3  # the association and both contacts


def test_restoring_brings_back_the_earlier_name_topics_and_contacts(choir, coordinator):
    earlier = versions_of(choir)[1]
    old_topics = set(earlier.field_dict["topics"])

    services.version_restore(version=earlier, user=coordinator)

    choir.refresh_from_db()
    assert choir.name_fi == "Kuopion Kuoro ry"
    assert set(choir.topics.values_list("pk", flat=True)) == old_topics
    assert list(choir.contacts.values_list("name", flat=True)) == ["Maija Virtanen"]
    latest = versions_of(choir).first()
    assert latest.revision.user == coordinator
    assert Version.objects.get_for_object(choir).count() == 3
    assert Decision.objects.get().action == Decision.Action.RESTORED


def test_restoring_keeps_the_content_published_or_not_as_it_is_now(choir, coordinator):
    earlier = versions_of(choir)[1]
    type(choir).objects.filter(pk=choir.pk).update(publication_status="declined")
    services.version_restore(version=earlier, user=coordinator)
    choir.refresh_from_db()
    assert choir.publication_status == "declined"


def test_restoring_an_activity_brings_back_its_weekly_times(coordinator):
    activity = ActivityFactory()
    with record(coordinator, "First"):
        WeeklySlotFactory(activity=activity, weekday=2)
    with record(coordinator, "Moved"):
        activity.schedule.update(weekday=5)
        activity.schedule.first().save()
    services.version_restore(version=versions_of(activity)[1], user=coordinator)
    assert list(activity.schedule.values_list("weekday", flat=True)) == [2]


def test_the_history_page_shows_the_diff_and_restores(coordinator_client, choir):
    page = url("moderation:history", kind="association", public_id=choir.public_id)
    response = coordinator_client.get(page)
    assert response.status_code == 200
    assert "Kuopion Kuoro ry" in response.text and "Kuopion Laulajat ry" in response.text
    earlier = versions_of(choir)[1]
    restore = url(
        "moderation:restore",
        kind="association",
        public_id=choir.public_id,
        version_id=earlier.pk,
    )
    assert coordinator_client.post(restore).status_code == 302
    choir.refresh_from_db()
    assert choir.name_fi == "Kuopion Kuoro ry"


def test_the_history_page_is_the_coordinators_only(client, choir):
    from moderation.tests.factories import UserFactory

    client.force_login(UserFactory())
    page = url("moderation:history", kind="association", public_id=choir.public_id)
    assert client.get(page).status_code == 403


def test_the_diff_labels_a_field_by_its_language_without_internal_markers(choir):
    new, old = versions_of(choir)[:2]
    with translation.override("en"):
        labels = [change.label for change in version_diff(old, new)]
    assert "name (in Finnish)" in labels
    assert not [label for label in labels if "[" in label]


def test_the_first_version_lists_what_it_holds_not_a_change_from_nothing(choir):
    first = versions_of(choir).last()
    changes = version_diff(None, first)
    assert changes and all(change.old == "" for change in changes)
    assert "–" not in [change.new for change in changes]


def test_the_history_page_shows_text_not_html_and_times_not_iso_stamps(coordinator, client):
    organization = OrganizationFactory(name_fi="Kuoro ry")
    with record(coordinator, "Imported"):
        organization.save()
    with record(coordinator, "Described"):
        organization.description_fi = "<p>Laulamme <strong>joka</strong> viikko.</p>"
        organization.save()
    client.force_login(coordinator)
    with translation.override("en"):
        page = client.get(
            url("moderation:history", kind="association", public_id=organization.public_id)
        ).text
    assert "Laulamme joka viikko." in page
    assert "&lt;p&gt;" not in page and "<strong>joka" not in page
    assert "[fi]" not in page
    import re

    shown = re.sub(r'datetime="[^"]*"', "", page)  # machine-readable, not what people read
    assert not re.search(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d", shown)

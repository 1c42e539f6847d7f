"""An event saved through its form as it was opened writes nothing: no revision, no
"changed, please review" mark, and every cached public page stays; a real change still
does all three."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from accounts.models import OrganizationEditor
from core import page_cache
from core.tests.forms import form_pairs, form_values
from events.models import Event
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory

from .factories import editor_of
from .test_pages import event_post

FORM_ENCODED = "application/x-www-form-urlencoded"

# Committed transactions: the page cache starts a new generation when a write commits.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def opened(client):
    """An event an editor added through the form, and its edit form opened again."""
    association = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    client.force_login(editor_of(association))
    with translation.override("en"):
        client.post(
            reverse("selfservice:event_create", kwargs={"org": association.public_id}),
            event_post(description_fi="<p>Tuolijumppaa <strong>kaikille</strong>.</p>"),
        )
        event = Event.objects.get()
        edit = reverse(
            "selfservice:event_edit",
            kwargs={"org": association.public_id, "event": event.public_id},
        )
    return event, edit, form_values(client.get(edit).text)


def revisions(event) -> int:
    return Version.objects.get_for_object(event).count()


def test_an_event_saved_as_it_was_opened_keeps_the_cached_pages_and_the_history(client, opened):
    event, edit, values = opened
    generation, before = page_cache._generation(), revisions(event)

    response = client.post(edit, values)

    assert response.status_code == 302  # saved, as far as the editor can tell
    assert page_cache._generation() == generation
    assert revisions(event) == before
    saved = Event.objects.get(pk=event.pk)
    assert saved.updated_at == event.updated_at


def test_a_changed_name_in_the_same_form_is_saved_and_empties_the_cache(client, opened):
    event, edit, values = opened
    generation, before = page_cache._generation(), revisions(event)

    response = client.post(edit, values | {"name_fi": ["Tuolijumppa ja kahvit"]})

    assert response.status_code == 302
    assert page_cache._generation() != generation
    assert revisions(event) == before + 1
    assert Event.objects.get(pk=event.pk).name_fi == "Tuolijumppa ja kahvit"


def test_the_form_a_browser_sends_back_is_the_event_form_with_its_token(opened):
    # As the load scenario sends it: a client that checks the CSRF token, and the page's
    # pairs as they are, token included. The header's sign-out form comes first in the
    # page and holds a token too; sending that form's values would not save the event.
    event, edit, _ = opened
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(OrganizationEditor.objects.get(organization__events=event).user)
    pairs = form_pairs(browser.get(edit).text)

    assert {"csrfmiddlewaretoken", "name_fi", "description_fi"} <= {name for name, _ in pairs}
    response = browser.post(
        edit, urlencode(pairs), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).updated_at == event.updated_at


def test_an_imported_event_saved_as_it_was_opened_writes_nothing(client):
    # As an import leaves it: plain text where the form writes paragraphs, no Swedish or
    # English at all (None) where the form sends empty text back, and the accessibility
    # features in the source's order, not the form's.
    association = OrganizationFactory(name_fi="Kuopion Hiihtäjät ry")
    event = EventFactory(
        name_fi="Iltahiihto",
        description_fi="Hiihdetään yhdessä valaistulla ladulla.",
        organizers=[association],
        reviewed_at=timezone.now(),
        start_time=timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=3),
    )
    Event.objects.filter(pk=event.pk).update(
        name_sv=None,
        description_sv=None,
        price_fi=None,
        accessibility=["induction_loop", "wheelchair", "accessible_toilet"],
    )
    event.refresh_from_db()
    client.force_login(editor_of(association))
    with translation.override("fi"):
        edit = reverse(
            "selfservice:event_edit",
            kwargs={"org": association.public_id, "event": event.public_id},
        )
    generation, before = page_cache._generation(), revisions(event)

    response = client.post(edit, form_values(client.get(edit).text))

    assert response.status_code == 302
    saved = Event.objects.get(pk=event.pk)
    assert (saved.updated_at, saved.reviewed_at) == (event.updated_at, event.reviewed_at)
    assert revisions(event) == before
    assert page_cache._generation() == generation

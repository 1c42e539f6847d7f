"""An event saved through its form as it was opened writes nothing: no revision, no
"changed, please review" mark, and every cached public page stays; a real change still
does all three."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from core import page_cache
from events.models import Event
from organizations.tests.factories import OrganizationFactory

from .factories import editor_of
from .test_pages import event_post

# Committed transactions: the page cache starts a new generation when a write commits.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


class FormValues(HTMLParser):
    """What a browser sends back for the page's POST form when nothing is touched."""

    def __init__(self):
        super().__init__()
        self.values, self.inside, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.inside = True
        elif not self.inside or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                default = "on" if kind in ("checkbox", "radio") else ""
                self.values.append((attrs["name"], attrs.get("value", default) or ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.values.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.values.append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea:
            name, text = self.values.pop()
            self.values.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.values.pop()
            # A browser drops the newline that follows <textarea>.
            self.values.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_values(html: str) -> dict[str, list[str]]:
    parser = FormValues()
    parser.feed(html)
    values: dict[str, list[str]] = {}
    for name, value in parser.values:
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, []).append(value)
    return values


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

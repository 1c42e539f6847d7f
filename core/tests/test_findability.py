"""Pages that exist are reached from where a newcomer starts, by following links.

Each test starts at a page a person would already be on (the home page, "My association",
the coordinator's queue) and follows the link by its text, as a person would.
"""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from cards.tests.factories import CardFactory
from core.models import PublicationStatus
from events.tests.factories import EventFactory
from moderation import services as moderation_services
from moderation.models import Claim
from moderation.tests.factories import ClaimFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import UserFactory, coordinator, editor_of

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def link(response, text: str) -> str:
    """The address of the link whose text begins with `text` (fails if there is none)."""
    parser = _Links()
    parser.feed(response.content.decode())
    found = [href for label, href in parser.links if label.startswith(text)]
    assert found, f"no link {text!r} among {[label for label, _ in parser.links]}"
    return found[0]


def page(client, name, **kwargs):
    with translation.override("en"):
        return client.get(reverse(name, kwargs=kwargs or None))


def test_a_coordinator_reaches_the_newsletter_the_stale_lists_and_cards_from_the_queue(client):
    client.force_login(coordinator())
    home = page(client, "core:home")
    queue = client.get(link(home, "Coordinator"))
    assert queue.status_code == 200

    for text in ("Newsletter", "Listings not checked", "Cards to check"):
        assert client.get(link(queue, text)).status_code == 200, text


def test_municipality_cards_are_in_the_main_menu_and_a_coordinator_invites_an_editor_there(
    client,
):
    card = CardFactory()
    client.force_login(coordinator())
    cards = client.get(link(page(client, "core:home"), "Municipality cards"))
    assert cards.status_code == 200
    card_page = client.get(link(cards, card.municipality.name_fi))
    invite = client.get(link(card_page, "Invite a municipal editor"))
    assert invite.status_code == 200


def test_my_association_offers_an_item_to_the_newsletter_for_that_association(client):
    association = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    OrganizationFactory()  # another association the editor does not edit
    other = OrganizationFactory(name_fi="Toinen ry")
    client.force_login(editor_of(association, other))
    dashboard = page(client, "selfservice:dashboard")
    overview = client.get(link(dashboard, "Open Kuopion Kuoro ry"))

    form = client.get(link(overview, "Offer an item to the newsletter"))

    assert form.status_code == 200
    assert f'value="{association.pk}" selected' in form.text


def test_the_newsletter_page_asks_associations_to_offer_items(client):
    subscribe = page(client, "newsletter:subscribe")
    assert "Do you want to tell about your association in the newsletter?" in subscribe.text
    offer = client.get(link(subscribe, "Offer an item to the newsletter"))
    assert offer.status_code == 302  # to sign in first: offering needs an account


def test_the_still_current_button_on_my_association_marks_the_information_checked(client):
    long_ago = timezone.now() - dt.timedelta(days=600)
    association = OrganizationFactory(confirmed_at=long_ago)
    client.force_login(editor_of(association))
    overview = page(client, "selfservice:organization", org=association.public_id)
    assert "It is time to check the page" in overview.text

    with translation.override("en"):
        url = reverse(
            "selfservice:organization_still_current", kwargs={"org": association.public_id}
        )
    assert url in overview.text
    response = client.post(url, follow=True)

    association.refresh_from_db()
    assert association.confirmed_at > long_ago + dt.timedelta(days=599)
    assert "The information is marked as checked today." in response.text


def test_nobody_else_can_press_the_still_current_button(client):
    association = OrganizationFactory(confirmed_at=timezone.now() - dt.timedelta(days=600))
    client.force_login(UserFactory())
    with translation.override("en"):
        url = reverse(
            "selfservice:organization_still_current", kwargs={"org": association.public_id}
        )
    assert client.post(url).status_code in (403, 404)
    before = association.confirmed_at
    association.refresh_from_db()
    assert association.confirmed_at == before


def test_the_account_page_links_to_asking_to_manage_an_association(client):
    client.force_login(UserFactory())
    account = page(client, "accounts:account")
    assert client.get(link(account, "Ask to manage an association")).status_code == 200


def test_my_association_shows_a_pending_request_and_a_declined_ones_reason(client):
    person = UserFactory()
    ClaimFactory(user=person, organization=OrganizationFactory(name_fi="Odottava ry"))
    declined = ClaimFactory(user=person, organization=OrganizationFactory(name_fi="Hylätty ry"))
    moderation_services.claim_decline(
        claim=declined, user=coordinator(), message="Yhdistyksellä on jo ylläpitäjä."
    )
    client.force_login(person)

    dashboard = page(client, "selfservice:dashboard")

    assert "Odottava ry" in dashboard.text
    assert str(Claim.Status.PENDING.label) in dashboard.text
    assert "Hylätty ry" in dashboard.text
    assert "Yhdistyksellä on jo ylläpitäjä." in dashboard.text


def test_the_editor_sees_why_the_coordinator_declined_an_event(client):
    association = OrganizationFactory()
    event = EventFactory(
        organizers=[association],
        name_fi="Syystanssit",
        publication_status=PublicationStatus.PENDING,
        start_time=timezone.now() + dt.timedelta(days=5),
    )
    mail.outbox.clear()
    moderation_services.content_decline(
        obj=event, user=coordinator(), message="Lisää tapahtumalle paikka."
    )
    client.force_login(editor_of(association))

    overview = page(client, "selfservice:organization", org=association.public_id)

    assert "Syystanssit" in overview.text
    assert "Lisää tapahtumalle paikka." in overview.text


@override_settings(
    SAKKE_COORDINATOR_NAME="Kaisa Koordinaattori",
    SAKKE_COORDINATOR_EMAIL="koordinaattori@example.fi",
)
def test_the_about_page_from_the_footer_names_the_coordinator_and_how_to_reach_them(client):
    about = client.get(link(page(client, "core:home"), "About the service"))
    assert "Kaisa Koordinaattori" in about.text
    assert 'href="mailto:koordinaattori@example.fi"' in about.text
    assert client.get(link(about, "Ask to manage an association")).status_code == 302

"""Journeys as a newcomer takes them, in Chromium, from the home page by clicking only.

The one thing typed besides form fields is what a person does outside the site: opening
a link from an e-mail. Each test covers a whole journey; they are slow, so they are few.
(The volunteer's sign-up, claim and first event are in test_end_to_end.py.)
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from cards.tests.factories import CardFactory
from core.models import PublicationStatus
from core.tests.browser import click_and_wait_for_the_next_page, localized_path
from events.models import Event
from events.tests.factories import EventFactory
from newsletter import tasks as newsletter_tasks
from newsletter.models import Issue, Subscriber
from selfservice.tests.factories import coordinator, editor_of
from selfservice.tests.test_browser import signed_in

from .test_phone_layout import SMALL_PHONE, page_width_overflow

pytestmark = pytest.mark.browser

PASSWORD = "Kallavesi-kesällä-2025"


def emailed_link(live_server, pattern: str) -> str:
    """The newest e-mailed link whose path matches `pattern`; it must use the site's address."""
    for message in reversed(mail.outbox):
        for link in re.findall(r"https?://\S+", message.body):
            if re.search(pattern, link):
                assert link.startswith(live_server.url), link
                return link
    raise AssertionError(f"no e-mailed link matching {pattern!r}")


def click(page, role, name, **options):
    click_and_wait_for_the_next_page(page, page.get_by_role(role, name=name, **options).first)


def test_a_resident_on_a_phone_finds_an_event_and_its_association(open_page, north_savo):
    page = open_page(**SMALL_PHONE)
    page.goto(localized_path("core:home", "en"))

    page.get_by_text("Menu", exact=True).click()
    menu = page.get_by_role("navigation", name="Main")
    click_and_wait_for_the_next_page(page, menu.get_by_role("link", name="Events"))
    assert page_width_overflow(page) == 0
    with translation.override("en"):
        event_name = str(north_savo.sign_language_cafe.name)
        association_name = str(north_savo.deaf_association.name)
    event_link = page.locator("#results").get_by_role("link", name=event_name)
    click_and_wait_for_the_next_page(page, event_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(event_name)
    expect(page.get_by_role("heading", name="Share")).to_be_visible()
    assert page_width_overflow(page) == 0

    organizer = page.get_by_role("region", name="Details").get_by_role("link").first
    click_and_wait_for_the_next_page(page, organizer)
    expect(page.get_by_role("heading", level=1)).to_have_text(association_name)
    assert page_width_overflow(page) == 0


def test_a_subscriber_subscribes_confirms_changes_interests_and_unsubscribes(
    open_page, live_server, north_savo, settings
):
    settings.SAKKE_BASE_URL = live_server.url  # as `make run` sets it from PORT
    page = open_page()
    page.goto(localized_path("core:home", "en"))
    click(page, "link", "Subscribe to the newsletter")

    page.get_by_label("E-mail address").fill("lukija@example.org")
    page.get_by_label(re.compile("I want the newsletter")).check()
    click(page, "button", "Subscribe")
    expect(page.get_by_text("Check your e-mail").first).to_be_visible()

    page.goto(emailed_link(live_server, r"/confirm/|/vahvista/|/bekrafta/"))
    click(page, "button", re.compile("Confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You subscribe to the newsletter")
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE

    click(page, "link", "Change your interests or unsubscribe")
    page.get_by_role("checkbox", name=north_savo.kuopio.name_fi).check()
    click(page, "button", "Save", exact=True)
    expect(page.get_by_text("Your choices were saved.")).to_be_visible()
    assert list(Subscriber.objects.get().municipalities.all()) == [north_savo.kuopio]

    click(page, "button", "Unsubscribe")
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_a_municipal_editor_is_invited_signs_up_and_edits_the_card(
    open_page, live_server, north_savo
):
    CardFactory(municipality=north_savo.varkaus)
    boss = signed_in(open_page, live_server, coordinator())
    boss.goto(localized_path("core:home", "en"))
    click(boss, "link", "Coordinator")
    click(boss, "link", "Municipality cards and their editors")
    click(boss, "link", north_savo.varkaus.name_fi)
    click(boss, "link", "Invite a municipal editor")
    boss.get_by_label("E-mail address").fill("yhteys@varkaus.example.fi")
    click(boss, "button", re.compile("^Send"))
    expect(boss.get_by_text("The invitation was sent.").first).to_be_visible()

    # The invited person has no account: sign-up keeps the invitation all the way.
    editor = open_page()
    editor.goto(emailed_link(live_server, r"/invitation/|/kutsu/|/inbjudan/"))
    click(editor, "link", "No account yet? Sign up")
    editor.get_by_label("Your name").fill("Ville Varkaus")
    editor.get_by_label("E-mail address").fill("yhteys@varkaus.example.fi")
    click(editor, "button", "Sign up")
    editor.goto(emailed_link(live_server, r"/confirm/"))
    editor.get_by_label("Password", exact=True).fill(PASSWORD)
    editor.get_by_label("Password again").fill(PASSWORD)
    click(editor, "button", "Save the password and sign in")
    click(editor, "button", re.compile("^Accept"))
    expect(editor.get_by_text("Welcome! You are now an editor").first).to_be_visible()

    editor.goto(localized_path("core:home", "en"))
    click(editor, "link", "Municipality cards")
    click(editor, "link", north_savo.varkaus.name_fi)
    click(editor, "link", "Edit the card")
    expect(editor.get_by_role("heading", level=1)).to_contain_text(north_savo.varkaus.name_fi)


def test_a_volunteer_keeps_the_page_current_and_offers_a_newsletter_item(
    open_page, live_server, north_savo
):
    association = north_savo.pensioners
    page = signed_in(open_page, live_server, editor_of(association))
    page.goto(localized_path("core:home", "en"))
    click(page, "link", "My association")
    click(page, "link", f"Open {association.name_fi}")

    click(page, "button", "Our information is still current")
    expect(page.get_by_text("The information is marked as checked today.").first).to_be_visible()

    click(page, "link", "Offer an item to the newsletter")
    expect(page.get_by_label("Association")).to_have_value(str(association.pk))
    page.get_by_label("Title").fill("Kuoro hakee laulajia")
    page.get_by_role("textbox", name=re.compile(r"^Text")).fill("Tule laulamaan tiistaisin.")
    click(page, "button", re.compile("^Offer|^Send"))
    expect(page.get_by_text("Kuoro hakee laulajia").first).to_be_visible()


def test_the_coordinator_approves_waiting_content_and_composes_and_sends_an_issue(
    open_page, live_server, north_savo, monkeypatch
):
    started = []  # the broker's part: the task that starts the sending at the chosen time
    monkeypatch.setattr(
        newsletter_tasks.start_issue_task,
        "apply_async",
        lambda args, **options: started.append(args[0]),
    )
    waiting = EventFactory(
        name_fi="Syysretki Tahkolle",
        organizers=[north_savo.pensioners],
        publication_status=PublicationStatus.PENDING,
    )
    page = signed_in(open_page, live_server, coordinator())
    page.goto(localized_path("core:home", "en"))
    click(page, "link", "Coordinator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    click(page, "button", re.compile(r"^Approve\W+Syysretki Tahkolle"))
    expect(page.get_by_text("Saved: Syysretki Tahkolle").first).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.publication_status == PublicationStatus.PUBLISHED

    click(page, "link", "Newsletter")
    click(page, "link", "New issue")
    page.get_by_label("Title in Finnish").fill("Lokakuun uutiskirje")
    page.get_by_label("Introduction in Finnish").fill("Syksyn tapahtumia Pohjois-Savossa.")
    page.get_by_label("Period starts").fill(waiting.start_time.date().isoformat())
    page.get_by_label("Period ends").fill(waiting.start_time.date().isoformat())
    click(page, "button", "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokakuun uutiskirje")

    # Compose: the approved event is among the period's suggestions.
    page.get_by_role("checkbox", name=re.compile("Syysretki Tahkolle")).check()
    click(page, "button", "Save the contents")
    expect(page.get_by_text("The contents of the issue were saved.").first).to_be_visible()
    issue = Issue.objects.get()
    assert list(issue.events.all()) == [Event.objects.get(pk=waiting.pk)]

    click(page, "button", "Schedule or send")  # no time given: now
    expect(page.get_by_text("The issue will be sent at the chosen time.").first).to_be_visible()
    assert started == [issue.pk]

    click(page, "link", "Coordinator")
    click(page, "link", "Newsletter")
    sent_list = page.get_by_role("region", name="Issues")
    expect(sent_list.get_by_role("listitem")).to_have_text("Lokakuun uutiskirje – Scheduled")


def test_near_me_asks_the_browser_for_its_position_only_on_a_click(open_page, north_savo):
    page = open_page(
        geolocation={"latitude": 62.8924, "longitude": 27.6770},
        permissions=["geolocation"],
        **SMALL_PHONE,
    )
    page.goto(localized_path("events:list", "en"))
    assert "near=" not in page.url

    click(page, "button", "Near me")

    assert "near=62.89%2C27.68" in page.url
    expect(page.get_by_text("Events within 20 km of your position.")).to_be_visible()
    click(page, "link", "Show events everywhere")
    assert "near=" not in page.url


def test_without_javascript_near_me_is_not_offered_and_the_municipality_filter_is(
    open_page, north_savo
):
    page = open_page(java_script_enabled=False, **SMALL_PHONE)
    page.goto(localized_path("events:list", "en"))
    expect(page.get_by_role("button", name="Near me")).to_be_hidden()
    expect(page.get_by_role("combobox", name="Municipality")).to_be_visible()

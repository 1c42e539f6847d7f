"""Journeys as a newcomer takes them, in Chromium, from the home page by clicking only.

The one address typed is the home page's; the only other thing a person does outside the
site is opening a link from an e-mail, read here from the outbox (the live server is the
base URL of e-mailed links, see conftest.py). Everyone signs in by the header's link.
Each test covers a whole journey; they are slow, so they are few.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import PASSWORD as USER_PASSWORD
from accounts.tests.factories import UserFactory
from accounts.tests.second_factor import app_device, current_code
from accounts.twofactor import is_required_by_role
from cards.tests.factories import CardFactory
from core.models import PublicationStatus
from core.tests.browser import click_and_wait_for_the_next_page, localized_path
from events.models import Event
from events.tests.factories import EventFactory
from newsletter import tasks as newsletter_tasks
from newsletter.models import Issue, Subscriber

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


def coordinator():
    """The coordinator's account, which signs in with USER_PASSWORD."""
    return UserFactory(email="koordinaattori@example.org", is_coordinator=True)


def signs_in(page, email: str, password: str) -> None:
    """Sign in as a person does: from the home page, by the header's link."""
    page.goto(localized_path("core:home", "en"))
    click(page, "link", "Sign in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    person = User.objects.get(email__iexact=email)
    second_step = is_required_by_role(person)
    if second_step:
        device = app_device(person)  # enrolled earlier, as the coordinator must be
    click(page, "button", "Sign in")
    if second_step:
        # The coordinator's second step: the code their authenticator app shows now.
        page.get_by_label("Code from the app").fill(current_code(device))
        click(page, "button", "Continue")


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
    open_page, live_server, north_savo
):
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
    boss = open_page()
    signs_in(boss, coordinator().email, USER_PASSWORD)
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


def test_a_volunteer_signs_up_claims_edits_and_publishes_by_clicking_only(
    open_page, live_server, north_savo
):
    association = north_savo.pensioners
    boss = coordinator()
    volunteer = open_page()
    volunteer.goto(localized_path("core:home", "en"))

    # Sign up, and open the link of the e-mail as a person does in their mail.
    click(volunteer, "link", "Sign in")
    click(volunteer, "link", "No account yet? Sign up")
    volunteer.get_by_label("Your name").fill("Liisa Laine")
    volunteer.get_by_label("E-mail address").fill("liisa.laine@example.org")
    click(volunteer, "button", "Sign up")
    volunteer.goto(emailed_link(live_server, r"/confirm/"))
    volunteer.get_by_label("Password", exact=True).fill(PASSWORD)
    volunteer.get_by_label("Password again").fill(PASSWORD)
    click(volunteer, "button", "Save the password and sign in")

    # Claim the association.
    click(volunteer, "link", "My association")
    click(volunteer, "link", "Ask to manage an association")
    volunteer.get_by_label("Name or business id of the association").fill("Eläkeläiset")
    click(volunteer, "button", "Search")
    click(volunteer, "link", association.name_fi)
    volunteer.get_by_label("Message to the coordinator").fill("Olen yhdistyksen sihteeri.")
    click(volunteer, "button", "Send the request")
    expect(volunteer.get_by_text("Your request was sent to the coordinator.").first).to_be_visible()

    # The coordinator, in another browser, signs in and approves from the queue.
    desk = open_page()
    signs_in(desk, boss.email, USER_PASSWORD)
    click(desk, "link", "Coordinator")
    click(desk, "link", re.compile(rf"^Decide\W+{re.escape(association.name_fi)}$"))
    desk.get_by_label("Decision").select_option(label="Approve")
    click(desk, "button", "Save the decision")
    expect(
        desk.get_by_text("The decision was saved and the person informed.").first
    ).to_be_visible()

    # Edit the page.
    click(volunteer, "link", "My association")
    click(volunteer, "link", f"Open {association.name_fi}")
    click(volunteer, "link", "Edit the page")
    volunteer.get_by_label("Description (in Finnish)").fill("Tervetuloa mukaan kerhoihimme.")
    click(volunteer, "button", "Save", exact=True)
    expect(volunteer.get_by_text("Saved. The changes are now public.").first).to_be_visible()
    association.refresh_from_db()
    assert "Tervetuloa mukaan kerhoihimme." in association.description_fi

    # Add an event.
    click(volunteer, "link", "My association")
    click(volunteer, "link", f"Open {association.name_fi}")
    click(volunteer, "link", "Add an event")
    day = timezone.localdate() + dt.timedelta(days=10)
    volunteer.get_by_label("Name (in Finnish)").fill("Syyskauden avajaiset")
    volunteer.get_by_label(re.compile(r"^Date\b")).fill(day.isoformat())
    volunteer.get_by_label("Starts at").fill("18:00")
    volunteer.get_by_label("Everyone: publish it on the service").check()
    click(volunteer, "button", "Save", exact=True)
    expect(volunteer.get_by_text("Saved. The changes are now public.").first).to_be_visible()

    # Write news.
    click(volunteer, "link", "Write news")
    click(volunteer, "link", "Write a news post")
    volunteer.get_by_label("Title (in Finnish)").fill("Kuoro aloittaa syyskauden")
    volunteer.get_by_label("Lead (in Finnish)").fill("Harjoitukset alkavat tiistaina.")
    volunteer.get_by_label("Everyone: publish it on the service").check()
    click(volunteer, "button", "Save", exact=True)
    expect(volunteer.get_by_text(re.compile(r"^Saved\.")).first).to_be_visible()

    # Offer an item to the newsletter.
    click(volunteer, "link", "My association")
    click(volunteer, "link", f"Open {association.name_fi}")
    click(volunteer, "link", "Offer an item to the newsletter")
    expect(volunteer.get_by_label("Association")).to_have_value(str(association.pk))
    volunteer.get_by_label("Title").fill("Kuoro hakee laulajia")
    volunteer.get_by_role("textbox", name=re.compile(r"^Text")).fill("Tule laulamaan tiistaisin.")
    click(volunteer, "button", re.compile("^Offer|^Send"))
    expect(volunteer.get_by_text("Kuoro hakee laulajia").first).to_be_visible()

    # Say that the information is still current.
    click(volunteer, "link", "My association")
    click(volunteer, "link", f"Open {association.name_fi}")
    click(volunteer, "button", "Our information is still current")
    expect(
        volunteer.get_by_text("The information is marked as checked today.").first
    ).to_be_visible()

    # The public sees the association's new event, news and description.
    visitor = open_page()
    visitor.goto(localized_path("core:home", "en"))
    click(visitor, "link", "Events")
    expect(visitor.get_by_role("link", name="Syyskauden avajaiset")).to_be_visible()
    click(visitor, "link", "News")
    expect(visitor.get_by_role("link", name="Kuoro aloittaa syyskauden")).to_be_visible()
    association.refresh_from_db()
    assert association.confirmed_at is not None


def test_the_coordinator_approves_and_declines_waiting_content_and_composes_and_sends_an_issue(
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
    unsuitable = EventFactory(
        name_fi="Halpoja lainoja heti",
        organizers=[north_savo.pensioners],
        publication_status=PublicationStatus.PENDING,
    )
    page = open_page()
    signs_in(page, coordinator().email, USER_PASSWORD)
    click(page, "link", "Coordinator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    click(page, "button", re.compile(r"^Approve\W+Syysretki Tahkolle"))
    expect(page.get_by_text("Saved: Syysretki Tahkolle").first).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.publication_status == PublicationStatus.PUBLISHED

    # Moderate: decline the other item, with a reason the association is sent.
    click(page, "link", re.compile(r"^Decline with a message\W+Halpoja lainoja heti"))
    page.get_by_label("Decision").select_option(label="Decline")
    page.get_by_label("Message").fill("Mainokset eivät kuulu palveluun.")
    click(page, "button", "Save the decision")
    expect(page.get_by_text("Saved: Halpoja lainoja heti").first).to_be_visible()
    unsuitable.refresh_from_db()
    assert unsuitable.publication_status == PublicationStatus.DECLINED

    click(page, "link", "Newsletter")
    click(page, "link", "New issue")
    page.get_by_label("Title in Finnish").fill("Lokakuun uutiskirje")
    page.get_by_label("Introduction in Finnish").fill("Syksyn tapahtumia Pohjois-Savossa.")
    page.get_by_label("Period starts").fill(
        timezone.localtime(waiting.start_time).date().isoformat()
    )
    page.get_by_label("Period ends").fill(timezone.localtime(waiting.start_time).date().isoformat())
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

"""The whole road of a new volunteer, in Chromium: from signing up to a public event.

A person signs up, confirms the address from the e-mail, chooses a password, asks to
manage an existing association; the coordinator (in another browser) approves; the
volunteer adds an event in "My association", and the public list and the API show it.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from core.tests.browser import localized_path

pytestmark = pytest.mark.browser

PASSWORD = "Kallavesi-kesällä-2025"
EVENT_NAME = "Syyskauden avajaiset"


def signed_in_page(open_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = open_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_a_new_volunteer_claims_an_association_and_publishes_an_event(
    open_page, live_server, north_savo
):
    association = north_savo.pensioners
    volunteer = open_page()

    # Sign up, and follow the link of the e-mail.
    volunteer.goto(localized_path("accounts:sign_up", "en"))
    volunteer.get_by_label("Your name").fill("Liisa Laine")
    volunteer.get_by_label("E-mail address").fill("liisa.laine@example.org")
    volunteer.get_by_role("button", name="Sign up").click()
    expect(volunteer).to_have_url(
        re.compile(re.escape(localized_path("accounts:sign_up_done", "en")))
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["liisa.laine@example.org"]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)

    volunteer.goto(link)
    volunteer.get_by_label("Password", exact=True).fill(PASSWORD)
    volunteer.get_by_label("Password again").fill(PASSWORD)
    volunteer.get_by_role("button", name="Save the password and sign in").click()
    expect(volunteer.get_by_text("Your e-mail address is confirmed").first).to_be_visible()

    # Ask to manage the association.
    volunteer.goto(localized_path("moderation:claim_choose", "en"))
    volunteer.get_by_label("Name or business id of the association").fill("Eläkeläiset")
    volunteer.get_by_role("button", name="Search").click()
    volunteer.get_by_role("link", name=association.name_fi).click()
    volunteer.get_by_label("Message to the coordinator").fill("Olen yhdistyksen sihteeri.")
    volunteer.get_by_role("button", name="Send the request").click()
    expect(volunteer.get_by_text("Your request was sent to the coordinator.").first).to_be_visible()

    # The coordinator, signed in in another browser, approves.
    coordinator = signed_in_page(
        open_page, live_server, UserFactory(email="koordinaattori@example.org", is_coordinator=True)
    )
    coordinator.goto(localized_path("moderation:queue", "en"))
    coordinator.get_by_role(
        "link", name=re.compile(rf"^Decide\W+{re.escape(association.name_fi)}$")
    ).click()
    coordinator.get_by_label("Decision").select_option(label="Approve")
    coordinator.get_by_role("button", name="Save the decision").click()
    expect(
        coordinator.get_by_text("The decision was saved and the person informed.").first
    ).to_be_visible()

    # The volunteer adds and publishes an event in "My association".
    volunteer.goto(localized_path("selfservice:dashboard", "en"))
    volunteer.get_by_role("heading", name=association.name_fi).get_by_role("link").click()
    volunteer.get_by_role("link", name="Add an event").click()
    day = timezone.localdate() + dt.timedelta(days=10)
    volunteer.get_by_label("Name (in Finnish)").fill(EVENT_NAME)
    volunteer.get_by_label(re.compile(r"^Date\b")).fill(day.isoformat())
    volunteer.get_by_label("Starts at").fill("18:00")
    volunteer.get_by_label("Everyone: publish it on the service").check()
    volunteer.get_by_role("button", name="Save", exact=True).click()
    expect(volunteer.get_by_text("Saved. The changes are now public.").first).to_be_visible()

    # The public sees it: on the event list and in the API.
    visitor = open_page()
    visitor.goto(localized_path("events:list", "en"))
    expect(visitor.get_by_role("link", name=EVENT_NAME)).to_be_visible()
    api = visitor.request.get("/api/v1/event/", params={"organization": association.public_id})
    assert api.ok
    names = [event["name"]["fi"] for event in api.json()["data"]]
    assert EVENT_NAME in names

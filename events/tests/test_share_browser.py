"""The "Share…" button opens the phone's own share menu, and exists only where there is one."""

import pytest
from playwright.sync_api import expect

from events.tests.factories import EventFactory

pytestmark = pytest.mark.browser

FAKE_SHARE_MENU = """
window.__shared = [];
navigator.share = function (data) { window.__shared.push(data); return Promise.resolve(); };
"""


def test_share_uses_the_phones_share_menu_and_is_hidden_without_one(open_page, transactional_db):
    event = EventFactory(name_fi="Kevätkonsertti")

    plain = open_page()  # this Chromium has no share menu (navigator.share)
    plain.goto(event.get_absolute_url())
    expect(plain.get_by_role("heading", name="Share")).to_be_visible()
    expect(plain.get_by_role("button", name="Share…")).to_be_hidden()

    phone = open_page()
    phone.add_init_script(FAKE_SHARE_MENU)
    phone.goto(event.get_absolute_url())
    phone.get_by_role("button", name="Share…").click()
    shared = phone.evaluate("window.__shared")
    assert len(shared) == 1
    assert shared[0]["url"].endswith(event.get_absolute_url())
    assert "Kevätkonsertti" in shared[0]["title"]

    no_script = open_page(java_script_enabled=False)
    no_script.goto(event.get_absolute_url())
    expect(no_script.get_by_role("button", name="Share…")).to_be_hidden()

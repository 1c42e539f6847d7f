"""Security keys in Chromium, with the DevTools protocol's virtual authenticator: the
coordinator adds a key, signs out, signs in with the password and the key and reaches the
coordinator's pages; without that key they stay closed."""

import pytest

from accounts.models import AuditEntry, SecurityKey
from core.tests.browser import click_and_wait_for_the_next_page, localized_path

from .factories import UserFactory
from .second_factor import app_device, current_code
from .test_two_factor_browser import assert_no_violations, sign_in_with_password

pytestmark = pytest.mark.browser


def plug_in_a_virtual_key(page) -> None:
    """A platform authenticator (a passkey) that answers at once, as if touched."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_coordinator_adds_a_key_and_signs_in_with_it_and_not_without_it(
    open_page, live_server, transactional_db
):
    assert live_server.url.startswith("http://localhost:")  # a secure context for WebAuthn
    coordinator = UserFactory(email="koordinaattori@example.org", is_coordinator=True)
    device = app_device(coordinator)
    queue = localized_path("moderation:queue", "en")

    page = open_page()
    plug_in_a_virtual_key(page)
    sign_in_with_password(page, coordinator, queue)
    page.get_by_label("Code from the app").fill(current_code(device))
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Continue"))
    assert page.get_by_role("heading", name="Moderation queue", level=1).is_visible()

    page.goto(localized_path("accounts:two_factor", "en"))
    click_and_wait_for_the_next_page(page, page.get_by_role("link", name="Add a security key"))
    assert_no_violations(page)
    page.get_by_label("Name of the key").fill("Kannettavan avain")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Add the key"))
    keys = page.get_by_role("list", name="Your security keys")
    assert keys.get_by_text("Kannettavan avain").is_visible()
    assert SecurityKey.objects.get(user=coordinator).name == "Kannettavan avain"
    assert_no_violations(page)

    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Sign out").first)
    sign_in_with_password(page, coordinator, queue)
    assert page.get_by_role("heading", name="Moderation queue").count() == 0
    assert_no_violations(page)
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Use the security key"))
    assert page.get_by_role("heading", name="Moderation queue", level=1).is_visible()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SECOND_FACTOR_VERIFIED, detail__contains="Kannettavan avain"
    ).exists()

    # Another browser with another authenticator: the password alone opens nothing.
    other = open_page()
    plug_in_a_virtual_key(other)
    sign_in_with_password(other, coordinator, queue)
    other.get_by_role("button", name="Use the security key").click()
    other.get_by_role("alert").filter(has_text="The security key was not used").wait_for()
    other.goto(queue)
    assert other.get_by_role("heading", name="Moderation queue").count() == 0
    assert other.get_by_role("heading", name="Two-step verification").is_visible()


def test_a_browser_without_webauthn_is_told_to_use_the_app(open_page, transactional_db):
    coordinator = UserFactory(email="koordinaattori@example.org", is_coordinator=True)
    app_device(coordinator)
    SecurityKey.objects.create(
        user=coordinator, name="Avain", credential_id="AAAA", public_key=b"\x00"
    )
    page = open_page()
    page.add_init_script("delete window.PublicKeyCredential;")
    sign_in_with_password(page, coordinator, localized_path("moderation:queue", "en"))
    page.get_by_role("alert").filter(has_text="This browser cannot use security keys").wait_for()
    assert page.get_by_role("button", name="Use the security key").count() == 0
    assert page.get_by_label("Code from the app").is_visible()

"""Two-step verification in the browser: the coordinator's pages stay closed without it,
enrolment with the app's code, and signing in with a recovery code."""

import base64

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice

from core.tests.browser import (
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)

from .factories import PASSWORD, UserFactory
from .second_factor import app_device

pytestmark = pytest.mark.browser


def sign_in_with_password(page, user, next_path):
    page.goto(f"{localized_path('accounts:login', 'en')}?next={next_path}")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Sign in"))


def code_for_the_key_shown(page) -> str:
    """What an authenticator app shows for the key typed in from the set-up page."""
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def assert_no_violations(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)


def test_a_coordinator_without_a_second_factor_enrols_before_reaching_the_queue(
    page, transactional_db
):
    coordinator = UserFactory(email="koordinaattori@example.org", is_coordinator=True)
    queue = localized_path("moderation:queue", "en")

    sign_in_with_password(page, coordinator, queue)
    page.goto(queue)
    assert page.url.split("?")[0].endswith(localized_path("accounts:two_factor_setup", "en"))
    assert page.get_by_role("heading", name="Moderation queue").count() == 0
    assert page.get_by_role("img", name="QR code for the authenticator app").is_visible()
    assert_no_violations(page)

    page.get_by_label("Code from the app").fill("000000")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Turn on"))
    assert "The code is wrong" in page.locator("#id_token_error").inner_text()

    page.get_by_label("Code from the app").fill(code_for_the_key_shown(page))
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Turn on"))
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    assert codes.count() == 10
    assert_no_violations(page)

    click_and_wait_for_the_next_page(page, page.get_by_role("link", name="I have saved the codes"))
    assert page.get_by_role("heading", name="Moderation queue", level=1).is_visible()


def test_a_coordinator_signs_in_with_a_recovery_code_which_then_stops_working(
    open_page, transactional_db
):
    coordinator = UserFactory(email="koordinaattori@example.org", is_coordinator=True)
    app_device(coordinator)
    recovery = StaticDevice.objects.create(user=coordinator, name="recovery codes")
    recovery.token_set.create(token="abcd2345")
    queue = localized_path("moderation:queue", "en")

    page = open_page()
    sign_in_with_password(page, coordinator, queue)
    assert page.get_by_role("heading", name="Two-step verification").is_visible()
    assert page.get_by_role("heading", name="Moderation queue").count() == 0
    assert_no_violations(page)
    page.get_by_text("No phone at hand? Use a recovery code").click()
    page.get_by_label("Recovery code").fill("ABCD 2345")
    click_and_wait_for_the_next_page(
        page, page.get_by_role("button", name="Continue with the recovery code")
    )
    assert page.get_by_role("heading", name="Moderation queue", level=1).is_visible()

    again = open_page()
    sign_in_with_password(again, coordinator, queue)
    again.get_by_text("No phone at hand? Use a recovery code").click()
    again.get_by_label("Recovery code").fill("abcd2345")
    click_and_wait_for_the_next_page(
        again, again.get_by_role("button", name="Continue with the recovery code")
    )
    assert "The code is wrong" in again.locator("#id_recovery-token_error").inner_text()
    again.goto(queue)
    assert again.get_by_role("heading", name="Moderation queue").count() == 0

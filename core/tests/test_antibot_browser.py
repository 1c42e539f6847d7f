"""In a person's browser the public forms' defences stay out of the way: with the proof
of work on, the page's script solves it and the subscription goes through; the honeypot
is neither seen nor reached with the keyboard, and axe-core finds nothing."""

import pytest

from core.tests.browser import (
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from newsletter.models import Subscriber

pytestmark = pytest.mark.browser


@pytest.fixture
def proof_of_work(settings):
    settings.SAKKE_ANTIBOT_POW = True
    settings.SAKKE_ANTIBOT_POW_MAX_NUMBER = 2000


def subscribe(page):
    page.goto(localized_path("newsletter:subscribe", "en"))
    page.fill("input[type=email]", "lukija@example.org")
    page.check("input[name=consent]")
    click_and_wait_for_the_next_page(page, page.locator("form button[type=submit]").first)


def test_the_browser_solves_the_proof_of_work_and_the_subscription_goes_through(
    page, transactional_db, proof_of_work, mailoutbox
):
    subscribe(page)
    assert Subscriber.objects.filter(email="lukija@example.org").exists()
    assert len(mailoutbox) == 1


def test_the_honeypot_is_not_visible_and_the_form_has_no_violations(
    page, transactional_db, proof_of_work
):
    page.goto(localized_path("newsletter:subscribe", "en"))
    box = page.locator("input[name=homepage]").bounding_box()
    assert box["x"] + box["width"] <= 0  # off the screen, left of it
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)

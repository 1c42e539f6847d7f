"""The claim forms and the coordinator's pages pass axe-core's WCAG 2.1 A and AA rules."""

import pytest
from django.conf import settings
from django.test import Client

from core.history import record
from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from events.tests.factories import EventFactory
from moderation.tests.factories import ClaimFactory, CoordinatorFactory, UserFactory

pytestmark = pytest.mark.browser


def signed_in(open_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = open_page()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_moderation_queue_has_no_accessibility_violations(
    open_page, live_server, north_savo, lang
):
    coordinator = CoordinatorFactory()
    ClaimFactory(organization=north_savo.gymnasts, message="Olen seuran sihteeri.")
    EventFactory(name_fi="Odottava tapahtuma", publication_status="pending")
    page = signed_in(open_page, live_server, coordinator)
    assert_no_violations(page, localized_path("moderation:queue", lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_claim_form_has_no_accessibility_violations(open_page, live_server, north_savo, lang):
    page = signed_in(open_page, live_server, UserFactory())
    path = localized_path("moderation:claim", lang, public_id=north_savo.pensioners.public_id)
    assert_no_violations(page, path)


def test_the_new_association_form_with_errors_has_no_accessibility_violations(
    open_page, live_server, north_savo
):
    page = signed_in(open_page, live_server, UserFactory())
    assert_no_violations(page, localized_path("moderation:claim_new", "fi"))
    page.get_by_label("Y-tunnus", exact=False).fill("0123456-3")
    click_and_wait_for_the_next_page(page, page.locator("form.moderation-form button[type=submit]"))
    assert page.locator("[aria-invalid=true]").count() >= 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, "claim_new with errors")


def test_the_history_page_has_no_accessibility_violations(open_page, live_server, north_savo):
    coordinator = CoordinatorFactory()
    with record(coordinator, "Nimi korjattu"):
        north_savo.pensioners.name_fi = "Kuopion Eläkeläiset ry"
        north_savo.pensioners.save()
    page = signed_in(open_page, live_server, coordinator)
    path = localized_path(
        "moderation:history", "fi", kind="association", public_id=north_savo.pensioners.public_id
    )
    assert_no_violations(page, path)

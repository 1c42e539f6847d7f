"""axe-core finds nothing on the confirmation page, the coordinator's list and volunteering."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from activities.models import Activity
from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from freshness.tokens import make_confirmation_token
from organizations.models import Organization

from .factories import OrganizationEditorFactory, UserFactory

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_confirmation_page_and_its_thanks_have_no_violations(page, north_savo, lang):
    token = make_confirmation_token(north_savo.pensioners)
    assert_no_violations(page, localized_path("freshness:confirm", lang, token=token))
    click_and_wait_for_the_next_page(
        page, page.locator("main form[method=post] button[type=submit]")
    )
    assert page.locator("main h1").count() == 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)
    north_savo.pensioners.refresh_from_db()
    assert north_savo.pensioners.confirmed_at > timezone.now() - dt.timedelta(minutes=1)


def test_the_invalid_link_page_has_no_violations(page, north_savo):
    response = page.goto(localized_path("freshness:confirm", "fi", token="garbage"))
    assert response.status == 400
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordinators_stale_listings_page_has_no_violations(
    open_page, live_server, north_savo, lang
):
    long_ago = timezone.now() - dt.timedelta(days=600)
    Organization.objects.filter(pk=north_savo.pensioners.pk).update(confirmed_at=long_ago)
    Activity.objects.filter(organizer=north_savo.pensioners).update(confirmed_at=long_ago)
    OrganizationEditorFactory(organization=north_savo.pensioners)
    coordinator = UserFactory(is_coordinator=True)
    client = Client()
    client.force_login(coordinator)
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
    assert_no_violations(page, localized_path("freshness:stale", lang))
    assert "Kuopion Seudun Eläkeläiset ry" in page.content()  # a row with a button, not empty


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_volunteering_list_has_no_violations(page, north_savo, lang):
    assert_no_violations(page, localized_path("activities:volunteering", lang))

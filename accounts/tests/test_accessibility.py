"""The sign-in, sign-up and account pages pass axe-core's WCAG 2.1 A and AA rules."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from cards.tests.factories import CardContactFactory
from core.tests.browser import (
    LANGUAGES,
    PHONE,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from newsletter.tests.factories import SubscriberFactory

from .factories import MunicipalityEditorFactory, OrganizationEditorFactory, UserFactory

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


def sign_in_as(page, live_server, user):
    """Give the browser a session of `user`, as the login view would."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "url_name",
    ["accounts:login", "accounts:sign_up", "accounts:login_link", "accounts:password_reset"],
)
def test_the_sign_in_pages_have_no_accessibility_violations(page, transactional_db, url_name, lang):
    assert_no_violations(page, localized_path(url_name, lang))


def test_the_sign_in_page_with_errors_has_no_accessibility_violations(page, transactional_db):
    page.goto(localized_path("accounts:login", "fi"))
    page.fill("#id_username", "maija@example.org")
    page.fill("#id_password", "väärä")
    click_and_wait_for_the_next_page(page, page.locator("main button[type=submit]"))
    assert page.locator(".notice--error").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, "sign-in with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "url_name", ["accounts:account", "accounts:password_change", "accounts:delete"]
)
def test_the_account_pages_have_no_accessibility_violations(
    page, live_server, north_savo, url_name, lang
):
    user = UserFactory(email="maija@example.org", name="Maija Virtanen")
    OrganizationEditorFactory(user=user, organization=north_savo.pensioners)
    MunicipalityEditorFactory(user=user, municipality=north_savo.kuopio)
    # Consents to withdraw: the newsletter and contact details on a municipality card.
    SubscriberFactory(email=user.email)
    CardContactFactory(email=user.email)
    sign_in_as(page, live_server, user)
    assert_no_violations(page, localized_path(url_name, lang))


def test_the_account_page_has_no_accessibility_violations_on_a_phone(
    open_page, live_server, transactional_db
):
    page = open_page(**PHONE)
    sign_in_as(page, live_server, UserFactory())
    assert_no_violations(page, localized_path("accounts:account", "fi"))


def test_signing_in_works_without_javascript(open_page, transactional_db):
    from .factories import PASSWORD

    UserFactory(email="maija@example.org")
    page = open_page(java_script_enabled=False)
    page.goto(localized_path("accounts:login", "fi"))
    page.fill("#id_username", "maija@example.org")
    page.fill("#id_password", PASSWORD)
    click_and_wait_for_the_next_page(page, page.locator("main button[type=submit]"))
    assert page.url.endswith(localized_path("accounts:account", "fi"))
    assert page.locator("h1").inner_text()

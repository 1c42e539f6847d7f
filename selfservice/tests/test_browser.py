"""The dashboard and an edit form pass axe-core, on a phone too, and work without JavaScript."""

import pytest
from django.conf import settings
from django.test import Client

from core.tests.browser import (
    PHONE,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)

from .factories import coordinator, editor_of

pytestmark = pytest.mark.browser


def signed_in(open_page, live_server, user, **options):
    """A browser page with the user's session cookie, as if they had signed in."""
    client = Client()
    client.force_login(user)
    page = open_page(**options)
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


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize(
    "url_name",
    [
        "selfservice:dashboard",
        "selfservice:organization",
        "selfservice:organization_edit",
        "selfservice:event_create",
        "selfservice:activity_create",
        "selfservice:volunteering_create",
    ],
)
def test_the_self_service_page_has_no_accessibility_violations(
    open_page, live_server, north_savo, url_name, lang
):
    page = signed_in(open_page, live_server, editor_of(north_savo.pensioners))
    kwargs = {} if url_name.endswith("dashboard") else {"org": north_savo.pensioners.public_id}
    assert_no_violations(page, localized_path(url_name, lang, **kwargs))


def test_the_event_form_with_errors_has_no_violations_on_a_phone(
    open_page, live_server, north_savo
):
    page = signed_in(open_page, live_server, editor_of(north_savo.pensioners), **PHONE)
    page.goto(localized_path("selfservice:event_create", "fi", org=north_savo.pensioners.public_id))
    page.fill("#id_name_fi", "")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Tallenna"))
    assert page.locator("#error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)


def test_an_editor_adds_a_weekly_time_without_javascript(open_page, live_server, north_savo):
    page = signed_in(
        open_page, live_server, editor_of(north_savo.pensioners), java_script_enabled=False
    )
    page.goto(
        localized_path("selfservice:activity_create", "en", org=north_savo.pensioners.public_id)
    )
    page.fill("#id_name_fi", "Kävelyryhmä")
    click_and_wait_for_the_next_page(
        page, page.get_by_role("button", name="Add another weekly time")
    )
    assert page.locator("#id_schedule-1-start").count() == 1
    assert page.input_value("#id_name_fi") == "Kävelyryhmä"


def test_adding_a_place_and_its_queue_entry_have_no_violations_in_any_language(
    open_page, live_server, north_savo
):
    from core.models import PublicationStatus
    from places.tests.factories import PlaceFactory

    PlaceFactory(
        name_fi="Kylätalo Pihlaja",
        municipality=north_savo.kuopio,
        proposed_by=north_savo.pensioners,
        publication_status=PublicationStatus.PENDING,
    )
    editor = signed_in(open_page, live_server, editor_of(north_savo.pensioners))
    boss = signed_in(open_page, live_server, coordinator())
    org = north_savo.pensioners.public_id
    for lang in ["fi", "sv", "en"]:
        assert_no_violations(editor, localized_path("selfservice:place_create", lang, org=org))
        # With errors: the summary and the field messages.
        click_and_wait_for_the_next_page(editor, editor.locator("form.sform button[type=submit]"))
        assert editor.locator("#error-summary").is_visible()
        violations = axe_violations(editor)
        assert not violations, describe_violations(violations, editor.url)
        assert_no_violations(editor, localized_path("selfservice:organization", lang, org=org))
        assert_no_violations(boss, localized_path("moderation:queue", lang))

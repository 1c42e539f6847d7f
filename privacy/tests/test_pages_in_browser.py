"""The privacy notice, the accessibility statement and the content policy pass axe-core's
WCAG 2.1 A and AA rules in each language, and so does the feedback form with an error."""

import pytest

from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)

pytestmark = pytest.mark.browser

PAGES = ["privacy:notice", "privacy:accessibility", "privacy:content_policy"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url_name", PAGES)
def test_the_page_has_no_accessibility_violations(page, transactional_db, url_name, lang):
    path = localized_path(url_name, lang)
    response = page.goto(path)
    assert response.ok
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


def test_the_feedback_form_with_an_error_has_no_accessibility_violations(page, transactional_db):
    path = localized_path("privacy:accessibility", "fi")
    page.goto(path)
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Lähetä palaute"))
    assert page.locator(".field__error").count() == 1
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)

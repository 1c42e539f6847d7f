"""Every public page passes axe-core's WCAG 2.1 A and AA rules, in each language."""

import pytest

from core.tests.browser import (
    LANGUAGES,
    PHONE,
    axe_violations,
    describe_violations,
    localized_path,
)

pytestmark = pytest.mark.browser

# (URL name, the URL's kwargs for the north_savo data)
PAGES = [
    ("core:home", lambda data: {}),
    ("organizations:list", lambda data: {}),
    ("organizations:detail", lambda data: {"public_id": data.pensioners.public_id}),
    ("events:list", lambda data: {}),
    ("events:detail", lambda data: {"public_id": data.sign_language_cafe.public_id}),
    ("events:map", lambda data: {}),
    ("activities:list", lambda data: {}),
    ("activities:detail", lambda data: {"public_id": data.senior_dance.public_id}),
    ("municipalities:list", lambda data: {}),
    ("municipalities:detail", lambda data: {"slug": data.kuopio.slug}),
]


def assert_no_violations(page, path):
    """Open `path` and fail with every axe violation on it, if there are any."""
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("url_name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_the_page_has_no_accessibility_violations(page, north_savo, url_name, kwargs, lang):
    assert_no_violations(page, localized_path(url_name, lang, **kwargs(north_savo)))


@pytest.mark.parametrize("url_name", ["core:home", "events:list"])
def test_the_page_has_no_accessibility_violations_on_a_phone(open_page, north_savo, url_name):
    assert_no_violations(open_page(**PHONE), localized_path(url_name, "fi"))


# 140 is Iisalmi; a filter or an error unfolds the form's "More filters".
@pytest.mark.parametrize(
    "query", ["?municipality=140", "?start=not-a-date"], ids=["filtered", "invalid-filter"]
)
def test_the_event_list_with_its_filters_open_has_no_accessibility_violations(
    page, north_savo, query
):
    assert_no_violations(page, localized_path("events:list", "fi") + query)

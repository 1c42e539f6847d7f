"""The Content-Security-Policy blocks nothing the public pages need, in a real browser."""

import pytest

from core.tests.browser import localized_path

pytestmark = pytest.mark.browser

PAGES = [
    ("core:home", lambda data: {}),
    ("events:list", lambda data: {}),
    ("events:map", lambda data: {}),
    ("organizations:detail", lambda data: {"public_id": data.pensioners.public_id}),
    ("accounts:login", lambda data: {}),
]


@pytest.mark.parametrize(("url_name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_the_page_runs_without_content_security_policy_violations(
    page, north_savo, url_name, kwargs
):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto(localized_path(url_name, "fi", **kwargs(north_savo)))
    page.wait_for_load_state("load")
    assert violations == []


@pytest.mark.parametrize("path", ["/fi/admin/login/", "/api/v1/docs/"])
def test_the_admin_and_api_docs_run_under_their_own_policy(page, transactional_db, path):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert violations == []

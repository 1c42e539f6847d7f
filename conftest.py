"""Fixtures shared by every app's tests."""

import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings


def pytest_collection_modifyitems(items):
    # Browser tests run last, so the window in which Django's async-safety check is off
    # (see `browser`) holds only them; under xdist every worker orders items the same.
    # Among them the heavy ones go first, so that the test processes finish together
    # rather than one running the longest tests alone at the end.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            item.get_closest_marker("heavy") is None,
        )
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, one per test process (and per xdist worker).

    Skipped where Chromium is missing, except in CI (SAKKE_REQUIRE_BROWSER=1), where a
    missing browser fails the browser tests instead of silently skipping them.
    """
    from playwright.sync_api import sync_playwright

    from core.tests.browser import CHROMIUM, CHROMIUM_ARGS, missing_browser_reason

    reason = missing_browser_reason()
    if reason:
        if os.environ.get("SAKKE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}; SAKKE_REQUIRE_BROWSER=1 requires the browser tests to run")
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio event loop marked as running in this thread
    # while it is started, and Django then refuses ORM calls from the test code
    # (SynchronousOnlyOperation), though nothing here runs concurrently. Lift the check
    # for as long as Playwright runs, and no longer.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(scope="session")
def static_files():
    """Static files as the live server first answered them, by path, for every page.

    The live server answers them without caching headers, so Chromium fetches each again
    on every page; served from here, a page load costs one request instead of four.
    """
    return {}


@pytest.fixture
def open_page(browser, live_server, static_files):
    """Open a page in a fresh browser context, e.g. open_page(java_script_enabled=False)."""
    from core.tests.browser import EXTERNAL_URL

    contexts = []

    def serve_static(route):
        path = urlsplit(route.request.url).path
        answer = static_files.get(path)
        if answer is None:
            response = route.fetch()
            if response.status != 200:
                route.fulfill(response=response)
                return
            answer = static_files[path] = (response.headers, response.body())
        headers, body = answer
        route.fulfill(status=200, headers=headers, body=body)

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        # A missing element fails in 15 s, not 30; a loaded 2-core machine (other suites,
        # helpers' worktrees) took more than 5 s for a page with a live server and database.
        context.set_default_timeout(15_000)
        context.route(EXTERNAL_URL, lambda route: route.abort())
        context.route(f"{live_server.url}{settings.STATIC_URL}**", serve_static)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def north_savo(transactional_db):
    """The browser tests' data; made per test, as live-server tests empty the database."""
    from core.tests.browser import create_north_savo
    from search.signals import index_once

    with index_once():  # each object indexed once, not once per relation set
        return create_north_savo()


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """A test client's force_login of the coordinator, staff or a superuser gives a session
    past two-step verification, as if they had typed the app's code, so tests of their
    pages need not each enrol. SAKKE_REQUIRE_2FA stays on; tests of the second factor
    sign in with accounts.tests.second_factor.sign_in_without_second_factor."""
    from django.test import Client

    from accounts.tests.second_factor import force_login_past_second_factor

    monkeypatch.setattr(Client, "force_login", force_login_past_second_factor)


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise():
    """Run each test in English and undo any language a request or test activated.

    The test client's requests leave their language active in the thread, so without
    this a test's messages would depend on which test ran before it.
    """
    from django.utils import translation

    with translation.override("en"):
        yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_search_vocabularies():
    """Each test's search reads the municipalities, synonyms and audiences of its own data.

    The query parser keeps them for a minute per process (search.query), and a test's
    rows are gone when the next test starts.
    """
    from search.query import forget_vocabularies

    forget_vocabularies()
    yield


@pytest.fixture(autouse=True)
def public_forms_posted_as_a_person(monkeypatch):
    """Posts of the test client carry the signed time stamp a rendered public form has.

    core.antibot refuses a public form without it; a test that posts by hand, like a
    person who filled in the form a minute ago, gets one unless it sends its own (the
    tests of the defences send an empty or a fresh one).
    """
    import time

    from django.test import Client
    from django.test.client import MULTIPART_CONTENT

    from core.antibot import STAMP, make_stamp

    post = Client.post

    def post_with_stamp(self, path, data=None, content_type=MULTIPART_CONTENT, **extra):
        if isinstance(data, dict) and content_type == MULTIPART_CONTENT and STAMP not in data:
            data = {**data, STAMP: make_stamp(time.time() - 60)}
        return post(self, path, data, content_type, **extra)

    monkeypatch.setattr(Client, "post", post_with_stamp)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """django-ratelimit counts in the cache, which would otherwise outlive each test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def e_mailed_links_point_to_the_base_url(request, monkeypatch):
    """Fail a test whose e-mails link anywhere but SAKKE_BASE_URL (core.tests.mail_links).

    A test whose mail links another site on purpose (a grant's own page, a base URL given
    as an argument) names it: @pytest.mark.mail_links_elsewhere("https://kunta.example.fi/").
    A test with a live server runs the service at the live server's address, as
    `make run` sets the base URL from its PORT, so its e-mailed links can be followed.
    """
    from django.core.mail.backends.locmem import EmailBackend

    from core.tests.mail_links import LinkCheck

    if "live_server" in request.fixturenames:
        live_server = request.getfixturevalue("live_server")
        request.getfixturevalue("settings").SAKKE_BASE_URL = live_server.url
    elsewhere = [
        p for marker in request.node.iter_markers("mail_links_elsewhere") for p in marker.args
    ]
    check = LinkCheck(allowed=elsewhere)
    monkeypatch.setattr(EmailBackend, "send_messages", check.wrap(EmailBackend.send_messages))
    yield
    assert not check.wrong, "E-mailed links away from the base URL:\n" + "\n".join(check.wrong)


@pytest.fixture
def refusing_storage(settings, tmp_path, monkeypatch):
    """MEDIA_ROOT of the test's own whose writes fail, as on a full disk, once the test
    sets `.refusing = True` (core/tests/storage_faults.py)."""
    from core.tests.storage_faults import refusing_storage

    return refusing_storage(settings, tmp_path, monkeypatch)


@pytest.fixture
def page_cache_on():
    """Public pages kept in the page cache (off in tests otherwise), from an empty cache."""
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()

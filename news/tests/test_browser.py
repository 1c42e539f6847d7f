"""The news list, a post and the writing form pass axe-core's WCAG 2.1 A and AA rules."""

import pytest

from core.tests.browser import LANGUAGES, PHONE, axe_violations, describe_violations, localized_path
from selfservice.tests.factories import editor_of
from selfservice.tests.test_browser import signed_in

from .factories import NewsPostFactory

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.fixture
def post(north_savo):
    return NewsPostFactory(
        title_fi="Syyskokous 2025",
        lead_fi="Yhdistyksen sääntömääräinen syyskokous pidetään lokakuussa.",
        body_fi="<p>Tervetuloa!</p><ul><li>Kahvitarjoilu</li></ul>",
        organization=north_savo.pensioners,
        municipalities=[north_savo.kuopio],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_news_list_has_no_accessibility_violations(page, post, lang):
    assert_no_violations(page, localized_path("news:list", lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_news_post_has_no_accessibility_violations(page, post, lang):
    assert_no_violations(page, localized_path("news:detail", lang, public_id=post.public_id))


def test_the_news_list_has_no_accessibility_violations_on_a_phone(open_page, post):
    assert_no_violations(
        open_page(**PHONE), localized_path("news:list", "fi") + "?municipality=297"
    )


def test_the_writing_form_has_no_accessibility_violations(open_page, live_server, post):
    page = signed_in(open_page, live_server, editor_of(post.organization))
    assert_no_violations(page, localized_path("news:create", "fi"))

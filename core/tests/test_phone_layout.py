"""On a 375 px phone the header leaves the first screen to the page, the menu folds into a
disclosure that works without JavaScript, and no main page scrolls sideways."""

import pytest
from playwright.sync_api import expect

from cards.tests.factories import CardContactFactory, CardFactory, GrantPeriodFactory
from core.tests.browser import click_and_wait_for_the_next_page, localized_path
from news.tests.factories import NewsPostFactory
from programme.tests.factories import GoalFactory, MeasureFactory, ProgrammeFactory, ThemeFactory
from selfservice.tests.factories import coordinator
from selfservice.tests.test_browser import signed_in

pytestmark = pytest.mark.browser

SMALL_PHONE = {
    "viewport": {"width": 375, "height": 667},
    "is_mobile": True,
    "has_touch": True,
}


WIDEST_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
}"""


def page_width_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def site(north_savo):
    card = CardFactory(municipality=north_savo.kuopio)
    CardContactFactory(card=card, email="hyvinvointikoordinaattori.pitka.osoite@kuopio.example.fi")
    GrantPeriodFactory(grant__card=card)
    post = NewsPostFactory(organization=north_savo.pensioners, municipalities=[north_savo.kuopio])
    programme = ProgrammeFactory(slug="pohjois-savo")
    measure = MeasureFactory(goal=GoalFactory(theme=ThemeFactory(programme=programme)))
    north_savo.card, north_savo.post, north_savo.measure = card, post, measure
    return north_savo


def main_pages(site) -> list[str]:
    fi = "fi"
    return [
        localized_path("core:home", fi),
        localized_path("search:results", fi) + "?q=kuopio",
        localized_path("events:list", fi),
        localized_path("events:detail", fi, public_id=site.chair_exercise.public_id),
        localized_path("organizations:list", fi),
        localized_path("organizations:detail", fi, public_id=site.pensioners.public_id),
        localized_path("activities:list", fi),
        localized_path("activities:detail", fi, public_id=site.senior_dance.public_id),
        localized_path("activities:volunteering", fi),
        localized_path("municipalities:list", fi),
        localized_path("municipalities:detail", fi, slug=site.kuopio.slug),
        localized_path("cards:list", fi),
        localized_path("cards:detail", fi, slug=site.kuopio.slug),
        localized_path("cards:comparison", fi),
        localized_path("cards:grant_calendar", fi),
        localized_path("news:list", fi),
        localized_path("news:detail", fi, public_id=site.post.public_id),
        localized_path("newsletter:subscribe", fi),
        localized_path("programme:current", fi),
        localized_path("programme:current_timeline", fi),
        localized_path("core:about", fi),
    ]


def coordinator_pages(site) -> list[str]:
    fi = "fi"
    return [
        localized_path("selfservice:dashboard", fi),
        localized_path("moderation:queue", fi),
        localized_path("cards:stale", fi),
        localized_path("freshness:stale", fi),
        localized_path("newsletter:coordinator", fi),
        localized_path(
            "moderation:history", fi, kind="association", public_id=site.pensioners.public_id
        ),
    ]


def test_no_main_page_scrolls_sideways_on_a_375_px_phone(open_page, live_server, site):
    page = signed_in(open_page, live_server, coordinator(), **SMALL_PHONE)
    wide = []
    for path in main_pages(site) + coordinator_pages(site):
        response = page.goto(path)
        assert response.ok, f"GET {path} answered {response.status}"
        overflow = page_width_overflow(page)
        if overflow > 0:
            culprits = ", ".join(page.evaluate(WIDEST_ELEMENTS))
            wide.append(f"{path}: {overflow} px too wide ({culprits})")
    assert not wide, "\n".join(wide)


def test_the_phone_header_leaves_the_home_pages_search_on_the_first_screen(open_page, site):
    page = open_page(**SMALL_PHONE)
    page.goto(localized_path("core:home", "fi"))

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 200, f"the header is {header['height']} px tall"
    search = page.get_by_role("main").get_by_role("combobox").bounding_box()
    assert search["y"] + search["height"] <= 667, "the search box is below the first screen"


def test_the_phone_menu_opens_and_leads_to_every_section_without_javascript(open_page, site):
    page = open_page(java_script_enabled=False, **SMALL_PHONE)
    page.goto(localized_path("core:home", "fi"))
    menu = page.get_by_role("navigation", name="Päävalikko")
    expect(menu.get_by_role("link", name="Tapahtumat")).to_be_hidden()

    page.get_by_text("Valikko", exact=True).click()
    expect(menu.get_by_role("link", name="Kuntakortit")).to_be_visible()
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()
    click_and_wait_for_the_next_page(page, menu.get_by_role("link", name="Tapahtumat"))

    assert page.url.endswith(localized_path("events:list", "fi"))
    page.get_by_text("Valikko", exact=True).click()
    current = menu.get_by_role("link", name="Tapahtumat")
    expect(current).to_have_attribute("aria-current", "page")

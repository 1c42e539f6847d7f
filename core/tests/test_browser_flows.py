"""What a resident clicks through, in a real browser, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from core.tests.browser import localized_path

pytestmark = pytest.mark.browser


def full_url(live_server, path):
    return live_server.url + path


def test_a_resident_finds_an_association_from_the_home_page(page, live_server, north_savo):
    association = north_savo.pensioners
    page.goto(localized_path("core:home", "fi"))

    search = page.get_by_role("main").get_by_role("combobox")
    search.fill("eläkeläiset")
    search.press("Enter")
    result = page.get_by_role("link", name=association.name_fi)
    expect(result).to_be_visible()
    expect(page.get_by_role("link", name=north_savo.culture_society.name_fi)).to_have_count(0)
    result.click()

    detail = localized_path("organizations:detail", "fi", public_id=association.public_id)
    expect(page).to_have_url(full_url(live_server, detail))
    expect(page.get_by_role("heading", level=1)).to_have_text(association.name_fi)


def choose_municipality(page, municipality):
    filters = page.get_by_role("search")
    filters.locator("summary").click()  # "More filters" is folded away until asked for
    filters.get_by_role("combobox", name=re.compile("kunta|municipality", re.I)).select_option(
        label=municipality.name_fi
    )


def expect_only_events_of_iisalmi(page, north_savo):
    for event in (north_savo.poetry_evening, north_savo.cancelled_concert):
        expect(page.get_by_role("link", name=event.name_fi)).to_be_visible()
    for event in (north_savo.chair_exercise, north_savo.family_evening):
        expect(page.get_by_role("link", name=event.name_fi)).to_have_count(0)


def test_filtering_events_by_municipality_updates_the_list_in_place_and_the_url(
    page, open_page, north_savo
):
    page.goto(localized_path("events:list", "fi"))
    expect(page.get_by_role("link", name=north_savo.chair_exercise.name_fi)).to_be_visible()
    # A full page load would forget this; an htmx swap of the results keeps it.
    page.evaluate("window.sakkeNotReloaded = true")

    choose_municipality(page, north_savo.iisalmi)

    expect(page).to_have_url(re.compile(rf"[?&]municipality={north_savo.iisalmi.code}(&|$)"))
    expect_only_events_of_iisalmi(page, north_savo)
    assert page.evaluate("window.sakkeNotReloaded === true"), "the filter reloaded the page"

    shared = open_page()
    shared.goto(page.url)
    expect_only_events_of_iisalmi(shared, north_savo)


def test_filtering_events_by_municipality_works_without_javascript(open_page, north_savo):
    page = open_page(java_script_enabled=False)
    page.goto(localized_path("events:list", "fi"))

    choose_municipality(page, north_savo.iisalmi)
    page.get_by_role("search").get_by_role("button").click()

    expect(page).to_have_url(re.compile(rf"[?&]municipality={north_savo.iisalmi.code}(&|$)"))
    expect_only_events_of_iisalmi(page, north_savo)


def test_switching_to_swedish_on_an_event_page_shows_the_same_event_in_swedish(
    page, live_server, north_savo
):
    event = north_savo.chair_exercise
    page.goto(localized_path("events:detail", "fi", public_id=event.public_id))

    page.get_by_role("link", name="Svenska", exact=True).click()

    swedish = localized_path("events:detail", "sv", public_id=event.public_id)
    expect(page).to_have_url(full_url(live_server, swedish))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.name_sv)


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(
    page, north_savo
):
    page.goto(localized_path("core:home", "fi"))
    main = page.get_by_role("main")

    main_id = main.get_attribute("id")
    assert main_id, "<main> has no id for a skip link to point to"

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", f"#{main_id}")
    box = skip_link.bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1, "the focused skip link is not shown"

    page.keyboard.press("Enter")
    expect(main).to_be_focused()

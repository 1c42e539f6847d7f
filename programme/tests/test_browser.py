"""The programme pages pass axe-core's WCAG 2.1 A and AA rules in fi, sv and en, and an
association's editor adopts a measure and reports progress by clicking through them."""

import re

import pytest

from core.tests.browser import (
    LANGUAGES,
    PHONE,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from programme.models import PartyKind
from selfservice.tests.factories import coordinator, editor_of
from selfservice.tests.test_browser import signed_in

from .factories import (
    CommitmentFactory,
    GoalFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ResponsibilityFactory,
    TaskFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.fixture
def measure(north_savo):
    programme = ProgrammeFactory(
        slug="pohjois-savo",
        name_fi="Järjestöjen Pohjois-Savo 2030",
        future_outlook_fi="Vapaaehtoisuus muuttuu lyhytkestoisemmaksi.",
    )
    goal = GoalFactory(
        theme=ThemeFactory(programme=programme, name_fi="Yhteistyö"),
        identifier="2.1",
        name_fi="Järjestöt ovat kumppaneita",
    )
    measure = MeasureFactory(
        goal=goal, identifier="2.1.3", name_fi="Yhteinen koulutuskalenteri", end_year=2025
    )
    MeasureFactory(goal=goal, identifier="2.1.4", status="in_progress", start_year=2027)
    ResponsibilityFactory(measure=measure, kind=PartyKind.NETWORK, name="Järjestöverkosto")
    ResponsibilityFactory(
        measure=measure,
        kind=PartyKind.ASSOCIATION,
        organization=north_savo.pensioners,
        name="",
        role="collaborating",
    )
    TaskFactory(measure=measure)
    commitment = CommitmentFactory(measure=measure, organization=north_savo.pensioners)
    ProgressReportFactory(commitment=commitment)
    return measure


PAGES = [
    ("programme:current", lambda m: {}),
    ("programme:current_timeline", lambda m: {}),
    ("programme:goal", lambda m: {"public_id": m.goal.public_id}),
    ("programme:measure", lambda m: {"public_id": m.public_id}),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("url_name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_the_page_has_no_accessibility_violations(page, measure, url_name, kwargs, lang):
    assert_no_violations(page, localized_path(url_name, lang, **kwargs(measure)))


@pytest.mark.parametrize("url_name", ["programme:current_timeline", "programme:measure"])
def test_the_page_has_no_accessibility_violations_on_a_phone(open_page, measure, url_name):
    kwargs = dict(PAGES)[url_name](measure)
    assert_no_violations(open_page(**PHONE), localized_path(url_name, "fi", **kwargs))


def test_the_self_service_forms_have_no_accessibility_violations(open_page, live_server, measure):
    commitment = measure.commitments.get()
    page = signed_in(open_page, live_server, editor_of(commitment.organization))
    assert_no_violations(page, localized_path("programme:adopt", "fi", public_id=measure.public_id))
    assert_no_violations(
        page, localized_path("programme:report", "fi", public_id=commitment.public_id)
    )
    assert_no_violations(page, localized_path("programme:our_commitments", "fi"))


def test_an_editor_adopts_a_measure_and_reports_and_the_coordinator_reviews_it(
    open_page, live_server, north_savo, measure
):
    other = MeasureFactory(
        goal=measure.goal, identifier="2.1.9", name_fi="Kylätalojen yhteiskäyttö"
    )
    association = north_savo.pensioners
    page = signed_in(open_page, live_server, editor_of(association), java_script_enabled=False)

    page.goto(localized_path("programme:measure", "fi", public_id=other.public_id))
    click_and_wait_for_the_next_page(
        page, page.get_by_role("link", name="Ota toimenpide yhdistyksesi toimintaan")
    )
    page.get_by_label("Otamme tämän toimenpiteen osaksi toimintaamme").check()
    page.get_by_label("Mitä yhdistyksenne tekee?").fill("Avaamme kylätalon kerhoille.")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Otamme"))

    report_link = page.get_by_role("link", name=re.compile("Kerro etenemisestä.*Kylätalojen"))
    click_and_wait_for_the_next_page(page, report_link)
    page.get_by_label("Mitä yhdistyksenne on tehnyt?").fill("Kolme kerhoa aloitti syksyllä.")
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Lähetä raportti"))

    # The report is public at once and waits in the coordinator's queue as changed.
    reviewer = signed_in(open_page, live_server, coordinator(), java_script_enabled=False)
    reviewer.goto(localized_path("moderation:queue", "fi"))
    report_in_queue = re.compile(r"Merkitse käsitellyksi.*Kylätalojen yhteiskäyttö \d{4}-")
    click_and_wait_for_the_next_page(reviewer, reviewer.get_by_role("button", name=report_in_queue))
    assert reviewer.get_by_role("button", name=report_in_queue).count() == 0

    page.goto(localized_path("programme:measure", "fi", public_id=other.public_id))
    assert page.get_by_text("Kolme kerhoa aloitti syksyllä.").is_visible()
    page.goto(association.get_absolute_url())
    assert page.get_by_role("link", name="2.1.9 Kylätalojen yhteiskäyttö").is_visible()


def test_the_coordinators_measure_form_has_no_accessibility_violations(
    open_page, live_server, measure
):
    page = signed_in(open_page, live_server, coordinator())
    assert_no_violations(
        page, localized_path("programme:measure_edit", "fi", public_id=measure.public_id)
    )


def test_the_dashboard_in_every_language_and_the_coordinators_pages_have_no_violations(
    open_page, live_server, measure
):
    import datetime as dt

    from programme.models import IndicatorValue

    from .factories import IndicatorFactory

    programme = measure.goal.theme.programme
    indicator = IndicatorFactory(
        programme=programme, name_fi="Jäsenmäärä", target=500, target_year=2028, baseline=300
    )
    for year, value in ((2024, 300), (2025, 340), (2026, 380)):
        IndicatorValue.objects.create(
            indicator=indicator, date=dt.date(year, 1, 1), value=value, source="Kysely"
        )
    page = signed_in(open_page, live_server, coordinator())
    for lang in LANGUAGES:
        assert_no_violations(page, localized_path("programme:dashboard", lang, slug=programme.slug))
    for url_name, kwargs in [
        ("programme:manage", {"slug": programme.slug}),
        ("programme:goal_edit", {"public_id": measure.goal.public_id}),
        ("programme:measure_parties", {"public_id": measure.public_id}),
        ("programme:task_add", {"public_id": measure.public_id}),
        ("programme:indicator_edit", {"public_id": indicator.public_id}),
        ("programme:indicator_value", {"public_id": indicator.public_id}),
        ("programme:measures_import", {"slug": programme.slug}),
        ("programme:reminders", {}),
    ]:
        assert_no_violations(page, localized_path(url_name, "fi", **kwargs))

"""The public programme pages and the pages where associations adopt measures and report."""

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.models import PublicationStatus
from organizations.tests.factories import OrganizationFactory
from programme.models import Commitment, MeasureStatus, PartyKind, ProgressReport
from selfservice.tests.factories import coordinator, editor_of

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

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)


@pytest.fixture
def measure():
    programme = ProgrammeFactory(name_fi="Järjestöjen Pohjois-Savo 2030", slug="pohjois-savo")
    goal = GoalFactory(theme=ThemeFactory(programme=programme), name_fi="Yhteistyö vahvistuu")
    return MeasureFactory(goal=goal, identifier="2.3", name_fi="Yhteinen koulutuskalenteri")


@time_machine.travel(TODAY)
def test_the_overview_shows_goals_measures_and_the_late_ones(client, measure):
    late = MeasureFactory(goal=measure.goal, name_fi="Myöhässä oleva", end_year=2025, end_period=4)
    response = client.get(reverse("programme:current"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Yhteistyö vahvistuu" in page
    assert "Yhteinen koulutuskalenteri" in page
    assert list(response.context["late_measures"]) == [late]
    counts = {status: count for status, _label, count in response.context["status_rows"]}
    assert counts["late"] == 1
    assert counts["not_started"] == 1


def test_the_overview_of_an_earlier_programme_is_readable_by_its_name(client, measure):
    ProgrammeFactory(slug="vanha", name_fi="Vanha ohjelma", start_year=2019, end_year=2022)
    response = client.get(reverse("programme:detail", args=["vanha"]))
    assert response.status_code == 200
    assert "Vanha ohjelma" in response.content.decode()


def test_the_overview_runs_a_fixed_number_of_queries(client, measure):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("programme:current")).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(3):
        m = MeasureFactory(goal=GoalFactory(theme=measure.goal.theme))
        ProgressReportFactory(commitment=CommitmentFactory(measure=m))
    assert queries() == before


def test_the_measure_page_shows_who_when_tasks_commitments_and_updates(client, measure):
    ResponsibilityFactory(measure=measure, kind=PartyKind.NETWORK, name="Sote-järjestöverkosto")
    TaskFactory(measure=measure, name_fi="Kokoa kalenterin pohja")
    CommitmentFactory(measure=measure, organization=OrganizationFactory(name_fi="Kaavin Martat"))
    hidden = CommitmentFactory(
        measure=measure,
        organization=OrganizationFactory(name_fi="Luonnosyhdistys"),
        publication_status=PublicationStatus.DRAFT,
    )
    ProgressReportFactory(commitment=hidden, text="Ei näy.")
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Sote-järjestöverkosto" in page
    assert "Kokoa kalenterin pohja" in page
    assert "Kaavin Martat" in page
    assert "Luonnosyhdistys" not in page
    assert "Ei näy." not in page
    assert "Q1/2025–Q4/2026" in page


def test_the_goal_page_lists_its_measures(client, measure):
    page = client.get(measure.goal.get_absolute_url()).content.decode()
    assert "Yhteinen koulutuskalenteri" in page


def test_the_timeline_marks_the_quarters_a_measure_runs_in(client, measure):
    response = client.get(reverse("programme:timeline", args=["pohjois-savo"]))
    (row,) = response.context["rows"]
    # 2025–2028 by quarter; the measure runs through 2025 and 2026.
    assert row.cells == [True] * 8 + [False] * 8


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pages_work_in_every_language(client, measure, language):
    with translation.override(language):
        urls = [
            reverse("programme:current"),
            reverse("programme:current_timeline"),
            measure.get_absolute_url(),
            measure.goal.get_absolute_url(),
        ]
    for url in urls:
        assert url.startswith(f"/{language}/")
        assert client.get(url).status_code == 200


def test_an_editor_adopts_a_measure_without_javascript(client, measure):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    url = reverse("programme:adopt", args=[measure.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"organization": association.public_id, "adopt": "on", "description": "Kaksi iltaa."},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.organization == association
    assert client.get(response.url).status_code == 200


def test_an_editor_cannot_adopt_a_measure_for_another_association(client, measure):
    client.force_login(editor_of(OrganizationFactory()))
    other = OrganizationFactory()
    response = client.post(
        reverse("programme:adopt", args=[measure.public_id]),
        {"organization": other.public_id, "adopt": "on", "description": "Kaksi iltaa."},
    )
    assert response.status_code == 200  # the form says the choice is not valid
    assert not Commitment.objects.exists()


def test_someone_without_an_association_cannot_adopt(client, measure):
    client.force_login(editor_of())
    assert client.get(reverse("programme:adopt", args=[measure.public_id])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, measure):
    response = client.get(reverse("programme:adopt", args=[measure.public_id]))
    assert response.status_code == 302
    assert "next=" in response.url


def test_an_editor_reports_progress_and_it_appears_on_the_measure_page(client, measure):
    commitment = CommitmentFactory(measure=measure)
    client.force_login(editor_of(commitment.organization))
    response = client.post(
        reverse("programme:report", args=[commitment.public_id]),
        {"date": "2026-01-10", "text": "Kalenteri julkaistiin."},
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().text == "Kalenteri julkaistiin."
    assert "Kalenteri julkaistiin." in client.get(measure.get_absolute_url()).content.decode()


def test_an_editor_of_another_association_cannot_report(client, measure):
    commitment = CommitmentFactory(measure=measure)
    client.force_login(editor_of(OrganizationFactory()))
    response = client.post(
        reverse("programme:report", args=[commitment.public_id]),
        {"date": "2026-01-10", "text": "Ei meidän."},
    )
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_our_commitments_lists_the_associations_measures(client, measure):
    commitment = CommitmentFactory(measure=measure, publication_status=PublicationStatus.DRAFT)
    client.force_login(editor_of(commitment.organization))
    page = client.get(reverse("programme:our_commitments")).content.decode()
    assert "Yhteinen koulutuskalenteri" in page


def test_a_responsible_association_posts_an_update_from_the_measure_page(client, measure):
    association = OrganizationFactory()
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    client.force_login(editor_of(association))
    response = client.post(
        reverse("programme:update", args=[measure.public_id]),
        {"party": str(association), "status": "in_progress", "text": "Aloitettu."},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_PROGRESS


def test_others_cannot_open_the_update_page(client, measure):
    client.force_login(editor_of(OrganizationFactory()))
    assert client.get(reverse("programme:update", args=[measure.public_id])).status_code == 403


def test_the_coordinator_ticks_a_task_done_from_the_measure_page(client, measure):
    task = TaskFactory(measure=measure)
    client.force_login(coordinator())
    response = client.post(reverse("programme:task_done", args=[task.pk]), {"done": "1"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.is_done


def test_others_cannot_tick_a_task_done(client, measure):
    task = TaskFactory(measure=measure)
    client.force_login(editor_of(OrganizationFactory()))
    response = client.post(reverse("programme:task_done", args=[task.pk]), {"done": "1"})
    assert response.status_code == 403


def test_the_main_navigation_links_the_programme(client, measure):
    assert reverse("programme:current") in client.get(reverse("core:home")).content.decode()


def test_the_associations_page_shows_its_public_commitments(client, measure):
    association = OrganizationFactory()
    CommitmentFactory(measure=measure, organization=association, description="Kaksi iltaa.")
    page = client.get(association.get_absolute_url()).content.decode()
    assert "Yhteinen koulutuskalenteri" in page
    assert "Kaksi iltaa." in page


def test_the_addresses_and_the_adopt_box_are_in_finnish(client, measure):
    with translation.override("fi"):
        assert reverse("programme:current") == "/fi/yhdistysohjelma/"
        url = reverse("programme:adopt", args=[measure.public_id])
    client.force_login(editor_of(OrganizationFactory()))
    page = client.get(url).content.decode()
    assert "Otamme tämän toimenpiteen osaksi toimintaamme" in page


def test_the_addresses_are_in_swedish(client, measure):
    with translation.override("sv"):
        assert reverse("programme:current") == "/sv/foreningsprogram/"


def test_the_report_form_offers_today_in_the_format_a_date_input_reads(client, measure):
    commitment = CommitmentFactory(measure=measure)
    client.force_login(editor_of(commitment.organization))
    with time_machine.travel(TODAY):
        page = client.get(reverse("programme:report", args=[commitment.public_id])).text
    assert 'value="2026-06-15"' in page


def test_the_sitemap_lists_the_programme_its_goals_and_measures(client, measure):
    cache.clear()
    measures = client.get("/sitemap-programme-measures-fi.xml").content.decode()
    goals = client.get("/sitemap-programme-goals-sv.xml").content.decode()
    pages = client.get("/sitemap-programmes-fi.xml").content.decode()
    cache.clear()
    assert measure.public_id in measures
    assert "/sv/foreningsprogram/" in goals and measure.goal.public_id in goals
    assert "/fi/yhdistysohjelma/pohjois-savo/aikajana/" in pages


def test_the_associations_self_service_page_links_its_programme_measures(client, measure):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    page = client.get(reverse("selfservice:organization", args=[association.public_id])).text
    assert reverse("programme:our_commitments") + f"?org={quote(association.public_id)}" in page


def test_the_coordinator_edits_a_measures_schedule_and_status(client, measure):
    client.force_login(coordinator())
    url = reverse("programme:measure_edit", args=[measure.public_id])
    assert "Edit the measure" in client.get(measure.get_absolute_url()).text
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "identifier": "2.3",
            "name_fi": "Yhteinen koulutuskalenteri",
            "schedule_unit": "half_year",
            "start_year": 2025,
            "start_period": 1,
            "end_year": 2027,
            "end_period": 2,
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.ends_on == dt.date(2027, 12, 31)
    assert measure.status == MeasureStatus.IN_PROGRESS


def test_the_measure_form_names_a_bad_period(client, measure):
    client.force_login(coordinator())
    response = client.post(
        reverse("programme:measure_edit", args=[measure.public_id]),
        {
            "identifier": "2.3",
            "name_fi": "Yhteinen koulutuskalenteri",
            "schedule_unit": "half_year",
            "start_year": 2025,
            "start_period": 3,
            "end_year": 2025,
            "end_period": 2,
            "status": "in_progress",
        },
    )
    assert response.status_code == 200
    assert "start_period" in response.context["form"].errors


def test_an_association_editor_cannot_edit_a_measure(client, measure):
    client.force_login(editor_of(OrganizationFactory()))
    assert "Edit the measure" not in client.get(measure.get_absolute_url()).text
    url = reverse("programme:measure_edit", args=[measure.public_id])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "name", ["adopt", "update", "measure_edit", "report", "our_commitments", "task_done"]
)
def test_every_page_that_writes_sends_an_anonymous_visitor_to_sign_in(client, measure, name):
    commitment = CommitmentFactory(measure=measure)
    args = {
        "adopt": [measure.public_id],
        "update": [measure.public_id],
        "measure_edit": [measure.public_id],
        "report": [commitment.public_id],
        "our_commitments": [],
        "task_done": [TaskFactory(measure=measure).pk],
    }[name]
    url = reverse(f"programme:{name}", args=args)
    response = client.post(url) if name == "task_done" else client.get(url)
    assert response.status_code == 302
    assert "next=" in response.url


def test_someone_without_an_association_has_no_commitments_page(client, measure):
    client.force_login(editor_of())
    assert client.get(reverse("programme:our_commitments")).status_code == 403

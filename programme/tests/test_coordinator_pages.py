"""The coordinator's pages of the programme, and who may use every page this work added.

The matrix: each new page against each role. A refused request changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory
from core.history import record, versions_of
from organizations.tests.factories import OrganizationFactory
from programme.models import (
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    PartyKind,
    Programme,
    Responsibility,
    Task,
)
from selfservice.tests.factories import UserFactory, coordinator, editor_of

from .factories import (
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgrammeFactory,
    ResponsibilityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    programme = ProgrammeFactory(slug="pohjois-savo")
    theme = ThemeFactory(programme=programme)
    goal = GoalFactory(theme=theme, identifier="1.1")
    association = OrganizationFactory()
    measure = MeasureFactory(goal=goal, identifier="1.1.1", name_fi="Kalenteri")
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    indicator = IndicatorFactory(programme=programme)
    role = MunicipalityEditorFactory()
    return {
        "programme": programme,
        "theme": theme,
        "goal": goal,
        "measure": measure,
        "indicator": indicator,
        "association": association,
        "users": {
            "no_role": UserFactory(),
            "editor": editor_of(association),  # responsible for the measure, yet not its editor
            "municipality_editor": role.user,
            "coordinator": coordinator(),
        },
    }


def _state():
    return (
        list(Programme.objects.values_list("pk", "name_fi", "updated_at")),
        list(Goal.objects.values_list("pk", "name_fi", "updated_at")),
        list(Measure.objects.values_list("pk", "name_fi", "status", "updated_at")),
        list(Responsibility.objects.values_list("pk", "kind")),
        list(Task.objects.values_list("pk", "name_fi")),
        list(Indicator.objects.values_list("pk", "name_fi", "updated_at")),
        list(IndicatorValue.objects.values_list("pk", "value")),
    )


def _pages(w):
    """(name, url, the data a coordinator would post)."""
    p, goal, measure, indicator = w["programme"], w["goal"], w["measure"], w["indicator"]
    return [
        ("manage", reverse("programme:manage", args=[p.slug]), None),
        (
            "programme_add",
            reverse("programme:programme_add"),
            {"name_fi": "Uusi", "slug": "uusi", "start_year": 2029, "end_year": 2032},
        ),
        (
            "edit",
            reverse("programme:edit", args=[p.slug]),
            {"name_fi": "Uusi nimi", "slug": p.slug, "start_year": 2025, "end_year": 2028},
        ),
        (
            "goal_add",
            reverse("programme:goal_add", args=[p.slug]),
            {"theme": w["theme"].pk, "identifier": "1.2", "name_fi": "Uusi tavoite", "order": 0},
        ),
        (
            "goal_edit",
            reverse("programme:goal_edit", args=[goal.public_id]),
            {"theme": w["theme"].pk, "identifier": "1.1", "name_fi": "Muutettu", "order": 0},
        ),
        (
            "measure_parties",
            reverse("programme:measure_parties", args=[measure.public_id]),
            {
                "party-TOTAL_FORMS": 2,
                "party-INITIAL_FORMS": 1,
                "party-0-role": "primary",
                "party-0-kind": "association",
                "party-0-organization": w["association"].public_id,
                "party-1-role": "collaborating",
                "party-1-kind": "network",
                "party-1-name": "Verkosto",
            },
        ),
        (
            "task_add",
            reverse("programme:task_add", args=[measure.public_id]),
            {"name": "Kutsu koolle", "due_date": "2026-09-30"},
        ),
        (
            "indicator_add",
            reverse("programme:indicator_add", args=[p.slug]),
            {
                "name_fi": "Sitoumukset",
                "kind": "computed",
                "source_key": "programme.commitments",
                "order": 0,
            },
        ),
        (
            "indicator_edit",
            reverse("programme:indicator_edit", args=[indicator.public_id]),
            {"name_fi": "Jäsenet", "kind": "manual", "order": 0, "target": "500"},
        ),
        (
            "indicator_value",
            reverse("programme:indicator_value", args=[indicator.public_id]),
            {"year": 2025, "value": "340", "source": "Kysely"},
        ),
        ("measures_import", reverse("programme:measures_import", args=[p.slug]), None),
    ]


PAGE_NAMES = [
    "manage",
    "programme_add",
    "edit",
    "goal_add",
    "goal_edit",
    "measure_parties",
    "task_add",
    "indicator_add",
    "indicator_edit",
    "indicator_value",
    "measures_import",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_changes(client, world, name):
    url, data = next((u, d) for n, u, d in _pages(world) if n == name)
    before = _state()
    for response in (client.get(url), client.post(url, data or {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert _state() == before


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("role", ["no_role", "editor", "municipality_editor"])
def test_no_one_but_the_coordinator_may_open_or_post(client, world, name, role):
    url, data = next((u, d) for n, u, d in _pages(world) if n == name)
    client.force_login(world["users"][role])
    before = _state()
    assert client.get(url).status_code == 403
    assert client.post(url, data or {}).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("name", [n for n in PAGE_NAMES if n not in ("manage", "measures_import")])
def test_the_coordinator_opens_each_page_and_saves_through_it(client, world, name):
    url, data = next((u, d) for n, u, d in _pages(world) if n == name)
    client.force_login(world["users"]["coordinator"])
    assert client.get(url).status_code == 200
    before = _state()
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert _state() != before


def test_the_coordinators_overview_lists_goals_measures_and_indicators(client, world):
    client.force_login(world["users"]["coordinator"])
    page = client.get(reverse("programme:manage", args=["pohjois-savo"])).content.decode()
    assert "Kalenteri" in page and world["indicator"].name_fi in page


def test_the_parties_page_replaces_the_list_and_a_bad_id_changes_nothing(client, world):
    url, data = next((u, d) for n, u, d in _pages(world) if n == "measure_parties")
    client.force_login(world["users"]["coordinator"])
    client.post(url, data)
    assert sorted(world["measure"].responsibilities.values_list("kind", flat=True)) == [
        "association",
        "network",
    ]
    before = _state()
    response = client.post(url, {**data, "party-0-organization": "sakke:no-such"})
    assert response.status_code == 200
    assert "No association has this id" in response.content.decode()
    assert _state() == before


def test_a_manual_value_from_the_page_shows_on_the_dashboard(client, world):
    url, data = next((u, d) for n, u, d in _pages(world) if n == "indicator_value")
    client.force_login(world["users"]["coordinator"])
    client.post(url, data)
    assert world["indicator"].points.get().value == Decimal(340)
    page = client.get(reverse("programme:dashboard", args=["pohjois-savo"])).content.decode()
    assert "Kysely" in page


def test_the_coordinator_restores_an_earlier_version_of_a_measure_with_its_parties(client, world):
    measure = world["measure"]
    boss = world["users"]["coordinator"]
    with record(boss, "First"):
        measure.save()
    with record(boss, "Renamed"):
        measure.name_fi = "Uusi nimi"
        measure.save()
        measure.responsibilities.all().delete()
    earlier = versions_of(measure)[1]
    client.force_login(boss)
    history = reverse("moderation:history", args=["measure", measure.public_id])
    assert client.get(history).status_code == 200
    restore = reverse("moderation:restore", args=["measure", measure.public_id, earlier.pk])
    assert client.post(restore).status_code == 302
    measure.refresh_from_db()
    assert measure.name_fi == "Kalenteri"
    assert measure.responsibilities.count() == 1


def test_a_responsible_partys_editor_cannot_restore_a_measure(client, world):
    measure = world["measure"]
    with record(world["users"]["coordinator"], "First"):
        measure.save()
    version = versions_of(measure)[0]
    client.force_login(world["users"]["editor"])
    restore = reverse("moderation:restore", args=["measure", measure.public_id, version.pk])
    assert client.post(restore).status_code == 403
    assert versions_of(measure).count() == 1
    assert (
        client.get(reverse("moderation:history", args=["measure", measure.public_id])).status_code
        == 403
    )


@pytest.mark.parametrize("role", [None, "no_role", "editor", "coordinator"])
def test_the_dashboard_its_data_and_the_measures_file_are_public(client, world, role):
    if role:
        client.force_login(world["users"][role])
    slug = world["programme"].slug
    for url in (
        reverse("programme:dashboard", args=[slug]),
        reverse("programme:dashboard_data", args=[slug, "goals", "csv"]),
        reverse("programme:measures_file", args=[slug, "csv"]),
    ):
        assert client.get(url).status_code == 200


def test_a_task_without_a_due_date_is_not_saved(client, world):
    url = reverse("programme:task_add", args=[world["measure"].public_id])
    client.force_login(world["users"]["coordinator"])
    response = client.post(url, {"name": "Ilman päivää"})
    assert response.status_code == 200
    assert not Task.objects.filter(name_fi="Ilman päivää").exists()

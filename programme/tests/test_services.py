"""Who may write what in the programme, and what each write does."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import MunicipalityEditorFactory
from core.history import versions_of
from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from programme.models import MeasureStatus, PartyKind
from programme.services import (
    commitment_create,
    goal_save,
    measure_parties_set,
    measure_save,
    measure_update_add,
    programme_save,
    progress_report_add,
    task_add,
    task_set_done,
)
from selfservice.tests.factories import UserFactory, coordinator, editor_of

from .factories import (
    CommitmentFactory,
    GoalFactory,
    MeasureFactory,
    ResponsibilityFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def test_an_editor_of_an_association_adopts_a_measure_for_it():
    association = OrganizationFactory()
    measure = MeasureFactory()
    commitment = commitment_create(
        user=editor_of(association),
        measure=measure,
        organization=association,
        description="Pidämme avoimet ovet.",
    )
    assert commitment.publication_status == PublicationStatus.PUBLISHED
    assert commitment.public_id == f"sakke:{commitment.pk}"
    assert commitment.reviewed_at is None
    assert len(versions_of(commitment)) == 1


def test_an_editor_of_association_a_cannot_commit_for_association_b():
    a, b = OrganizationFactory(), OrganizationFactory()
    with pytest.raises(PermissionDenied):
        commitment_create(
            user=editor_of(a), measure=MeasureFactory(), organization=b, description="Teemme."
        )


def test_an_association_adopts_a_measure_only_once():
    association = OrganizationFactory()
    commitment = CommitmentFactory(organization=association)
    with pytest.raises(ValidationError):
        commitment_create(
            user=editor_of(association),
            measure=commitment.measure,
            organization=association,
            description="Uudestaan.",
        )


def test_a_commitment_says_what_the_association_will_do():
    association = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        commitment_create(
            user=editor_of(association),
            measure=MeasureFactory(),
            organization=association,
            description="  ",
        )
    assert "description" in error.value.error_dict


def test_a_commitment_of_an_association_not_yet_approved_waits_for_the_coordinator():
    association = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    commitment = commitment_create(
        user=editor_of(association),
        measure=MeasureFactory(),
        organization=association,
        description="Teemme.",
    )
    assert commitment.publication_status == PublicationStatus.PENDING


def test_a_progress_report_is_public_at_once_and_waits_for_review():
    commitment = CommitmentFactory()
    report = progress_report_add(
        user=editor_of(commitment.organization), commitment=commitment, text="Pidimme illan."
    )
    assert report.publication_status == PublicationStatus.PUBLISHED
    assert report.reviewed_at is None


def test_an_editor_of_association_a_cannot_report_for_association_b():
    commitment = CommitmentFactory()
    with pytest.raises(PermissionDenied):
        progress_report_add(
            user=editor_of(OrganizationFactory()), commitment=commitment, text="Pidimme illan."
        )


def test_the_coordinators_report_needs_no_review():
    commitment = CommitmentFactory()
    report = progress_report_add(user=coordinator(), commitment=commitment, text="Hyvin menee.")
    assert report.reviewed_at is not None


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
def test_a_report_cannot_be_dated_in_the_future():
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError):
        progress_report_add(
            user=editor_of(commitment.organization),
            commitment=commitment,
            text="Huomenna.",
            date=dt.date(2026, 3, 2),
        )


def test_a_responsible_association_posts_an_update_and_the_measure_takes_its_status():
    association = OrganizationFactory()
    measure = MeasureFactory()
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    update = measure_update_add(
        user=editor_of(association),
        measure=measure,
        text="Työ on alkanut.",
        status=MeasureStatus.IN_PROGRESS,
        party=str(association),
    )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_PROGRESS
    assert update.author is not None
    assert len(versions_of(update)) == 1


def test_an_association_not_responsible_for_a_measure_cannot_update_it():
    measure = MeasureFactory()
    with pytest.raises(PermissionDenied):
        measure_update_add(
            user=editor_of(OrganizationFactory()),
            measure=measure,
            text="Ei meidän.",
            status=MeasureStatus.DONE,
            party="Muu",
        )


def test_a_municipality_editor_updates_only_their_own_municipalitys_measures():
    own, other = MunicipalityFactory(), MunicipalityFactory()
    user = UserFactory()
    MunicipalityEditorFactory(user=user, municipality=own)
    ours = MeasureFactory()
    ResponsibilityFactory(measure=ours, kind=PartyKind.MUNICIPALITY, municipality=own, name="")
    theirs = MeasureFactory()
    ResponsibilityFactory(measure=theirs, kind=PartyKind.MUNICIPALITY, municipality=other, name="")
    measure_update_add(user=user, measure=ours, text="Etenee.", status="in_progress", party="Kunta")
    with pytest.raises(PermissionDenied):
        measure_update_add(
            user=user, measure=theirs, text="Etenee.", status="in_progress", party="Kunta"
        )


def test_a_responsible_party_ticks_a_task_done_and_can_open_it_again():
    association = OrganizationFactory()
    task = TaskFactory()
    ResponsibilityFactory(
        measure=task.measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    user = editor_of(association)
    assert task_set_done(user=user, task=task, done=True).done_on is not None
    assert task_set_done(user=user, task=task, done=False).done_on is None


def test_someone_else_cannot_tick_a_task_done():
    with pytest.raises(PermissionDenied):
        task_set_done(user=editor_of(OrganizationFactory()), task=TaskFactory(), done=True)


def test_the_coordinator_adds_a_measure_with_a_schedule():
    measure = measure_save(
        user=coordinator(),
        goal=GoalFactory(),
        data={
            "identifier": "2.3",
            "name_fi": "Yhteinen koulutuskalenteri",
            "schedule_unit": "half_year",
            "start_year": 2025,
            "start_period": 2,
            "end_year": 2026,
            "end_period": 1,
        },
    )
    assert measure.starts_on == dt.date(2025, 7, 1)
    assert measure.ends_on == dt.date(2026, 6, 30)
    assert measure.public_id == f"sakke:{measure.pk}"


def test_a_schedule_cannot_end_before_it_starts():
    with pytest.raises(ValidationError):
        measure_save(
            user=coordinator(),
            goal=GoalFactory(),
            data={
                "identifier": "2.3",
                "name_fi": "Takaperin",
                "schedule_unit": "quarter",
                "start_year": 2026,
                "start_period": 2,
                "end_year": 2026,
                "end_period": 1,
            },
        )


def test_only_the_coordinator_edits_measures():
    measure = MeasureFactory()
    with pytest.raises(PermissionDenied):
        measure_save(
            user=editor_of(OrganizationFactory()), measure=measure, data={"status": "done"}
        )


def test_an_open_measure_past_its_schedule_is_late_and_a_done_one_is_not():
    measure = MeasureFactory(end_year=2025, end_period=4, status=MeasureStatus.IN_PROGRESS)
    assert measure.is_late(dt.date(2026, 1, 1))
    assert not measure.is_late(dt.date(2025, 12, 31))
    measure.status = MeasureStatus.DONE
    assert not measure.is_late(dt.date(2026, 1, 1))


def test_the_coordinator_writes_a_programme_and_names_its_successor():
    user = coordinator()
    old = programme_save(
        user=user,
        data={
            "name_fi": "Järjestöstrategia",
            "slug": "vanha",
            "start_year": 2019,
            "end_year": 2022,
        },
    )
    new = programme_save(
        user=user,
        data={"name_fi": "Pohjois-Savo 2030", "slug": "uusi", "start_year": 2025, "end_year": 2028},
    )
    programme_save(user=user, programme=old, data={"successor": new})
    old.refresh_from_db()
    assert old.successor == new
    assert len(versions_of(old)) == 2


def test_a_programme_period_cannot_end_before_it_starts():
    with pytest.raises(ValidationError):
        programme_save(
            user=coordinator(),
            data={"name_fi": "Takaperin", "slug": "x", "start_year": 2025, "end_year": 2024},
        )


def test_only_the_coordinator_writes_goals():
    goal = GoalFactory()
    with pytest.raises(PermissionDenied):
        goal_save(user=editor_of(OrganizationFactory()), goal=goal, data={"name_fi": "Uusi"})
    assert goal_save(user=coordinator(), goal=goal, data={"name_fi": "Uusi"}).name_fi == "Uusi"


def test_the_coordinator_names_the_responsible_parties_and_the_measures_history_keeps_them():
    measure = MeasureFactory()
    association = OrganizationFactory()
    measure_parties_set(
        user=coordinator(),
        measure=measure,
        parties=[
            {"kind": PartyKind.ASSOCIATION, "role": "primary", "organization": association},
            {"kind": PartyKind.NETWORK, "role": "collaborating", "name": "Kylät ry"},
        ],
    )
    assert [p.party_name for p in measure.responsibilities.all()] == [str(association), "Kylät ry"]
    (version,) = versions_of(measure)
    assert len(version.revision.version_set.all()) == 3


def test_a_party_must_be_named():
    with pytest.raises(ValidationError):
        measure_parties_set(
            user=coordinator(),
            measure=MeasureFactory(),
            parties=[{"kind": PartyKind.NETWORK, "role": "primary"}],
        )


def test_the_coordinator_adds_a_task_with_a_due_date():
    measure = MeasureFactory()
    task = task_add(
        user=coordinator(), measure=measure, name="Kutsu koolle", due_date=dt.date(2026, 3, 1)
    )
    assert list(measure.tasks.all()) == [task]

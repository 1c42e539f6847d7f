"""Who may do what: every role against every view that writes, and every unsafe API method.

The matrix is a table: one row per (view, method), one expected outcome per role, and
each cell its own test. A refused request must leave the database exactly as it was
(every table is compared before and after), and an allowed write must change it, so a
"successful" refusal that writes anyway, or a 200 that silently did nothing, both fail.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import MunicipalityEditor, OrganizationEditor
from accounts.tests.factories import PASSWORD, UserFactory
from activities.models import Activity
from activities.tests.factories import ActivityFactory
from api.urls import router as api_router
from core.history import record, versions_of
from core.models import PublicationStatus
from events.tests.factories import EventFactory
from moderation import services as moderation_services
from moderation.tests.factories import ClaimFactory, InvitationFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from search.signals import index_once
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "editor_a", "editor_b", "municipality_editor", "coordinator"]


# Expected outcomes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: int
    # For redirects: "login", or a function of the world giving the expected path.
    to: str | Callable | None = None
    writes: bool = False
    label: str = ""

    def __repr__(self):
        return self.label or str(self.status)


LOGIN = Outcome(302, "login", label="to-login")
FORBIDDEN = Outcome(403, label="403")
NOT_FOUND = Outcome(404, label="404")
NOT_ALLOWED = Outcome(405, label="405")
SHOWN = Outcome(200, label="200")
REFUSED_IN_FORM = Outcome(200, label="200-form-error")  # the form explains; nothing written


def saved(to: Callable) -> Outcome:
    """A write that succeeds and redirects to `to(world)`."""
    return Outcome(302, to, writes=True, label="saved")


def written(status: int = 200) -> Outcome:
    """A write that succeeds and answers `status` directly."""
    return Outcome(status, writes=True, label="written")


def editors_of_a(outcome: Outcome) -> dict:
    """Only A's editors and the coordinator; anyone else is told it does not exist."""
    return {
        "anonymous": LOGIN,
        "no_role": NOT_FOUND,
        "editor_a": outcome,
        "editor_b": NOT_FOUND,
        "municipality_editor": NOT_FOUND,
        "coordinator": outcome,
    }


def coordinator_only(outcome: Outcome) -> dict:
    return {
        "anonymous": LOGIN,
        "no_role": FORBIDDEN,
        "editor_a": FORBIDDEN,
        "editor_b": FORBIDDEN,
        "municipality_editor": FORBIDDEN,
        "coordinator": outcome,
    }


def signed_in(outcome: Outcome, **overrides) -> dict:
    """Anyone signed in (their own account, their own request); the anonymous sign in first."""
    return {"anonymous": LOGIN, **{role: outcome for role in ROLES[1:]}, **overrides}


def everyone(outcome: Outcome) -> dict:
    return {role: outcome for role in ROLES}


# URLs -----------------------------------------------------------------------------------


def path(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def url(name: str, **kwargs: Callable) -> Callable:
    """A URL builder: each keyword is a function of the world, e.g. org=lambda w: ..."""
    return lambda w: path(name, **{key: get(w) for key, get in kwargs.items()})


A = lambda w: w.a.public_id  # noqa: E731
B = lambda w: w.b.public_id  # noqa: E731
EVENT = lambda w: w.event.public_id  # noqa: E731
DRAFT = lambda w: w.draft_event.public_id  # noqa: E731
ACTIVITY = lambda w: w.activity.public_id  # noqa: E731
DRAFT_ACTIVITY = lambda w: w.draft_activity.public_id  # noqa: E731
A_OVERVIEW = url("selfservice:organization", org=A)


# The world every cell runs in --------------------------------------------------------------


def _local(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _base_world() -> SimpleNamespace:
    """The roles and one published object of every public kind (enough for the API rows)."""
    w = SimpleNamespace()
    w.m = MunicipalityFactory(code="297", name_fi="Kuopio", slug="kuopio")
    w.topic = TopicFactory(slug="liikunta", name_fi="Liikunta")
    w.audience = AudienceFactory(slug="seniorit", name_fi="Ikäihmiset")
    w.language = LanguageFactory(code="fi", name_fi="suomi")
    w.place = PlaceFactory(name_fi="Kuopion kaupungintalo", municipality=w.m)
    w.a = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry", municipalities=[w.m])
    w.b = OrganizationFactory(name_fi="Varkauden Voimistelijat ry", municipalities=[w.m])

    w.users = {
        "anonymous": None,
        "no_role": UserFactory(email="no-role@example.org"),
        "editor_a": UserFactory(email="editor-a@example.org"),
        "editor_b": UserFactory(email="editor-b@example.org"),
        "municipality_editor": UserFactory(email="kuopio@example.org"),
        "coordinator": UserFactory(email="coordinator@example.org", is_coordinator=True),
    }
    OrganizationEditor.objects.create(user=w.users["editor_a"], organization=w.a)
    OrganizationEditor.objects.create(user=w.users["editor_b"], organization=w.b)
    MunicipalityEditor.objects.create(user=w.users["municipality_editor"], municipality=w.m)
    w.event = EventFactory(
        name_fi="Tuolijumppa", organizers=[w.a], location=w.place, start_time=_local(3, 10)
    )
    w.activity = ActivityFactory(name_fi="Senioritanssi", organizer=w.a, location=w.place)
    return w


@pytest.fixture
def api_world(db):
    with index_once():  # each object indexed once, not once per relation set
        return _base_world()


@pytest.fixture
def world(mailoutbox):
    with index_once():  # each object indexed once, not once per relation set
        return _page_world(mailoutbox)


def _page_world(mailoutbox) -> SimpleNamespace:
    """Everything the page rows act on: drafts, a claim, an invitation, earlier versions."""
    w = _base_world()
    coordinator = w.users["coordinator"]
    with record(coordinator, "Imported"):
        w.event.save()
    with record(coordinator, "Renamed"):
        w.event.name_fi = "Tuolijumppa seniorit"
        w.event.save()
    w.old_version = versions_of(w.event)[1]
    w.draft_event = EventFactory(
        name_fi="Salainen luonnos",
        organizers=[w.a],
        location=w.place,
        publication_status=PublicationStatus.DRAFT,
    )
    w.pending_event = EventFactory(
        name_fi="Odottava tapahtuma",
        organizers=[w.a],
        location=w.place,
        publication_status=PublicationStatus.PENDING,
    )
    w.b_event = EventFactory(name_fi="Perheliikuntailta", organizers=[w.b], location=w.place)
    w.pending_place = PlaceFactory(
        name_fi="Kylätalo Pihlaja",
        municipality=w.m,
        proposed_by=w.a,
        publication_status=PublicationStatus.PENDING,
    )
    w.draft_activity = ActivityFactory(
        name_fi="Luonnoskerho",
        organizer=w.a,
        location=w.place,
        publication_status=PublicationStatus.DRAFT,
    )
    claimant = UserFactory(email="claimant@example.org")
    w.claim = ClaimFactory(user=claimant, organization=w.a)
    w.invitation = InvitationFactory(
        organization=w.a, email=w.users["no_role"].email, invited_by=coordinator
    )
    w.invitation_token = moderation_services.invitation_token(w.invitation)
    mailoutbox.clear()
    return w


def database_state() -> dict:
    """Every row of every table but the sessions, as a digest per model."""
    with translation.override("fi"):  # translated fields read in the active language
        return _database_state()


def _database_state() -> dict:
    # Models of work in progress elsewhere in the tree may not have their tables yet.
    tables = set(connection.introspection.table_names())
    models = [
        model
        for model in apps.get_models()
        if model is not Session and not model._meta.proxy and model._meta.db_table in tables
    ]
    if connection.vendor == "postgresql":
        # One statement for every table: each row as its text, in primary-key order.
        quote = connection.ops.quote_name
        selects = [
            f"SELECT %s::text, md5(coalesce(string_agg(t::text, '|' "
            f"ORDER BY t.{quote(model._meta.pk.column)}), '')) FROM {quote(model._meta.db_table)} t"
            for model in models
        ]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), [m._meta.label for m in models])
            return dict(cursor.fetchall())
    state = {}
    for model in models:
        rows = model._base_manager.order_by("pk").values_list()
        state[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


# Form data ------------------------------------------------------------------------------


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def organization_post(w) -> dict:
    return {
        "name_fi": "Kuopion Eläkeläiset ry (muutettu)",
        "description_fi": "Liikuntaa ja retkiä.",
        "email": "info@example.org",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }


def event_post(w) -> dict:
    return {
        "name_fi": "Uusi tapahtuma",
        "start_date": in_days(5),
        "start_time": "10:00",
        "end_time": "11:00",
        "is_free": "on",
        "visibility": "publish",
        "series_repeat": "once",
        "location": str(w.place.pk),
    }


def activity_post(w) -> dict:
    return {
        "name_fi": "Kävelyryhmä",
        "description_fi": "Kävellään yhdessä.",
        "kind": Activity.Kind.HOBBY,
        "is_free": "on",
        "visibility": "publish",
        "schedule-TOTAL_FORMS": "0",
        "schedule-INITIAL_FORMS": "0",
    }


def place_post(w) -> dict:
    return {
        "name_fi": "Kylätalo Pihlaja",
        "street_address_fi": "Pihlajatie 3",
        "postal_code": "70800",
        "municipality": str(w.m.pk),
    }


def make_a_draft(w) -> None:
    w.a.publication_status = PublicationStatus.DRAFT
    w.a.save()


# The table ------------------------------------------------------------------------------


@dataclass
class Row:
    id: str
    url: Callable
    method: str
    expect: dict
    data: Callable = field(default=lambda w: {})
    prepare: Callable | None = None
    fixture: str = "world"


SELFSERVICE = [
    Row("dashboard", url("selfservice:dashboard"), "GET", signed_in(SHOWN)),
    Row("overview", A_OVERVIEW, "GET", editors_of_a(SHOWN)),
    Row("profile-form", url("selfservice:organization_edit", org=A), "GET", editors_of_a(SHOWN)),
    Row(
        "profile-save",
        url("selfservice:organization_edit", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=organization_post,
    ),
    Row(
        "submit-for-approval",
        url("selfservice:organization_submit", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        prepare=make_a_draft,
    ),
    Row(
        "submit-for-approval",
        url("selfservice:organization_submit", org=A),
        "GET",
        signed_in(NOT_ALLOWED),
        prepare=make_a_draft,
    ),
    Row(
        "profile-preview",
        url("selfservice:organization_preview", org=A),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row("event-create", url("selfservice:event_create", org=A), "GET", editors_of_a(SHOWN)),
    Row(
        "event-create",
        url("selfservice:event_create", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=event_post,
    ),
    Row(
        "event-edit",
        url("selfservice:event_edit", org=A, event=EVENT),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "event-edit",
        url("selfservice:event_edit", org=A, event=EVENT),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=event_post,
    ),
    Row(
        "event-copy",
        url("selfservice:event_copy", org=A, event=EVENT),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "event-copy",
        url("selfservice:event_copy", org=A, event=EVENT),
        "POST",
        # The copy opens for editing; its id is only known afterwards.
        editors_of_a(Outcome(302, "event_edit", writes=True, label="saved")),
        data=lambda w: {"start_date": in_days(10)},
    ),
    Row(
        "event-cancel",
        url("selfservice:event_cancel", org=A, event=EVENT),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "event-cancel",
        url("selfservice:event_cancel", org=A, event=EVENT),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=lambda w: {"note": "Esiintyjä sairastui."},
    ),
    Row(
        "event-preview",
        url("selfservice:event_preview", org=A, event=EVENT),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "activity-create",
        url("selfservice:activity_create", org=A),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "activity-create",
        url("selfservice:activity_create", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=activity_post,
    ),
    Row(
        "activity-edit",
        url("selfservice:activity_edit", org=A, activity=ACTIVITY),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "activity-edit",
        url("selfservice:activity_edit", org=A, activity=ACTIVITY),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=activity_post,
    ),
    Row(
        "activity-preview",
        url("selfservice:activity_preview", org=A, activity=ACTIVITY),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row("place-create", url("selfservice:place_create", org=A), "GET", editors_of_a(SHOWN)),
    Row(
        "place-create",
        url("selfservice:place_create", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=lambda w: place_post(w) | {"name_fi": "Seurakuntakoti"},
    ),
    Row(
        "volunteering-create",
        url("selfservice:volunteering_create", org=A),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "volunteering-create",
        url("selfservice:volunteering_create", org=A),
        "POST",
        editors_of_a(saved(A_OVERVIEW)),
        data=lambda w: activity_post(w) | {"name_fi": "Kauppa-apu"},
    ),
]

# A's drafts seen from B's side (and from the public): not found, whoever asks.
DRAFTS = [
    Row(
        "a-draft-preview-through-a",
        url("selfservice:event_preview", org=A, event=DRAFT),
        "GET",
        editors_of_a(SHOWN),
    ),
    Row(
        "a-draft-preview-through-b",
        url("selfservice:event_preview", org=B, event=DRAFT),
        "GET",
        signed_in(NOT_FOUND),
    ),
    Row(
        "a-draft-edit-through-b",
        url("selfservice:event_edit", org=B, event=DRAFT),
        "GET",
        signed_in(NOT_FOUND),
    ),
    Row(
        "a-draft-edit-through-b",
        url("selfservice:event_edit", org=B, event=DRAFT),
        "POST",
        signed_in(NOT_FOUND),
        data=event_post,
    ),
    Row(
        "a-draft-copy-through-b",
        url("selfservice:event_copy", org=B, event=DRAFT),
        "POST",
        signed_in(NOT_FOUND),
        data=lambda w: {"start_date": in_days(10)},
    ),
    Row(
        "a-draft-cancel-through-b",
        url("selfservice:event_cancel", org=B, event=DRAFT),
        "POST",
        signed_in(NOT_FOUND),
    ),
    Row(
        "a-draft-activity-preview-through-b",
        url("selfservice:activity_preview", org=B, activity=DRAFT_ACTIVITY),
        "GET",
        signed_in(NOT_FOUND),
    ),
    Row(
        "a-draft-activity-edit-through-b",
        url("selfservice:activity_edit", org=B, activity=DRAFT_ACTIVITY),
        "POST",
        signed_in(NOT_FOUND),
        data=activity_post,
    ),
    Row(
        "b-event-edit-through-a",
        url("selfservice:event_edit", org=A, event=lambda w: w.b_event.public_id),
        "POST",
        signed_in(NOT_FOUND),
        data=event_post,
    ),
    Row(
        "a-draft-public-page",
        lambda w: w.draft_event.get_absolute_url(),
        "GET",
        everyone(NOT_FOUND),
    ),
    Row(
        "a-draft-activity-public-page",
        lambda w: w.draft_activity.get_absolute_url(),
        "GET",
        everyone(NOT_FOUND),
    ),
    Row(
        "a-draft-api",
        lambda w: f"/api/v1/event/{w.draft_event.public_id}/",
        "GET",
        everyone(NOT_FOUND),
    ),
    Row(
        "a-draft-activity-api",
        lambda w: f"/api/v1/activity/{w.draft_activity.public_id}/",
        "GET",
        everyone(NOT_FOUND),
    ),
    Row(
        "a-waiting-place-api",
        lambda w: f"/api/v1/place/{w.pending_place.public_id}/",
        "GET",
        everyone(NOT_FOUND),
    ),
]

QUEUE = url("moderation:queue")
CLAIM_DECIDE = url("moderation:claim_decide", pk=lambda w: w.claim.pk)
PENDING = url(
    "moderation:content_decide",
    kind=lambda w: "event",
    public_id=lambda w: w.pending_event.public_id,
)
PENDING_PLACE = url(
    "moderation:content_decide",
    kind=lambda w: "place",
    public_id=lambda w: w.pending_place.public_id,
)
PUBLISHED = url("moderation:content_decide", kind=lambda w: "event", public_id=EVENT)
RESTORE = url(
    "moderation:restore",
    kind=lambda w: "event",
    public_id=EVENT,
    version_id=lambda w: w.old_version.pk,
)
INVITE_A = url("moderation:invite", public_id=A)
INVITE_M = url("moderation:invite_municipality", slug=lambda w: w.m.slug)
INVITATION = url("moderation:invitation_accept", token=lambda w: w.invitation_token)
MY_REQUESTS = url("moderation:my_requests")

MODERATION = [
    Row("queue", QUEUE, "GET", coordinator_only(SHOWN)),
    Row("claim-decide", CLAIM_DECIDE, "GET", coordinator_only(SHOWN)),
    Row(
        "claim-approve",
        CLAIM_DECIDE,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "approve", "message": ""},
    ),
    Row(
        "claim-decline",
        CLAIM_DECIDE,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "decline", "message": "Emme tunnista sinua."},
    ),
    Row("content-decide", PENDING, "GET", coordinator_only(SHOWN)),
    Row(
        "content-approve",
        PENDING,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "approve", "message": ""},
    ),
    Row(
        "content-decline",
        PENDING,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "decline", "message": "Puuttuu paikka."},
    ),
    Row(
        "place-approve",
        PENDING_PLACE,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "approve", "message": ""},
    ),
    Row(
        "place-decline",
        PENDING_PLACE,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "decline", "message": "Sama kuin Pihlajan kylätalo."},
    ),
    Row(
        "content-mark-reviewed",
        PUBLISHED,
        "POST",
        coordinator_only(saved(QUEUE)),
        data=lambda w: {"action": "review", "message": ""},
    ),
    Row(
        "history",
        url("moderation:history", kind=lambda w: "event", public_id=EVENT),
        "GET",
        coordinator_only(SHOWN),
    ),
    Row(
        "restore",
        RESTORE,
        "POST",
        coordinator_only(saved(url("moderation:history", kind=lambda w: "event", public_id=EVENT))),
    ),
    Row("restore", RESTORE, "GET", coordinator_only(NOT_ALLOWED)),
    Row(
        "invite-to-association",
        INVITE_A,
        "GET",
        {**coordinator_only(SHOWN), "editor_a": SHOWN},
    ),
    Row(
        "invite-to-association",
        INVITE_A,
        "POST",
        {**coordinator_only(saved(INVITE_A)), "editor_a": saved(INVITE_A)},
        data=lambda w: {"email": "new-editor@example.org"},
    ),
    Row("invite-to-municipality", INVITE_M, "GET", coordinator_only(SHOWN)),
    Row(
        "invite-to-municipality",
        INVITE_M,
        "POST",
        coordinator_only(saved(INVITE_M)),
        data=lambda w: {"email": "new-editor@example.org"},
    ),
    Row(
        "invitation-accept",
        INVITATION,
        "POST",
        # Only the invited address (the person with no role yet) may take the role.
        signed_in(REFUSED_IN_FORM, no_role=saved(lambda w: w.a.get_absolute_url())),
    ),
    Row(
        "claim-existing",
        url("moderation:claim", public_id=A),
        "POST",
        signed_in(saved(MY_REQUESTS), editor_a=REFUSED_IN_FORM),
        data=lambda w: {"message": "Olen sihteeri."},
    ),
    Row(
        "claim-new",
        url("moderation:claim_new"),
        "POST",
        signed_in(saved(MY_REQUESTS)),
        data=lambda w: {
            "name": "Uusi Kuoro ry",
            "municipality": str(w.m.pk),
            "email": "kuoro@example.org",
            "message": "Perustimme kuoron.",
        },
    ),
]

STALE = url("freshness:stale")
REMIND = url("freshness:remind", pk=lambda w: w.a.pk)
FRESHNESS = [
    Row("stale-list", STALE, "GET", coordinator_only(SHOWN)),
    Row("remind-now", REMIND, "POST", coordinator_only(saved(STALE))),
    Row("remind-now", REMIND, "GET", everyone(NOT_ALLOWED)),
]

ACCOUNT = url("accounts:account")
NEW_PASSWORD = "uusi-salasana-järvellä-77"
ACCOUNTS = [
    Row("account", ACCOUNT, "GET", signed_in(SHOWN)),
    Row("account-name", ACCOUNT, "POST", signed_in(saved(ACCOUNT)), data=lambda w: {"name": "X"}),
    Row(
        "password-change",
        url("accounts:password_change"),
        "POST",
        signed_in(saved(ACCOUNT)),
        data=lambda w: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    Row("export", url("accounts:export"), "POST", signed_in(SHOWN)),
    Row("export", url("accounts:export"), "GET", signed_in(NOT_ALLOWED)),
    Row(
        "delete",
        url("accounts:delete"),
        "POST",
        # The only coordinator may not leave the region without one.
        signed_in(written(), coordinator=REFUSED_IN_FORM),
        data=lambda w: {"password": PASSWORD},
    ),
]

# Known objects for the detail URLs; resources added later get a made-up id, which is
# enough: an unsafe method must be refused before any lookup.
API_OBJECTS = {
    "municipality": lambda w: w.m.code,
    "topic": lambda w: w.topic.slug,
    "audience": lambda w: w.audience.slug,
    "language": lambda w: w.language.code,
    "organization": A,
    "place": lambda w: w.place.public_id,
    "event": EVENT,
    "activity": ACTIVITY,
}
API_RESOURCES = [prefix for prefix, _viewset, _basename in api_router.registry]
UNSAFE = ["POST", "PUT", "PATCH", "DELETE"]


#: A made-up id in the shape each resource's URL takes: a number where its ids are numbers.
NUMERIC_IDS = {
    prefix
    for prefix, viewset, _basename in api_router.registry
    if getattr(viewset, "lookup_value_regex", "") == "[0-9]+"
}


def api_detail(name):
    made_up = "1" if name in NUMERIC_IDS else "sakke:1"
    key = API_OBJECTS.get(name, lambda w: made_up)
    return lambda w: f"/api/v1/{name}/{key(w)}/"


def api_list(name):
    return lambda w: f"/api/v1/{name}/"


API = [
    *(
        Row(f"api-{name}-{kind}", build(name), method, everyone(NOT_ALLOWED), fixture="api_world")
        for name in [*API_RESOURCES, "search"]
        for kind, build in [("list", api_list), ("detail", api_detail)]
        if not (name == "search" and kind == "detail")
        for method in UNSAFE
    ),
]


def test_the_api_rows_cover_every_resource_of_the_router():
    assert {"event", "organization", "activity", "place"} <= set(API_RESOURCES)
    assert len(API) == (len(API_RESOURCES) * 2 + 1) * len(UNSAFE)


TABLE = [*SELFSERVICE, *DRAFTS, *MODERATION, *FRESHNESS, *ACCOUNTS, *API]
CELLS = [
    pytest.param(row, role, id=f"{row.id}-{row.method}-{role}") for row in TABLE for role in ROLES
]


def test_every_row_names_every_role():
    for row in TABLE:
        assert set(row.expect) == set(ROLES), row.id


def test_every_cell_has_its_own_id():
    ids = [cell.id for cell in CELLS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row, role", CELLS)
def test_the_role_gets_exactly_the_expected_outcome(request, client, row, role):
    world = request.getfixturevalue(row.fixture)
    if row.prepare:
        row.prepare(world)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    target = row.url(world)
    data = row.data(world)
    expected = row.expect[role]
    before = database_state()

    send = getattr(client, row.method.lower())
    if row.method in ("POST", "GET"):
        response = send(target, data)
    else:
        response = send(target, data, content_type="application/json")

    assert response.status_code == expected.status, (
        f"{row.method} {target} as {role}: expected {expected!r}, got {response.status_code}"
    )
    if expected.status == 302:
        location = response["Location"]
        if expected.to == "login":
            assert location.startswith(path("accounts:login")) and "next=" in location
        elif expected.to == "event_edit":
            assert location.startswith(path("selfservice:organization", org=world.a.public_id))
            assert location != path("selfservice:organization", org=world.a.public_id)
        else:
            assert location == expected.to(world)
    changes = changed_tables(before, database_state())
    if expected.writes:
        assert changes, f"{row.method} {target} as {role} answered success but wrote nothing"
    else:
        assert not changes, f"{row.method} {target} as {role} was refused but changed {changes}"

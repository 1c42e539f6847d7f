"""Reads of the cooperation bodies, the consultation radar and joint statements."""

import datetime as dt
import difflib

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import (
    Body,
    BodyDocument,
    Consultation,
    Effect,
    Meeting,
    Membership,
    MembershipStatus,
    Seat,
    Signature,
    Statement,
    StatementStatus,
)
from .models.bodies import TERM_ENDING_SOON_DAYS


def body_list(*, kind: str | None = None) -> QuerySet[Body]:
    """Active bodies with their municipality; one query."""
    bodies = Body.objects.filter(is_active=True).select_related("municipality")
    if kind:
        bodies = bodies.filter(kind=kind)
    return bodies.order_by("kind", "name")


def body_get(public_id: str) -> Body:
    return (
        Body.objects.select_related("municipality")
        .prefetch_related("topics")
        .get(public_id=public_id)
    )


def body_members(body: Body) -> QuerySet[Membership]:
    return body.memberships.filter(status=MembershipStatus.MEMBER).select_related(
        "organization", "municipality"
    )


def join_requests(body: Body) -> QuerySet[Membership]:
    return body.memberships.filter(status=MembershipStatus.REQUESTED).select_related(
        "organization", "requested_by"
    )


def body_seats(body: Body) -> QuerySet[Seat]:
    """The seats of a body, chair first: the role order is the choices' order."""
    order = {"chair": 0, "secretary": 1, "member": 2, "deputy": 3}
    seats = list(body.seats.select_related("organization"))
    return sorted(seats, key=lambda s: (order.get(s.role, 9), s.person_name == "", s.person_name))


def meetings_upcoming(body: Body | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(starts_at__gte=timezone.now()).select_related("body")
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings.order_by("starts_at")


def meetings_past(body: Body) -> QuerySet[Meeting]:
    return body.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


def meeting_documents(meeting: Meeting) -> QuerySet[BodyDocument]:
    """The meeting's agenda, minutes and other documents, in that order."""
    return meeting.document_links.select_related("document").order_by("role", "pk")


def body_documents(body: Body) -> QuerySet[BodyDocument]:
    """Every document of a body and its meetings, the newest meeting first."""
    return body.document_links.select_related("document", "meeting").order_by(
        "-meeting__starts_at", "role", "pk"
    )


def meeting_get(public_id: str) -> Meeting:
    return Meeting.objects.select_related("body").get(public_id=public_id)


def representation(*, today: dt.date | None = None) -> list[dict]:
    """Who represents the associations where: each active body with its seats held for
    associations, vacancies and terms ending soon. Two queries."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=TERM_ENDING_SOON_DAYS)
    seats = (
        Seat.objects.filter(body__is_active=True)
        .filter(Q(organization__isnull=False) | Q(person_name=""))
        .exclude(term_end__lt=today)
        .select_related("organization")
        .order_by("role", "person_name")
    )
    bodies = body_list().prefetch_related(Prefetch("seats", queryset=seats, to_attr="representing"))
    rows = []
    for body in bodies:
        if not body.representing:
            continue
        rows.append(
            {
                "body": body,
                "seats": body.representing,
                "vacancies": sum(1 for s in body.representing if s.is_vacant),
                "ending_soon": sum(
                    1 for s in body.representing if s.term_end and s.term_end <= soon
                ),
            }
        )
    return rows


def consultation_list(
    *, open_only: bool = True, topic: str = "", municipality: str = ""
) -> QuerySet[Consultation]:
    """Consultations by deadline, the open ones by default, with their tags prefetched."""
    consultations = Consultation.objects.prefetch_related("topics", "municipalities")
    if open_only:
        consultations = consultations.filter(
            Q(deadline__gte=timezone.localdate()) | Q(deadline__isnull=True)
        )
    if topic:
        consultations = consultations.filter(topics__slug=topic)
    if municipality:
        consultations = consultations.filter(municipalities__code=municipality)
    return consultations.order_by("deadline", "title").distinct()


def consultation_get(public_id: str) -> Consultation:
    return Consultation.objects.prefetch_related("topics", "municipalities", "origins__source").get(
        public_id=public_id
    )


def statement_list(*, published_only: bool = True) -> QuerySet[Statement]:
    statements = Statement.objects.select_related("consultation", "body").annotate(
        signatory_count=Count("signatures", filter=Q(signatures__withdrawn_at=None))
    )
    if published_only:
        statements = statements.filter(status=StatementStatus.SENT)
    return statements.order_by("-sent_at", "-created_at")


def statement_get(public_id: str) -> Statement:
    return Statement.objects.select_related("consultation", "body", "author").get(
        public_id=public_id
    )


def signatories(statement: Statement) -> QuerySet[Signature]:
    return statement.signatures.filter(withdrawn_at=None).select_related("organization")


def version_diff(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """The lines of two versions as (change, line): '+' added, '-' removed, ' ' kept."""
    rows = []
    for line in difflib.ndiff(old_text.splitlines(), new_text.splitlines()):
        if line.startswith("? "):
            continue
        rows.append((line[0], line[2:]))
    return rows


def statement_counts(body: Body | None = None) -> dict[str, int]:
    """Statements sent, associations that signed them, and those with an effect."""
    statements = Statement.objects.filter(status=StatementStatus.SENT)
    if body is not None:
        statements = statements.filter(body=body)
    signed = (
        Signature.objects.filter(statement__in=statements, withdrawn_at=None)
        .values("organization")
        .distinct()
        .count()
    )
    return {
        "statements": statements.count(),
        "signatories": signed,
        "with_effect": statements.filter(effect__in=[Effect.TAKEN, Effect.PARTLY]).count(),
    }


def members_prefetch() -> Prefetch:
    """A body's members, as `member_rows`, with their associations (for the API)."""
    members = Membership.objects.filter(status=MembershipStatus.MEMBER).select_related(
        "organization", "municipality"
    )
    return Prefetch("memberships", queryset=members, to_attr="member_rows")


def active_signatures_prefetch() -> Prefetch:
    """A statement's signatures not withdrawn, as `active_signatures`."""
    signatures = Signature.objects.filter(withdrawn_at=None).select_related("organization")
    return Prefetch("signatures", queryset=signatures, to_attr="active_signatures")

"""Reads of the moderation queue, claims and history."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q, QuerySet

from activities.models import Activity
from core.models import PublicationStatus
from events.models import Event
from news.models import NewsPost
from organizations.models import Organization
from places.models import Place
from programme.models import Commitment, Measure, ProgressReport

from .models import Claim, Decision, Invitation

#: The kinds of content in the queue and in URLs: slug -> model.
CONTENT_KINDS: dict[str, type[Model]] = {
    "association": Organization,
    "event": Event,
    "activity": Activity,
    "place": Place,
    "news": NewsPost,
    "commitment": Commitment,
    "progress-report": ProgressReport,
    # Not moderated: here for its history and restore (the programme's coordinator pages).
    "measure": Measure,
}
MODERATED_KINDS = ["association", "event", "activity", "news", "commitment", "progress-report"]
#: Kinds whose new items wait for approval but whose changes are not reviewed: places
#: come mostly from imports, public as they are, and must not flood the "changed" list.
APPROVED_ONCE_KINDS = ["place"]
QUEUE_LIMIT = 50


def kind_of(obj: Model) -> str:
    return next(kind for kind, model in CONTENT_KINDS.items() if isinstance(obj, model))


def content_get(kind: str, public_id: str) -> Model:
    """Any listing, published or not, by kind and public id (raises LookupError, DoesNotExist)."""
    return CONTENT_KINDS[kind]._default_manager.get(public_id=public_id)


@dataclass
class QueueSection:
    kind: str
    label: str
    items: list
    count: int


def _section(kind: str, queryset: QuerySet) -> QueueSection:
    model = CONTENT_KINDS[kind]
    return QueueSection(
        kind=kind,
        label=str(model._meta.verbose_name_plural),
        items=list(queryset[:QUEUE_LIMIT]),
        count=queryset.count(),
    )


def pending_content() -> list[QueueSection]:
    """New content waiting for approval, oldest first.

    New associations with a pending claim are decided through the claim, so they are
    listed with the claims instead.
    """
    sections = []
    for kind in [*MODERATED_KINDS, *APPROVED_ONCE_KINDS]:
        queryset = CONTENT_KINDS[kind]._default_manager.filter(
            publication_status=PublicationStatus.PENDING
        )
        if kind == "place":
            # The coordinator checks the address and who proposed the place.
            queryset = queryset.select_related("municipality", "proposed_by")
        if kind == "association":
            queryset = queryset.exclude(
                claims__kind=Claim.Kind.NEW, claims__status=Claim.Status.PENDING
            )
        sections.append(_section(kind, queryset.order_by("updated_at", "pk")))
    return sections


def changed_content() -> list[QueueSection]:
    """Published content changed since the coordinator last reviewed it, newest first."""
    unreviewed = Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=F("updated_at"))
    return [
        _section(
            kind,
            CONTENT_KINDS[kind]
            ._default_manager.filter(unreviewed, publication_status=PublicationStatus.PUBLISHED)
            .order_by("-updated_at", "-pk"),
        )
        for kind in MODERATED_KINDS
    ]


def claim_list_pending() -> QuerySet[Claim]:
    return (
        Claim.objects.filter(status=Claim.Status.PENDING)
        .select_related("user", "organization")
        .order_by("created_at", "pk")
    )


def claim_list_of_user(user) -> QuerySet[Claim]:
    return Claim.objects.filter(user=user).select_related("organization", "decided_by")


def invitation_list_of_organization(organization: Organization) -> QuerySet[Invitation]:
    return organization.invitations.select_related("invited_by", "accepted_by")


def decline_reasons(objects) -> dict[tuple[int, str], str]:
    """The coordinator's latest reason for each declined object, keyed by (type id, pk).

    One query for a page of mixed content (an association, its events and activities).
    """
    declined = [obj for obj in objects if obj.publication_status == PublicationStatus.DECLINED]
    if not declined:
        return {}
    types = ContentType.objects.get_for_models(*{type(obj) for obj in declined})
    wanted = Q()
    for obj in declined:
        wanted |= Q(content_type=types[type(obj)], object_id=str(obj.pk))
    reasons: dict[tuple[int, str], str] = {}
    decisions = Decision.objects.filter(wanted, action=Decision.Action.DECLINED)
    for content_type_id, object_id, message in decisions.order_by("created_at").values_list(
        "content_type_id", "object_id", "message"
    ):
        reasons[(content_type_id, object_id)] = message
    return reasons


def with_decline_reasons(objects) -> None:
    """Set `decline_reason` on each declined object, for the editor to read."""
    objects = list(objects)
    reasons = decline_reasons(objects)
    if not reasons:
        return
    types = ContentType.objects.get_for_models(*{type(obj) for obj in objects})
    for obj in objects:
        obj.decline_reason = reasons.get((types[type(obj)].pk, str(obj.pk)), "")

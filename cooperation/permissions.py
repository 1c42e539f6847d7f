"""Who may do what in the cooperation bodies and joint statements.

Kept beside the app (accounts sits below and cannot see these models); built on
accounts.permissions for the roles it knows: the coordinator and association editors.
"""

from django.utils import timezone

from accounts.permissions import is_coordinator


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _holds(user, body, roles: tuple[str, ...]) -> bool:
    if not _signed_in(user):
        return False
    today = timezone.localdate()
    seats = body.seats.filter(user=user, role__in=roles)
    return any(seat.holds_on(today) for seat in seats)


def is_chair_of(user, body) -> bool:
    return _holds(user, body, ("chair",))


def can_manage_body(user, body) -> bool:
    """Members, seats and join requests of a body: the coordinator or the body's chair."""
    return is_coordinator(user) or is_chair_of(user, body)


def can_edit_meetings(user, body) -> bool:
    """A body's meetings: the coordinator, or the chair or secretary of that body only."""
    return is_coordinator(user) or _holds(user, body, ("chair", "secretary"))


def chaired_bodies(user):
    """The bodies whose chair `user` is today."""
    from .models import Body

    if not _signed_in(user):
        return Body.objects.none()
    today = timezone.localdate()
    return (
        Body.objects.filter(seats__user=user, seats__role="chair")
        .exclude(seats__term_end__lt=today)
        .distinct()
    )


def can_open_statement(user, body=None) -> bool:
    """The coordinator, or (for `body`, or any body) a body's chair."""
    if is_coordinator(user):
        return True
    if body is not None:
        return is_chair_of(user, body)
    return chaired_bodies(user).exists()


def can_revise_statement(user, statement) -> bool:
    """The author who opened it, or the coordinator."""
    if is_coordinator(user):
        return True
    return _signed_in(user) and statement.author_id == user.pk


def may_act_for(user, organization) -> bool:
    """Comment and sign for `organization`: its own editors only, never anyone else's,
    and not the coordinator, who does not speak for associations."""
    if not _signed_in(user) or organization is None:
        return False
    return organization.editor_roles.filter(user=user).exists()


def own_organizations(user):
    """The associations `user` is an editor of (no one else's, even for the coordinator)."""
    from organizations.models import Organization

    if not _signed_in(user):
        return Organization.objects.none()
    return Organization.objects.filter(editor_roles__user=user).order_by("name")


def can_correct_consultations(user) -> bool:
    """Manual entry and the correction of topics and areas: the coordinator."""
    return is_coordinator(user)


def can_record_outcome(user) -> bool:
    return is_coordinator(user)

"""Who may change what. Views, forms and the API ask these functions, nothing else."""

from django.db.models import Q, QuerySet


def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_coordinator)


def editable_organizations(user) -> QuerySet:
    """The organizations the user may edit (all of them for the coordinator)."""
    from organizations.models import Organization

    if is_coordinator(user):
        return Organization.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(editor_roles__user=user)


def can_edit_organization(user, organization) -> bool:
    if is_coordinator(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return organization.editor_roles.filter(user=user).exists()


def can_edit_event(user, event) -> bool:
    """An event belongs to its organizers: an editor of any of them may change it."""
    if is_coordinator(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return event.organizers.filter(editor_roles__user=user).exists()


def can_edit_activity(user, activity) -> bool:
    if is_coordinator(user):
        return True
    return activity.organizer_id is not None and can_edit_organization(user, activity.organizer)


def editable_municipalities(user) -> QuerySet:
    from municipalities.models import Municipality

    if is_coordinator(user):
        return Municipality.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Municipality.objects.none()
    return Municipality.objects.filter(editor_roles__user=user)


def can_edit_municipality(user, municipality) -> bool:
    if is_coordinator(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return municipality.editor_roles.filter(user=user).exists()


def visible_to(user, queryset: QuerySet, organization_path: str) -> QuerySet:
    """Published rows for everyone, plus unpublished ones of the user's own organizations.

    `organization_path` leads from the row to its organization: "" for organizations,
    "organizers__" for events, "organizer__" for activities.
    """
    from core.models import PublicationStatus

    published = Q(publication_status=PublicationStatus.PUBLISHED)
    if is_coordinator(user):
        return queryset
    if not (user and user.is_authenticated and user.is_active):
        return queryset.filter(published)
    own = Q(**{f"{organization_path}editor_roles__user": user})
    return queryset.filter(published | own).distinct()

"""Who may change what. Views, forms and the API ask these functions, nothing else."""

from django.db.models import Q, QuerySet

# Defined in core so that core's publication rules can ask it; callers keep asking here.
from core.roles import is_coordinator


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


def may_write_news_for(user, organization) -> bool:
    """Whether the user may write news posts for `organization` (None: the coordinator's)."""
    if organization is None:
        return is_coordinator(user)
    return can_edit_organization(user, organization)


def can_edit_news_post(user, post) -> bool:
    return may_write_news_for(user, post.organization)


# The association programme (programme app). The coordinator keeps the programme; a
# measure's responsible parties update it; an association's editors adopt measures for it.


def can_edit_programme(user) -> bool:
    """Programmes, themes, goals and measures, their schedules and parties: the coordinator."""
    return is_coordinator(user)


def can_update_measure(user, measure) -> bool:
    """The coordinator, or an editor of an association or municipality responsible for it."""
    if is_coordinator(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return measure.responsibilities.filter(
        Q(organization__editor_roles__user=user) | Q(municipality__editor_roles__user=user)
    ).exists()


def may_commit_for(user, organization) -> bool:
    """Whether the user may adopt measures, and report on them, for `organization`."""
    return can_edit_organization(user, organization)


# The materials library (materials app). A document belongs to its publisher: the
# coordinator's organisation (the coordinator), an association or a municipality (their
# editors, and the coordinator).


def may_publish_material_for(user, *, organization=None, municipality=None) -> bool:
    """Whether the user may add documents published by `organization` or `municipality`
    (neither: the coordinator's organisation)."""
    if organization is not None:
        return can_edit_organization(user, organization)
    if municipality is not None:
        return can_edit_municipality(user, municipality)
    return is_coordinator(user)


def can_edit_document(user, document) -> bool:
    """Edit, replace the file of, or delete a document: its publisher's editors."""
    return may_publish_material_for(
        user,
        organization=document.publisher_organization,
        municipality=document.publisher_municipality,
    )


def may_add_material(user) -> bool:
    """Whether the user may publish documents for anyone at all (shows the upload link)."""
    if is_coordinator(user):
        return True
    return editable_organizations(user).exists() or editable_municipalities(user).exists()

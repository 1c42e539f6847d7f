"""Writes of claims, invitations, moderation decisions and restores."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEntry, MunicipalityEditor, OrganizationEditor
from accounts.permissions import can_edit_organization, is_coordinator
from activities.models import Activity
from core.consent_restore import withdrawals_to_keep
from core.history import child_relations
from core.models import PublicationStatus
from core.public_ids import save_with_public_id
from core.writes import content_write
from events.models import Event
from importers.duplicates import link_duplicate
from municipalities.models import Municipality
from news.models import NewsPost
from organizations.models import Organization
from organizations.ytunnus import validate_ytunnus
from programme.models import Commitment, ProgressReport

from . import emails
from .models import Claim, Decision, Invitation

INVITATION_SALT = "moderation.invitation"
INVITATION_DAYS = getattr(settings, "SAKKE_INVITATION_DAYS", 14)


def _require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may do this."))


# Claims


def claim_existing_create(*, user, organization: Organization, message: str = "") -> Claim:
    """Ask to become an editor of a published association."""
    if not organization.is_published:
        raise ValidationError({"organization": _("This association is not published.")})
    if organization.editor_roles.filter(user=user).exists():
        raise ValidationError({"organization": _("You already manage this association.")})
    if Claim.objects.filter(user=user, organization=organization, status=Claim.Status.PENDING):
        raise ValidationError(
            {"organization": _("You have already asked to manage this association.")}
        )
    with transaction.atomic():
        claim = Claim.objects.create(
            user=user, organization=organization, kind=Claim.Kind.EXISTING, message=message
        )
        emails.send_claim_received(claim)
    return claim


def claim_new_create(
    *,
    user,
    name: str,
    municipality: Municipality,
    business_id: str = "",
    description: str = "",
    email: str = "",
    phone: str = "",
    message: str = "",
) -> Claim:
    """Add an association that waits, unpublished, until the coordinator approves the claim."""
    name = name.strip()
    business_id = business_id.strip()
    if not name:
        raise ValidationError({"name": _("Enter the name of the association.")})
    if business_id:
        try:
            validate_ytunnus(business_id)
        except ValidationError as error:
            raise ValidationError({"business_id": error.messages}) from error
        if Organization.objects.filter(business_id=business_id).exists():
            raise ValidationError(
                {
                    "business_id": _(
                        "An association with this business id is already listed: "
                        "find it in the directory and ask to manage it."
                    )
                }
            )
    if not (email or phone):
        raise ValidationError({"email": _("Give an e-mail address or a phone number.")})
    with content_write(user, _("Added with a request to manage it")):
        organization = Organization(
            # Finnish is every content field's fallback, so the first text goes there.
            name_fi=name,
            business_id=business_id,
            description_fi=description,
            email=email,
            phone=phone,
            address_municipality=municipality,
            publication_status=PublicationStatus.PENDING,
        )
        save_with_public_id(organization)
        organization.municipalities.set([municipality])
        claim = Claim.objects.create(
            user=user, organization=organization, kind=Claim.Kind.NEW, message=message
        )
        emails.send_claim_received(claim)
    return claim


def _decide(claim: Claim, user, status: str, message: str) -> None:
    claim.status = status
    claim.decided_by = user
    claim.decided_at = timezone.now()
    claim.decision_message = message
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
    audit_record(
        action=AuditEntry.Action.COORDINATOR_ACTION,
        user=user,
        detail=f"{claim.get_status_display()}: {claim.get_kind_display()}, {claim.organization}",
    )
    emails.send_claim_decision(claim)


def _check_pending(claim: Claim) -> None:
    if not claim.is_pending:
        raise ValidationError({"status": _("This request has already been decided.")})


def claim_approve(*, claim: Claim, user, message: str = "") -> Claim:
    """Make the claimant an editor; a new association is published at the same time."""
    _require_coordinator(user)
    _check_pending(claim)
    with transaction.atomic():
        OrganizationEditor.objects.get_or_create(
            user=claim.user, organization=claim.organization, defaults={"granted_by": user}
        )
        if claim.kind == Claim.Kind.NEW:
            _publish_organization(claim.organization, user)
        _decide(claim, user, Claim.Status.APPROVED, message)
    return claim


def claim_decline(*, claim: Claim, user, message: str) -> Claim:
    """Decline with a message the claimant sees; a new association stays unpublished."""
    _require_coordinator(user)
    _check_pending(claim)
    if not message.strip():
        raise ValidationError({"message": _("Tell the person why the request was declined.")})
    with transaction.atomic():
        if claim.kind == Claim.Kind.NEW:
            _set_status(claim.organization, user, PublicationStatus.DECLINED, _("Declined"))
        _decide(claim, user, Claim.Status.DECLINED, message)
    return claim


# Invitations


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT, compress=True)


def invitation_create(
    *,
    invited_by,
    email: str,
    accept_url_for,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
) -> Invitation:
    """Invite an e-mail address to edit an association (its editors may) or a municipality.

    `accept_url_for(token)` gives the absolute link the e-mail carries.
    """
    if (organization is None) == (municipality is None):
        raise ValueError("Invite to exactly one association or municipality.")
    if organization is not None and not can_edit_organization(invited_by, organization):
        raise PermissionDenied(_("You may not invite editors to this association."))
    if municipality is not None:
        _require_coordinator(invited_by)
    email = email.strip().lower()
    if not email:
        raise ValidationError({"email": _("Enter an e-mail address.")})
    roles = (
        OrganizationEditor.objects.filter(organization=organization)
        if organization is not None
        else MunicipalityEditor.objects.filter(municipality=municipality)
    )
    if roles.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already an editor.")})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            organization=organization,
            municipality=municipality,
            invited_by=invited_by,
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        )
        emails.send_invitation(invitation, accept_url_for(invitation_token(invitation)))
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The open invitation a link stands for; a forged, expired or used link is refused."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=dt.timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired:
        raise ValidationError(_("This invitation has expired."), code="expired") from None
    except signing.BadSignature:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from None
    invitation = Invitation.objects.filter(pk=pk).first()
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired."), code="expired")
    return invitation


def invitation_accept(*, token: str, user) -> OrganizationEditor | MunicipalityEditor:
    """Give the signed-in person the role the invitation offers, once."""
    with transaction.atomic():
        invitation = invitation_from_token(token)
        # Lock the row: two clicks on the same link must not both succeed.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation has already been used."), code="used")
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(
                _("This invitation was sent to another e-mail address. Sign in as %(email)s.")
                % {"email": invitation.email},
                code="wrong_user",
            )
        if invitation.organization_id:
            role, _created = OrganizationEditor.objects.get_or_create(
                user=user,
                organization=invitation.organization,
                defaults={"granted_by": invitation.invited_by},
            )
        else:
            role, _created = MunicipalityEditor.objects.get_or_create(
                user=user,
                municipality=invitation.municipality,
                defaults={"granted_by": invitation.invited_by},
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return role


def invitation_revoke(*, invitation: Invitation, user) -> Invitation:
    if invitation.organization_id and not can_edit_organization(user, invitation.organization):
        raise PermissionDenied(_("You may not revoke this invitation."))
    if invitation.municipality_id:
        _require_coordinator(user)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


# Moderation of content


def _log(obj: Model, user, action: str, message: str = "") -> Decision:
    audit_record(
        action=AuditEntry.Action.COORDINATOR_ACTION,
        user=user,
        detail=f"{Decision.Action(action).label}: {obj._meta.verbose_name}, {obj}",
    )
    return Decision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:250],
        action=action,
        message=message,
        user=user,
    )


def _mark_reviewed(obj: Model) -> None:
    # update() leaves updated_at alone, so the listing no longer counts as changed.
    type(obj).objects.filter(pk=obj.pk).update(reviewed_at=F("updated_at"))
    obj.refresh_from_db(fields=["reviewed_at", "updated_at"])


def _set_status(obj: Model, user, status: str, comment: str) -> None:
    with content_write(user, comment):
        obj.publication_status = status
        obj.save()
        if isinstance(obj, Event):  # published now: it may be an imported event's original
            link_duplicate(obj)
    _mark_reviewed(obj)


def _publish_organization(organization: Organization, user) -> None:
    """An association's first publication takes along what its editors made while waiting."""
    _set_status(organization, user, PublicationStatus.PUBLISHED, _("Approved"))
    pending = PublicationStatus.PENDING
    waiting = [
        *Event.objects.filter(organizers=organization, publication_status=pending),
        *Activity.objects.filter(organizer=organization, publication_status=pending),
        *NewsPost.objects.filter(organization=organization, publication_status=pending),
        *Commitment.objects.filter(organization=organization, publication_status=pending),
        *ProgressReport.objects.filter(
            commitment__organization=organization, publication_status=pending
        ),
    ]
    for item in waiting:
        _set_status(item, user, PublicationStatus.PUBLISHED, _("Approved with the association"))


def _editor_addresses(obj: Model) -> list[str]:
    if isinstance(obj, Organization):
        organizations = [obj]
    elif hasattr(obj, "organizers"):
        organizations = list(obj.organizers.all())
    elif getattr(obj, "proposed_by_id", None):
        organizations = [obj.proposed_by]  # a place an association's editor added
    else:
        organizations = [obj.organizer] if getattr(obj, "organizer_id", None) else []
    return list(
        OrganizationEditor.objects.filter(organization__in=organizations).values_list(
            "user__email", flat=True
        )
    )


def content_approve(*, obj: Model, user, message: str = "") -> None:
    """Publish content that waits for approval."""
    _require_coordinator(user)
    if obj.publication_status not in (PublicationStatus.PENDING, PublicationStatus.DECLINED):
        raise ValidationError({"publication_status": _("Only waiting content can be approved.")})
    with transaction.atomic():
        if isinstance(obj, Organization):
            _publish_organization(obj, user)
        else:
            _set_status(obj, user, PublicationStatus.PUBLISHED, _("Approved"))
        _log(obj, user, Decision.Action.APPROVED, message)


def content_decline(*, obj: Model, user, message: str) -> None:
    """Take content off the public pages and tell its editors why."""
    _require_coordinator(user)
    if not message.strip():
        raise ValidationError({"message": _("Tell the editors why the content was declined.")})
    with transaction.atomic():
        _set_status(obj, user, PublicationStatus.DECLINED, _("Declined"))
        _log(obj, user, Decision.Action.DECLINED, message)
        emails.send_content_declined(obj, message, _editor_addresses(obj))


def content_mark_reviewed(*, obj: Model, user) -> None:
    """The coordinator has seen the latest change; it leaves the queue."""
    _require_coordinator(user)
    with transaction.atomic():
        _mark_reviewed(obj)
        _log(obj, user, Decision.Action.REVIEWED)


# History


@dataclass(frozen=True)
class Restored:
    object: Model
    #: The persons whose consent was withdrawn after the version: left as they are today.
    withdrawals_kept: list[str]


def version_restore(*, version, user) -> Restored:
    """Bring back an earlier version of a listing with its child rows, as a new revision.

    The moderation state (published or not, reviewed) stays as it is now: a restore
    changes content, not whether the public sees it. Nor does it undo a withdrawn
    consent: a contact person who withdrew after the version stays as they are today
    (core.consent_restore).
    """
    _require_coordinator(user)
    model = version._model
    current = model._default_manager.filter(pk=version.object_id).first()
    with content_write(user, _("Restored an earlier version")):
        withdrawals = withdrawals_to_keep(version)
        restored = version._object_version
        now = timezone.now()
        if current is not None and hasattr(current, "publication_status"):
            restored.object.publication_status = current.publication_status
        restored.object.updated_at = now
        if hasattr(restored.object, "reviewed_at"):
            restored.object.reviewed_at = now
        restored.save()
        _restore_children(version)
        kept = withdrawals.apply()
        obj = model._default_manager.get(pk=version.object_id)
        _log(obj, user, Decision.Action.RESTORED, str(version.revision.date_created))
    return Restored(obj, kept)


def _restore_children(version) -> None:
    """Put back the version's contacts, links or weekly times, and remove later ones."""
    for child, attname in child_relations(version._model):
        child_type = ContentType.objects.get_for_model(child)
        kept = []
        for child_version in version.revision.version_set.filter(content_type=child_type):
            if str(child_version.field_dict.get(f"{attname}_id")) == str(version.object_id):
                child_version._object_version.save()
                kept.append(child_version.object_id)
        child.objects.filter(**{f"{attname}_id": version.object_id}).exclude(pk__in=kept).delete()

"""Writes of the cooperation bodies and joint statements.

Each service checks permission first, validates, then writes in one content_write
(one revision with its author, one transaction, indexing once at the end).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.languages import translated_names
from core.public_ids import save_new_or_changed, save_with_public_id
from core.writes import content_write
from materials import services as materials_services
from materials.models import Document, Kind

from .models import (
    Body,
    BodyDocument,
    Consultation,
    DocumentRole,
    Effect,
    Meeting,
    MemberKind,
    Membership,
    MembershipStatus,
    Seat,
    SeatRole,
    Signature,
    Statement,
    StatementComment,
    StatementStatus,
    StatementVersion,
)
from .permissions import (
    can_edit_meetings,
    can_manage_body,
    can_open_statement,
    can_record_outcome,
    can_revise_statement,
    may_act_for,
)

MEETING_FIELDS = {
    *translated_names("title", "agenda", "decisions"),
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "agenda_file",
    "agenda_url",
    "minutes",
    "minutes_file",
    "minutes_url",
}


def _assign(obj, data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        # A programming error, not a user's: the form and the service disagree.
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


# Bodies: join requests and meetings.


def membership_request(*, user, body: Body, organization, message: str = "") -> Membership:
    """An association's editor asks that it join `body`; the chair or coordinator decides."""
    if not may_act_for(user, organization):
        raise PermissionDenied(_("You may ask to join only for your own association."))
    existing = body.memberships.filter(organization=organization).first()
    if existing and existing.status != MembershipStatus.DECLINED:
        raise ValidationError(
            {"organization": _("This association is already a member or has asked to join.")}
        )
    with content_write(user, _("Asked to join the body")):
        membership = existing or Membership(body=body, organization=organization)
        membership.kind = MemberKind.ASSOCIATION
        membership.status = MembershipStatus.REQUESTED
        membership.message = (message or "").strip()
        membership.requested_by = user
        membership.decided_by = None
        membership.decided_at = None
        membership.save()
    return membership


def membership_decide(*, user, membership: Membership, accept: bool) -> Membership:
    """Accept or decline a join request: the body's chair or the coordinator."""
    if not can_manage_body(user, membership.body):
        raise PermissionDenied(_("Only the body's chair or the coordinator may decide this."))
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    with content_write(user, _("Accepted a member") if accept else _("Declined a request")):
        membership.status = MembershipStatus.MEMBER if accept else MembershipStatus.DECLINED
        membership.decided_by = user
        membership.decided_at = timezone.now()
        membership.save()
    return membership


# Seats and members, kept by the body's chair or the coordinator.

SEAT_FIELDS = {
    "role",
    "person_name",
    "user",
    "organization",
    "nominated_by",
    "term_start",
    "term_end",
    "email",
    "phone",
    "contact_consent",
}


def _check_manage(user, body: Body) -> None:
    if not can_manage_body(user, body):
        raise PermissionDenied(_("Only the body's chair or the coordinator may do this."))


def seat_save(*, user, body: Body, data: dict, seat: Seat | None = None) -> Seat:
    """Add a seat to `body` or change one: who holds it, for which term, representing
    whom, and whether their contact details may be shown."""
    if seat is not None and seat.body_id != body.pk:
        raise PermissionDenied(_("This seat belongs to another body."))
    _check_manage(user, body)
    seat = seat or Seat(body=body)
    _assign(seat, data, SEAT_FIELDS)
    if seat.role not in SeatRole.values:
        raise ValidationError({"role": _("Choose the role of the seat.")})
    if seat.term_start and seat.term_end and seat.term_end < seat.term_start:
        raise ValidationError({"term_end": _("The term ends before it begins.")})
    if seat.user_id and not seat.person_name:
        raise ValidationError({"person_name": _("Give the name of the person with the account.")})
    if seat.contact_consent and not (seat.email or seat.phone):
        raise ValidationError(
            {"contact_consent": _("Give an e-mail address or a phone number to show.")}
        )
    seat.full_clean(exclude=["body"])
    with content_write(user, _("Saved a seat")):
        seat.save()
    return seat


def seat_holds_person(seat: Seat, user) -> bool:
    """Whether the seat is the person's: linked to their account, or held under their
    confirmed e-mail address."""
    if not user.is_authenticated:
        return False
    if seat.user_id == user.pk:
        return True
    return bool(user.email_verified_at and seat.email and seat.email.lower() == user.email.lower())


def seat_contact_consent_withdraw(*, user, seat: Seat) -> None:
    """The seat holder takes back their consent: their contact details are hidden at once.

    Only the person may do it here (from their account page); the body's keepers untick
    the consent on the seat form."""
    if not seat_holds_person(seat, user):
        raise PermissionDenied
    with content_write(user, _("Withdrew the consent to show contact details")):
        seat.contact_consent = False
        seat.save(update_fields=["contact_consent"])


def seat_delete(*, user, seat: Seat) -> None:
    """Remove a seat; a seat that is only empty for now is better kept as a vacancy."""
    _check_manage(user, seat.body)
    with content_write(user, _("Removed a seat")):
        seat.delete()


def member_add(
    *,
    user,
    body: Body,
    kind: str,
    organization=None,
    municipality=None,
    name: str = "",
) -> Membership:
    """Add a member to `body`: an association, a municipality or another organisation.
    An association that asked to join (or was declined) becomes a member."""
    _check_manage(user, body)
    name = (name or "").strip()
    if kind == MemberKind.ASSOCIATION and organization is None:
        raise ValidationError({"organization": _("Choose the association.")})
    if kind == MemberKind.MUNICIPALITY and municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality.")})
    if kind == MemberKind.OTHER and not name:
        raise ValidationError({"name": _("Give the name of the organisation.")})
    if kind not in MemberKind.values:
        raise ValidationError({"kind": _("Choose what kind of member this is.")})
    membership = None
    if kind == MemberKind.ASSOCIATION:
        membership = body.memberships.filter(organization=organization).first()
    elif kind == MemberKind.MUNICIPALITY:
        membership = body.memberships.filter(municipality=municipality).first()
    else:
        membership = body.memberships.filter(kind=kind, name__iexact=name).first()
    if membership and membership.status == MembershipStatus.MEMBER:
        raise ValidationError({_field_of(kind): _("This is already a member of the body.")})
    with content_write(user, _("Added a member")):
        membership = membership or Membership(body=body)
        membership.kind = kind
        membership.organization = organization if kind == MemberKind.ASSOCIATION else None
        membership.municipality = municipality if kind == MemberKind.MUNICIPALITY else None
        membership.name = name if kind == MemberKind.OTHER else ""
        membership.status = MembershipStatus.MEMBER
        membership.decided_by = user
        membership.decided_at = timezone.now()
        membership.save()
    return membership


def _field_of(kind: str) -> str:
    return {MemberKind.ASSOCIATION: "organization", MemberKind.MUNICIPALITY: "municipality"}.get(
        kind, "name"
    )


def member_remove(*, user, membership: Membership) -> None:
    """Remove a member (or a pending request) from its body."""
    _check_manage(user, membership.body)
    with content_write(user, _("Removed a member")):
        membership.delete()


def meeting_save(*, user, body: Body, data: dict, meeting: Meeting | None = None) -> Meeting:
    """Write a new meeting of `body` or change one: its chair, secretary or the coordinator."""
    if meeting is not None and meeting.body_id != body.pk:
        raise PermissionDenied(_("This meeting belongs to another body."))
    if not can_edit_meetings(user, body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))
    meeting = meeting or Meeting(body=body)
    _assign(meeting, data, MEETING_FIELDS)
    if not meeting.starts_at:
        raise ValidationError({"starts_at": _("Give the date and time of the meeting.")})
    if meeting.ends_at and meeting.ends_at < meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting ends before it begins.")})
    if not (meeting.place or meeting.online_url):
        raise ValidationError({"place": _("Give the place or the online meeting link.")})
    with content_write(user, _("Saved the meeting")):
        save_new_or_changed(meeting)
    return meeting


# Documents of bodies and meetings (the materials library keeps the files).

#: The materials library's kind for each role a document has in a meeting.
DOCUMENT_KINDS = {
    DocumentRole.AGENDA: Kind.BACKGROUND,
    DocumentRole.MINUTES: Kind.MINUTES,
    DocumentRole.DECISIONS: Kind.MINUTES,
    DocumentRole.OTHER: Kind.BACKGROUND,
}


def _check_document_role(role: str) -> None:
    if role not in DocumentRole.values:
        raise ValidationError({"role": _("Choose whether this is the agenda, minutes or other.")})


def meeting_document_upload(
    *, user, meeting: Meeting, role: str, upload, title: str = ""
) -> BodyDocument:
    """Upload a file as a document of the materials library and link it to `meeting`:
    the body's chair or secretary, or the coordinator. The file goes through the
    library's checks; a refused file leaves neither a document nor a link."""
    body = meeting.body
    if not can_edit_meetings(user, body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))
    _check_document_role(role)
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    when = timezone.localtime(meeting.starts_at).date()
    label = DocumentRole(role).label
    data = {
        "title_fi": (title or "").strip() or f"{body.name}: {label} {when:%-d.%-m.%Y}",
        "kind": DOCUMENT_KINDS[role],
        "year": when.year,
        # A municipal forum's papers are its municipality's; a regional body's are
        # published by the coordinator's organisation.
        "publisher_municipality": body.municipality,
        "topics": list(body.topics.all()),
    }
    with content_write(user, _("Added a document to the meeting")):
        document = materials_services.document_add_permitted_by_caller(
            user=user, data=data, upload=upload
        )
        link = BodyDocument.objects.create(
            body=body, meeting=meeting, document=document, role=role, added_by=user
        )
    return link


def meeting_document_link(*, user, meeting: Meeting, document: Document, role: str) -> BodyDocument:
    """Link a document already in the library to `meeting` as its agenda, minutes, ..."""
    if not can_edit_meetings(user, meeting.body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))
    _check_document_role(role)
    if meeting.document_links.filter(document=document).exists():
        raise ValidationError({"document": _("This document is already linked to the meeting.")})
    with content_write(user, _("Linked a document to the meeting")):
        return BodyDocument.objects.create(
            body=meeting.body, meeting=meeting, document=document, role=role, added_by=user
        )


def meeting_document_unlink(*, user, link: BodyDocument) -> None:
    """Remove a document from a meeting; the document stays in the library."""
    if not can_edit_meetings(user, link.body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))
    with content_write(user, _("Removed a document from the meeting")):
        link.delete()


# Joint statements.


def statement_open(
    *, user, consultation: Consultation, title: str, text: str, body: Body | None = None
) -> Statement:
    """Open a draft joint statement: the coordinator, or a body's chair for that body."""
    if not can_open_statement(user, body):
        raise PermissionDenied(_("Only the coordinator or a body's chair may open a statement."))
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the statement a title.")})
    if not text:
        raise ValidationError({"text": _("Write the first draft.")})
    with content_write(user, _("Opened a joint statement")):
        statement = Statement(consultation=consultation, body=body, title_fi=title, author=user)
        save_with_public_id(statement)
        StatementVersion.objects.create(statement=statement, number=1, text=text, author=user)
    return statement


def statement_revise(*, user, statement: Statement, text: str, note: str = "") -> StatementVersion:
    """The author's new version of the draft; the old versions stay for comparison."""
    if not can_revise_statement(user, statement):
        raise PermissionDenied(_("Only the author may revise the statement."))
    if statement.status != StatementStatus.DRAFT:
        raise ValidationError(_("Only a draft can be revised."))
    text = (text or "").strip()
    current = statement.current_version
    if not text:
        raise ValidationError({"text": _("The statement cannot be empty.")})
    if current and current.text == text:
        raise ValidationError({"text": _("The text is the same as the current version.")})
    with content_write(user, _("Revised the joint statement")):
        version = StatementVersion.objects.create(
            statement=statement,
            number=(current.number if current else 0) + 1,
            text=text,
            note=(note or "").strip()[:300],
            author=user,
        )
        statement.save(update_fields=["updated_at"])
    return version


def statement_comment(*, user, statement: Statement, organization, text: str) -> StatementComment:
    """An association's editor comments on the current draft, for their own association."""
    if not may_act_for(user, organization):
        raise PermissionDenied(_("You may comment only for your own association."))
    if statement.status != StatementStatus.DRAFT:
        raise ValidationError(_("Comments are taken while the statement is a draft."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    with content_write(user, _("Commented on the joint statement")):
        return StatementComment.objects.create(
            statement=statement,
            version=statement.current_version,
            organization=organization,
            author=user,
            text=text,
        )


def statement_open_for_signing(*, user, statement: Statement) -> Statement:
    """The text is final: associations may sign."""
    if not can_revise_statement(user, statement):
        raise PermissionDenied(_("Only the author may open the statement for signatures."))
    if statement.status != StatementStatus.DRAFT:
        raise ValidationError(_("Only a draft can be opened for signatures."))
    with content_write(user, _("Opened the statement for signatures")):
        statement.status = StatementStatus.SIGNING
        statement.save(update_fields=["status", "updated_at"])
    return statement


def statement_sign(*, user, statement: Statement, organization) -> Signature:
    """Sign for one's own association (never another's) while signatures are open."""
    if not may_act_for(user, organization):
        raise PermissionDenied(_("You may sign only for your own association."))
    if statement.status != StatementStatus.SIGNING:
        raise ValidationError(_("The statement is not open for signatures."))
    if statement.signatures.filter(organization=organization, withdrawn_at=None).exists():
        raise ValidationError({"organization": _("This association has already signed.")})
    with content_write(user, _("Signed the joint statement")):
        return Signature.objects.create(
            statement=statement, organization=organization, signed_by=user
        )


def signature_withdraw(*, user, signature: Signature) -> Signature:
    """Withdraw one's own association's signature before the statement is sent."""
    if not may_act_for(user, signature.organization):
        raise PermissionDenied(_("You may withdraw only your own association's signature."))
    if signature.withdrawn_at or signature.statement.status == StatementStatus.SENT:
        raise ValidationError(_("This signature can no longer be withdrawn."))
    with content_write(user, _("Withdrew a signature")):
        signature.withdrawn_at = timezone.now()
        signature.save(update_fields=["withdrawn_at"])
    return signature


def statement_send(*, user, statement: Statement) -> Statement:
    """Mark the statement sent: it is published with its signatories."""
    if not can_revise_statement(user, statement):
        raise PermissionDenied(_("Only the author may send the statement."))
    if statement.status != StatementStatus.SIGNING:
        raise ValidationError(_("Open the statement for signatures before sending it."))
    if not statement.signatures.filter(withdrawn_at=None).exists():
        raise ValidationError(_("No association has signed the statement yet."))
    with content_write(user, _("Sent the joint statement")):
        statement.status = StatementStatus.SENT
        statement.sent_at = timezone.now()
        statement.save(update_fields=["status", "sent_at", "updated_at"])
    return statement


def outcome_record(
    *, user, statement: Statement, decision: str, url: str = "", effect: str, note: str = ""
) -> Statement:
    """What came of a sent statement: the coordinator records it."""
    if not can_record_outcome(user):
        raise PermissionDenied(_("Only the coordinator may record the outcome."))
    if statement.status != StatementStatus.SENT:
        raise ValidationError(_("Record the outcome once the statement has been sent."))
    if effect not in Effect.values:
        raise ValidationError({"effect": _("Choose whether the views were taken into account.")})
    decision = (decision or "").strip()
    if not decision:
        raise ValidationError({"outcome_decision": _("Describe the decision.")})
    with content_write(user, _("Recorded the outcome of the statement")):
        statement.outcome_decision = decision
        statement.outcome_url = (url or "").strip()
        statement.effect = effect
        statement.effect_note = (note or "").strip()
        statement.outcome_recorded_at = timezone.now()
        statement.save()
    return statement

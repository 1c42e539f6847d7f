"""Bodies, meetings and representation: public pages, join requests and meeting forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    JoinForm,
    MeetingDocumentLinkForm,
    MeetingDocumentUploadForm,
    MeetingForm,
    MemberForm,
    SeatForm,
)
from ..models import Body, BodyDocument, BodyKind, DocumentRole, Meeting, Membership, Seat
from ..permissions import can_edit_meetings, can_manage_body, own_organizations
from .common import form_errors, page


def _body_or_404(public_id) -> Body:
    try:
        return selectors.body_get(public_id)
    except Body.DoesNotExist:
        raise Http404(_("No body found with this name.")) from None


def body_list(request):
    kind = request.GET.get("kind", "")
    if kind not in BodyKind.values:
        kind = ""
    context = {
        "bodies": selectors.body_list(kind=kind or None),
        "kinds": BodyKind.choices,
        "kind": kind,
        "upcoming": selectors.meetings_upcoming()[:5],
        "counts": selectors.statement_counts(),
    }
    return page(request, "cooperation/body_list.html", context)


def body_detail(request, public_id):
    body = _body_or_404(public_id)
    user = request.user
    context = {
        "body": body,
        "members": selectors.body_members(body),
        "seats": selectors.body_seats(body),
        "upcoming": selectors.meetings_upcoming(body),
        "past": selectors.meetings_past(body)[:20],
        "counts": selectors.statement_counts(body),
        "statements": selectors.statement_list().filter(body=body)[:10],
        "documents": selectors.body_documents(body)[:50],
        "may_manage": can_manage_body(user, body),
        "may_edit_meetings": can_edit_meetings(user, body),
        "requests": selectors.join_requests(body) if can_manage_body(user, body) else [],
        "may_join": own_organizations(user).exists(),
    }
    return page(request, "cooperation/body_detail.html", context)


def _meeting_or_404(public_id) -> Meeting:
    try:
        return selectors.meeting_get(public_id)
    except Meeting.DoesNotExist:
        raise Http404(_("No meeting found with this id.")) from None


def _meeting_page(request, meeting, *, upload_form=None, link_form=None, status=200):
    may_edit = can_edit_meetings(request.user, meeting.body)
    documents: dict[str, list] = {role: [] for role in DocumentRole.values}
    for link in selectors.meeting_documents(meeting):
        documents[link.role].append(link)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "may_edit": may_edit,
        "documents": documents,
    }
    if may_edit:
        context["upload_form"] = upload_form or MeetingDocumentUploadForm(auto_id="upload_%s")
        context["link_form"] = link_form or MeetingDocumentLinkForm(auto_id="link_%s")
    return page(request, "cooperation/meeting_detail.html", context, status=status)


def meeting_detail(request, public_id):
    return _meeting_page(request, _meeting_or_404(public_id))


def _check_may_edit_meetings(user, body) -> None:
    if not can_edit_meetings(user, body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))


@login_required
@require_POST
def meeting_document_upload(request, public_id):
    """Upload the agenda, minutes or decisions as a document of the materials library."""
    meeting = _meeting_or_404(public_id)
    _check_may_edit_meetings(request.user, meeting.body)
    form = MeetingDocumentUploadForm(request.POST, request.FILES, auto_id="upload_%s")
    if form.is_valid():
        try:
            link = services.meeting_document_upload(
                user=request.user,
                meeting=meeting,
                role=form.cleaned_data["role"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form_errors(error, form, {"title_fi": "title"})
        else:
            messages.success(
                request, _("The document %(title)s was added.") % {"title": link.document}
            )
            return redirect(meeting.get_absolute_url())
    return _meeting_page(request, meeting, upload_form=form, status=400)


@login_required
@require_POST
def meeting_document_link(request, public_id):
    """Link a document already in the materials library to the meeting."""
    meeting = _meeting_or_404(public_id)
    _check_may_edit_meetings(request.user, meeting.body)
    form = MeetingDocumentLinkForm(request.POST, auto_id="link_%s")
    if form.is_valid():
        try:
            services.meeting_document_link(
                user=request.user,
                meeting=meeting,
                document=form.cleaned_data["document"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("The document was linked to the meeting."))
            return redirect(meeting.get_absolute_url())
    return _meeting_page(request, meeting, link_form=form, status=400)


@login_required
@require_POST
def meeting_document_unlink(request, pk):
    link = get_object_or_404(BodyDocument.objects.select_related("body", "meeting"), pk=pk)
    services.meeting_document_unlink(user=request.user, link=link)
    messages.success(request, _("The document was removed from the meeting."))
    target = link.meeting or link.body
    return redirect(target.get_absolute_url())


def representation(request):
    return page(request, "cooperation/representation.html", {"rows": selectors.representation()})


@login_required
def body_join(request, public_id):
    body = _body_or_404(public_id)
    organizations = list(own_organizations(request.user)[:200])
    if not organizations:
        raise PermissionDenied(_("Only an association's editor may ask to join."))
    form = JoinForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user,
                body=body,
                organization=form.chosen_organization(),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("Your request was sent to the body's chair."))
            return redirect(body.get_absolute_url())
    return page(request, "cooperation/join_form.html", {"body": body, "form": form})


@login_required
@require_POST
def join_decide(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body"), pk=pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.membership_decide(user=request.user, membership=membership, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect(membership.body.get_absolute_url())


# Seats and members: the body's chair or the coordinator.


def _check_may_manage(user, body) -> None:
    if not can_manage_body(user, body):
        raise PermissionDenied(_("Only the body's chair or the coordinator may do this."))


def _manage_page(request, body, *, member_form=None, status=200):
    context = {
        "body": body,
        "seats": selectors.body_seats(body),
        "members": selectors.body_members(body),
        "requests": selectors.join_requests(body),
        "member_form": member_form or MemberForm(auto_id="member_%s"),
    }
    return page(request, "cooperation/body_manage.html", context, status=status)


@login_required
def body_manage(request, public_id):
    """The body's seats and members on one page, with the forms to change them."""
    body = _body_or_404(public_id)
    _check_may_manage(request.user, body)
    return _manage_page(request, body)


@login_required
def seat_edit(request, body_id, pk=None):
    """Add a seat to the body `body_id`, or change its seat `pk`."""
    body = _body_or_404(body_id)
    _check_may_manage(request.user, body)
    seat = (
        get_object_or_404(Seat.objects.select_related("organization", "user"), pk=pk, body=body)
        if pk
        else None
    )
    initial = SeatForm.initial_for(seat) if seat else {}
    form = SeatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_save(user=request.user, body=body, data=form.service_data(), seat=seat)
        except ValidationError as error:
            form_errors(error, form, {"user": "account"})
        else:
            messages.success(request, _("The seat was saved."))
            return redirect("cooperation:body_manage", public_id=body.public_id)
    return page(request, "cooperation/seat_form.html", {"body": body, "seat": seat, "form": form})


@login_required
@require_POST
def seat_delete(request, pk):
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    services.seat_delete(user=request.user, seat=seat)
    messages.success(request, _("The seat was removed."))
    return redirect("cooperation:body_manage", public_id=seat.body.public_id)


@login_required
@require_POST
def seat_contact_consent_withdraw(request, pk):
    """The seat holder hides their own contact details (from the account page)."""
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    services.seat_contact_consent_withdraw(user=request.user, seat=seat)
    messages.success(
        request,
        _("Your contact details are no longer shown on the page of %(body)s.")
        % {"body": seat.body.name},
    )
    return redirect("accounts:account")


@login_required
@require_POST
def member_add(request, public_id):
    body = _body_or_404(public_id)
    _check_may_manage(request.user, body)
    form = MemberForm(request.POST, auto_id="member_%s")
    if form.is_valid():
        try:
            services.member_add(user=request.user, body=body, **form.cleaned_data)
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("The member was added."))
            return redirect("cooperation:body_manage", public_id=body.public_id)
    return _manage_page(request, body, member_form=form, status=400)


@login_required
@require_POST
def member_remove(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body"), pk=pk)
    services.member_remove(user=request.user, membership=membership)
    messages.success(request, _("The member was removed."))
    return redirect("cooperation:body_manage", public_id=membership.body.public_id)


def _meeting_initial(meeting: Meeting) -> dict:
    names = [name for name in MeetingForm.base_fields if not name.endswith("_file")]
    return {name: getattr(meeting, name) for name in names}


@login_required
def meeting_edit(request, body_id=None, public_id=None):
    """Add a meeting to the body `body_id`, or change the meeting `public_id`."""
    meeting = None
    if public_id is not None:
        try:
            meeting = selectors.meeting_get(public_id)
        except Meeting.DoesNotExist:
            raise Http404(_("No meeting found with this id.")) from None
        body = meeting.body
    else:
        body = _body_or_404(body_id)
    if not can_edit_meetings(request.user, body):
        raise PermissionDenied(_("Only this body's chair or secretary may edit its meetings."))
    initial = _meeting_initial(meeting) if meeting else {}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                user=request.user, body=body, data=form.service_data(), meeting=meeting
            )
        except ValidationError as error:
            form_errors(error, form, {"title": "title_fi", "agenda": "agenda_fi"})
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting.get_absolute_url())
    context = {"body": body, "meeting": meeting, "form": form}
    return page(request, "cooperation/meeting_form.html", context)


def calendar_feed(request, public_id=None):
    """Meetings and consultation deadlines as a subscribable iCalendar feed."""
    from core.ical import calendar_response

    from ..ical import cooperation_calendar

    body = _body_or_404(public_id) if public_id else None
    calendar = cooperation_calendar(
        host=request.get_host(), absolute=request.build_absolute_uri, body=body
    )
    return calendar_response(calendar, filename="cooperation.ics", attachment=False)

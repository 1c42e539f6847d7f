"""Pages of claims, invitations, the coordinator's queue and content history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from accounts.permissions import can_edit_organization
from core.consent_restore import withdrawals_kept_notice
from core.emails import default_base_url
from core.forms import show_service_errors
from core.history import version_diff, versions_of
from core.models import PublicationStatus
from municipalities.models import Municipality
from organizations.models import Organization

from . import selectors, services
from .forms import (
    ClaimExistingForm,
    ClaimNewForm,
    DecisionForm,
    InvitationForm,
    OrganizationSearchForm,
)
from .models import Claim

# Claims


@login_required
def claim_choose(request):
    form = OrganizationSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        # Every language's name: "name" alone means the page's language, and most
        # associations have only a Finnish name.
        names = Q(name_fi__icontains=q) | Q(name_sv__icontains=q) | Q(name_en__icontains=q)
        results = Organization.objects.filter(
            names | Q(business_id=q),
            publication_status=PublicationStatus.PUBLISHED,
        )[:30]
    return render(request, "moderation/claim_choose.html", {"form": form, "results": results})


@login_required
def claim(request, public_id):
    organization = get_object_or_404(
        Organization, public_id=public_id, publication_status=PublicationStatus.PUBLISHED
    )
    form = ClaimExistingForm(request.POST or None)
    if form.is_valid():
        try:
            services.claim_existing_create(
                user=request.user, organization=organization, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Your request was sent to the coordinator."))
            return redirect("moderation:my_requests")
    return render(
        request, "moderation/claim_form.html", {"form": form, "organization": organization}
    )


@login_required
def claim_new(request):
    form = ClaimNewForm(request.POST or None, request=request)
    if form.is_valid():
        try:
            services.claim_new_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request,
                _("Thank you! The association will be published when the coordinator approves it."),
            )
            return redirect("moderation:my_requests")
    return render(request, "moderation/claim_new.html", {"form": form}, status=form.antibot_status)


@login_required
def my_requests(request):
    claims = selectors.claim_list_of_user(request.user)
    return render(request, "moderation/my_requests.html", {"claims": claims})


# The coordinator's queue


@coordinator_only
def queue(request):
    context = {
        "claims": selectors.claim_list_pending(),
        "pending": selectors.pending_content(),
        "changed": selectors.changed_content(),
        "decision_form": DecisionForm(),
    }
    return render(request, "moderation/queue.html", context)


@coordinator_only
def claim_decide(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("user", "organization"), pk=pk)
    form = DecisionForm(request.POST or None)
    form.fields["action"].choices = form.fields["action"].choices[:2]
    if form.is_valid():
        action = form.cleaned_data["action"]
        service = services.claim_approve if action == "approve" else services.claim_decline
        try:
            service(claim=claim, user=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The decision was saved and the person informed."))
            return redirect("moderation:queue")
    return render(request, "moderation/claim_decide.html", {"claim": claim, "form": form})


def _content_or_404(kind, public_id):
    try:
        return selectors.content_get(kind, public_id)
    except (KeyError, LookupError):
        raise Http404(_("No such content.")) from None


@coordinator_only
def content_decide(request, kind, public_id):
    obj = _content_or_404(kind, public_id)
    form = DecisionForm(request.POST or None)
    if form.is_valid():
        action, message = form.cleaned_data["action"], form.cleaned_data["message"]
        try:
            if action == "approve":
                services.content_approve(obj=obj, user=request.user, message=message)
            elif action == "decline":
                services.content_decline(obj=obj, user=request.user, message=message)
            else:
                services.content_mark_reviewed(obj=obj, user=request.user)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": obj})
            return redirect("moderation:queue")
    return render(
        request, "moderation/content_decide.html", {"object": obj, "kind": kind, "form": form}
    )


# History


@coordinator_only
def history(request, kind, public_id):
    obj = _content_or_404(kind, public_id)
    versions = list(versions_of(obj)[:50])
    entries = [
        {
            "version": version,
            "changes": version_diff(versions[i + 1] if i + 1 < len(versions) else None, version),
        }
        for i, version in enumerate(versions)
    ]
    context = {"object": obj, "kind": kind, "entries": entries}
    return render(request, "moderation/history.html", context)


@coordinator_only
@require_POST
def restore(request, kind, public_id, version_id):
    obj = _content_or_404(kind, public_id)
    version = get_object_or_404(versions_of(obj), pk=version_id)
    restored = services.version_restore(version=version, user=request.user)
    messages.success(request, _("The earlier version was restored."))
    if restored.withdrawals_kept:
        messages.warning(request, withdrawals_kept_notice(restored.withdrawals_kept))
    return redirect("moderation:history", kind=kind, public_id=public_id)


# Invitations


def _invite(request, *, organization=None, municipality=None):
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            services.invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                organization=organization,
                municipality=municipality,
                accept_url_for=lambda token: (
                    default_base_url()
                    + reverse("moderation:invitation_accept", kwargs={"token": token})
                ),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(request.path)
    target = organization or municipality
    invitations = target.invitations.select_related("invited_by", "accepted_by")[:50]
    context = {"form": form, "target": target, "invitations": invitations}
    return render(request, "moderation/invite.html", context)


@login_required
def invite(request, public_id):
    organization = get_object_or_404(Organization, public_id=public_id)
    if not can_edit_organization(request.user, organization):
        raise PermissionDenied(_("You may not invite editors to this association."))
    return _invite(request, organization=organization)


@coordinator_only
def invite_municipality(request, slug):
    return _invite(request, municipality=get_object_or_404(Municipality, slug=slug))


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        context = {"error": error.messages[0]}
        return render(request, "moderation/invitation_accept.html", context, status=410)
    if not request.user.is_authenticated:
        # After signing in (or signing up with the invited address) the person comes back here.
        return redirect_to_login(request.get_full_path())
    error = None
    if request.user.email.lower() != invitation.email.lower():
        error = _("This invitation was sent to another e-mail address. Sign in as %(email)s.") % {
            "email": invitation.email
        }
    elif request.method == "POST":
        try:
            services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("Welcome! You are now an editor of %(name)s.") % {"name": invitation.target},
            )
            return redirect(_after_accept(invitation))
    context = {"invitation": invitation, "error": error}
    return render(request, "moderation/invitation_accept.html", context)


def _after_accept(invitation) -> str:
    if invitation.organization_id:
        return invitation.organization.get_absolute_url()
    return invitation.municipality.get_absolute_url()

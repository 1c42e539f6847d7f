"""The one-click confirmation of a listing, and the coordinator's list of stale listings."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import coordinator_only
from core.emails import report_reminders_sent
from organizations.models import Organization

from .selectors import organization_activities, stale_activities, stale_after, stale_organizations
from .services import organization_confirm, send_confirmation_reminder
from .tokens import ExpiredToken, InvalidToken, read_confirmation_token

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows what is confirmed and a button; only the POST confirms.

    Mail scanners follow links in e-mails: a GET must never confirm anything.
    """
    try:
        organization = Organization.objects.get(pk=read_confirmation_token(token))
    except ExpiredToken:
        return invalid_link(
            request,
            _(
                "This confirmation link has expired. Sign in to check your association's "
                "information, or ask the coordinator for a new link."
            ),
        )
    except (InvalidToken, Organization.DoesNotExist):
        return invalid_link(
            request,
            _(
                "This confirmation link is not valid. Copy the whole link from the e-mail, "
                "or sign in to check your association's information."
            ),
        )
    context = {
        "organization": organization,
        "activities": organization_activities(organization),
    }
    if request.method == "POST":
        organization_confirm(organization=organization)
        return render(request, "freshness/confirmed.html", context)
    return render(request, "freshness/confirm.html", context)


def invalid_link(request, message):
    return render(request, "freshness/invalid_link.html", {"message": message}, status=400)


@coordinator_only
def stale_listings(request):
    """Listings left out of the default results, and those about to be, with their reminders."""
    now = timezone.now()
    organizations = Paginator(stale_organizations(now=now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    activities = Paginator(stale_activities(now=now), PAGE_SIZE).get_page(
        request.GET.get("activity_page")
    )
    context = {
        "organizations": organizations,
        "activities": activities,
        "stale_before": now - stale_after(),
        "section": "coordinator",
    }
    return render(request, "freshness/stale_listings.html", context)


@require_POST
@coordinator_only
def remind_now(request, pk):
    """Send the organization's editors a confirmation link now, whenever they were last reminded."""
    organization = get_object_or_404(Organization, pk=pk)
    sent = send_confirmation_reminder(organization=organization)
    report_reminders_sent(request, sent=sent, to_editors_of=organization.name)
    return redirect("freshness:stale")

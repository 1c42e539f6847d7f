"""The coordinator's list of associations whose register entry says dissolved or is missing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only

from .registry import flagged_organizations, organization_mark_dissolved

PAGE_SIZE = 50


@coordinator_only
def flagged(request):
    page = Paginator(flagged_organizations(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organizations": page, "section": "coordinator"}
    return render(request, "importers/register_flags.html", context)


@require_POST
@coordinator_only
def mark_dissolved(request, pk):
    organization = get_object_or_404(flagged_organizations(), pk=pk)
    organization_mark_dissolved(user=request.user, organization=organization)
    messages.success(
        request,
        _("%(name)s is marked dissolved.") % {"name": organization.name},
    )
    return redirect("registry:flagged")

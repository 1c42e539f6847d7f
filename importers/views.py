"""An association's calendar feeds: connect, look at the polls, poll now, detach, remove.

Only the association's editors (and the coordinator) see these pages; anyone else is
told they do not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import editable_organizations
from core.forms import show_service_errors

from . import services
from .forms import CalendarSourceForm
from .models import CalendarSource, ImportedEvent


def editable_organization_or_404(request, org):
    """The association `org` if the person may edit it; a 404 for anyone else."""
    return get_object_or_404(editable_organizations(request.user), public_id=org)


def source_or_404(request, org, pk, model=CalendarSource):
    """A source (calendar feed or Linked Events) of an association the person edits."""
    organization = editable_organization_or_404(request, org)
    return get_object_or_404(model, organization=organization, pk=pk)


@login_required
def source_list(request, org):
    organization = editable_organization_or_404(request, org)
    form = CalendarSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_create(
                user=request.user, organization=organization, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The calendar is connected; its events come in shortly."))
            return redirect("importers:detail", org=org, pk=source.pk)
    sources = organization.calendar_sources.all()
    context = {"organization": organization, "form": form, "sources": sources}
    return render(request, "importers/source_list.html", context)


@login_required
def source_detail(request, org, pk):
    source = source_or_404(request, org, pk)
    context = {
        "organization": source.organization,
        "source": source,
        "runs": source.runs.all()[:20],
        "imported": source.imported_events.select_related("event").order_by("event__start_time"),
    }
    return render(request, "importers/source_detail.html", context)


@login_required
@require_POST
def source_poll_now(request, org, pk):
    source = source_or_404(request, org, pk)
    run = services.source_poll(source)
    if run.status == CalendarSource.Status.FAILED:
        messages.error(request, run.message)
    else:
        messages.success(request, _("The calendar was checked."))
    return redirect("importers:detail", org=org, pk=pk)


@login_required
@require_POST
def source_remove(request, org, pk):
    source = source_or_404(request, org, pk)
    services.source_delete(user=request.user, source=source)
    messages.success(request, _("The calendar was removed; its events stay, to be edited here."))
    return redirect("importers:list", org=org)


@login_required
@require_POST
def event_detach(request, org, pk, link):
    source = source_or_404(request, org, pk)
    imported = get_object_or_404(ImportedEvent, source=source, pk=link)
    services.event_detach(user=request.user, link=imported)
    messages.success(request, _("The event is now edited here; the calendar no longer changes it."))
    return redirect("importers:detail", org=org, pk=pk)

"""An association's Linked Events sources: connect, edit, look at the syncs, sync now,
detach an event, remove.

Only the association's editors (and the coordinator) see these pages; anyone else is
told they do not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import show_service_errors

from . import linked_events_services as services
from .forms import LinkedEventsSourceForm
from .linked_events_models import LinkedEventsEvent, LinkedEventsSource
from .views import editable_organization_or_404, source_or_404


def _source(request, org, pk):
    return source_or_404(request, org, pk, model=LinkedEventsSource)


@login_required
def source_list(request, org):
    organization = editable_organization_or_404(request, org)
    form = LinkedEventsSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.linked_events_source_create(
                user=request.user, organization=organization, data=form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The source is connected; its events come in shortly."))
            return redirect("importers:le_detail", org=org, pk=source.pk)
    context = {
        "organization": organization,
        "form": form,
        "sources": organization.linked_events_sources.all(),
    }
    return render(request, "importers/linked_events_list.html", context)


@login_required
def source_detail(request, org, pk):
    source = _source(request, org, pk)
    initial = {name: getattr(source, name) for name in services.SOURCE_FIELDS}
    form = LinkedEventsSourceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.linked_events_source_update(
                user=request.user, source=source, data=form.cleaned_data
            )
        except ValidationError as error:
            source.refresh_from_db()
            show_service_errors(error, form)
        else:
            messages.success(request, _("The source was saved."))
            return redirect("importers:le_detail", org=org, pk=pk)
    imported = source.imported_events.select_related("event").order_by("event__start_time")
    context = {
        "organization": source.organization,
        "source": source,
        "form": form,
        "runs": source.runs.all()[:20],
        "imported": imported,
    }
    return render(request, "importers/linked_events_detail.html", context)


@login_required
@require_POST
def source_poll_now(request, org, pk):
    source = _source(request, org, pk)
    run = services.linked_events_source_poll(source)
    if run.status == LinkedEventsSource.Status.FAILED:
        messages.error(request, run.message)
    else:
        messages.success(request, _("The source was checked."))
    return redirect("importers:le_detail", org=org, pk=pk)


@login_required
@require_POST
def source_remove(request, org, pk):
    source = _source(request, org, pk)
    services.linked_events_source_delete(user=request.user, source=source)
    messages.success(request, _("The source was removed; its events stay, to be edited here."))
    return redirect("importers:le_list", org=org)


@login_required
@require_POST
def event_detach(request, org, pk, link):
    source = _source(request, org, pk)
    imported = get_object_or_404(LinkedEventsEvent, source=source, pk=link)
    services.linked_events_event_detach(user=request.user, link=imported)
    messages.success(request, _("The event is now edited here; the source no longer changes it."))
    return redirect("importers:le_detail", org=org, pk=pk)

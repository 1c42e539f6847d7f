"""Saying that two events shown as one are not the same, and taking it back.

Buttons on the event's page, for the coordinator and the editors of either event; anyone
else is told the address does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event, KeptApart

from .duplicates import events_keep_apart, events_keep_apart_undo


@login_required
@require_POST
def keep_apart(request, pk, other):
    event = get_object_or_404(Event, pk=pk)
    other_event = get_object_or_404(Event, pk=other)
    try:
        events_keep_apart(user=request.user, event=event, other=other_event)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    messages.success(request, _("The two events are now shown separately."))
    return redirect(event)


@login_required
@require_POST
def keep_apart_undo(request, pk):
    decision = get_object_or_404(KeptApart.objects.select_related("event", "other"), pk=pk)
    try:
        events_keep_apart_undo(user=request.user, decision=decision)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(decision.event)
    messages.success(
        request, _("Undone. If the events are still alike, they are shown as one again.")
    )
    return redirect(decision.event)

"""Pages of the association programme: the public overview, goal, measure and timeline
pages, and the pages where associations adopt measures and report their progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from accounts.permissions import (
    can_edit_programme,
    can_update_measure,
    editable_organizations,
    is_coordinator,
)
from core.forms import show_service_errors

from . import selectors, services
from .forms import CommitmentForm, MeasureForm, MeasureUpdateForm, ProgressReportForm
from .models import STATUS_LABELS, Commitment, Goal, Measure, PartyKind, Programme, Task

SECTION = "programme"


def _programme_or_404(slug):
    if slug is None:
        programme = selectors.programme_current()
        if programme is None:
            raise Http404(_("There is no programme yet."))
        return programme
    try:
        return selectors.programme_get(slug)
    except Programme.DoesNotExist:
        raise Http404(_("No programme found with this name.")) from None


def programme_overview(request, slug=None):
    """The programme at a glance: vision, goals, measures by status, late ones, progress."""
    programme = _programme_or_404(slug)
    context = {
        "programme": programme,
        "themes": selectors.themes_with_goals(programme),
        "status_rows": [
            (status, STATUS_LABELS[status], count)
            for status, count in selectors.status_counts(programme).items()
        ],
        "late_measures": selectors.late_measures(programme)[:20],
        "recent_progress": selectors.recent_progress(programme),
        "other_programmes": selectors.programme_list().exclude(pk=programme.pk),
        "may_edit": can_edit_programme(request.user),
        "section": SECTION,
    }
    return render(request, "programme/programme_detail.html", context)


def programme_timeline(request, slug=None):
    programme = _programme_or_404(slug)
    quarters, rows = selectors.timeline(programme)
    context = {"programme": programme, "quarters": quarters, "rows": rows, "section": SECTION}
    return render(request, "programme/timeline.html", context)


def goal_detail(request, public_id):
    try:
        goal = selectors.goal_get(public_id)
    except Goal.DoesNotExist:
        raise Http404(_("No goal found with this id.")) from None
    measures = selectors.measures_of(goal.theme.programme).filter(goal=goal)
    context = {"goal": goal, "programme": goal.theme.programme, "measures": measures}
    return render(request, "programme/goal_detail.html", {**context, "section": SECTION})


def _measure_or_404(public_id) -> Measure:
    try:
        return selectors.measure_get(public_id)
    except Measure.DoesNotExist:
        raise Http404(_("No measure found with this id.")) from None


def measure_detail(request, public_id):
    """What, who, when, status, tasks, commitments and updates of one measure."""
    measure = _measure_or_404(public_id)
    context = {
        "measure": measure,
        "programme": measure.goal.theme.programme,
        "responsibilities": measure.responsibilities.all(),
        "tasks": measure.tasks.all(),
        "commitments": selectors.commitments_published(measure),
        "reports": selectors.progress_reports_published().filter(commitment__measure=measure)[:50],
        "updates": measure.updates.all()[:50],
        "may_update": can_update_measure(request.user, measure),
        "may_edit": can_edit_programme(request.user),
        "section": SECTION,
    }
    return render(request, "programme/measure_detail.html", context)


# Self-service: adopting measures and reporting on them.


@login_required
def measure_adopt(request, public_id):
    measure = _measure_or_404(public_id)
    organizations = list(editable_organizations(request.user).order_by("name")[:200])
    if not organizations:
        raise PermissionDenied
    form = CommitmentForm(
        request.POST or None,
        organizations=organizations,
        initial={"organization": request.GET.get("org")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_create(
                user=request.user,
                measure=measure,
                organization=form.chosen_organization(),
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _published_message(commitment))
            return redirect(_our_url(commitment.organization))
    context = {
        "measure": measure,
        "form": form,
        "show_errors": request.method == "POST",
        "section": "selfservice",
    }
    return render(request, "programme/adopt_form.html", context)


def _published_message(item) -> str:
    if item.is_published:
        return _("Saved. It is now public.")
    return _("Saved. It will be public once the coordinator has approved it.")


def _our_url(organization) -> str:
    return f"{reverse('programme:our_commitments')}?org={organization.public_id}"


@login_required
def our_commitments(request):
    """The measures the user's associations have adopted, with their reports."""
    organizations = editable_organizations(request.user).order_by("name")
    chosen = request.GET.get("org")
    if chosen:
        organizations = organizations.filter(public_id=chosen)
    elif is_coordinator(request.user):
        organizations = organizations.filter(programme_commitments__isnull=False).distinct()
    organizations = list(organizations[:50])
    if not organizations and not is_coordinator(request.user):
        raise PermissionDenied
    groups = [(org, selectors.commitments_of_editor(request.user, org)) for org in organizations]
    programme = selectors.programme_current()
    context = {"groups": groups, "programme": programme, "section": "selfservice"}
    return render(request, "programme/our_commitments.html", context)


@login_required
def report_add(request, public_id):
    commitment = get_object_or_404(
        Commitment.objects.select_related("organization", "measure"), public_id=public_id
    )
    if not editable_organizations(request.user).filter(pk=commitment.organization_id).exists():
        raise PermissionDenied
    form = ProgressReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.progress_report_add(
                user=request.user, commitment=commitment, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _published_message(report))
            return redirect(_our_url(commitment.organization))
    context = {
        "commitment": commitment,
        "form": form,
        "show_errors": request.method == "POST",
        "section": "selfservice",
    }
    return render(request, "programme/report_form.html", context)


# The responsible parties' own updates.


def _parties_of(user, measure: Measure) -> list[str]:
    """The names the user may post an update as: their responsible parties."""
    names = []
    for party in measure.responsibilities.all():
        if party.kind == PartyKind.ASSOCIATION:
            mine = party.organization.editor_roles.filter(user=user).exists()
        elif party.kind == PartyKind.MUNICIPALITY:
            mine = party.municipality.editor_roles.filter(user=user).exists()
        else:
            mine = is_coordinator(user)
        if mine or is_coordinator(user):
            names.append(party.party_name)
    return names or [_("The regional coordinator")]


@login_required
def measure_update(request, public_id):
    measure = _measure_or_404(public_id)
    if not can_update_measure(request.user, measure):
        raise PermissionDenied
    form = MeasureUpdateForm(
        request.POST or None,
        parties=_parties_of(request.user, measure),
        initial={"status": measure.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update_add(user=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved. The update is now on the measure's page."))
            return redirect(measure.get_absolute_url())
    context = {
        "measure": measure,
        "form": form,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "programme/update_form.html", context)


@login_required
@require_POST
def task_done(request, pk):
    task = get_object_or_404(Task.objects.select_related("measure"), pk=pk)
    services.task_set_done(user=request.user, task=task, done=request.POST.get("done") == "1")
    return redirect(task.measure.get_absolute_url() + "#tasks")


# The coordinator's pages.


@coordinator_only
def measure_edit(request, public_id):
    """The coordinator changes a measure: its text, schedule and status."""
    measure = _measure_or_404(public_id)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(user=request.user, measure=measure, data=form.data_for_service())
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the measure."))
            return redirect(measure.get_absolute_url())
    context = {
        "measure": measure,
        "form": form,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "programme/measure_form.html", context)

"""The coordinator's pages of the programme: the programme itself, its goals, a measure's
parties and tasks, the indicators and their values, and the measures as a spreadsheet.

Every page is coordinator_only; the services check again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import coordinator_only
from core.forms import show_service_errors

from . import selectors, services
from .coordinator_forms import (
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureFileForm,
    PartyFormSet,
    ProgrammeForm,
    TaskForm,
)
from .measure_files import measures_export, measures_import
from .models import Goal, Indicator
from .spreadsheets import read_rows, table_response
from .views import SECTION, _measure_or_404, _programme_or_404


def _form_page(request, form, *, title, back, intro="", formset=None):
    context = {
        "form": form,
        "formset": formset,
        "title": title,
        "intro": intro,
        "back": back,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "programme/coordinator_form.html", context)


@coordinator_only
def manage(request, slug):
    """The coordinator's starting point: what can be edited, and links to each."""
    programme = _programme_or_404(slug)
    context = {
        "programme": programme,
        "themes": selectors.themes_with_goals(programme),
        "indicators": programme.indicators.all(),
        "section": SECTION,
    }
    return render(request, "programme/manage.html", context)


@coordinator_only
def programme_edit(request, slug=None):
    programme = _programme_or_404(slug) if slug else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.programme_save(
                user=request.user, programme=programme, data=form.data_for_service()
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the programme."))
            return redirect("programme:manage", saved.slug)
    title = _("Edit the programme") if programme else _("A new programme")
    back = reverse("programme:manage", args=[programme.slug]) if programme else None
    return _form_page(request, form, title=title, back=back)


@coordinator_only
def goal_edit(request, slug=None, public_id=None):
    goal = (
        get_object_or_404(Goal.objects.select_related("theme__programme"), public_id=public_id)
        if public_id
        else None
    )
    programme = goal.theme.programme if goal else _programme_or_404(slug)
    form = GoalForm(request.POST or None, instance=goal, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(user=request.user, goal=goal, data=form.data_for_service())
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the goal."))
            return redirect("programme:manage", programme.slug)
    title = _("Edit the goal") if goal else _("A new goal")
    return _form_page(
        request, form, title=title, back=reverse("programme:manage", args=[programme.slug])
    )


@coordinator_only
def measure_parties(request, public_id):
    """Who is responsible for a measure: the whole list at once, one row to add."""
    measure = _measure_or_404(public_id)
    initial = [
        {
            "role": party.role,
            "kind": party.kind,
            "organization": party.organization.public_id if party.organization_id else "",
            "municipality": party.municipality_id,
            "name": party.name,
        }
        for party in measure.responsibilities.all()
    ]
    formset = PartyFormSet(request.POST or None, initial=initial, prefix="party")
    if request.method == "POST" and formset.is_valid():
        # An untouched extra row has no cleaned data; a ticked row is removed.
        parties = [
            form.party()
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.measure_parties_set(user=request.user, measure=measure, parties=parties)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Saved who is responsible."))
            return redirect(measure.get_absolute_url())
    title = _("Who is responsible: %(measure)s") % {
        "measure": f"{measure.identifier} {measure.name}"
    }
    return _form_page(request, None, title=title, back=measure.get_absolute_url(), formset=formset)


@coordinator_only
def measure_task_add(request, public_id):
    measure = _measure_or_404(public_id)
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_add(user=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form, {"name_fi": "name"})
        else:
            messages.success(request, _("Added the task."))
            return redirect(measure.get_absolute_url() + "#tasks")
    title = _("A new task: %(measure)s") % {"measure": f"{measure.identifier} {measure.name}"}
    return _form_page(request, form, title=title, back=measure.get_absolute_url())


@coordinator_only
def indicator_edit(request, slug=None, public_id=None):
    indicator = (
        get_object_or_404(Indicator.objects.select_related("programme"), public_id=public_id)
        if public_id
        else None
    )
    programme = indicator.programme if indicator else _programme_or_404(slug)
    form = IndicatorForm(request.POST or None, instance=indicator, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(
                user=request.user,
                programme=programme,
                indicator=indicator,
                data=form.data_for_service(),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the indicator."))
            return redirect("programme:manage", programme.slug)
    title = _("Edit the indicator") if indicator else _("A new indicator")
    return _form_page(
        request, form, title=title, back=reverse("programme:manage", args=[programme.slug])
    )


@coordinator_only
def indicator_value_add(request, public_id):
    """The coordinator types in a manual indicator's value for a year."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("programme"), public_id=public_id
    )
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_value_set(
                user=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the value."))
            return redirect("programme:manage", indicator.programme.slug)
    title = _("A value of the indicator: %(name)s") % {"name": indicator.name}
    back = reverse("programme:manage", args=[indicator.programme.slug])
    return _form_page(request, form, title=title, back=back)


def measures_file(request, slug, fmt):
    """The programme's themes, goals and measures as XLSX or CSV: open data, for anyone."""
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("No such file."))
    programme = _programme_or_404(slug)
    header, rows = measures_export(programme)
    return table_response(f"{programme.slug}-measures", header, rows, fmt)


@coordinator_only
def measures_file_import(request, slug):
    """Read the measures from a spreadsheet: all rows, or none and the bad row named."""
    programme = _programme_or_404(slug)
    form = MeasureFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), upload.name)
            result = measures_import(user=request.user, programme=programme, rows=rows)
        except ValueError:
            form.add_error("file", _("Choose an XLSX or CSV file."))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("Imported: %(created)s new and %(updated)s changed measures.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("programme:manage", programme.slug)
    title = _("Import measures from a spreadsheet")
    intro = _("Download the current measures first, edit them, and upload the file here.")
    return _form_page(
        request, form, title=title, intro=intro, back=reverse("programme:manage", args=[slug])
    )

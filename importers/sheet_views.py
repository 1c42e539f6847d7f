"""Spreadsheet imports: the template, the upload, the preview and the commit.

An association's editors (and the coordinator) import its events and activities; the
coordinator imports associations. A preview is confirmed only by the person who
uploaded it; anyone else who may import for the association sees its result.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import editable_organizations, is_coordinator
from core.forms import show_service_errors

from . import services
from .forms import SheetUploadForm
from .models import SheetImport
from .sheet_kinds import KINDS
from .views import editable_organization_or_404

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAMES = {"events": "tapahtumat", "activities": "toiminta", "associations": "yhdistykset"}


@login_required
def sheet_template(request, kind, fmt):
    """The template: the Finnish header row and one example row (XLSX: and the meanings)."""
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404
    columns = KINDS[kind].columns
    header = [column.fi for column in columns]
    example = [column.example for column in columns]
    filename = f"sakke-{TEMPLATE_NAMES[kind]}.{fmt}"
    if fmt == "csv":
        from programme.spreadsheets import csv_bytes

        response = HttpResponse(
            csv_bytes(header, [example]), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(_template_xlsx(columns, header, example), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _template_xlsx(columns, header, example) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    rows = workbook.create_sheet(title=_("Rows")[:31])
    rows.append(header)
    rows.append(example)
    help_sheet = workbook.create_sheet(title=_("Columns")[:31])
    help_sheet.append([_("Column"), _("In English"), _("Meaning"), _("Required")])
    for column in columns:
        help_sheet.append(
            [column.fi, column.en, str(column.meaning), _("yes") if column.required else ""]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(request, kind, organization):
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            sheet = services.sheet_preview(
                user=request.user,
                kind=kind,
                organization=organization,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            return redirect("importers:sheet", pk=sheet.pk)
    imports = SheetImport.objects.filter(kind=kind, organization=organization)
    context = {
        "organization": organization,
        "kind": kind,
        "kind_label": SheetImport.Kind(kind).label,
        "columns": KINDS[kind].columns,
        "form": form,
        "imports": imports.select_related("user")[:20],
        "section": "selfservice" if organization else "moderation",
    }
    return render(request, "importers/sheet_upload.html", context)


@login_required
def sheet_upload(request, org, kind):
    organization = editable_organization_or_404(request, org)
    return _upload(request, kind, organization)


@login_required
def sheet_associations(request):
    if not is_coordinator(request.user):
        raise Http404
    return _upload(request, SheetImport.Kind.ASSOCIATIONS, None)


def _sheet(request, pk) -> SheetImport:
    """An import the user may see: one of an association they edit, or any (coordinator)."""
    sheet = get_object_or_404(SheetImport.objects.select_related("organization", "user"), pk=pk)
    if is_coordinator(request.user):
        return sheet
    if (
        sheet.organization is None
        or not editable_organizations(request.user).filter(pk=sheet.organization_id).exists()
    ):
        raise Http404
    return sheet


@login_required
def sheet_detail(request, pk):
    sheet = _sheet(request, pk)
    rows_with_errors = sorted({error["row"] for error in sheet.errors})
    context = {
        "sheet": sheet,
        "organization": sheet.organization,
        "kind_label": sheet.get_kind_display(),
        "error_rows": len(rows_with_errors),
        "may_commit": sheet.is_previewed and not sheet.errors and sheet.user_id == request.user.pk,
        "section": "selfservice" if sheet.organization else "moderation",
    }
    return render(request, "importers/sheet_detail.html", context)


@login_required
@require_POST
def sheet_commit(request, pk):
    sheet = _sheet(request, pk)
    if sheet.user_id != request.user.pk:
        raise PermissionDenied
    try:
        done = services.sheet_commit(user=request.user, sheet=sheet)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s changed.")
            % {"created": done.created, "updated": done.updated},
        )
    return redirect("importers:sheet", pk=sheet.pk)

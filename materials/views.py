"""Pages of the materials library: the list, a document, its file, and the pages where the
coordinator and editors add, edit, replace and delete documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import (
    can_edit_document,
    editable_municipalities,
    editable_organizations,
    is_coordinator,
    may_add_material,
)
from core.forms import show_service_errors
from core.views import filter_fields, render_filtered_list
from municipalities.selectors import municipality_choices
from taxonomy.selectors import topic_choices

from . import selectors, services
from .filters import DocumentFilter
from .forms import COORDINATOR, DocumentForm, ReplaceForm, publisher_key
from .models import Document, DocumentVersion, FileType

SECTION = "materials"
FILTER_KINDS = {
    "q": "search",
    "municipality": "select",
    "kind": "select",
    "topic": "select",
    "year": "select",
    "language": "select",
    "sort": "select",
}
#: Types a browser shows itself; everything else is a download.
INLINE_TYPES = {FileType.PDF, FileType.PNG, FileType.JPEG}
#: The file itself may run nothing in our origin, whatever it holds.
FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'"


def library(request):
    """Every document, filtered by kind, municipality, topic, year and language."""
    filterset = DocumentFilter(request.GET, queryset=selectors.document_list())
    fields = filter_fields(
        filterset,
        FILTER_KINDS,
        {
            "municipality": municipality_choices(),
            "topic": topic_choices(),
            "year": [(y, y) for y in selectors.document_years()],
        },
    )
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="materials/library.html",
        results_template="materials/_results.html",
        context={
            "fields": fields,
            "section": SECTION,
            "may_add": may_add_material(request.user),
        },
    )


def _document_or_404(public_id) -> Document:
    try:
        return selectors.document_get(public_id)
    except Document.DoesNotExist:
        raise Http404(_("No document found with this id.")) from None


def document_detail(request, public_id):
    document = _document_or_404(public_id)
    versions = list(document.versions.all())
    context = {
        "document": document,
        "version": versions[0] if versions else None,
        "earlier_versions": versions[1:],
        "request_email": selectors.accessible_version_contact(document),
        "may_edit": can_edit_document(request.user, document),
        "section": SECTION,
    }
    return render(request, "materials/document_detail.html", context)


def _file_response(version: DocumentVersion, document: Document) -> FileResponse:
    try:
        stored = version.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404(_("The file is missing.")) from error
    # Flagged PDFs (scripts, launch actions) are never opened in the browser tab.
    inline = version.file_type in INLINE_TYPES and not document.has_active_content
    extension = "jpg" if version.file_type == FileType.JPEG else version.file_type
    response = FileResponse(
        stored,
        as_attachment=not inline,
        filename=f"{document.public_id.replace(':', '-')}-v{version.number}.{extension}",
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_safe
def download(request, public_id):
    """The current file: the address stays the same when the file is replaced."""
    document = get_object_or_404(Document, public_id=public_id)
    version = document.current_version
    if version is None:
        raise Http404(_("The file is missing."))
    response = _file_response(version, document)
    if request.method == "GET":
        services.document_count_download(document)
    return response


@require_safe
def version_download(request, public_id, number):
    document = get_object_or_404(Document, public_id=public_id)
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    return _file_response(version, document)


# Adding and keeping documents.


def _publishers(user, document: Document | None = None) -> list:
    """(key, (label, (organization, municipality))) the user may publish for."""
    choices = []
    if is_coordinator(user):
        from django.conf import settings

        choices.append((COORDINATOR, (settings.SAKKE_COORDINATOR_ORGANISATION, (None, None))))
    for organization in editable_organizations(user).filter(editor_roles__user=user).distinct():
        choices.append((f"org:{organization.public_id}", (organization.name, (organization, None))))
    for municipality in editable_municipalities(user):
        choices.append(
            (f"municipality:{municipality.code}", (municipality.name, (None, municipality)))
        )
    if document is not None and publisher_key(document) not in dict(choices):
        owner = (document.publisher_organization, document.publisher_municipality)
        choices.insert(0, (publisher_key(document), (document.publisher_name, owner)))
    return choices


@login_required
def document_add(request):
    if not may_add_material(request.user):
        raise PermissionDenied
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        publishers=_publishers(request.user),
        with_file=True,
        initial={"municipalities": request.GET.getlist("municipality")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_add(
                user=request.user, data=form.data_for_service(), upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request,
                _("Added the document. Its text is read in the background; search finds it soon."),
            )
            return redirect(document.get_absolute_url())
    context = {"form": form, "show_errors": request.method == "POST", "section": SECTION}
    return render(request, "materials/document_form.html", context)


def _editable_or_403(request, public_id) -> Document:
    document = _document_or_404(public_id)
    if not can_edit_document(request.user, document):
        raise PermissionDenied
    return document


@login_required
def document_edit(request, public_id):
    document = _editable_or_403(request, public_id)
    form = DocumentForm(
        request.POST or None,
        instance=document,
        publishers=_publishers(request.user, document),
        initial={"publisher": publisher_key(document)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_edit(
                user=request.user, document=document, data=form.data_for_service()
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the document."))
            return redirect(document.get_absolute_url())
    context = {
        "form": form,
        "document": document,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "materials/document_form.html", context)


@login_required
def document_replace(request, public_id):
    document = _editable_or_403(request, public_id)
    form = ReplaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_replace_file(
                user=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request, _("Replaced the file. The earlier file is kept as a version.")
            )
            return redirect(document.get_absolute_url())
    context = {
        "form": form,
        "document": document,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "materials/replace_form.html", context)


@login_required
def document_delete(request, public_id):
    document = _editable_or_403(request, public_id)
    if request.method == "POST":
        services.document_delete(user=request.user, document=document)
        messages.success(request, _("Deleted the document."))
        return redirect(reverse("materials:library"))
    return render(
        request, "materials/delete_confirm.html", {"document": document, "section": SECTION}
    )

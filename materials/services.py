"""Writes of the materials library: add, edit, replace the file of, and delete documents.

The coordinator publishes for the coordinator's organisation and for anyone; an
association's (or a municipality's) editors for their own. A file is checked in a
limited child process before anything is written (materials.files); a refused file
leaves no document, version or stored file behind. Text extraction follows in the
background (materials.tasks), and its result is indexed by the site search.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_document, may_publish_material_for
from core.languages import translated_names
from core.public_ids import save_with_public_id
from core.tasks import send_after_commit
from core.uploads import replacing_file, store_file
from core.writes import content_write

from .files import Inspection, extract_file, inspect_upload
from .models import Document, DocumentPage, DocumentVersion, Extraction, Kind

logger = logging.getLogger(__name__)

DOCUMENT_FIELDS = {
    *translated_names("title", "description"),
    "kind",
    "year",
    "language",
    "licence",
    "publisher_organization",
    "publisher_municipality",
}
RELATIONS = {"municipalities", "topics", "measures", "cards"}
#: Fewer characters than this on every page: a scan without a text layer (page numbers
#: and stray marks aside).
MIN_TEXT_PER_PAGE = 10


def _assign(document: Document, data: dict) -> dict:
    """Set the fields of `data` on `document`; the relations come back to set after save."""
    unknown = set(data) - DOCUMENT_FIELDS - RELATIONS
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    relations = {}
    for name, value in data.items():
        if name in RELATIONS:
            relations[name] = value
        else:
            setattr(document, name, value.strip() if isinstance(value, str) else value)
    return relations


def _validate(document: Document) -> None:
    if not document.title_fi:
        raise ValidationError({"title_fi": _("Enter the title in Finnish.")})
    if document.kind not in Kind.values:
        raise ValidationError({"kind": _("Choose what kind of document this is.")})
    if document.publisher_organization_id and document.publisher_municipality_id:
        raise ValidationError(
            {"publisher_organization": _("Choose either an association or a municipality.")}
        )
    if document.year is not None and not 1900 <= document.year <= 2100:
        raise ValidationError({"year": _("Give a year such as 2018.")})
    document.full_clean(exclude=["public_id", "thumbnail"], validate_unique=False)


def _check_publisher(user, document: Document) -> None:
    if not may_publish_material_for(
        user,
        organization=document.publisher_organization,
        municipality=document.publisher_municipality,
    ):
        raise PermissionDenied(_("You may not publish documents for this publisher."))


def store_version(
    document: Document, upload, found: Inspection, user, stored: list[str]
) -> DocumentVersion:
    """A new version of `document` with the upload's file, its stored name noted."""
    last = document.versions.order_by("-number").values_list("number", flat=True).first()
    version = DocumentVersion(
        document=document,
        number=(last or 0) + 1,
        file_type=found.file_type,
        original_name=(getattr(upload, "name", "") or "").rpartition("/")[2][-200:],
        size=found.size,
        sha256=found.sha256,
        uploaded_by=user if user and user.is_authenticated else None,
    )
    stored.append(store_file(version, "file", upload, name="upload"))
    version.save()
    return version


@contextmanager
def files_kept_on_success() -> Iterator[list[str]]:
    """The stored names a write adds; deleted again if the write fails, so that a
    rolled-back write leaves no file behind."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _queue_extraction(document: Document) -> None:
    from .tasks import extract_document_task

    # The document is recorded as pending: beat's queue_pending_extractions_task queues
    # it later if this message cannot be sent (the broker down).
    send_after_commit(
        extract_document_task, args=[document.pk], safety_net="queue_pending_extractions_task"
    )


def documents_awaiting_extraction(*, older_than: dt.timedelta, now=None):
    """Documents with a file still waiting for their text `older_than` after the upload:
    their task was never queued (the broker down) or was lost."""
    now = now or timezone.now()
    return Document.objects.filter(
        Exists(DocumentVersion.objects.filter(document=OuterRef("pk"))),
        extraction=Extraction.PENDING,
        updated_at__lte=now - older_than,
    )


def reset_extraction(document: Document, found: Inspection) -> None:
    document.extraction = Extraction.PENDING
    document.extraction_error = ""
    document.page_count = found.pages
    document.is_tagged = found.tagged
    document.has_active_content = found.active


def document_add(*, user, data: dict, upload) -> Document:
    """A new document with its first file: the publisher's editors or the coordinator."""
    return _add(user, data, upload, check_publisher=True)


def document_add_permitted_by_caller(*, user, data: dict, upload) -> Document:
    """A new document for an app above that decides itself who may add it (a body's
    chair adds its meeting's minutes): the same validation and file checks as
    document_add, without the publisher's editor check. The caller checks first."""
    return _add(user, data, upload, check_publisher=False)


def _add(user, data: dict, upload, *, check_publisher: bool) -> Document:
    document = Document()
    relations = _assign(document, data)
    if check_publisher:
        _check_publisher(user, document)
    _validate(document)
    found = inspect_upload(upload)
    with files_kept_on_success() as stored, content_write(user, _("Added the document")):
        reset_extraction(document, found)
        save_with_public_id(document)
        for name, values in relations.items():
            getattr(document, name).set(values)
        store_version(document, upload, found, user, stored)
        _queue_extraction(document)
    return document


def _may_edit_stored(user, document: Document) -> bool:
    """The right to edit as the database has the document: a form may already have
    changed the publisher on the object it was given."""
    stored = Document.objects.select_related(
        "publisher_organization", "publisher_municipality"
    ).get(pk=document.pk)
    return can_edit_document(user, stored)


def document_edit(*, user, document: Document, data: dict) -> Document:
    """Change a document's description, not its file: its publisher's editors."""
    if not _may_edit_stored(user, document):
        raise PermissionDenied(_("You may not edit this document."))
    relations = _assign(document, data)
    # Moving a document to another publisher needs the right to publish for that one too.
    _check_publisher(user, document)
    _validate(document)
    with content_write(user, _("Edited the document")):
        document.save()
        for name, values in relations.items():
            getattr(document, name).set(values)
    return document


def document_replace_file(*, user, document: Document, upload) -> DocumentVersion:
    """A new file for a document; the earlier ones stay as versions, the address the same."""
    if not _may_edit_stored(user, document):
        raise PermissionDenied(_("You may not replace the file of this document."))
    found = inspect_upload(upload)
    with (
        files_kept_on_success() as stored,
        content_write(user, _("Replaced the file of the document")),
    ):
        version = store_version(document, upload, found, user, stored)
        reset_extraction(document, found)
        DocumentPage.objects.filter(document=document).delete()
        document.save()
        _queue_extraction(document)
    return version


def document_delete(*, user, document: Document) -> None:
    """Delete a document with all its versions and their stored files."""
    if not _may_edit_stored(user, document):
        raise PermissionDenied(_("You may not delete this document."))
    names = [v.file.name for v in document.versions.all()]
    if document.thumbnail:
        names.append(document.thumbnail.name)
    with content_write(user, _("Deleted the document")):
        document.delete()

        def remove_files():
            for name in names:
                default_storage.delete(name)

        transaction.on_commit(remove_files)


def document_extract(document: Document) -> Document:
    """Read the text of the current file, page by page, and draw its first page.

    Runs in the worker. A file the reader refuses (or that breaks the time and memory
    limits) marks the document failed and keeps no text of it: never half the pages.
    """
    version = document.current_version
    if version is None:
        return document
    try:
        with version.file.open("rb") as stored:
            extracted = extract_file(stored)
    except ValidationError as error:
        message = error.message_dict.get("file", [str(error)])[0]
        with transaction.atomic():
            DocumentPage.objects.filter(document=document).delete()
            document.extraction = Extraction.FAILED
            document.extraction_error = message[:300]
            document.save(update_fields=["extraction", "extraction_error", "updated_at"])
        return document
    texts = extracted.texts
    with ExitStack() as thumbnail_kept:
        if extracted.thumbnail:
            picture = ContentFile(extracted.thumbnail, name="thumb.png")
            try:
                # Stored before the rows; removed again if they fail; the old picture
                # is removed once they have committed (core.uploads).
                thumbnail_kept.enter_context(replacing_file(document, "thumbnail", picture))
            except ValidationError:
                logger.warning("No new thumbnail for %s: the storage refused it", document.pk)
        with transaction.atomic():
            DocumentPage.objects.filter(document=document).delete()
            DocumentPage.objects.bulk_create(
                DocumentPage(document=document, number=number, text=text)
                for number, text in enumerate(texts, start=1)
            )
            has_text = any(len(text.strip()) >= MIN_TEXT_PER_PAGE for text in texts)
            if not has_text:
                document.extraction = Extraction.NO_TEXT
            else:
                document.extraction = Extraction.OCR if extracted.ocr else Extraction.DONE
            document.extraction_error = ""
            document.page_count = len(texts)
            document.is_tagged = extracted.tagged
            document.has_active_content = extracted.active
            # A save, so the site search indexes the document with its new pages.
            document.save()
    return document


def document_count_download(document: Document) -> None:
    """One more download: a counter in the row, with nothing about who downloaded."""
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)

"""Reads of the materials library."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from .models import Document, DocumentPage, DocumentVersion, FileType


def document_list() -> QuerySet[Document]:
    """Documents with what a row of the library shows, in a fixed number of queries."""
    return Document.objects.select_related(
        "publisher_organization", "publisher_municipality"
    ).prefetch_related("municipalities", "topics")


def document_get(public_id: str) -> Document:
    """One document with what its page shows (raises Document.DoesNotExist)."""
    return (
        document_list()
        .prefetch_related("versions", "measures", "cards__municipality")
        .get(public_id=public_id)
    )


def documents_of_municipality(municipality) -> QuerySet[Document]:
    """Documents about a municipality or published by it, newest first."""
    return (
        document_list()
        .filter(Q(municipalities=municipality) | Q(publisher_municipality=municipality))
        .distinct()
        .order_by("-year", "title")
    )


def page_texts(pks: list[int]) -> dict[int, list[tuple[str, str]]]:
    """{document pk: [(text of a page, the document's language), ...]}, for the index."""
    language = dict(Document.objects.filter(pk__in=pks).values_list("pk", "language"))
    found = defaultdict(list)
    pages = DocumentPage.objects.filter(document_id__in=pks).order_by("document_id", "number")
    for document_id, text in pages.values_list("document_id", "text").iterator():
        found[document_id].append((text, language.get(document_id, "fi")))
    return found


def pages_of(document_ids) -> QuerySet[DocumentPage]:
    return DocumentPage.objects.filter(document_id__in=document_ids).order_by(
        "document_id", "number"
    )


def document_languages(document_ids) -> dict[int, str]:
    return dict(Document.objects.filter(pk__in=document_ids).values_list("pk", "language"))


def pdf_document_ids(document_ids) -> set[int]:
    """Those of the documents whose current file is a PDF (their pages can be linked)."""
    from django.db.models import Max

    latest = (
        DocumentVersion.objects.filter(document_id__in=document_ids)
        .values("document_id")
        .annotate(last=Max("number"))
    )
    pairs = {(row["document_id"], row["last"]) for row in latest}
    pdfs = DocumentVersion.objects.filter(
        document_id__in=document_ids, file_type=FileType.PDF
    ).values_list("document_id", "number")
    return {document_id for document_id, number in pdfs if (document_id, number) in pairs}


def document_years() -> list[int]:
    """The years documents are from, newest first: the choices of the year filter."""
    years = Document.objects.exclude(year=None).values_list("year", flat=True)
    return sorted(set(years.order_by().distinct()), reverse=True)


def accessible_version_contact(document: Document) -> str:
    """Where a reader asks the publisher for an accessible version: an e-mail address."""
    from django.conf import settings

    organization = document.publisher_organization
    if organization is not None and organization.email:
        return organization.email
    return settings.SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL

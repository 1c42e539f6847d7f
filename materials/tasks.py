import datetime as dt

from celery import shared_task

from .models import Document, Extraction
from .services import document_extract, documents_awaiting_extraction

#: How long after an upload a document still waiting for its text counts as forgotten
#: (its message never reached the broker, or was lost): longer than a busy queue takes.
EXTRACTION_GRACE = dt.timedelta(minutes=10)


@shared_task
def extract_document_task(document_id: int) -> str | None:
    """Extract the text of a document's current file (after an upload or a replace).

    The reading happens in a limited child process (materials.files), so a file that
    is too heavy ends that child and this task records the failure. A document whose
    text is no longer pending (a second message for the same upload) is left as it is.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.extraction != Extraction.PENDING:
        return None
    return document_extract(document).extraction


@shared_task
def queue_pending_extractions_task() -> int:
    """For Celery beat: queue the extraction of documents still waiting for their text
    EXTRACTION_GRACE after the upload (the broker was down when it was saved). The
    database decides: a document extracted meanwhile is no longer pending."""
    pending = list(
        documents_awaiting_extraction(older_than=EXTRACTION_GRACE).values_list("pk", flat=True)
    )
    for pk in pending:
        extract_document_task.delay(pk)
    return len(pending)

from celery import shared_task

from .models import Document
from .services import document_extract


@shared_task
def extract_document_task(document_id: int) -> str | None:
    """Extract the text of a document's current file (after an upload or a replace).

    The reading happens in a limited child process (materials.files), so a file that
    is too heavy ends that child and this task records the failure.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    return document_extract(document).extraction

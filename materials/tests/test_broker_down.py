"""Redis stopped while someone uploads: the upload is saved, and beat's periodic job has
its text extracted once the broker is back, once however often it runs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.tests.factories import OrganizationEditorFactory
from config.celery import app
from materials import tasks
from materials.models import Document, DocumentPage, Extraction

from . import samples


def broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")


@pytest.fixture
def eager():
    """Tasks run where they are queued, as a worker would run them."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_the_periodic_job_is_scheduled():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "materials.tasks.queue_pending_extractions_task" in scheduled
    assert "materials.tasks.queue_pending_extractions_task" in app.tasks


@pytest.mark.django_db(transaction=True)
def test_an_upload_while_the_broker_is_down_is_extracted_once_by_the_periodic_job(
    client, monkeypatch, caplog, eager
):
    extractions = []
    real_extract = tasks.document_extract

    def counted_extract(document):
        extractions.append(document.pk)
        return real_extract(document)

    monkeypatch.setattr(tasks, "document_extract", counted_extract)
    role = OrganizationEditorFactory()
    client.force_login(role.user)
    with monkeypatch.context() as patched:
        patched.setattr(tasks.extract_document_task, "apply_async", broker_down)
        response = client.post(
            reverse("materials:add"),
            samples.association_upload_form(role.organization),
        )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.extraction == Extraction.PENDING
    assert "queue_pending_extractions_task will queue it" in caplog.text
    assert extractions == []

    # Just uploaded: its message may still be on its way, so the job leaves it.
    assert tasks.queue_pending_extractions_task() == 0
    # Ten minutes on, the broker back: beat's run queues it, and later runs do nothing.
    Document.objects.update(updated_at=timezone.now() - dt.timedelta(minutes=11))
    assert tasks.queue_pending_extractions_task.delay().get() == 1
    assert tasks.queue_pending_extractions_task.delay().get() == 0

    document.refresh_from_db()
    assert document.extraction == Extraction.DONE
    assert extractions == [document.pk]
    assert [page.text.strip() for page in DocumentPage.objects.filter(document=document)] == [
        "Toimintavuosi oli vilkas."
    ]


@pytest.mark.django_db(transaction=True)
def test_a_second_message_for_an_extracted_document_does_nothing(client, monkeypatch, eager):
    role = OrganizationEditorFactory()
    client.force_login(role.user)
    client.post(
        reverse("materials:add"),
        samples.association_upload_form(role.organization),
    )
    document = Document.objects.get()
    assert document.extraction == Extraction.DONE  # the upload's own message, run eagerly

    extractions = []
    monkeypatch.setattr(tasks, "document_extract", extractions.append)
    assert tasks.extract_document_task.delay(document.pk).get() is None
    assert extractions == []

"""Celery: background work (newsletter sending, imports, reminders) outside web requests.

Production uses Redis as the broker (CELERY_BROKER_URL=redis://...), with workers on as
many machines as needed. The embedded default uses kombu's filesystem transport, a
broker that needs no server: `make run` starts one worker beside gunicorn. Correctness
(each recipient exactly once) lives in the database, never in the broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sakke")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def create_filesystem_broker_folders(sender, **kwargs):
    """The filesystem transport expects its folders to exist."""
    from pathlib import Path

    if str(sender.conf.broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            folder = sender.conf.broker_transport_options.get(key)
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)

"""Uploaded media in an S3-compatible object store (django-storages), by setting.

The files live in the bucket, but their addresses stay ours (/media/…): core.media serves
them through the storage with its own safe headers (only pictures inline, nosniff, a
sandboxing Content-Security-Policy), so the bucket can stay private and the pages' CSP
needs no other host. Set SAKKE_MEDIA_S3_BUCKET to use it (docs/deployment.md).
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaObjectStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        """/media/<name>, as on the file system: the file is served by core.media."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(clean_name(name).lstrip("/")))

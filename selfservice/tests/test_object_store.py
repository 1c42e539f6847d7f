"""Uploaded media in an S3-compatible object store (SAKKE_MEDIA_S3_BUCKET): a logo
uploaded through the form lands in the bucket and is served at /media/ with safe headers;
a store that refuses the write gives the clear error and leaves nothing.

The store is moto's S3 server on 127.0.0.1 and a free port (a test dependency only).
"""

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from newsletter.tests.smtp_sink import free_port
from organizations.tests.factories import OrganizationFactory

from .factories import editor_of
from .test_pages import png_upload, profile_post, url

pytestmark = pytest.mark.django_db

BUCKET = "sakke-media"


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.media_storage.MediaObjectStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": None,
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_a_logo_uploaded_through_the_form_is_stored_in_the_bucket_and_served_safely(client, bucket):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    response = client.post(
        url("organization_edit", org=association.public_id),
        profile_post(logo=png_upload("logo.png")),
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert keys(bucket) == {association.logo.name}
    assert association.logo.url == f"/media/{association.logo.name}"

    client.logout()
    served = client.get(association.logo.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_an_html_file_in_the_bucket_is_only_ever_a_download(client, bucket):
    name = default_storage.save("logos/sivu.html", ContentFile(b"<script>alert(1)</script>"))
    served = client.get(f"/media/{name}")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment")
    assert "sandbox" in served["Content-Security-Policy"]


def test_a_store_that_refuses_the_write_gives_the_clear_error_and_keeps_nothing(
    client, bucket, settings
):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = {**settings.STORAGES}  # forget the storage made with the old one
    response = client.post(
        url("organization_edit", org=association.public_id),
        profile_post(description_fi="Uusi kuvaus", logo=png_upload("logo.png")),
    )
    assert response.status_code == 200
    assert "could not be stored just now, so nothing was saved" in response.text
    association.refresh_from_db()
    assert not association.logo and association.description_fi != "Uusi kuvaus"
    assert keys(bucket) == set()

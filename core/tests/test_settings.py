import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False


def test_finnish_is_the_default_language_with_swedish_and_english():
    assert settings.LANGUAGE_CODE == "fi"
    assert [code for code, _ in settings.LANGUAGES] == ["fi", "sv", "en"]


def test_media_go_to_the_file_system_unless_a_bucket_is_set():
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def test_a_bucket_setting_sends_media_to_the_object_store_with_a_private_bucket():
    env = {
        **os.environ,
        "SAKKE_MEDIA_S3_BUCKET": "sakke-media",
        "SAKKE_MEDIA_S3_ENDPOINT_URL": "https://s3.example.fi",
        "SAKKE_MEDIA_S3_PREFIX": "sakke",
    }
    code = "from django.conf import settings as s; import json; print(json.dumps(s.STORAGES))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    default = json.loads(result.stdout.strip().splitlines()[-1])["default"]
    assert default["BACKEND"] == "core.media_storage.MediaObjectStorage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "sakke-media" and options["location"] == "sakke"
    assert options["endpoint_url"] == "https://s3.example.fi"
    assert options["default_acl"] is None and options["file_overwrite"] is False

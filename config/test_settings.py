"""Settings for the test suite: production settings with a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SAKKE_PLAIN_STATIC", "1")
# Tasks the code under test queues (e.g. indexing after a rename) stay in this process's
# memory instead of piling up in var/broker; tests run a task by calling it.
os.environ.setdefault("CELERY_BROKER_URL", "memory://")
# Browser tests fill forms in milliseconds; the tests of the minimum fill time set it.
os.environ.setdefault("SAKKE_ANTIBOT_MIN_SECONDS", "0")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only

"""A shared cache of whole pages for anonymous readers, per URL and language.

What a spike brings is mostly anonymous readers of the same pages (a local paper links
the event calendar). Each web node looks the page up in the shared cache (CACHE_URL:
Redis or the database) before running the view, so a burst costs one rendering per page
per PAGE_CACHE_SECONDS, whichever node renders it: while one request makes a page, the
others for it wait for that one (up to RENDERING_SECONDS) instead of making it again.

A page is cached only when nothing in it belongs to one person: the request carries no
session or messages cookie, and the response is a 200 HTML page (or the API's JSON) that
sets no cookie, has no CSRF token (no form), adds no message and is not marked private.
Content changes (any saved or deleted row of the apps that make pages, and every
content_write) start a new generation of keys, so every node sees the change on its next
request. The day is part of the key, so lists "from today onwards" turn over at
midnight. PAGE_CACHE_SECONDS (300 with a shared cache) then bounds only what changes
with the clock within a day (a news post published at a set time appears up to that
much later) and a change whose new generation was lost (Redis unreachable just then).

Off when PAGE_CACHE_SECONDS is 0, which is the default with the per-process memory cache
(a change on one process would not reach the others).
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.connection import ConnectionDoesNotExist
from django.utils.translation import get_language

from .db_router import REPLICA, reads_from_replica, replica_configured

GENERATION_KEY = "page-cache:generation"
#: Apps whose rows say nothing a public page shows: sign-ins, sessions, lockouts, history.
UNCHANGING_APPS = {"sessions", "axes", "admin", "contenttypes", "reversion", "django_celery_beat"}
#: Rows no public page shows: one per newsletter recipient (written in bulk), the
#: subscriptions and their interests, and the audit log (every sign-in, failed ones too).
#: Anyone may write these without signing in, so each would let them empty every node's
#: cache at will: a subscription a second kept the cache empty under load (issue 20).
UNCHANGING_MODELS = {
    "newsletter.delivery",
    "newsletter.subscriber",
    "newsletter.subscriber_topics",
    "newsletter.subscriber_municipalities",
    "newsletter.suppressedaddress",
    "accounts.auditentry",
}
#: Headers that belong to one response and are made again on the way out.
NOT_STORED = {"set-cookie", "vary", "content-length"}
PRIVATE = {"private", "no-store", "no-cache"}
#: HTML pages, and the open data API's JSON: the same for every anonymous reader (the API
#: has no authentication at all), and its lists cost as much as a page to make.
STORED_TYPES = ("text/html", "application/json")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_changed() -> None:
    """Forget every cached page (after the transaction commits, when inside one).

    Once per transaction however many rows it saves; a rolled-back one forgets nothing.
    """
    if not settings.PAGE_CACHE_SECONDS:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _new_generation for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    # After the underscores: when it began and, with a replica, the primary's WAL position then.
    page_cache().set(
        GENERATION_KEY, f"{uuid.uuid4().hex}_{time.time():.3f}_{_wal_position()}", None
    )


def _wal_position() -> str:
    if not replica_configured() or connections["default"].vendor != "postgresql":
        return ""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return cursor.fetchone()[0]
    except DatabaseError:
        return ""  # then the time rule below


#: Generations the replica is known to have replayed (per process; a few at most).
_replayed: set[str] = set()


def _may_be_behind(key: str) -> bool:
    """The page was read from a replica that has not replayed the change that began this
    generation yet: serve it, but do not keep it.

    Otherwise the first anonymous reader after a change could put the old page back in
    the cache for PAGE_CACHE_SECONDS, as read from a replica a moment behind. PostgreSQL
    says exactly: the replica's replayed WAL position against the primary's when the
    generation began. Where it cannot, the page is not kept for
    DATABASE_REPLICA_PIN_SECONDS after the change, the lag read-your-writes allows for.
    """
    if not reads_from_replica():
        return False
    generation = key.split(":", 2)[1]
    if generation in _replayed:
        return False
    _hex, began, position = (generation.split("_") + ["", ""])[:3]
    replayed = _replica_has_replayed(position) if position else None
    if replayed is None:
        if not began.replace(".", "").isdigit():
            return False
        return time.time() - float(began) < settings.DATABASE_REPLICA_PIN_SECONDS
    if replayed:
        if len(_replayed) > 100:
            _replayed.clear()
        _replayed.add(generation)
    return not replayed


def _replica_has_replayed(position: str) -> bool | None:
    """True or False on a PostgreSQL replica; None where it cannot say."""
    try:
        replica = connections[REPLICA]
        if replica.vendor != "postgresql":
            return None
        with replica.cursor() as cursor:
            # NULL on a server that is not replaying (not a replica after all).
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
            return cursor.fetchone()[0]
    except (DatabaseError, ConnectionDoesNotExist):
        return None


def _generation() -> str:
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def page_key(request) -> str:
    """The key of the page: the generation, the day, the language, the URL and htmx."""
    parts = [
        # What a page shows changes with the day ("from today onwards", "this weekend"):
        # a page kept from before midnight is not served after it, however long it lives.
        timezone.localdate().isoformat(),
        get_language() or "",
        request.scheme,  # absolute links (the API's next page) name it
        request.get_host(),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:{_generation()}:{digest}"


def may_be_served_from_cache(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def may_be_stored(request, response) -> bool:
    """Only a page that is the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith(STORED_TYPES):
        return False
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    if {part.split("=")[0].strip().lower() for part in directives} & PRIVATE:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or b"csrfmiddlewaretoken" in response.content:
        return False  # a form: its token belongs to one visitor
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "_queued_messages", None)


#: How long a request making a page keeps others for it waiting, at most.
RENDERING_SECONDS = 10
WAIT_STEP_SECONDS = 0.05


def _wait_for(key: str, rendering: str):
    """The page another request is making, once it is kept; None when that request is
    done without keeping it (a form, an error) or RENDERING_SECONDS have passed."""
    deadline = time.monotonic() + RENDERING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        stored = page_cache().get(key)
        if stored is not None:
            return stored
        if page_cache().get(rendering) is None:
            return page_cache().get(key)
    return None


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers a page another request (on any node) rendered just before.

    Sits after the authentication and message middleware, so the language is chosen and
    the checks above can see the person and the messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_served_from_cache(request):
            return self.get_response(request)
        key = page_key(request)
        stored = page_cache().get(key)
        if stored is not None:
            return self._response(stored)
        rendering = f"{key}:rendering"
        if not page_cache().add(rendering, 1, RENDERING_SECONDS):
            # Another request, on any node, is making this page: wait for it rather than
            # make it again (a burst on an empty cache would render it once per thread).
            stored = _wait_for(key, rendering)
            if stored is not None:
                return self._response(stored)
            rendering = None  # it could not be kept (or took too long): make it here
        try:
            response = self.get_response(request)
            if may_be_stored(request, response) and not _may_be_behind(key):
                headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
                page_cache().set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
        finally:
            if rendering:
                page_cache().delete(rendering)
        return response

    @staticmethod
    def _response(stored):
        from django.http import HttpResponse

        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def _changed(sender, update_fields=None, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in UNCHANGING_APPS or meta.label_lower in UNCHANGING_MODELS:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in
    content_changed()


def connect_signals() -> None:
    """Any saved or deleted row of a page-making app starts a new generation."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"page_cache_{signal!r}")

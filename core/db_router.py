"""Read-only queries of web requests to a PostgreSQL replica, by setting (DATABASE_REPLICA_URL).

A replica lags the primary by a moment, so a person who just saved must not read from it:
- a request that is not a GET or HEAD reads from the primary;
- a request that writes pins its person to the primary for DATABASE_REPLICA_PIN_SECONDS
  (kept in their session, so it holds on every web node);
- inside a transaction, reads go where the writes go;
- background tasks and commands read from the primary: they often read what they wrote.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction

REPLICA = "replica"
PIN_KEY = "_primary_until"

#: Set by the middleware for a request that may read from the replica.
_may_use_replica: ContextVar[bool] = ContextVar("may_use_replica", default=False)
#: Set by the router when the request wrote.
_wrote: ContextVar[bool] = ContextVar("wrote", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _may_use_replica.get() or _wrote.get():
            return "default"
        if transaction.get_connection("default").in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def reads_from_replica() -> bool:
    """This request's reads (outside transactions) go to the replica."""
    return replica_configured() and _may_use_replica.get() and not _wrote.get()


def pinned_to_primary(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(PIN_KEY, 0) > time.time())


class ReadYourWritesMiddleware:
    """Let a GET read from the replica unless its person wrote a moment ago.

    After SessionMiddleware and AuthenticationMiddleware, before the views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in ("GET", "HEAD")
        replica_token = _may_use_replica.set(safe and not pinned_to_primary(request))
        wrote_token = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() and self._has_person(request):
                request.session[PIN_KEY] = time.time() + settings.DATABASE_REPLICA_PIN_SECONDS
        finally:
            _may_use_replica.reset(replica_token)
            _wrote.reset(wrote_token)
        return response

    @staticmethod
    def _has_person(request) -> bool:
        """Signed in, or already with a session: no session is made just for the pin."""
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is None:
            return False
        return bool((user is not None and user.is_authenticated) or session.session_key)

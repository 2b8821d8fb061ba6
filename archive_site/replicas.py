"""Reads from PostgreSQL streaming replicas (settings: DATABASE_REPLICA_URLS).

Each request picks where it reads once, in ReadFromReplicaMiddleware: a public reader's GET
goes to a replica that answers; writes, the admin, a staff member's own pages and anything
else read the primary, so nobody edits from a copy that may be a moment behind. A replica
that does not answer is left alone for REPLICA_RETRY_SECONDS and its readers go to the
primary, so a replica going down costs no page; one that has fallen more than
REPLICA_MAX_LAG_SECONDS behind is passed over until it catches up, so a page is never staler
than that. Writes and migrations always go to the primary. Without replicas none of this is
installed.
"""

from __future__ import annotations

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

# This request's read alias; outside a request (commands, the shell) the primary.
_reading_from: ContextVar[str] = ContextVar("reading_from", default=DEFAULT_DB_ALIAS)
# Apps whose rows a request writes or must see at once (sign-in, sessions, the lockout list).
PRIMARY_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "axes"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# When each replica last failed to answer (time.monotonic()), per process.
_failed_at: dict[str, float] = {}


def replica_aliases() -> list[str]:
    return [alias for alias in connections if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_APPS:
            return DEFAULT_DB_ALIAS
        return _reading_from.get()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same database

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


def answering_replica() -> str | None:
    """A replica that answers now, chosen at random among them; None if none does."""
    now = time.monotonic()
    candidates = [
        alias
        for alias in replica_aliases()
        if now - _failed_at.get(alias, -1e9) > settings.REPLICA_RETRY_SECONDS
    ]
    random.shuffle(candidates)
    for alias in candidates:
        connection = connections[alias]
        try:
            # Django's own check of a kept connection, made here rather than at the view's
            # first query (and so once a request, not twice): a replica gone since the last
            # request is found before any page reads it.
            connection.close_if_unusable_or_obsolete()
            connection.close_if_health_check_failed()
            connection.ensure_connection()
            lag = replay_lag_seconds(connection)
        except DatabaseError:
            _failed_at[alias] = now
            connection.close()
            continue
        if lag <= settings.REPLICA_MAX_LAG_SECONDS:
            return alias
    return None


# How far the replica's replay is behind: nothing while it streams from the primary and has
# replayed all it has received; else the time since the last transaction it replayed (none
# yet counts as far behind). A replica cut off from the primary has replayed all it received,
# but may be any age: it counts as behind by the time since it last replayed anything.
REPLAY_LAG = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS "
    "(SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 "
    "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 'Infinity') "
    "END::float8"
)


def replay_lag_seconds(connection) -> float:
    with connection.cursor() as cursor:
        cursor.execute(REPLAY_LAG)
        return cursor.fetchone()[0]


class ReadFromReplicaMiddleware:
    """Sends this request's reads to a replica, or keeps them on the primary (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = None
        if request.method in SAFE_METHODS and not _needs_primary(request):
            alias = answering_replica()
        token = _reading_from.set(alias or DEFAULT_DB_ALIAS)
        try:
            response = self.get_response(request)
        finally:
            _reading_from.reset(token)
        if alias:
            response["X-Read-From"] = "replica"
        return response


def _needs_primary(request) -> bool:
    if request.path.startswith(f"/{settings.ADMIN_PATH}"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)

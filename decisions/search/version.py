"""The archive's version: a random token the database itself replaces whenever a decision,
organisation, category or outcome, or a finding read from a decision (a remedy, a citation,
the legislation cited), is inserted, changed or deleted, by anyone (the importer,
extract_decisions, the admin, raw SQL). A search's answer and every page depend only on
those tables, so an answer computed
under one token holds for as long as the token does, and can be kept (engine.search).

A transaction rolled back restores the token along with the rows, so a token always names one
state of the archive. Triggers, as for the search index: statement-level on PostgreSQL,
row-level on SQLite (which has no other kind).
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")

TABLE = "decisions_archive_version"
TRACKED = (
    "decisions_decision",
    "decisions_organisation",
    "decisions_category",
    "decisions_outcome",
    "decisions_remedy",
    "decisions_legislation",
    "decisions_provision",
    "decisions_decision_citations",
)
FUNCTION = "decisions_new_archive_version"
EVENTS = ("insert", "update", "delete")


def _trigger(table: str, event: str = "") -> str:
    return f"{table}_version{'_' + event if event else ''}"


def create_version_tracking(connection) -> None:
    """The token's table and a trigger on each tracked table that exists yet (a migration
    before the findings tables runs this too; the one that adds them runs it again)."""
    tracked = _tracked_tables(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, token text)")
        cursor.execute(f"INSERT INTO {TABLE} (id, token) SELECT 1, 'start' "
                       f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE})")  # fmt: skip
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text);"
                " RETURN NULL; END $$"
            )
            for table in tracked:
                cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {_trigger(table)} AFTER INSERT OR UPDATE OR DELETE "
                    f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
                )
        else:
            for table in tracked:
                for event in EVENTS:
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {_trigger(table, event)} "
                        f"AFTER {event.upper()} ON {table} BEGIN "
                        f"UPDATE {TABLE} SET token = hex(randomblob(8)); END"
                    )


def _tracked_tables(connection) -> list[str]:
    existing = set(connection.introspection.table_names())
    return [table for table in TRACKED if table in existing]


def _trigger_names(connection) -> list[str]:
    tracked = _tracked_tables(connection)
    if connection.vendor == "postgresql":
        return [_trigger(table) for table in tracked]
    return [_trigger(table, event) for table in tracked for event in EVENTS]


def ensure_version_tracking(connection) -> bool:
    """Recreate the triggers if a schema change dropped them (SQLite rebuilds a table to alter
    it). Returns True if it had to."""
    if triggers_exist(connection, _trigger_names(connection)):
        return False
    create_version_tracking(connection)
    return True


def triggers_exist(connection, names) -> bool:
    """Whether the database has every trigger of these names."""
    catalogue = (
        "SELECT tgname FROM pg_trigger"
        if connection.vendor == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    )
    with connection.cursor() as cursor:
        cursor.execute(catalogue)
        return set(names) <= {row[0] for row in cursor.fetchall()}


def archive_version(connection) -> str:
    """The archive's version now, or as first read within read_once()."""
    once = _read_once.get()
    if once is not None and connection.alias in once:
        return once[connection.alias]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE}")
        row = cursor.fetchone()
    version = row[0] if row else ""
    if once is not None:
        once[connection.alias] = version
    return version


# The versions read within read_once(), by connection.
_read_once: ContextVar[dict[str, str] | None] = ContextVar("versions read once", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block the archive's version is read from each database once. A search asks
    for it for each copy it uses (the facet columns, the ranking index, the names of the
    categories, outcomes and bodies): eight round trips to PostgreSQL. Every copy is then of
    the version the search began with, which is what each would have been had the archive
    not changed meanwhile; one that did change is seen by the next search. Within another
    such block, the outer one's reading holds."""
    if _read_once.get() is not None:
        yield
        return
    reset = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(reset)


def kept(
    connection, name: str, compute: Callable[[], T], keep: Callable[[T], bool] = lambda _: True
) -> T:
    """compute(), kept (settings.SEARCH_CACHE, in each process's memory) under `name` and the
    archive's version, unless keep(answer) says not to: a kept answer is the one computing it
    again would give."""
    if not settings.SEARCH_CACHE:
        return compute()
    key = hashlib.sha256(f"{archive_version(connection)} {name}".encode()).hexdigest()
    found = cache.get(f"kept:{key}")
    if found is None:
        found = compute()
        if keep(found):
            cache.set(f"kept:{key}", found, timeout=24 * 3600)
    return found


_held: dict[tuple[str, str], tuple[str, object]] = {}


def per_version(connection, name: str, read: Callable[[], T]) -> T:
    """read(), held in this process's memory until the archive's version changes. For the small
    tables every page reads to name what it shows (the categories and their groups, the
    outcomes, the organisations' names): like the facet columns (search/columns.py), a copy of
    the database's rows as of one version, not a kept answer, so held whatever
    settings.SEARCH_CACHE says. Reading them again took 3 to 8 ms of each search page."""
    version = archive_version(connection)
    key = (connection.alias, name)
    found = _held.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = read()
    _held[key] = (version, value)
    return value

"""The one place that knows how each database indexes decisions for full-text search.

SQLite keeps an FTS5 table in step through triggers; PostgreSQL keeps a stored, generated
tsvector column with a GIN index. Either way the database itself updates the index on every
insert, update and delete, whoever makes them: the importer, the admin or any other code.
"""

from django.apps import apps
from django.db import connections, router


def ids_sql(decisions) -> tuple[str, list]:
    """SQL selecting the ids of a query of decisions, unordered, with its parameters: for a
    backend to put inside a statement of its own."""
    return decisions.order_by().values("id").query.sql_with_params()


# The backends use ids_sql, so they are imported once it is defined.
from decisions.search import postgresql, sqlite  # noqa: E402

BACKENDS = {"sqlite": sqlite, "postgresql": postgresql}


def read_connection():
    """The connection this request's reads go to: a streaming replica where the database
    router sends them (settings: DATABASE_REPLICA_URLS), else the primary. Raw SQL that reads
    the archive uses it, so that it reads what the ORM's queries beside it read."""
    return connections[router.db_for_read(apps.get_model("decisions", "Decision"))]


def backend_for(connection):
    try:
        return BACKENDS[connection.vendor]
    except KeyError as error:
        message = f"full-text search is not supported on {connection.vendor}"
        raise NotImplementedError(message) from error


def create_search_index(connection) -> None:
    """Create the index (used by the migration); fills it from existing rows."""
    backend_for(connection).create_index(connection)


def drop_search_index(connection) -> None:
    backend_for(connection).drop_index(connection)


def ensure_search_index(connection) -> bool:
    """Recreate the index if a later schema change dropped it. Returns True if it was rebuilt."""
    return backend_for(connection).ensure_index(connection)


def refresh_statistics(using: str = "default") -> None:
    """After many writes: bring the planner's statistics up to date."""
    connection = connections[using]
    backend_for(connection).refresh_statistics(connection)


def ids_matching_words(text: str, using: str = "default") -> set[int]:
    """Ids of decisions whose indexed text holds every word of `text` (stemmed as indexed)."""
    connection = connections[using]
    return backend_for(connection).ids_matching_words(connection, text.split())

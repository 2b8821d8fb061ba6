"""Rows inserted in bulk from plain values: the importer's new decisions, their findings and
the run's record of each file.

Django's bulk_create builds a model instance for every row and prepares each value through
the query compiler. For new decisions (with their remedies and citations, eight rows a
decision) that was about a third of the importing process's CPU (docs/benchmarks.md). Here a
row is a dict of column values; only the fields whose values the database cannot take as
Python gives them (dates, times, decimals, JSON) go through Django's own preparation, so the
database stores what bulk_create would have it store. Every other value must already be of
its column's Python type (str, int, bool or None): nothing converts it.
tests/test_importing.py::test_decisions_written_in_bulk_are_stored_exactly_as_django_stores_them
compares the stored rows both ways, on both databases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone

# Fields whose values go through Django's get_db_prep_save; others are passed as they are.
PREPARED = {"DateField", "DateTimeField", "DecimalField", "JSONField"}
# The most parameters PostgreSQL takes in one statement.
POSTGRESQL_PARAMETERS = 65_535


def insert_rows(model: type[Model], rows: Sequence[dict], *, returning_ids: bool = False) -> list:
    """Insert `rows` (dicts of column values by attname, every row with the same keys) into
    `model`'s table; fields a row leaves out take their defaults, and auto_now(_add) fields
    the time now. With `returning_ids`, return the new rows' ids in the order of `rows`."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    given = list(rows[0])
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in given
    ]
    now = timezone.now()
    # The same for every row: prepared once.
    filled_values = [
        _prepared(field, now if _set_on_save(field) else field.get_default(), connection)
        for field in fields
    ]
    given_fields = [model._meta.get_field(name) for name in given]
    columns = given_fields + fields
    prepare = [
        (index, field)
        for index, field in enumerate(given_fields)
        if field.get_internal_type() in PREPARED
    ]
    values = []
    for row in rows:
        value = [row[name] for name in given] + filled_values
        for index, field in prepare:
            value[index] = field.get_db_prep_save(value[index], connection)
        values.append(value)

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(field.column) for field in columns)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returning = returning_ids and connection.features.can_return_rows_from_bulk_insert
    per_statement = max(1, _parameters_at_most(connection) // len(columns))
    if returning_ids and not returning:
        per_statement = 1  # SQLite before 3.35 has no RETURNING: a row at a time, its lastrowid
    ids = []
    # Several statements are all or nothing, as bulk_create's batches are.
    with (
        transaction.atomic(using=connection.alias, savepoint=False),
        connection.cursor() as cursor,
    ):
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one_row] * len(chunk))}"
            if returning:
                sql += f" RETURNING {quote(model._meta.pk.column)}"
            cursor.execute(sql, [value for row in chunk for value in row])
            if returning:
                # Sorted: each row takes the next id in turn, so the ids rise in the order of
                # the rows, which the database does not promise to return them in.
                ids += sorted(found[0] for found in cursor.fetchall())
            elif returning_ids:
                ids.append(cursor.lastrowid)
    return ids


def _prepared(field, value, connection):
    """`value` as the database takes it for `field` (see PREPARED)."""
    if field.get_internal_type() in PREPARED:
        return field.get_db_prep_save(value, connection)
    return value


def _set_on_save(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _parameters_at_most(connection) -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return POSTGRESQL_PARAMETERS

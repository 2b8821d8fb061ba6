"""SQLite: an external-content FTS5 table over the decision table, kept in step by triggers."""

import json
from contextlib import nullcontext

from decisions.search import ids_sql

TABLE = "decisions_decision"
INDEX = "decisions_decision_fts"
COLUMNS = ("reference", "organisation_names", "summary", "body")
TRIGGERS = (f"{INDEX}_insert", f"{INDEX}_delete", f"{INDEX}_update")
# Newest first, undated last: SQLite sorts NULL lowest, so DESC already puts them last.
NEWEST_FIRST = (
    f"CREATE INDEX IF NOT EXISTS decision_newest_first ON {TABLE} (decision_date DESC, id DESC)"
)

_columns = ", ".join(COLUMNS)
_new = ", ".join(f"new.{column}" for column in COLUMNS)
_old = ", ".join(f"old.{column}" for column in COLUMNS)

CREATE_STATEMENTS = (
    # content= avoids storing the text twice; porter gives English stemming.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5({_columns}, content='{TABLE}', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}(rowid, {_columns}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {_columns}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_update AFTER UPDATE OF {_columns} ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {_columns}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO {INDEX}(rowid, {_columns}) VALUES (new.id, {_new}); END",
    NEWEST_FIRST,
)


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in CREATE_STATEMENTS:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')")


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for trigger in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        cursor.execute("DROP INDEX IF EXISTS decision_newest_first")
        cursor.execute(f"DROP TABLE IF EXISTS {INDEX}")


def ensure_index(connection) -> bool:
    # Django rebuilds a SQLite table to alter it, which drops the triggers and the indexes
    # it does not know of.
    names = (*TRIGGERS, "decision_newest_first")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", names)
        if cursor.fetchone()[0] == len(names):
            return False
    create_index(connection)
    return True


def refresh_statistics(connection) -> None:
    """Let the query planner know the table's shape after an import (without statistics it
    reads whole rows where a covering facet index would do)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")


def ids_matching_words(connection, words: list[str]) -> set[int]:
    # Each word quoted, so it is a term and never FTS5 syntax.
    query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s", [query])
        return {row[0] for row in cursor.fetchall()}


# --- searching ------------------------------------------------------------------------------


def search_session(connection):
    # No transaction: one would take SQLite's write lock ("BEGIN IMMEDIATE") for a read.
    return nullcontext()


# Weights for bm25, one a column: reference and organisation above the summary, the summary
# above the body (as on PostgreSQL).
BM25 = f"bm25({INDEX}, 10.0, 10.0, 4.0, 1.0)"


def _fts(terms) -> str:
    # Words hold only letters and digits (see query.WORD), so quoting them is always safe.
    return " OR ".join('"' + " ".join(term.words) + '"' for term in terms)


def _positive(parsed) -> str:
    return " AND ".join(f"({_fts(clause)})" for clause in parsed.clauses)


def text_condition(parsed):
    """A filter() argument keeping the decisions that match the parsed query."""
    from django.db.models import Q
    from django.db.models.expressions import RawSQL

    condition = Q()
    matching = f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s"
    if parsed.clauses:
        condition &= Q(id__in=RawSQL(matching, [_positive(parsed)]))
    if parsed.excluded:
        condition &= ~Q(id__in=RawSQL(matching, [_fts(parsed.excluded)]))
    return condition


# The page is ranked once the matches are counted, in a statement of its own (ranked_ids):
# bm25() can only be read in a query of the FTS5 table itself, and its ORDER BY ... LIMIT is
# about twice as quick as fetching every match's bm25.
RANKS_WITH_COUNTS = False
# The stemmer of FTS5's porter tokenizer, for marking words in snippets (search/snippets.py).
STEMMER = "porter"


def ranked_ids(connection, parsed, candidates, limit: int, offset: int) -> list[int]:
    """Ids of the best-ranked decisions matching the words, ties newest-id first: among
    `candidates` if given, a list of the matches' ids or a query of decisions.
    The "+" keeps the candidates from FTS5, which would otherwise run the match again for each
    of them (seconds for a common word); FTS5 ranks, SQLite filters."""
    among, params = "", []
    if isinstance(candidates, list):
        among, params = "AND +rowid IN (SELECT value FROM json_each(%s)) ", [json.dumps(candidates)]
    elif candidates is not None:
        sql, params = ids_sql(candidates)
        among = f"AND +rowid IN ({sql}) "
    sql = (
        f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s {among}"
        f"ORDER BY {BM25}, rowid DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_positive(parsed), *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def matching_ids(connection, parsed, among) -> list[int]:
    """Ids of the decisions matching the words (the query has some), among `among` if given,
    a query of decisions. Straight from FTS5, the excluded words with its NOT: 36 ms for a
    common word's 94,160 at 100,000, against 109 ms through the decision table."""
    query = f"({_positive(parsed)})"
    if parsed.excluded:
        query += f" NOT ({_fts(parsed.excluded)})"
    sql, params = f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s", [query]
    if among is not None:
        among_sql, among_params = ids_sql(among)
        sql, params = f"{sql} AND +rowid IN ({among_sql})", [*params, *among_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


# A decision's date as days since 1970-01-01 (NULL if it has none), for search/columns.py.
DAY_NUMBER = "CAST(julianday(decision_date) - 2440587.5 AS INTEGER)"

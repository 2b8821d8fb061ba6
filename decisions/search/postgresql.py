"""PostgreSQL: a tsvector column (English stemming) with a GIN index, filled by a trigger.

A trigger rather than a generated column, so that later migrations can still alter the
columns it reads (PostgreSQL refuses to alter a column a generated column uses).

The vectors are kept twice. In the decision table, in the rows' own pages: a phrase is
checked and a match ranked from there. And in a narrow table of their own (WORDS), out of
line, so that its pages hold little more than the ids (736 pages at 100,000, against the
decision table's 60,065): the matches of words without a phrase come from its GIN index and
those few pages, with no vector read, where they were nearly every page of the decision
table (a common word at 100,000: docs/performance.md).
"""

from contextlib import contextmanager

from django.db import transaction

from decisions.search import ids_sql

TABLE = "decisions_decision"
COLUMN = "search_vector"
INDEX = "decisions_decision_search_gin"
FUNCTION = "decisions_decision_search_vector"
TRIGGER = "decisions_decision_search_vector"

# PostgreSQL's parser keeps some text whole that FTS5, and the words of a query, part:
# a decimal ("516.87" of "£4,516.87"), a host, a web or an email address; and it skips what
# looks like an HTML tag, and after "<script>" all the rest. Read with these marks as
# spaces, every such text is its words on both databases, and is found as written.
PARTED_MARKS = ".,@/:<>"


def parted(expression: str) -> str:
    """SQL for `expression` with each of PARTED_MARKS as a space: nested replace(), which
    cost 0.04 ms a decision where one translate() cost 0.23 (a third of to_tsvector's own)."""
    for mark in PARTED_MARKS:
        expression = f"replace({expression}, '{mark}', ' ')"
    return expression


VECTOR = (
    "setweight(to_tsvector('english'::regconfig, "
    + parted("coalesce({row}reference, '') || ' ' || coalesce({row}organisation_names, '')")
    + "), 'A') || "
    "setweight(to_tsvector('english'::regconfig, "
    + parted("coalesce({row}summary, '')")
    + "), 'B') || to_tsvector('english'::regconfig, "
    + parted("coalesce({row}body, '')")
    + ")"
)

COLUMNS = ("reference", "organisation_names", "summary", "body")
CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in COLUMNS)


# Keep each tsvector in the table's own pages rather than out of line in TOAST. Checking a
# phrase or ranking reads a decision's whole vector (about 4 KB, which does not compress);
# from TOAST that is an index lookup and several chunks, about 14 µs, inline about 1 µs.
# A phrase search at 100,000 decisions went from 167 to 94 ms (p50; docs/benchmarks.md).
STORE_INLINE = f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} SET STORAGE MAIN"


# The narrow table: each decision's vector again, kept by triggers on the decision table,
# stored out of line (EXTERNAL, not compressed: lists of lexemes hardly shrink). Only values
# over 2 KB leave a row, so the vectors keep their positions: without them (strip()) most
# stay in the row, and the table had 11,691 pages at 100,000 decisions rather than 736. Its
# GIN index answers words without a phrase exactly, with no recheck: a match costs its id
# from a small page. A phrase is answered exactly too, but reads each candidate's vector
# from TOAST, so phrases go to the decision table (_without_phrases).
WORDS = "decisions_decision_words"
WORDS_INDEX = "decisions_decision_words_gin"
WORDS_FUNCTION = "decisions_decision_words"
WORDS_TRIGGERS = {
    "decisions_decision_words": f"AFTER INSERT OR UPDATE OR DELETE ON {TABLE} FOR EACH ROW",
    "decisions_decision_words_truncate": f"AFTER TRUNCATE ON {TABLE} FOR EACH STATEMENT",
}
WORDS_BODY = (
    f"IF TG_OP = 'TRUNCATE' THEN TRUNCATE {WORDS}; RETURN NULL; END IF; "
    "IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR NEW.id <> OLD.id) THEN "
    f"DELETE FROM {WORDS} WHERE decision_id = OLD.id; END IF; "
    "IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.id <> OLD.id "
    f"OR NEW.{COLUMN} IS DISTINCT FROM OLD.{COLUMN})) THEN "
    f"INSERT INTO {WORDS} VALUES (NEW.id, NEW.{COLUMN}) ON CONFLICT (decision_id) "
    f"DO UPDATE SET {COLUMN} = EXCLUDED.{COLUMN}; END IF; RETURN NULL;"
)


def create_words(connection) -> None:
    """The narrow table (WORDS), its triggers, filled from the decision table."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {WORDS} "
            f"(decision_id bigint PRIMARY KEY, {COLUMN} tsvector)"
        )
        cursor.execute(f"ALTER TABLE {WORDS} ALTER COLUMN {COLUMN} SET STORAGE EXTERNAL")
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {WORDS_FUNCTION}() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {WORDS_BODY} END $$"
        )
        for name, when in WORDS_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {WORDS_FUNCTION}()")
        cursor.execute(f"TRUNCATE {WORDS}")
        cursor.execute(f"INSERT INTO {WORDS} SELECT id, {COLUMN} FROM {TABLE}")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {WORDS_INDEX} ON {WORDS} USING gin ({COLUMN})")


def drop_words(connection) -> None:
    with connection.cursor() as cursor:
        for name in WORDS_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {WORDS_FUNCTION}()")
        cursor.execute(f"DROP TABLE IF EXISTS {WORDS}")


def store_vectors_inline(connection) -> None:
    """Move existing vectors into the table (see STORE_INLINE); new rows follow by themselves."""
    with connection.cursor() as cursor:
        cursor.execute(STORE_INLINE)
        # A new value, so that it is stored afresh under the new rule (the trigger leaves the
        # vector alone when the text has not changed).
        cursor.execute(f"UPDATE {TABLE} SET {COLUMN} = {COLUMN} || ''::tsvector")


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector")
        cursor.execute(STORE_INLINE)
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP = 'INSERT' OR {CHANGED} THEN "
            f"NEW.{COLUMN} := {VECTOR.format(row='NEW.')}; END IF; RETURN NEW; END $$"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
        # No column list (UPDATE OF ...): that would make the columns undroppable, unalterable.
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )
        cursor.execute(f"UPDATE {TABLE} SET {COLUMN} = {VECTOR.format(row='')}")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ({COLUMN})")
        # Newest first, undated last, as lists and searches without words are ordered.
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS decision_newest_first ON {TABLE} "
            "(decision_date DESC NULLS LAST, id DESC)"
        )


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute("DROP INDEX IF EXISTS decision_newest_first")
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}")


def _all_exist(connection, indexes: list[str], triggers: list[str]) -> bool:
    """Whether every one of these indexes and triggers is there."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM pg_indexes WHERE indexname = ANY(%s)) "
            "+ (SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s))",
            [indexes, triggers],
        )
        return cursor.fetchone()[0] == len(indexes) + len(triggers)


def ensure_index(connection) -> bool:
    if _all_exist(connection, [INDEX], [TRIGGER]):
        return False
    create_index(connection)
    return True


def ensure_words(connection) -> bool:
    """Recreate the words table and its triggers if something dropped them (a restore of a
    backup made before they existed drops the decision table and its triggers with it).
    Returns True if it was rebuilt."""
    if _all_exist(connection, [WORDS_INDEX], list(WORDS_TRIGGERS)):
        return False
    create_words(connection)
    return True


def refresh_statistics(connection) -> None:
    """Let the query planner know the table's shape after an import, not only when
    autovacuum next gets round to it. VACUUM also marks the new rows' pages all-visible, which
    lets the facet counts be read from the covering indexes alone (index-only scans); it
    cannot run inside a transaction, where ANALYZE has to do."""
    statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} {TABLE}")
        # VACUUM also moves the words' GIN index's pending list (where new rows wait, to be
        # read one entry at a time by every search) into the index proper.
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORDS])
        if cursor.fetchone()[0]:
            cursor.execute(f"{statement} {WORDS}")


def ids_matching_words(connection, words: list[str]) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {TABLE} WHERE {COLUMN} @@ plainto_tsquery('english', %s)",
            [" ".join(words)],
        )
        return {row[0] for row in cursor.fetchall()}


# --- searching ------------------------------------------------------------------------------


@contextmanager
def search_session(connection):
    """Steer the planner to the GIN index for full-text conditions. Left to itself it scans
    the whole table for a common word, reading every decision's out-of-line tsvector (0.4 s
    at 100,000 decisions against 0.06 s through the index), a cost it does not see. (The
    connections have JIT compiling off, which these inflated costs would otherwise set off:
    settings.POSTGRESQL_OPTIONS.)"""
    # A connection kept from an earlier request may have died (the server restarted): check it
    # now, since inside the transaction a dead one could not be replaced.
    connection.close_if_health_check_failed()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def _tsquery(terms) -> tuple[str, list[str]]:
    """SQL for the OR of terms, each a phrase of its words, with its parameters."""
    sql = " || ".join("phraseto_tsquery('english', %s)" for _ in terms)
    return f"({sql})", [" ".join(term.words) for term in terms]


def _query(parsed) -> tuple[str, list[str]]:
    """One tsquery for the whole parsed query: the clauses ANDed, the excluded terms negated."""
    parts, params = [], []
    for terms in parsed.clauses:
        sql, values = _tsquery(terms)
        parts.append(sql)
        params += values
    if parsed.excluded:
        sql, values = _tsquery(parsed.excluded)
        parts.append(f"!!{sql}")
        params += values
    return " && ".join(parts), params


def _positive(parsed) -> tuple[str, list[str]]:
    return _query(type(parsed)(clauses=parsed.clauses))


def text_condition(parsed):
    """A filter() argument keeping the decisions that match the parsed query."""
    from django.db.models import BooleanField, Q
    from django.db.models.expressions import RawSQL

    if parsed.is_empty:
        return Q()
    sql, params = _query(parsed)
    return RawSQL(f"{COLUMN} @@ ({sql})", params, output_field=BooleanField())


# Matches are ranked as they are found (ranked_matches; with SEARCH_FACET_COLUMNS=0, in the
# facet counts' statement), since that reads each match's row anyway: ranking them in a
# statement of their own would read every tsvector a second time.
RANKS_WITH_COUNTS = True
# The stemmer of the 'english' configuration, for marking words in snippets (search/snippets.py).
STEMMER = "english"


def rank_expression(parsed) -> tuple[str, list[str]]:
    """SQL for a decision's rank for the words (higher is better), with its parameters."""
    query, params = _positive(parsed)
    return f"ts_rank({TABLE}.{COLUMN}, {query})", params


# Best first; ties go to the higher id, as on SQLite and in the facet statement.
BEST_FIRST = f"ORDER BY {{rank}} DESC, {TABLE}.id DESC LIMIT %s OFFSET %s"


def ranked_ids(connection, parsed, candidates, limit: int, offset: int) -> list[int]:
    """Ids of the best-ranked decisions matching the words, ties newest-id first: among
    `candidates` if given, a list of the matches' ids or a query of decisions."""
    rank, rank_params = rank_expression(parsed)
    if isinstance(candidates, list):
        # Fetched by their keys and ranked, not tested against the words again.
        among = "unnest(%s::bigint[]) AS candidate(id)"
        sql = f"SELECT {TABLE}.id FROM {among} JOIN {TABLE} USING (id) "
        params = [candidates]
    elif candidates is None:
        # One pass over the matches: each tsvector is read once to test it and rank it.
        query, params = _positive(parsed)
        sql = f"SELECT id FROM {TABLE} WHERE {COLUMN} @@ ({query}) "
    else:  # the matches among the decisions of a query
        query, params = _positive(parsed)
        among, among_params = ids_sql(candidates)
        sql = f"SELECT id FROM {TABLE} WHERE {COLUMN} @@ ({query}) AND id IN ({among}) "
        params = [*params, *among_params]
    with connection.cursor() as cursor:
        cursor.execute(sql + BEST_FIRST.format(rank=rank), [*params, *rank_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _without_phrases(parsed) -> bool:
    """Whether every term is one word that PostgreSQL's parser reads as one token: a query
    whose tsquery has no phrase operator, which WORDS answer without reading a vector."""
    terms = [term for clause in parsed.clauses for term in clause] + list(parsed.excluded)
    # Letters alone, or digits alone: letters and digits mixed can part ("5e3x" is the
    # number 5e3, then "x").
    return all(
        len(term.words) == 1
        and (term.words[0].isalpha() or (term.words[0].isascii() and term.words[0].isdigit()))
        for term in terms
    )


def matching_ids(connection, parsed, among) -> list[int]:
    """Ids of the decisions matching the words, among `among` if given, a query of decisions:
    from the narrow WORDS where no term is a phrase, else from the decision table."""
    query, params = _query(parsed)
    table, key = (WORDS, "decision_id") if _without_phrases(parsed) else (TABLE, "id")
    # One array rather than a row a match: 17 ms against 21 for a common word's 94,160.
    sql = f"SELECT array_agg({key}) FROM {table} WHERE {COLUMN} @@ ({query})"
    if among is not None:
        among_sql, among_params = ids_sql(among)
        sql, params = f"{sql} AND {key} IN ({among_sql})", [*params, *among_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] or []


def ranked_matches(connection, parsed, matching) -> tuple[list[int], list[float]]:
    """The ids of every decision matching the words, with each one's rank (higher is better,
    the order ranked_ids gives): all of them, or those of `matching`, a query of decisions
    that tests the words itself. Each match's tsvector is read once, to test it and rank it."""
    from django.db.models import FloatField
    from django.db.models.expressions import RawSQL

    rank, rank_params = rank_expression(parsed)
    if matching is None:
        query, params = _positive(parsed)
        sql = f"SELECT id, {rank} FROM {TABLE} WHERE {COLUMN} @@ ({query})"
        params = [*rank_params, *params]
    else:
        ranked = matching.order_by().annotate(
            search_rank=RawSQL(rank, rank_params, output_field=FloatField())
        )
        sql, params = ranked.values_list("id", "search_rank").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    return [row[0] for row in found], [row[1] for row in found]


# A decision's date as days since 1970-01-01 (NULL if it has none), for search/columns.py.
DAY_NUMBER = "decision_date - DATE '1970-01-01'"

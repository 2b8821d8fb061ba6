"""The ranking index: every decision's words in a Tantivy index (PyPI `tantivy`) beside the
database, so that a search's page is the best of its matches by BM25 without the database
scoring each match.

The database stays the record and finds the matches (FTS5 or the tsvector's GIN index); the
facet columns count them; this index only orders them. Ranking in the database costs about
1 µs a match on SQLite and 2 µs on PostgreSQL, for every match of a common word (94,160 at
100,000 decisions); Tantivy finds the best 20 by BM25 with block-max pruning in about a
millisecond (docs/performance.md). It is the same function on both databases.

It is kept in step through a change log that the database writes itself, by triggers, like
the archive's version (search/version.py): a row (seq, decision id, a random token; on
PostgreSQL its transaction too) for every decision inserted, deleted, or whose words or id
change, by anyone. The index records the archive's version and the last row it has applied:
a search that finds the version changed applies the rows since first (a few milliseconds for
an edit), and an import applies its own when it ends. If that last row has left the log (its
transaction rolled back, or the log started again after a TRUNCATE or a table rebuilt), the
index is built afresh. Where it cannot be brought in step at once (it is missing, or too far
behind for a request to catch up, or another process is writing it), the database ranks as
before (search/sqlite.py, postgresql.py): slower, the same matches, its own order.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy
from django.conf import settings
from django.db import DatabaseError, connections, transaction

from decisions.search.version import archive_version, triggers_exist

logger = logging.getLogger(__name__)

TABLE = "decisions_decision"
CHANGES = "decisions_text_change"
# The weights of each field, as the databases weight them (search/sqlite.py BM25).
FIELDS = {"reference": 10.0, "organisation_names": 10.0, "summary": 4.0, "body": 1.0}
# Written into the index's state: an index of another layout is built again.
LAYOUT = 1
# A search applies at most this many changed decisions itself (about 0.5 ms each); more waits
# for `manage.py rank_decisions` or the next import, and the database ranks meanwhile.
CATCH_UP_AT_MOST = 2_000
# The writer's buffers: with 100 MB, building the index of 100,000 peaked 140 MB higher.
WRITER_MEMORY = 50_000_000
READ_CHUNK = 2_000
# How Ranker.page finds the listed decisions' best: by walking the index's best hits until
# enough of them are listed, or by scoring the listed decisions alone, whichever is expected
# to cost less. Costs in µs, measured at 100,000 (docs/performance.md, "Scoring the listed
# decisions"): a hit walked about 0.8; the listed asked for as one term per id about 3.5
# each, or, beyond ID_TERMS_AT_MOST of them, as Tantivy's term set (its query for many ids,
# 3 ms for 300 of them, but growing more slowly).
WALK_US_PER_HIT = 0.8
WALK_MARGIN = 2  # times the hits it takes if the listed are spread evenly among them
WALK_AT_LEAST = 64  # hits: fewer cost no less
ID_TERMS_US = 150
ID_TERMS_US_PER_LISTED = 3.5
ID_TERMS_AT_MOST = 1_500
ID_SET_US = 4_000
ID_SET_US_PER_LISTED = 0.9


class NotInStep(Exception):
    """The index cannot be brought in step with the database now."""


# --- the change log ---------------------------------------------------------------------------

_WORDS = ", ".join(FIELDS)
_TOKEN = {"sqlite": "hex(randomblob(8))", "postgresql": "md5(random()::text)"}
# An update is logged only if it changes the words or the id. The test is in the trigger's
# body, not an "UPDATE OF" list: PostgreSQL refuses to alter a column such a list names.
_CHANGED = " OR ".join(f"old.{field} IS DISTINCT FROM new.{field}" for field in ("id", *FIELDS))
TRIGGERS = {
    "insert": ("AFTER INSERT", ("new.id",)),
    "delete": ("AFTER DELETE", ("old.id",)),
    "update": ("AFTER UPDATE", ("old.id", "new.id")),
}
# A row of no decision, the log's first and the first after it is emptied: an index that
# recorded an older one (of another database, say, or of rows since emptied) is built afresh.
_START = f"INSERT INTO {CHANGES} (decision_id, token) VALUES (0, {{token}})"


def create_change_log(connection) -> None:
    """The change log's table and its triggers on the decision table. On PostgreSQL each row
    also records its transaction, since a row numbered earlier may be committed later."""
    vendor = connection.vendor
    columns = (
        "seq integer PRIMARY KEY AUTOINCREMENT, decision_id bigint NOT NULL, token text NOT NULL"
        if vendor == "sqlite"
        else "seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, decision_id bigint NOT NULL, "
        "token text NOT NULL, xid xid8 NOT NULL DEFAULT pg_current_xact_id()"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {CHANGES} ({columns})")
        if vendor == "postgresql":
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {CHANGES}_xid ON {CHANGES} (xid)")
        for event, (when, rows) in TRIGGERS.items():
            inserts = "; ".join(
                f"INSERT INTO {CHANGES} (decision_id, token) VALUES ({row}, {_TOKEN[vendor]})"
                for row in rows
            )
            name = f"{CHANGES}_{event}"
            if vendor == "sqlite":
                only = ""
                if event == "update":  # SQLite's IS NOT is PostgreSQL's IS DISTINCT FROM
                    only = f" WHEN {_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')}"
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {name} {when} ON {TABLE}{only} "
                    f"BEGIN {inserts}; END"
                )
            else:
                if event == "update":
                    inserts = f"IF {_CHANGED} THEN {inserts}; END IF"
                _postgresql_trigger(cursor, name, f"{when} ON {TABLE} FOR EACH ROW", inserts)
        if vendor == "postgresql":  # TRUNCATE fires no row's trigger: the log starts again
            start = _START.format(token=_TOKEN[vendor])
            _postgresql_trigger(
                cursor,
                f"{CHANGES}_truncate",
                f"AFTER TRUNCATE ON {TABLE} FOR EACH STATEMENT",
                f"DELETE FROM {CHANGES}; {start}",
            )
        _start_again(connection)


def _postgresql_trigger(cursor, name: str, when: str, body: str) -> None:
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {body}; RETURN NULL; END $$"
    )
    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
    cursor.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()")


def _start_again(connection) -> None:
    """Empty the log and write its first row: every index of the database is built afresh."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CHANGES}")
        cursor.execute(_START.format(token=_TOKEN[connection.vendor]))


def _trigger_names(connection) -> set[str]:
    names = {f"{CHANGES}_{event}" for event in TRIGGERS}
    return names | {f"{CHANGES}_truncate"} if connection.vendor == "postgresql" else names


def drop_change_log(connection) -> None:
    with connection.cursor() as cursor:
        for name in _trigger_names(connection):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        cursor.execute(f"DROP TABLE IF EXISTS {CHANGES}")


def ensure_change_log(connection) -> bool:
    """Recreate the triggers if a schema change dropped them (SQLite rebuilds a table to alter
    it), and start the log again, since changes made meanwhile were not logged. Returns True if
    it had to."""
    if triggers_exist(connection, _trigger_names(connection)):
        return False
    create_change_log(connection)
    return True


def _mark(connection) -> dict:
    """Where the database is now: its version (search/version.py), read first, which any
    change to a decision replaces; the log's last row; and from where a later look must read
    the log again: on SQLite the rows after that one (a writer holds the whole database until
    it commits), on PostgreSQL those of every transaction not finished now (its rows may be
    numbered before rows committed already)."""
    version = archive_version(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, token FROM {CHANGES} ORDER BY seq DESC LIMIT 1")
        seq, token = cursor.fetchone() or (0, "")
        after = seq
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            after = cursor.fetchone()[0]
    return {"layout": LAYOUT, "version": version, "seq": seq, "token": token, "after": after}


# --- the index ----------------------------------------------------------------------------------


def _analyzer() -> tantivy.TextAnalyzer:
    # Words as FTS5 and the query parser part them (runs of letters and digits), accents
    # folded, and Snowball's English stemmer (PostgreSQL's). Tantivy's own "simple" tokenizer
    # parts words so: a regular expression doing the same took 2.4 times its CPU.
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    for field in FIELDS:
        builder.add_text_field(field, tokenizer_name="words", index_option="position")
    return builder.build()


def index_folder(connection) -> Path:
    """Where `connection`'s database has its index: one folder a database (and alias)."""
    named = connection.settings_dict
    where = f"{named.get('HOST') or ''}:{named.get('PORT') or ''}/{named['NAME']}"
    key = (
        f"{connection.vendor}-{connection.alias}-{hashlib.sha256(where.encode()).hexdigest()[:16]}"
    )
    return Path(settings.SEARCH_RANKING_DIR) / key


@dataclass
class Opened:
    index: tantivy.Index
    schema: tantivy.Schema
    analyzer: tantivy.TextAnalyzer
    version: str  # the archive's version the index was last brought in step with
    searcher: tantivy.Searcher


_opened: dict[str, Opened] = {}
_opening = threading.Lock()
# The version at which each alias's index was found too far behind for a search to catch up:
# the searches under it go to the database without asking again.
_too_far: dict[str, str] = {}
# How long an import or `rank_decisions` waits for another process writing the index.
WAIT_SECONDS = 120


def ranker(connection) -> Ranker | None:
    """The ranking index of `connection`'s database, in step with it; None where it cannot be
    (see the module's text), and the database must rank."""
    if not settings.SEARCH_RANKING_DIR:
        return None
    version = archive_version(connection)  # as every page reads it
    opened = _opened.get(connection.alias)
    if opened is not None and opened.version == version:
        return Ranker(opened)
    if _too_far.get(connection.alias) == version:
        return None
    if not _opening.acquire(blocking=False):  # another thread of this process is at it
        return None
    try:
        with _guarded(connection):
            return Ranker(bring_in_step(connection, at_most=CATCH_UP_AT_MOST))
    except NotInStep as reason:
        logger.info("the database ranks: %s", reason)
    except (OSError, ValueError, DatabaseError) as error:  # a folder it cannot write, say
        logger.warning("the database ranks: the ranking index cannot be used: %s", error)
    finally:
        _opening.release()
    return None


def index_for_ranking(using: str | None = None) -> bool:
    """After writing decisions (an import): bring the ranking index of each database (the
    primary and any replica; or only `using`) in step, however far behind it is, so that
    searches need not. False if one could not be (it is logged; searches then catch up, or the
    database ranks)."""
    if not settings.SEARCH_RANKING_DIR:
        return False
    done = True
    replicas = [f"replica{number}" for number in range(1, len(settings.REPLICA_URLS) + 1)]
    for alias in [using] if using else ["default", *replicas]:
        try:
            with _opening, _guarded(connections[alias]):
                bring_in_step(connections[alias])
        except (NotInStep, OSError, ValueError, DatabaseError) as reason:
            logger.warning("the ranking index of %s was not brought in step: %s", alias, reason)
            done = False
    return done


def _guarded(connection):
    """A savepoint where the connection is in a transaction (PostgreSQL's search session), so
    that a statement that fails here does not spoil the rest of the request's."""
    return (
        transaction.atomic(using=connection.alias) if connection.in_atomic_block else nullcontext()
    )


def bring_in_step(connection, at_most: int | None = None) -> Opened:
    """Apply every change the index has not yet applied (or build it afresh, if it is missing,
    of another layout, or the last change it applied is no longer in the log: rolled back,
    say); at most `at_most` decisions' worth, else NotInStep. One process at a time writes it:
    with `at_most`, the others get NotInStep; without, they wait for it."""
    folder = index_folder(connection)
    version = archive_version(connection)
    state = _read_state(folder)
    if state is None or state["version"] != version:
        if at_most is not None and _backlog(connection, state) > at_most:
            _too_far[connection.alias] = version
            raise NotInStep(f"more than {at_most} decisions to index at once")
        with _writing(folder, wait=at_most is None):
            state = _read_state(folder)
            if state is None or state["version"] != version:  # unless another process did
                state = _apply(connection, folder, at_most)
    schema, analyzer = _schema(), _analyzer()
    index = tantivy.Index.open(str(folder))
    index.register_tokenizer("words", analyzer)
    index.reload()
    opened = Opened(index, schema, analyzer, state["version"], index.searcher())
    _opened[connection.alias] = opened
    return opened


@contextmanager
def _writing(folder: Path, wait: bool):
    """Hold the index's lock file (beside its folder): waiting up to WAIT_SECONDS for another
    process that holds it, or not at all; NotInStep if it is still held. Tantivy's own writer
    lock guards its files, not the folder made afresh."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "a") as lock:
        deadline = time.monotonic() + (WAIT_SECONDS if wait else 0)
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as error:
                if time.monotonic() >= deadline:
                    raise NotInStep("another process is writing the index") from error
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _apply(connection, folder: Path, at_most: int | None) -> dict:
    """Bring the index in folder in step; returns its new state."""
    state = _read_state(folder)
    mark = _mark(connection)  # before the rows are read: a change after it is read again
    changed = _changed_since(connection, state) if state else None
    wanted = len(changed) if changed is not None else _count(connection)
    if at_most is not None and wanted > at_most:
        raise NotInStep(f"{wanted} decisions to index, more than {at_most} at once")
    if changed == []:  # the archive changed, not a decision's words
        _write_state(folder, mark)
        return mark
    if changed is None:  # built in an empty folder
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    schema = _schema()
    index = tantivy.Index(schema, path=str(folder), reuse=True)
    index.register_tokenizer("words", _analyzer())
    try:
        # A search's few changes on its own thread; a build or an import's on every core.
        writer = index.writer(WRITER_MEMORY, 1 if at_most is not None else 0)
    except ValueError as error:  # Tantivy's own lock: a writer not of this code
        raise NotInStep(f"the index is being written: {error}") from error
    try:
        for decision_id in changed or ():
            writer.delete_documents_by_query(tantivy.Query.term_query(schema, "id", decision_id))
        _add(connection, writer, changed)
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()  # and its lock released, not left to the garbage collector
        raise
    finally:
        del writer
    _write_state(folder, mark)
    return mark


def _backlog(connection, state: dict | None) -> int:
    """How many decisions an index in `state` has to (re)index."""
    changed = _changed_since(connection, state) if state else None
    return len(changed) if changed is not None else _count(connection)


def _add(connection, writer, ids: list[int] | None) -> None:
    """Add the decisions of `ids` (every decision if None) as the database holds them now."""
    for rows in _chunks(connection, ids):
        for decision_id, *words in rows:
            document = tantivy.Document(**dict(zip(FIELDS, words, strict=True)))
            document.add_unsigned("id", decision_id)
            writer.add_document(document)


def _chunks(connection, ids: list[int] | None):
    """The decisions' ids and words, READ_CHUNK at a time: psycopg holds a statement's whole
    result in memory, which for every decision's text at 100,000 was 1 GB."""
    select = f"SELECT id, {_WORDS} FROM {TABLE}"
    if ids is None:
        last = -1
        while rows := _fetched(
            connection, f"{select} WHERE id > %s ORDER BY id LIMIT %s", [last, READ_CHUNK]
        ):
            yield rows
            last = rows[-1][0]
        return
    for start in range(0, len(ids), READ_CHUNK):
        chunk = ids[start : start + READ_CHUNK]
        yield _fetched(
            connection, f"{select} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk
        )


def _fetched(connection, sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _changed_since(connection, state: dict) -> list[int] | None:
    """The decisions changed since the index was in `state`; None if that state's last change
    is no longer in the log (rolled back, or the log started again): build it afresh."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {CHANGES} WHERE seq = %s", [state["seq"]])
        row = cursor.fetchone()
        if row is None or row[0] != state["token"]:
            return None
        since = "xid >= %s::text::xid8" if connection.vendor == "postgresql" else "seq > %s"
        cursor.execute(
            f"SELECT DISTINCT decision_id FROM {CHANGES} WHERE {since}", [state["after"]]
        )
        return [row[0] for row in cursor.fetchall() if row[0]]


def _count(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()[0]


STATE = "archive-state.json"


def _read_state(folder: Path) -> dict | None:
    try:
        state = json.loads((folder / STATE).read_text())
    except (OSError, ValueError):
        return None
    return state if state.get("layout") == LAYOUT else None


def _write_state(folder: Path, state: dict) -> None:
    # Written after the index's commit, and replaced whole: a state never names a change the
    # index does not hold (a crash between the two only applies some changes twice).
    temporary = folder / f"{STATE}.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps(state))
    temporary.replace(folder / STATE)


# --- ranking ------------------------------------------------------------------------------------


@dataclass
class Ranker:
    opened: Opened

    def query(self, parsed) -> tantivy.Query:
        """The words of `parsed` to score by: every term of every clause, in each field with its
        weight. All are optional (Should): the database has already decided what matches."""
        schema = self.opened.schema
        should = []
        for clause in parsed.clauses:
            for term in clause:
                stems = [stem for word in term.words for stem in self.opened.analyzer.analyze(word)]
                if not stems:
                    continue
                for field, weight in FIELDS.items():
                    if len(stems) == 1:
                        found = tantivy.Query.term_query(schema, field, stems[0])
                    else:
                        found = tantivy.Query.phrase_query(schema, field, stems)
                    should.append((tantivy.Occur.Should, tantivy.Query.boost_query(found, weight)))
        return tantivy.Query.boolean_query(should) if should else tantivy.Query.empty_query()

    def page(
        self, parsed, listed: np.ndarray, offset: int, limit: int, matched: int | None = None
    ) -> list[int]:
        """The ids of `listed` (the decisions the search lists, ascending) from `offset` to
        `offset + limit`, best first: the highest score, ties to the higher id; those the index
        scores nothing (none of their words matched its reading of the search) come last,
        higher id first. `matched`, how many decisions the words match (the database has
        counted them), chooses how to find them; the index counts them if it is not given."""
        count = min(offset + limit, len(listed))
        if count <= 0:
            return []
        return self._chosen(self.query(parsed), listed, count, matched)[offset:count]

    def best_matches(self, parsed, listed: np.ndarray, limit: int, matched: int) -> list[int]:
        """Up to `limit` ids of `listed` (ascending) that the words match as this index reads
        them (any word, in any field), best first, ties to the higher id; `matched`, about how
        many decisions they match in all (more rather than fewer), as for page(). How a
        decision page's similar decisions are found: no database has matched their words."""
        count = min(limit, len(listed))
        if count <= 0:
            return []
        return self._chosen(self.query(parsed), listed, count, matched, unmatched=False)

    def _chosen(self, query, listed, count, matched, unmatched=True) -> list[int]:
        if matched is None:
            matched = self.opened.searcher.search(query, 1).count
        scoring = _scoring_us(len(listed))
        # The hits to walk to find `count` listed ones. If the listed score lower than most
        # and the walk comes up short, it goes on as far as the listed ones it found say,
        # while that costs less than scoring the listed (the decisions of one small body for
        # "council" took 70 ms to walk to, against 1.4 ms to score).
        wanted = max(WALK_MARGIN * count * max(1, matched) // len(listed), WALK_AT_LEAST)
        walking = wanted * WALK_US_PER_HIT <= scoring
        while walking:
            scores, ids, found, sure = self._top(query, wanted, listed)
            if sure is None or sure >= count:
                return _ordered(scores, ids, count, listed, found, unmatched)
            # As far as the listed found say, at least twice and at most four times as far.
            wanted = min(4 * wanted, max(2 * wanted, 2 * count * wanted // max(1, sure)))
            # A walk begun goes on rather than ask for more listed than one term each: the
            # term set's cost grows with the index (at a million, 3,176 of them cost more than
            # walking 6,000 hits), which the costs above, measured at 100,000, do not show.
            walking = len(listed) > ID_TERMS_AT_MOST or wanted * WALK_US_PER_HIT <= scoring
        among = self._among(query, listed)
        wanted = max(2 * count, WALK_AT_LEAST)
        while True:  # every hit is listed: one round, unless many tie at the last score
            scores, ids, found, sure = self._top(among, wanted)
            if sure is None or sure >= count:
                return _ordered(scores, ids, count, listed, found, unmatched)
            wanted *= 4

    def _among(self, query, listed: np.ndarray) -> tantivy.Query:
        """`query`, scoring the listed decisions alone (each one a hit, scoring 0 if it does
        not match)."""
        schema = self.opened.schema
        if len(listed) <= ID_TERMS_AT_MOST:
            chosen = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(schema, "id", pk))
                    for pk in listed.tolist()
                ]
            )
        else:
            chosen = tantivy.Query.term_set_query(schema, "id", listed.tolist())
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.const_score_query(chosen, 0.0)),
                (tantivy.Occur.Should, query),
            ]
        )

    def _top(self, query, wanted: int, listed: np.ndarray | None = None):
        """The best `wanted` hits of `query` (those `listed` holds, if given): their scores and
        ids; every hit's id; and how many of them score above the last hit fetched (all of
        them are sure of their place), or None if there are no more hits."""
        searcher = self.opened.searcher
        # Not counted: the count is not wanted, and counting visits every hit.
        hits = searcher.search(query, wanted, count=False).hits
        scores = np.fromiter((score for score, _ in hits), dtype=np.float64, count=len(hits))
        found = searcher.fast_field_values("id", [address for _, address in hits])
        ids = found = np.asarray(found, dtype=np.int64)
        if listed is not None:
            kept = _member(listed, ids)
            scores, ids = scores[kept], ids[kept]
        if len(hits) < wanted:
            return scores, ids, found, None
        return scores, ids, found, np.count_nonzero(scores > hits[-1][0])

    def scores(self, parsed, ids) -> dict[int, float]:
        """Each decision's score for the words, one by one (what tests rank every match by)."""
        schema, searcher = self.opened.schema, self.opened.searcher
        query = self.query(parsed)
        found = {}
        for decision_id in ids:
            one = tantivy.Query.term_query(schema, "id", decision_id)
            alone = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.const_score_query(one, 0.0)),
                    (tantivy.Occur.Should, query),
                ]
            )
            hits = searcher.search(alone, 1).hits
            found[decision_id] = hits[0][0] if hits else 0.0
        return found


def _scoring_us(listed: int) -> float:
    """What scoring `listed` decisions alone is expected to cost (Ranker._among), in µs."""
    if listed <= ID_TERMS_AT_MOST:
        return ID_TERMS_US + ID_TERMS_US_PER_LISTED * listed
    return ID_SET_US + ID_SET_US_PER_LISTED * listed


def _ordered(scores, ids, count, listed, found, unmatched) -> list[int]:
    """The first `count` ids by (score, id), both descending; then, if `unmatched`, the rest
    of `listed`, higher id first, once every hit was fetched (`found`, every hit's id): those
    the words do not match, or that the index has not got (it is being brought in step, say).
    Without `unmatched`, only those the words match, which score above nothing (BM25's idf is
    above 0)."""
    order = np.lexsort((-ids, -scores))[:count]
    if not unmatched:
        return ids[order[scores[order] > 0]].tolist()
    best = ids[order].tolist()
    if len(best) < count:
        rest = np.setdiff1d(listed, found)[::-1]
        best += rest[: count - len(best)].tolist()
    return best


def _member(ascending: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which of `values` are in the ascending array."""
    if not len(ascending):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(ascending, values).clip(max=len(ascending) - 1)
    return ascending[at] == values

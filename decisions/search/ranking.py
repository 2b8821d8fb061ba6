"""The ranking index: every decision's words in a Tantivy index (PyPI `tantivy`) beside the
database, so that a search's page is the best of its matches by BM25 without the database
scoring each match.

The database stays the record and finds the matches (FTS5 or the tsvector's GIN index); the
facet columns count them; this index only orders them. Ranking in the database costs about
1 µs a match on SQLite and 2 µs on PostgreSQL, for every match of a common word (94,160 at
100,000 decisions); Tantivy finds the best 20 by BM25 with block-max pruning in about a
millisecond (docs/performance.md). It is the same function on both databases.

It is kept in step through a change log that the database writes itself, by triggers, like
the archive's version (search/version.py): a row (seq, decision id, a random token) for every
decision inserted, deleted, or whose words change, by anyone. The index records the last row
it has applied; a search that finds later rows applies them first (a few milliseconds for an
edit), and an import applies its own when it ends. Where the index cannot be brought in step
at once (it is missing, or too far behind for a request to catch up, or another process is
writing it), the database ranks as before (search/sqlite.py, postgresql.py): slower, the same
matches, its own order.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy
from django.conf import settings
from django.db import connections

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
# Where walking the index's best hits for the listed ones would read more than this many, the
# listed ones are given to the index to score instead (about 12 ms for 20,000).
WALK_AT_MOST = 20_000


class NotInStep(Exception):
    """The index cannot be brought in step with the database now."""


# --- the change log ---------------------------------------------------------------------------

_WORDS = ", ".join(FIELDS)
_TOKEN = {"sqlite": "hex(randomblob(8))", "postgresql": "md5(random()::text)"}
# An update is logged only if it changes the words. The test is in the trigger's body, not an
# "UPDATE OF" list: PostgreSQL refuses to alter a column such a list names.
_CHANGED = " OR ".join(f"old.{field} IS DISTINCT FROM new.{field}" for field in FIELDS)
TRIGGERS = {
    "insert": ("AFTER INSERT", "new.id"),
    "delete": ("AFTER DELETE", "old.id"),
    "update": ("AFTER UPDATE", "new.id"),
}


def create_change_log(connection) -> None:
    """The change log's table and its triggers on the decision table."""
    vendor = connection.vendor
    key = (
        "seq integer PRIMARY KEY AUTOINCREMENT"
        if vendor == "sqlite"
        else "seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {CHANGES} "
            f"({key}, decision_id bigint NOT NULL, token text NOT NULL)"
        )
        for event, (when, row) in TRIGGERS.items():
            insert = f"INSERT INTO {CHANGES} (decision_id, token) VALUES ({row}, {_TOKEN[vendor]})"
            name = f"{CHANGES}_{event}"
            if vendor == "sqlite":
                only = ""
                if event == "update":  # SQLite's IS NOT is PostgreSQL's IS DISTINCT FROM
                    only = f" WHEN {_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')}"
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {name} {when} ON {TABLE}{only} "
                    f"BEGIN {insert}; END"
                )
            else:
                if event == "update":
                    insert = f"IF {_CHANGED} THEN {insert}; END IF"
                cursor.execute(
                    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                    f"$$ BEGIN {insert}; RETURN NULL; END $$"
                )
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
                cursor.execute(
                    f"CREATE TRIGGER {name} {when} ON {TABLE} "
                    f"FOR EACH ROW EXECUTE FUNCTION {name}()"
                )


def drop_change_log(connection) -> None:
    with connection.cursor() as cursor:
        for event in TRIGGERS:
            name = f"{CHANGES}_{event}"
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        cursor.execute(f"DROP TABLE IF EXISTS {CHANGES}")


def ensure_change_log(connection) -> bool:
    """Recreate the triggers if a schema change dropped them (SQLite rebuilds a table to alter
    it). Returns True if it had to."""
    names = {f"{CHANGES}_{event}" for event in TRIGGERS}
    catalogue = (
        "SELECT tgname FROM pg_trigger"
        if connection.vendor == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    )
    with connection.cursor() as cursor:
        cursor.execute(catalogue)
        if names <= {row[0] for row in cursor.fetchall()}:
            return False
    create_change_log(connection)
    return True


def _latest_change(connection) -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, token FROM {CHANGES} ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, "")


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
    applied: tuple[int, str]  # the last change the searcher holds
    searcher: tantivy.Searcher


_opened: dict[str, Opened] = {}
_opening = threading.Lock()


def ranker(connection) -> Ranker | None:
    """The ranking index of `connection`'s database, in step with it; None where it cannot be
    (see the module's text), and the database must rank."""
    if not settings.SEARCH_RANKING_DIR:
        return None
    latest = _latest_change(connection)
    opened = _opened.get(connection.alias)
    if opened is None or opened.applied != latest:
        try:
            with _opening:
                opened = bring_in_step(connection, at_most=CATCH_UP_AT_MOST)
        except NotInStep as reason:
            logger.info("the database ranks: %s", reason)
            return None
        except (OSError, ValueError) as error:  # a folder it cannot write, an index damaged
            logger.warning("the database ranks: the ranking index cannot be used: %s", error)
            return None
    return Ranker(opened)


def index_for_ranking(using: str = "default") -> bool:
    """After writing decisions (an import): bring the ranking index in step, however far behind
    it is, so that searches need not. False if it cannot be now (another process is writing it:
    the searches then catch up, or the database ranks)."""
    if not settings.SEARCH_RANKING_DIR:
        return False
    try:
        with _opening:
            bring_in_step(connections[using])
    except (NotInStep, OSError, ValueError) as reason:
        logger.warning("the ranking index was not brought in step: %s", reason)
        return False
    return True


def bring_in_step(connection, at_most: int | None = None) -> Opened:
    """Apply every change the index has not yet applied (or build it afresh, if it is missing,
    of another layout, or its last change is no longer in the log: rolled back, say); at most
    `at_most` decisions' worth, else NotInStep. One process at a time writes it: while one
    does, the others get NotInStep."""
    folder = index_folder(connection)
    latest = _latest_change(connection)
    if _applied(folder) != latest:
        with _writing(folder):
            if _applied(folder) != latest:  # unless another process has just done it
                _apply(connection, folder, latest, at_most)
    schema, analyzer = _schema(), _analyzer()
    index = tantivy.Index(schema, path=str(folder), reuse=True)
    index.register_tokenizer("words", analyzer)
    index.reload()
    opened = Opened(index, schema, analyzer, latest, index.searcher())
    _opened[connection.alias] = opened
    return opened


@contextmanager
def _writing(folder: Path):
    """Hold the index's lock file (beside its folder), or raise NotInStep if another process
    holds it. Tantivy's own writer lock guards its files, not the folder made afresh."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise NotInStep("another process is writing the index") from error
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _apply(connection, folder: Path, latest: tuple[int, str], at_most: int | None) -> None:
    state = _read_state(folder)
    applied = _applied(folder)
    afresh = applied is None or not _logged(connection, applied)
    changed = None if afresh else _changed_since(connection, applied[0], latest[0])
    wanted = _count(connection) if afresh else len(changed)
    if at_most is not None and wanted > at_most:
        raise NotInStep(f"{wanted} decisions to index, more than {at_most} at once")
    if state is None:  # never built, or of another layout: built in an empty folder
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
    if afresh:
        writer.delete_all_documents()
    else:
        for decision_id in changed:
            writer.delete_documents_by_query(tantivy.Query.term_query(schema, "id", decision_id))
    _add(connection, writer, changed)
    writer.commit()
    writer.wait_merging_threads()
    _write_state(folder, latest)


def _applied(folder: Path) -> tuple[int, str] | None:
    state = _read_state(folder)
    return (state["seq"], state["token"]) if state else None


def _add(connection, writer, ids: list[int] | None) -> None:
    """Add the decisions of `ids` (every decision if None) as the database holds them now."""
    select = f"SELECT id, {_WORDS} FROM {TABLE}"
    batches = (
        [None] if ids is None else [ids[i : i + READ_CHUNK] for i in range(0, len(ids), READ_CHUNK)]
    )
    for batch in batches:
        with connection.cursor() as cursor:
            if batch is None:
                cursor.execute(select)
            else:
                cursor.execute(f"{select} WHERE id IN ({', '.join(['%s'] * len(batch))})", batch)
            while rows := cursor.fetchmany(READ_CHUNK):
                for decision_id, *words in rows:
                    document = tantivy.Document(**dict(zip(FIELDS, words, strict=True)))
                    document.add_unsigned("id", decision_id)
                    writer.add_document(document)


def _logged(connection, applied: tuple[int, str]) -> bool:
    """Whether the log still holds the change the index last applied (the log's start, before
    any change, always)."""
    if applied == (0, ""):
        return True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {CHANGES} WHERE seq = %s", [applied[0]])
        row = cursor.fetchone()
    return row is not None and row[0] == applied[1]


def _changed_since(connection, seq: int, latest: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT decision_id FROM {CHANGES} WHERE seq > %s AND seq <= %s",
            [seq, latest],
        )
        return [row[0] for row in cursor.fetchall()]


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


def _write_state(folder: Path, applied: tuple[int, str]) -> None:
    # Written after the index's commit, and replaced whole: a state never names a change the
    # index does not hold (a crash between the two only applies some changes twice).
    temporary = folder / f"{STATE}.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps({"layout": LAYOUT, "seq": applied[0], "token": applied[1]}))
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

    def page(self, parsed, listed: np.ndarray, offset: int, limit: int) -> list[int]:
        """The ids of `listed` (the decisions the search lists, ascending) from `offset` to
        `offset + limit`, best first: the highest score, ties to the higher id; those the index
        scores nothing (none of their words matched its reading of the search) come last,
        higher id first."""
        count = min(offset + limit, len(listed))
        if count <= 0:
            return []
        query = self.query(parsed)
        searcher = self.opened.searcher
        matched = searcher.search(query, 1).count
        if count * matched > WALK_AT_MOST * len(listed):
            scored = self._best(self._among(query, listed), count, None)
        else:
            scored = self._best(query, count, listed)
        return scored[offset:count]

    def _among(self, query, listed: np.ndarray) -> tantivy.Query:
        schema = self.opened.schema
        chosen = tantivy.Query.term_set_query(schema, "id", listed.tolist())
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.const_score_query(chosen, 0.0)),
                (tantivy.Occur.Should, query),
            ]
        )

    def _best(self, query, count: int, listed: np.ndarray | None) -> list[int]:
        """The first `count` ids by (score, id), both descending, among the hits of `query` (those
        of `listed` only, if given), then the rest of `listed` that it does not match."""
        searcher = self.opened.searcher
        wanted = max(2 * count, 64)
        while True:
            hits = searcher.search(query, wanted).hits
            scores = np.fromiter((score for score, _ in hits), dtype=np.float64, count=len(hits))
            found = searcher.fast_field_values("id", [address for _, address in hits])
            ids = matched = np.asarray(found, dtype=np.int64)
            if listed is not None:
                kept = _member(listed, ids)
                scores, ids = scores[kept], ids[kept]
            exhausted = len(hits) < wanted
            # Hits scored above the last one fetched are all here; at its score, maybe not all.
            sure = np.count_nonzero(scores > hits[-1][0]) if hits and not exhausted else len(ids)
            if exhausted or sure >= count:
                break
            wanted *= 4
        order = np.lexsort((-ids, -scores))[:count]
        best = ids[order].tolist()
        if len(best) < count and listed is not None:  # every hit is fetched: the rest of
            rest = np.setdiff1d(listed, matched)[::-1]  # `listed` scores nothing
            best += rest[: count - len(best)].tolist()
        return best

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


def _member(ascending: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which of `values` are in the ascending array."""
    if not len(ascending):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(ascending, values).clip(max=len(ascending) - 1)
    return ascending[at] == values

"""Each process's copy of every decision's facet columns as numpy integer arrays, so that the
facets are counted, and a page of matches chosen, in a pass over memory rather than by the
database.

At 100,000 decisions the databases' GROUP BYs over a common word's 94,160 matches took 250 to
300 ms, and counting an unfiltered archive by its covering indexes about 200 ms; numpy's
bincount over these columns takes about a millisecond (docs/performance.md). The copy is read
again whenever the archive's version changes (search/version.py), so it always holds what the
database held under that version; each database alias (the primary, each replica) has its own.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import BigIntegerField, F, IntegerField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Round

from decisions.models import Decision
from decisions.search import backend_for
from decisions.search.facets import (
    FACETS,
    MATCH_COLUMNS,
    REASON_CODE,
    REASON_CODES,
    reasons_by_slug,
)
from decisions.search.version import archive_version

MISSING = -1  # a NULL in a facet column (every stored value is zero or more)
# Matches fewer than one row in this many are counted from their own values (count()).
FEW_MATCHES = 4
UNDATED = np.iinfo(np.int64).min  # a NULL date: below every day, so newest-first puts it last
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Counted:
    """Each facet's counts over the matches ({value as stored: decisions}), and the matches
    that every facet's selection keeps, which the list shows."""

    counts: dict[str, dict]
    listed: np.ndarray  # one flag a row

    @property
    def total(self) -> int:
        return int(np.count_nonzero(self.listed))


@dataclass(frozen=True)
class FacetColumns:
    version: str
    ids: np.ndarray  # every decision's id, ascending; each row below is one decision
    values: dict[str, np.ndarray]  # each facet's column (the reason as its code), MISSING if NULL
    days: np.ndarray  # the decision's date as days since 1970, UNDATED if it has none
    fictional: np.ndarray  # one flag a row: a generated example (profiles compare like with like)
    payments: np.ndarray  # the decision's payment total in pence, MISSING if it states none
    newest_first: np.ndarray  # the rows in the model's order: newest first, undated last, id
    oldest_first: np.ndarray  # oldest first, undated last, then by id

    def rows(self, ids, ranks=None) -> tuple[np.ndarray, np.ndarray | None]:
        """The rows of the given ids, with their ranks if given: an id this copy has not got
        (a decision added since it was read) is left out."""
        rows, present = self.found(ids)
        if ranks is not None:
            ranks = np.asarray(ranks, dtype=np.float64)[present]
        return rows, ranks

    def found(self, ids) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the ids this copy has, and which of `ids` those are (a mask)."""
        ids = np.asarray(ids, dtype=np.int64)
        found = np.searchsorted(self.ids, ids).clip(max=max(len(self.ids) - 1, 0))
        present = self.ids[found] == ids if len(self.ids) else np.zeros(len(ids), dtype=bool)
        return found[present], present

    def count(self, resolved, matched_rows: np.ndarray | None, narrowed=None) -> Counted:
        """Count each facet over the matched rows (all rows if None) that the `narrowed` mask
        keeps (see narrowed()), each with the other facets' selections applied but not its
        own. A few matches (a rare word's) are counted from their own values; many, by masks
        over every row, which is cheaper than gathering most of each column."""
        kept = narrowed
        if matched_rows is not None:
            kept = np.zeros(len(self.ids), dtype=bool)
            kept[matched_rows] = True
            if narrowed is not None:
                kept &= narrowed
        rows = None
        if kept is not None and np.count_nonzero(kept) * FEW_MATCHES < len(self.ids):
            rows, kept = np.flatnonzero(kept), None
        values = {
            facet: column if rows is None else column[rows]
            for facet, column in (*self.values.items(), ("dates", self.days))
        }
        within = {facet: self._within(facet, resolved, values) for facet in (*FACETS, "dates")}
        counts = {}
        for facet in FACETS:
            masks = [kept, *(chosen for other, chosen in within.items() if other != facet)]
            counted = _all_of(masks)
            counts[facet] = tally(values[facet] if counted is None else values[facet][counted])
        counts["reason"] = reasons_by_slug(counts["reason"])
        shown = _all_of([kept, *within.values()])
        if rows is None:
            listed = np.ones(len(self.ids), dtype=bool) if shown is None else shown
        else:
            listed = np.zeros(len(self.ids), dtype=bool)
            listed[rows if shown is None else rows[shown]] = True
        return Counted(counts, listed)

    def by_date(self, counted: Counted, sort: str, offset: int, limit: int) -> list[int]:
        """A page of the listed decisions' ids: newest first, or oldest first."""
        order = self.oldest_first if sort == "oldest" else self.newest_first
        return self.ids[order[counted.listed[order]][offset : offset + limit]].tolist()

    def newest(self, rows: np.ndarray, limit: int) -> list[int]:
        """The ids of the given rows, newest first, at most `limit` (the rows are sorted: for
        a page of every row, by_date's kept order costs less)."""
        return self.ids[rows[_newest_first(self.ids[rows], self.days[rows])[:limit]]].tolist()

    def by_rank(self, counted: Counted, rows, ranks, offset: int, limit: int) -> list[int]:
        """A page of the listed decisions' ids, best first: the highest of `ranks` (one for
        each of `rows`), ties to the higher id. Only rows ranked at least as high as the last
        of the page are sorted, ties at that rank included."""
        kept = counted.listed[rows]
        rows, ranks = rows[kept], ranks[kept]
        count = offset + limit
        if count < len(rows):
            threshold = np.partition(ranks, len(rows) - count)[len(rows) - count]
            best = ranks >= threshold
            rows, ranks = rows[best], ranks[best]
        order = np.lexsort((-self.ids[rows], -ranks))
        return self.ids[rows[order][offset:count]].tolist()

    def narrowed(self, resolved, connection) -> np.ndarray | None:
        """The rows kept by the filters that no facet counts without (the payment range and
        the citations): what resolved.narrowing() keeps in SQL, as a mask; None if none is
        set. Reading the decisions that cite an act took 100 ms at 100,000 by the database."""
        chosen = resolved.selection
        mask = None
        if chosen.unreadable:
            return np.zeros(len(self.ids), dtype=bool)
        paid = self.payments != MISSING
        if chosen.payment_min is not None:
            mask = paid & (self.payments >= _pence(chosen.payment_min))
        if chosen.payment_max is not None:
            below = paid & (self.payments <= _pence(chosen.payment_max))
            mask = below if mask is None else mask & below
        if "citation" in resolved.ids:
            citing = np.zeros(len(self.ids), dtype=bool)
            citing[citations(self, connection).citing(resolved.ids["citation"])] = True
            mask = citing if mask is None else mask & citing
        return mask

    def listed_ids(self, counted: Counted) -> list[int]:
        return self.ids[counted.listed].tolist()

    def _within(self, facet: str, resolved, values: dict) -> np.ndarray | None:
        """Which of the counted rows (`values`, by facet, and their "dates") one facet's
        selection keeps; None if it keeps them all."""
        mask = None
        for _column, operator, chosen in resolved.constraints(facet):
            if facet == "dates":
                days = values["dates"]
                day = (chosen[0] - EPOCH).days
                kept = (days != UNDATED) & (days >= day if operator == ">=" else days <= day)
            else:
                if facet == "reason":
                    chosen = [REASON_CODES[value] for value in chosen if value in REASON_CODES]
                kept = member_of(values[facet], chosen)
            mask = kept if mask is None else mask & kept
        return mask


def member_of(column: np.ndarray, chosen) -> np.ndarray:
    """Which of the column's values are chosen: one look-up a row in a table of the chosen
    values' span, whose first and last places stand for every value below and above it
    (take() clips to them). np.isin's own "table" kind took 0.8 ms at 100,000 rows and 12 to
    18 ms at a million for seven values, building masks of the rows in range around the
    look-up; this takes 0.1 and 2 to 3."""
    chosen = np.unique(np.asarray(list(chosen), dtype=np.int64))
    if len(chosen) <= 1:
        return column == chosen[0] if len(chosen) else np.zeros(len(column), dtype=bool)
    low = int(chosen[0]) - 1
    if int(chosen[-1]) - low > max(len(column), 1 << 16):  # ids far apart: no table that large
        return np.isin(column, chosen)
    table = np.zeros(int(chosen[-1]) - low + 2, dtype=bool)
    table[chosen - low] = True
    # In 64 bits: `low` may lie outside a 32-bit column's range (a value no row holds).
    return np.take(table, np.subtract(column, low, dtype=np.int64), mode="clip")


def _all_of(masks: list) -> np.ndarray | None:
    """The rows every one of the masks keeps (None ones keep all); None if all are None."""
    kept = None
    for mask in masks:
        if mask is not None:
            kept = mask.copy() if kept is None else kept & mask
    return kept


def _pence(pounds) -> int:
    # The filters take at most two decimal places (filters.py), so this is exact.
    return int(pounds * 100)


@dataclass(frozen=True)
class Citations:
    """Which decisions cite each provision, as rows of the facet columns of one version: the
    citation table (half a million rows at 100,000 decisions) held beside them."""

    version: str
    provisions: np.ndarray  # each citation's provision id, ascending
    rows: np.ndarray  # the citing decision's row, in the same order

    def citing(self, provision_ids) -> np.ndarray:
        """The rows citing any of the provisions (a row once for each it cites)."""
        wanted = np.asarray(sorted(provision_ids), dtype=np.int64)
        starts = np.searchsorted(self.provisions, wanted, "left")
        ends = np.searchsorted(self.provisions, wanted, "right")
        parts = [self.rows[start:end] for start, end in zip(starts, ends, strict=True)]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def counts(self) -> dict[int, int]:
        """{provision id: decisions citing it}."""
        provisions, counts = np.unique(self.provisions, return_counts=True)
        return dict(zip(provisions.tolist(), counts.tolist(), strict=True))


def tally(column: np.ndarray) -> dict[int, int]:
    """{value: how many times it occurs} over a column's values, NULLs left out."""
    present = column[column != MISSING]
    if not len(present):
        return {}
    tally = np.bincount(present)
    values = np.flatnonzero(tally)
    return dict(zip(values.tolist(), tally[values].tolist(), strict=True))


_copies: dict[str, FacetColumns] = {}
_reading = threading.Lock()


def facet_columns(connection) -> FacetColumns:
    """This process's copy of the facet columns of `connection`'s database, as of its version
    now: read afresh if the version has changed since it was last read."""
    version = archive_version(connection)
    found = _copies.get(connection.alias)
    if found is not None and found.version == version:
        return found
    with _reading:  # one thread reads; the others wait for its copy
        found = _copies.get(connection.alias)
        if found is None or found.version != version:
            found = _read(connection, version)
            _copies[connection.alias] = found
    return found


_citations: dict[str, Citations] = {}


def citations(columns: FacetColumns, connection) -> Citations:
    """This process's copy of the citations, as of the version of `columns` (read when first
    asked for: most pages never need it)."""
    found = _citations.get(connection.alias)
    if found is not None and found.version == columns.version:
        return found
    with _reading:
        found = _citations.get(connection.alias)
        if found is None or found.version != columns.version:
            found = _read_citations(columns, connection)
            _citations[connection.alias] = found
    return found


def _read_citations(columns: FacetColumns, connection) -> Citations:
    # One number a citation, its provision in the high half: a single column is read about
    # half as fast again as a pair, and sorting it groups the citations by provision.
    table = Decision.citations.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT provision_id * {1 << 32} + decision_id FROM {table}")
        found = cursor.fetchall()
    keys = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=len(found))
    keys.sort()
    rows, present = columns.found(keys & 0xFFFFFFFF)
    return Citations(columns.version, _compact(keys[present] >> 32), _compact(rows))


def _read(connection, version: str) -> FacetColumns:
    missing = Value(MISSING, output_field=IntegerField())
    columns = {
        facet: Coalesce(REASON_CODE if facet == "reason" else column, missing)
        for facet, column in MATCH_COLUMNS.items()
    }
    day = RawSQL(backend_for(connection).DAY_NUMBER, [], output_field=BigIntegerField())
    undated = Value(UNDATED, output_field=BigIntegerField())
    # Unordered, so that it reads a covering index (decision_by_remedy) rather than every
    # decision's row with its text: 120 ms at 100,000 on SQLite, against 670 ms by id.
    rows = (
        Decision.objects.using(connection.alias)
        .order_by()
        .annotate(**{f"facet_{facet}": value for facet, value in columns.items()})
        .annotate(
            day=Coalesce(day, undated),
            fictional=Cast("is_fictional", IntegerField()),
            pence=Coalesce(Cast(Round(F("payment_total") * 100), BigIntegerField()), missing),
        )
        .values_list("id", *(f"facet_{facet}" for facet in columns), "fictional", "pence", "day")
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        table = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, len(columns) + 4)
    table = table[np.argsort(table[:, 0])]
    ids, days = np.ascontiguousarray(table[:, 0]), np.ascontiguousarray(table[:, -1])
    latest_day = np.where(days == UNDATED, np.iinfo(np.int64).max, days)
    return FacetColumns(
        version=version,
        ids=ids,
        values={facet: _compact(table[:, place + 1]) for place, facet in enumerate(columns)},
        days=days,
        fictional=table[:, -3].astype(bool),
        payments=_compact(table[:, -2]),
        newest_first=_compact(_newest_first(ids, days)),
        oldest_first=_compact(np.lexsort((ids, latest_day))),
    )


def _newest_first(ids: np.ndarray, days: np.ndarray) -> np.ndarray:
    """The order of rows in the model's: newest first, undated last, then the higher id."""
    return np.lexsort((-ids, -days.clip(min=UNDATED + 1)))


def _compact(column: np.ndarray) -> np.ndarray:
    """The column in 32 bits where its values fit, as they always do in practice (row numbers,
    the ids of organisations, categories and outcomes, years, masks, codes): half the memory,
    and a column of its own in memory is quicker to count than a stride of the table."""
    if len(column) and column.max() > np.iinfo(np.int32).max:
        return np.ascontiguousarray(column)
    return column.astype(np.int32)

"""search(): one call for a page of results, its total and the facet counts, on either database.

Views and templates see only SearchQuery and SearchResult; the database-specific parts
(matching, ranking, snippets) come from the backend module for the connection in use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from decisions.models import Category, Decision, Organisation, Outcome
from decisions.search import backend_for, read_connection
from decisions.search.columns import facet_columns
from decisions.search.facets import (
    FacetValue,
    PageByRank,
    Selection,
    database_facet_counts,
    facet_values,
)
from decisions.search.query import ParsedQuery, parse_query
from decisions.search.ranking import ranker
from decisions.search.snippets import marked, passages
from decisions.search.version import kept, per_version, read_once

PER_PAGE = 20
# A list of results shows no decision's full text: it is neither read nor kept.
NOT_LISTED = ("body", "layout")
# Every match of a search with words is ranked, however many there are: page 1 is the best 20
# of the whole archive (docs/search.md).
# More pages than any archive has (two billion decisions): a page asked for beyond it is past
# the last, and shows the last, without sending a number to the database that it cannot hold.
PAGES_AT_MOST = 100_000_000
SORTS = ("relevance", "newest", "oldest")
# Private-use characters mark matches in snippets: the text is escaped first, then only these
# become <mark> tags, so no text from a decision is ever read as HTML.
MATCH_START, MATCH_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    selection: Selection = field(default_factory=Selection)
    sort: str = ""  # "" means relevance with a query, newest without
    page: int = 1


@dataclass(frozen=True)
class Hit:
    decision: Decision
    snippet: SafeString  # the matching passage, terms in <mark>; empty without a query


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    total: int
    page: int
    pages: int
    sort: str
    facets: dict[str, tuple[FacetValue, ...]]
    parsed: ParsedQuery
    # "index" (the ranking index), "database" (it could not be used) or "" (not by relevance)
    ranked_by: str = ""

    @property
    def notes(self) -> tuple[str, ...]:
        return self.parsed.notes


@dataclass(frozen=True)
class Page:
    """What a search finds: each facet's counts ({value as stored: decisions}), how many
    decisions the list holds, and the ids of the page shown, in order."""

    counts: dict[str, dict]
    total: int
    ids: list[int]
    ranked_by: str = ""


def search(query: SearchQuery) -> SearchResult:
    """Find the decisions that match `query` and count each facet's values among them.

    An answer is kept (settings.SEARCH_CACHE, in each process's memory) under the archive's
    version, which the database replaces on any change to what a search reads
    (search/version.py): a kept answer is the one a new search would give."""
    connection = read_connection()
    backend = backend_for(connection)
    with read_once():
        return kept(
            connection,
            f"search {query!r}",
            lambda: _search_now(connection, backend, query),
            # Ranked by the database while the index is being brought in step: not kept, since
            # the next page, ranked by the index, would be of another order.
            keep=lambda result: result.ranked_by != "database" or not settings.SEARCH_RANKING_DIR,
        )


def _search_now(connection, backend, query: SearchQuery) -> SearchResult:
    with backend.search_session(connection):
        return _search(connection, backend, query)


def matching_decisions(query: SearchQuery) -> QuerySet:
    """Every decision matching the query's words and filters, newest first: for feeds, which
    list matches rather than rank and count them (and for exports, through listed_in_order)."""
    parsed = parse_query(query.text)
    selection = query.selection.resolved()
    texts = Decision.objects.filter(backend_for(read_connection()).text_condition(parsed))
    return texts.filter(selection.narrowing()).filter(selection.listing_condition())


def listed_in_order(query: SearchQuery, limit: int) -> tuple[QuerySet, list[int] | None]:
    """Every decision matching `query`, in the order its pages list them, for an export: a
    query of them ordered by date, or, in order of relevance, the query and up to `limit` of
    their ids best first (ranked in one statement, as a page is)."""
    parsed = parse_query(query.text)
    matching = matching_decisions(query)
    sort = _sort(query, parsed)
    if sort == "oldest":
        return matching.order_by(F("decision_date").asc(nulls_last=True), "id"), None
    if sort == "newest":
        return matching, None
    connection = read_connection()
    if ranking := ranker(connection):
        return matching, ranking.page(parsed, _ids_ascending(matching), 0, limit)
    selection = query.selection.resolved()
    filtered = bool(parsed.excluded or selection.all_but(None) or selection.narrowing())
    ids = backend_for(connection).ranked_ids(
        connection, parsed, matching if filtered else None, limit, 0
    )
    return matching, ids


def _sort(query: SearchQuery, parsed: ParsedQuery) -> str:
    """The order asked for, or the one a search without an order takes: relevance where there
    are words to rank by, else newest first."""
    sort = query.sort if query.sort in SORTS else ""
    if not sort or (sort == "relevance" and not parsed.clauses):
        sort = "relevance" if parsed.clauses else "newest"
    return sort


def _search(connection, backend, query: SearchQuery) -> SearchResult:
    parsed = parse_query(query.text)
    sort = _sort(query, parsed)
    selection = query.selection.resolved()
    texts = Decision.objects.filter(backend.text_condition(parsed))
    asked = min(max(1, query.page), PAGES_AT_MOST)
    counted = _counted_in_memory if settings.SEARCH_FACET_COLUMNS else _counted_by_database
    found = counted(connection, backend, parsed, sort, selection, texts, asked)
    pages = max(1, math.ceil(found.total / PER_PAGE))
    decisions = listed_decisions(found.ids)
    snippets = _snippets(backend, parsed, decisions)
    return SearchResult(
        hits=tuple(Hit(d, highlight(snippets.get(d.pk, ""))) for d in decisions),
        total=found.total,
        page=min(asked, pages),
        pages=pages,
        sort=sort,
        facets=facet_values(found.counts, selection),
        parsed=parsed,
        ranked_by=found.ranked_by,
    )


def _counted_in_memory(connection, backend, parsed, sort, selection, texts, asked) -> Page:
    """The matches' ids from the database, their counts and the page from this process's copy
    of the facet columns (search/columns.py), which also apply the filters without a facet.
    PostgreSQL ranks every match as it finds it, since each tsvector is read once either way;
    SQLite ranks only the listed ones, in FTS5's own ORDER BY bm25, which at 100,000 took
    113 ms where fetching each match's bm25 took 244."""
    columns = facet_columns(connection)
    narrowed = columns.narrowed(selection, connection)
    ranking = ranker(connection) if sort == "relevance" and parsed.clauses else None
    rows = ranks = None
    if sort == "relevance" and backend.RANKS_WITH_COUNTS and ranking is None:
        # Ranking is what costs, a match at a time, so the database ranks only the matches
        # the filters keep (the citations of an act cut a common word's 94,160 to 45,084).
        filtered = parsed.excluded or narrowed is not None
        ranked = texts.filter(selection.narrowing()) if filtered else None
        ids, ranks = backend.ranked_matches(connection, parsed, ranked)
        rows, ranks = columns.rows(ids, ranks)
    elif parsed.clauses:
        rows, _ = columns.rows(backend.matching_ids(connection, parsed, None))
    elif texts.query.where:  # excluded words and no others
        rows, _ = columns.rows(texts.order_by().values_list("id", flat=True))
    counted = columns.count(selection, rows, narrowed)
    page = min(asked, max(1, math.ceil(counted.total / PER_PAGE)))
    offset = (page - 1) * PER_PAGE
    if sort != "relevance":
        ids = columns.by_date(counted, sort, offset, PER_PAGE)
    elif ranking is not None:
        listed = columns.ids[counted.listed]
        ids = ranking.page(parsed, listed, offset, PER_PAGE, matched=len(rows))
    elif ranks is not None:
        ids = columns.by_rank(counted, rows, ranks, offset, PER_PAGE)
    else:
        filtered = bool(parsed.excluded or narrowed is not None or selection.all_but(None))
        among = columns.listed_ids(counted) if filtered else None
        ids = backend.ranked_ids(connection, parsed, among, PER_PAGE, offset)
    return Page(counted.counts, counted.total, ids, _ranked_by(sort, ranking))


def _counted_by_database(connection, backend, parsed, sort, selection, texts, asked) -> Page:
    """The same as _counted_in_memory, all by the database (SEARCH_FACET_COLUMNS=0)."""
    texts = texts.filter(selection.narrowing())
    matching = texts.filter(selection.listing_condition())
    ranking = ranker(connection) if sort == "relevance" and parsed.clauses else None
    page_by_rank = None
    if sort == "relevance" and backend.RANKS_WITH_COUNTS and ranking is None:
        expression, params = backend.rank_expression(parsed)
        page_by_rank = PageByRank(expression, params, PER_PAGE, (asked - 1) * PER_PAGE)
    counted = database_facet_counts(texts, selection, page_by_rank)
    if selection.selection.organisation:
        total = matching.count()
    else:  # every decision has an organisation, so its unfiltered counts add up to the total
        total = sum(counted.counts["organisation"].values())
    page = min(asked, max(1, math.ceil(total / PER_PAGE)))
    if sort != "relevance":
        ids = _ordered_ids(matching, sort, (page - 1) * PER_PAGE)
    elif ranking is not None:
        ids = ranking.page(parsed, _ids_ascending(matching), (page - 1) * PER_PAGE, PER_PAGE)
    elif counted.ranked_page is not None and page == asked:
        ids = counted.ranked_page
    else:  # not ranked with the counts, or a page past the last, which shows the last
        filtered = bool(parsed.excluded or selection.all_but(None) or selection.narrowing())
        candidates = matching if filtered else None
        ids = backend.ranked_ids(connection, parsed, candidates, PER_PAGE, (page - 1) * PER_PAGE)
    return Page(counted.counts, total, ids, _ranked_by(sort, ranking))


def _ids_ascending(decisions: QuerySet) -> np.ndarray:
    """The ids of a query's decisions in ascending order, as the ranking index takes them."""
    return np.sort(np.fromiter(decisions.order_by().values_list("id", flat=True), np.int64))


def _ranked_by(sort: str, ranking) -> str:
    if sort != "relevance":
        return ""
    return "index" if ranking is not None else "database"


def listed_decisions(ids: list[int]) -> list[Decision]:
    """The decisions of a list (a page of results, similar decisions), in the order given,
    without their text. Each one's council, category and outcome come from this version's
    copy of those small tables: joining them took 0.6 ms of the 1.35 that reading a page's 20
    decisions did."""
    # No order: the list's order is the ids', and the model's order only cost its SQL's
    # compiling and the database's sort.
    by_id = Decision.objects.defer(*NOT_LISTED).order_by().in_bulk(ids)
    related = per_version(read_connection(), "related rows of a listed decision", _Related)
    for decision in by_id.values():
        related.attach(decision)
    return [by_id[pk] for pk in ids if pk in by_id]


class _Related:
    """Every organisation, category (with its parent) and outcome, by id, as of one version
    of the archive: read by lists of results, never changed."""

    def __init__(self):
        self.organisations = Organisation.objects.in_bulk()
        self.categories = Category.objects.select_related("parent").in_bulk()
        self.outcomes = Outcome.objects.in_bulk()

    def attach(self, decision: Decision) -> None:
        """Give the decision its related rows. One newer than the copy (written since the page
        read the version) is left for Django to read if it is asked for."""
        for name, rows, key in (
            ("organisation", self.organisations, decision.organisation_id),
            ("category", self.categories, decision.category_id),
            ("outcome", self.outcomes, decision.outcome_id),
        ):
            if key in rows:
                setattr(decision, name, rows[key])


def _snippets(backend, parsed, decisions: list[Decision]) -> dict[int, str]:
    """Each listed decision's passage for the words (search/snippets.py). A list holds no
    bodies: they are read only for the decisions whose summaries do not hold the words."""
    if not parsed.clauses or not decisions:
        return {}

    def bodies(ids: list[int]) -> dict[int, str]:
        return dict(Decision.objects.filter(pk__in=ids).order_by().values_list("pk", "body"))

    summaries = {decision.pk: decision.summary for decision in decisions}
    return passages(summaries, bodies, parsed, backend.STEMMER, MATCH_START, MATCH_END)


def _ordered_ids(matching, sort: str, offset: int) -> list[int]:
    """The page's ids, read before its rows: ordering ids alone reads an index, where ordering
    whole rows would read every match's row (53,000 for a common citation: 500 ms)."""
    ordered = matching  # newest first, the model's order
    if sort == "oldest":
        ordered = ordered.order_by(F("decision_date").asc(nulls_last=True), "id")
    return list(ordered.values_list("id", flat=True)[offset : offset + PER_PAGE])


def highlight(snippet: str) -> SafeString:
    """Escape a snippet, then turn its match markers into <mark> elements."""
    html = escape(snippet)
    return mark_safe(html.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def mark_terms(text: str, parsed: ParsedQuery) -> SafeString:
    """Escape `text` and put <mark> round the words the query matches, as the database's
    index reads them ("charged" marks "charge", not "carefully" for "care"): the words its
    snippet in a list of results marks."""
    if not parsed.clauses:
        return mark_safe(escape(text))
    plain = text.replace(MATCH_START, "").replace(MATCH_END, "")
    stemmer = backend_for(read_connection()).STEMMER
    return highlight(marked(plain, parsed, stemmer, MATCH_START, MATCH_END))

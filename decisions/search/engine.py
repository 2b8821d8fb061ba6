"""search(): one call for a page of results, its total and the facet counts, on either database.

Views and templates see only SearchQuery and SearchResult; the database-specific parts
(matching, ranking, snippets) come from the backend module for the connection in use.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from decisions.models import Decision
from decisions.search import backend_for
from decisions.search.facets import FacetValue, Selection, all_facet_values
from decisions.search.query import ParsedQuery, parse_query

PER_PAGE = 20
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

    @property
    def notes(self) -> tuple[str, ...]:
        return self.parsed.notes


def search(query: SearchQuery) -> SearchResult:
    """Find the decisions that match `query` and count each facet's values among them."""
    backend = backend_for(connection)
    with backend.search_session(connection):
        return _search(backend, query)


def _search(backend, query: SearchQuery) -> SearchResult:
    parsed = parse_query(query.text)
    sort = query.sort if query.sort in SORTS else ""
    if not sort or (sort == "relevance" and not parsed.clauses):
        sort = "relevance" if parsed.clauses else "newest"
    texts = Decision.objects.filter(backend.text_condition(parsed))
    selection = query.selection.resolved()
    matching = texts.filter(selection.all_but(None))
    facets = all_facet_values(texts, selection)
    if query.selection.organisation:
        total = matching.count()
    else:  # every decision has an organisation, so its unfiltered counts add up to the total
        total = sum(value.count for value in facets["organisation"])
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(1, query.page), pages)
    filtered = bool(parsed.excluded or selection.all_but(None))
    decisions = _page(backend, parsed, matching, sort, (page - 1) * PER_PAGE, filtered)
    snippets = backend.snippets(
        connection, parsed, [d.pk for d in decisions], MATCH_START, MATCH_END
    )
    return SearchResult(
        hits=tuple(Hit(d, highlight(snippets.get(d.pk, ""))) for d in decisions),
        total=total,
        page=page,
        pages=pages,
        sort=sort,
        facets=facets,
        parsed=parsed,
    )


def _page(backend, parsed, matching, sort: str, offset: int, filtered: bool) -> list[Decision]:
    if sort == "relevance":
        sql, params = matching.values("pk").query.sql_with_params() if filtered else (None, [])
        ids = backend.ranked_ids(connection, parsed, sql, params, PER_PAGE, offset)
        by_id = Decision.objects.with_related().in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]
    ordered = matching.with_related()
    if sort == "oldest":
        ordered = ordered.order_by(F("decision_date").asc(nulls_last=True), "id")
    return list(ordered[offset : offset + PER_PAGE])


def highlight(snippet: str) -> SafeString:
    """Escape a snippet, then turn its match markers into <mark> elements."""
    html = escape(snippet)
    return mark_safe(html.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def mark_terms(text: str, parsed: ParsedQuery) -> SafeString:
    """Escape `text` and put <mark> round the words the query looked for, word starts matched
    so that "complaint" also marks "complaints" (close to, not the same as, the stemming the
    index does)."""
    words = {word for clause in parsed.clauses for term in clause for word in term.words}
    html = escape(text)
    if not words:
        return mark_safe(html)
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        + r")\w*",
        re.IGNORECASE,
    )
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", html))

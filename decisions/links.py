"""URLs that change one thing about the current search: a page, or one filter taken away.

Every search is a GET URL, so these are plain links that work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from decisions.search.engine import SearchResult

CHIP_PARAMETERS = ("organisation", "category", "outcome", "year", "date_from", "date_to")


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str


def url_with(params: QueryDict, **changes) -> str:
    """`?…` for the current parameters with some replaced (None removes one)."""
    updated = params.copy()
    for name, value in changes.items():
        updated.pop(name, None)
        if value is not None:
            updated[name] = str(value)
    return "?" + updated.urlencode()


def matches_query(params: QueryDict) -> str:
    """The parameters that choose the matches (not their order or page), for a feed or an
    export of the same search."""
    chosen = params.copy()
    for name in ("sort", "page"):
        chosen.pop(name, None)
    return chosen.urlencode()


def url_without(params: QueryDict, name: str, value: str) -> str:
    """`?…` for the current parameters less one value of one parameter (and the page)."""
    updated = params.copy()
    updated.setlist(name, [v for v in updated.getlist(name) if v != value])
    updated.pop("page", None)
    return "?" + updated.urlencode()


def chips(params: QueryDict, result: SearchResult) -> list[Chip]:
    """One removable chip per filter in use, labelled as the facets label it."""
    labels = {
        (facet, value.value): value.label
        for facet, values in result.facets.items()
        for value in values
    }
    found = []
    for name in CHIP_PARAMETERS:
        for value in params.getlist(name):
            facet = "year" if name.startswith("date_") else name
            label = labels.get((facet, value), value)
            if name == "date_from":
                label = f"From {value}"
            elif name == "date_to":
                label = f"To {value}"
            found.append(Chip(label, url_without(params, name, value)))
    return found


def page_links(params: QueryDict, result: SearchResult) -> dict:
    """Previous, next and a window of page numbers around the current page."""
    window = range(max(1, result.page - 3), min(result.pages, result.page + 3) + 1)
    return {
        "previous": url_with(params, page=result.page - 1) if result.page > 1 else None,
        "next": url_with(params, page=result.page + 1) if result.page < result.pages else None,
        "numbers": [(number, url_with(params, page=number)) for number in window],
    }

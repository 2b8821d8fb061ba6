"""URLs that change one thing about the current search: a page, or one filter taken away.

Every search is a GET URL, so these are plain links that work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from decisions.extraction import KINDS, REASONS
from decisions.extraction.remedies import pounds
from decisions.filters import PARAMETER_LABELS, SearchParameters, UnknownValue
from decisions.models import OutcomeGroup, Provision
from decisions.search.choices import named
from decisions.search.engine import SearchResult

CHIP_PARAMETERS = (
    "organisation", "category", "published_category", "outcome", "outcome_wording", "year",
    "date_from", "date_to", "remedy", "reason", "payment_min", "payment_max", "citation",
)  # fmt: skip
# Chips of parameters that are not facets, labelled by what they say.
CHIP_WORDING = {
    "date_from": "From {}",
    "date_to": "To {}",
    "payment_min": "Payments from {}",
    "payment_max": "Payments up to {}",
}


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


def matches_query(params: QueryDict, *, keep_order: bool = False) -> str:
    """The parameters that choose the matches (not their page, nor, unless `keep_order`,
    their order), for a feed of the same search (always newest first) or an export of it (in
    the page's order)."""
    chosen = params.copy()
    for name in ("page",) if keep_order else ("sort", "page"):
        chosen.pop(name, None)
    return chosen.urlencode()


def search_of(query: QueryDict) -> str:
    """The search parameters of `query` as the search page's query string, everything else
    left out: a decision page opened from a search links back to that search with them."""
    kept = QueryDict(mutable=True)
    for name in SearchParameters.base_filters:
        for value in query.getlist(name):
            if value != "":
                kept.appendlist(name, value)
    return kept.urlencode()


def filters_of(query: QueryDict) -> list[tuple[str, str]]:
    """(name, value) of each filter and the order of a search, not its words or page: what a
    new search from the search page's box keeps."""
    kept = QueryDict(search_of(query))
    return [(name, value) for name, values in kept.lists() if name not in ("q", "page")
            for value in values]  # fmt: skip


def url_without(params: QueryDict, name: str, value: str) -> str:
    """`?…` for the current parameters less one value of one parameter (and the page)."""
    updated = params.copy()
    updated.setlist(name, [v for v in updated.getlist(name) if v != value])
    updated.pop("page", None)
    return "?" + updated.urlencode()


def chips(params: QueryDict, result: SearchResult, unknown: list[UnknownValue] = ()) -> list[Chip]:
    """One removable chip per filter in use, labelled as the facets label it, so that no two
    read alike: a subcategory group with its parent, a wording or a name as published marked
    as such, a value that names nothing marked as unknown."""
    labels = _facet_labels(result)
    cited = params.getlist("citation")
    if cited:
        for provision in Provision.objects.filter(slug__in=cited):
            labels["citation", provision.slug] = f"Cites {provision.label}"
    unknown = {(u.parameter, u.value) for u in unknown}
    # A value chosen that the facets do not name (a search with no results names none).
    unlisted = [(n, v) for n in [*NAMED, *FIXED_NAMES] for v in params.getlist(n)
                if (n, v) not in labels]  # fmt: skip
    labels.update(_names(unlisted))
    found = []
    for name in CHIP_PARAMETERS:
        for value in params.getlist(name):
            label = labels.get((name, value), value)
            if name in CHIP_WORDING:
                label = CHIP_WORDING[name].format(_as_shown(name, value))
            if (name, value) in unknown:
                label = f"{PARAMETER_LABELS.get(name, name).capitalize()} “{value}” (unknown)"
            found.append(Chip(label, url_without(params, name, value)))
    return found


def _as_shown(name: str, value: str) -> str:
    """A date or an amount from the address as the results show one ("13 Nov 2025",
    "£1,250"), however it was written there ("2025-11-13", "13/11/2025", "1250.00"); as
    written if it cannot be read (its chip then says it is unknown)."""
    field = forms.DecimalField() if name.startswith("payment") else forms.DateField()
    try:
        cleaned = field.clean(value)
    except forms.ValidationError:
        return value
    return pounds(cleaned) if name.startswith("payment") else f"{cleaned:%-d %b %Y}"


def _facet_labels(result: SearchResult) -> dict[tuple[str, str], str]:
    """Chip labels of the values the facets name, as the facets name them."""
    labels = {}
    for values in result.facets.values():
        groups = {value.value: value.label for value in values if value.parent is None}
        for value in values:
            label = value.label
            if label == value.value:  # chosen, and in no result: named from its row instead
                continue
            if value.parameter == "category" and value.parent in groups:
                label = f"{groups[value.parent]} > {label}"
            labels[value.parameter, value.value] = CHIP_KINDS.get(value.parameter, "{}").format(
                label
            )
    return labels


# Chips of a facet's members, told apart from their groups' chips.
CHIP_KINDS = {"outcome_wording": "{} (as worded)", "published_category": "{} (as published)"}
# The parameters whose values are named by a row of a small table, and those named here.
NAMED = ("organisation", "category", "published_category", "outcome_wording")
FIXED_NAMES = {"outcome": dict(OutcomeGroup.choices), "remedy": KINDS, "reason": REASONS}


def _names(unlisted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Chip labels of values the facets did not list, as their rows name them (from this
    version's copies, search/choices.py) or as the facets would."""
    labels = {}
    for name, value in unlisted:
        label = named(name, value) if name in NAMED else FIXED_NAMES[name].get(value)
        if label is not None:
            labels[name, value] = CHIP_KINDS.get(name, "{}").format(label)
    return labels


@dataclass(frozen=True)
class UnknownNotice:
    message: str
    without_url: str  # the same search without the unknown value
    parameter: str
    value: str

    @property
    def kept_hidden(self) -> bool:
        """A value no box can show (a year, date or amount that cannot be read): the form
        carries it in a hidden field, so that the next change of filters keeps it."""
        return self.parameter in HIDDEN_WHEN_UNREADABLE


HIDDEN_WHEN_UNREADABLE = ("year", "date_from", "date_to", "payment_min", "payment_max")


def unknown_notices(params: QueryDict, unknown: list[UnknownValue]) -> list[UnknownNotice]:
    """A notice for each value that names nothing, with a link to the search without it."""
    return [
        UnknownNotice(u.message, url_without(params, u.parameter, u.value), u.parameter, u.value)
        for u in unknown
    ]


def page_links(params: QueryDict, result: SearchResult) -> dict:
    """Previous, next and a window of page numbers around the current page."""
    window = range(max(1, result.page - 3), min(result.pages, result.page + 3) + 1)
    return {
        "previous": url_with(params, page=result.page - 1) if result.page > 1 else None,
        "next": url_with(params, page=result.page + 1) if result.page < result.pages else None,
        "numbers": [(number, url_with(params, page=number)) for number in window],
    }

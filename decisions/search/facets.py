"""The search facets: how each one filters, and its values with counts, for both databases.

Several values of one facet combine with OR, different facets with AND. Each facet's counts
are taken with every other facet's selection applied but not its own, so ticking one value
still shows what the others would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from decisions.models import OutcomeGroup

FACETS = ("organisation", "category", "outcome", "year")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    parent: str | None = None  # a subcategory's parent, an outcome wording's group


@dataclass(frozen=True)
class Selection:
    """The chosen values of every facet, as slugs, group names and years."""

    organisation: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def condition(self, facet: str) -> Q:
        """The filter for one facet's selection (an empty Q when nothing is chosen)."""
        if facet == "organisation" and self.organisation:
            return Q(organisation__slug__in=self.organisation)
        if facet == "category" and self.category:
            # A parent stands for all its subcategories.
            return Q(category__slug__in=self.category) | Q(category__parent__slug__in=self.category)
        if facet == "outcome" and self.outcome:
            return Q(outcome__group__in=self.outcome) | Q(outcome__slug__in=self.outcome)
        if facet == "year":
            return self._dates()
        return Q()

    def _dates(self) -> Q:
        condition = Q(decision_date__year__in=self.year) if self.year else Q()
        if self.date_from:
            condition &= Q(decision_date__gte=self.date_from)
        if self.date_to:
            condition &= Q(decision_date__lte=self.date_to)
        return condition

    def all_but(self, facet: str | None) -> Q:
        condition = Q()
        for other in FACETS:
            if other != facet:
                condition &= self.condition(other)
        return condition


def facet_values(facet: str, decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    """The values of one facet with their counts among `decisions`, largest first."""
    return COUNTERS[facet](decisions, selection)


def _organisations(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    rows = (
        decisions.values("organisation__slug", "organisation__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "organisation__name")
    )
    values = [
        FacetValue(slug, name, count, slug in selection.organisation)
        for slug, name, count in (
            (r["organisation__slug"], r["organisation__name"], r["count"]) for r in rows
        )
    ]
    return _with_selected_absent(values, selection.organisation)


def _categories(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    rows = (
        decisions.exclude(category=None)
        .values(
            "category__slug", "category__name", "category__parent__slug", "category__parent__name"
        )
        .annotate(count=Count("pk"))
    )
    parents: dict[str, list] = {}  # slug -> [label, count, children]
    for row in rows:
        if row["category__parent__slug"] is None:
            entry = parents.setdefault(row["category__slug"], [row["category__name"], 0, []])
            entry[1] += row["count"]
            continue
        entry = parents.setdefault(
            row["category__parent__slug"], [row["category__parent__name"], 0, []]
        )
        entry[1] += row["count"]
        entry[2].append((row["category__slug"], row["category__name"], row["count"]))
    chosen = set(selection.category)
    values = []
    for slug, (label, count, children) in sorted(
        parents.items(), key=lambda p: (-p[1][1], p[1][0])
    ):
        values.append(FacetValue(slug, label, count, slug in chosen))
        values += [
            FacetValue(child, name, n, child in chosen or slug in chosen, parent=slug)
            for child, name, n in sorted(children, key=lambda c: (-c[2], c[1]))
        ]
    return _with_selected_absent(values, selection.category)


def _outcomes(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    rows = (
        decisions.exclude(outcome=None)
        .values("outcome__group", "outcome__slug", "outcome__label")
        .annotate(count=Count("pk"))
        .order_by("-count", "outcome__label")
    )
    chosen = set(selection.outcome)
    values = []
    for group, label in OutcomeGroup.choices:
        wordings = [r for r in rows if r["outcome__group"] == group]
        if not wordings and group not in chosen:
            continue
        total = sum(r["count"] for r in wordings)
        values.append(FacetValue(group, label, total, group in chosen))
        values += [
            FacetValue(
                r["outcome__slug"],
                r["outcome__label"],
                r["count"],
                r["outcome__slug"] in chosen or group in chosen,
                parent=group,
            )
            for r in wordings
        ]
    return tuple(values)


def _years(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    rows = (
        decisions.exclude(decision_date=None)
        .annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    values = [
        FacetValue(str(r["year"]), str(r["year"]), r["count"], r["year"] in selection.year)
        for r in rows
    ]
    return _with_selected_absent(values, tuple(str(year) for year in selection.year))


def _with_selected_absent(values: list[FacetValue], selected) -> tuple[FacetValue, ...]:
    """Keep chosen values that match nothing now, with a count of 0, so they can be unticked."""
    present = {value.value for value in values}
    missing = [FacetValue(str(v), str(v), 0, True) for v in selected if str(v) not in present]
    return tuple(values + missing)


COUNTERS = {
    "organisation": _organisations,
    "category": _categories,
    "outcome": _outcomes,
    "year": _years,
}

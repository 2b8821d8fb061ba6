"""The search facets: how each one filters, and its values with counts, for both databases.

Several values of one facet combine with OR, different facets with AND. Each facet's counts
are taken with every other facet's selection applied but not its own, so ticking one value
still shows what the others would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from decisions.models import Category, Organisation, Outcome, OutcomeGroup

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

    def resolved(self) -> ResolvedSelection:
        """The selection as row ids, looked up once, so that filters need no joins."""
        ids = {}
        if self.organisation:
            ids["organisation"] = _ids(Organisation.objects.filter(slug__in=self.organisation))
        if self.category:
            # A parent stands for all its subcategories.
            ids["category"] = _ids(
                Category.objects.filter(
                    Q(slug__in=self.category) | Q(parent__slug__in=self.category)
                )
            )
        if self.outcome:
            ids["outcome"] = _ids(
                Outcome.objects.filter(Q(group__in=self.outcome) | Q(slug__in=self.outcome))
            )
        return ResolvedSelection(self, ids)


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@dataclass(frozen=True)
class ResolvedSelection:
    selection: Selection
    ids: dict[str, list[int]]

    def condition(self, facet: str) -> Q:
        """The filter for one facet's selection (an empty Q when nothing is chosen)."""
        if facet in self.ids:
            return Q(**{f"{facet}__in": self.ids[facet]})
        if facet == "year":
            return self._dates()
        return Q()

    def _dates(self) -> Q:
        chosen = self.selection
        condition = Q(decision_year__in=chosen.year) if chosen.year else Q()
        if chosen.date_from:
            condition &= Q(decision_date__gte=chosen.date_from)
        if chosen.date_to:
            condition &= Q(decision_date__lte=chosen.date_to)
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


def _counts(decisions: QuerySet, field: str) -> dict:
    # Grouped by the decision's own column (an id or the year): no join, an index to read.
    rows = decisions.exclude(**{field: None}).values(field).annotate(count=Count("pk"))
    return {row[field]: row["count"] for row in rows}


def _organisations(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    counts = _counts(decisions, "organisation")
    names = Organisation.objects.in_bulk(list(counts))
    values = [
        FacetValue(names[pk].slug, names[pk].name, count, names[pk].slug in selection.organisation)
        for pk, count in counts.items()
    ]
    values.sort(key=lambda value: (-value.count, value.label))
    return _with_selected_absent(values, selection.organisation)


def _categories(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    counts = _counts(decisions, "category")
    categories = Category.objects.select_related("parent").in_bulk(list(counts))
    parents: dict[str, list] = {}  # slug -> [label, count, children]
    for pk, count in counts.items():
        category = categories[pk]
        top = category.parent or category
        entry = parents.setdefault(top.slug, [top.name, 0, []])
        entry[1] += count
        if category.parent_id:
            entry[2].append((category.slug, category.name, count))
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
    counts = _counts(decisions, "outcome")
    outcomes = Outcome.objects.in_bulk(list(counts))
    chosen = set(selection.outcome)
    values = []
    for group, label in OutcomeGroup.choices:
        wordings = sorted(
            ((outcomes[pk], n) for pk, n in counts.items() if outcomes[pk].group == group),
            key=lambda item: (-item[1], item[0].label),
        )
        if not wordings and group not in chosen:
            continue
        values.append(FacetValue(group, label, sum(n for _, n in wordings), group in chosen))
        values += [
            FacetValue(o.slug, o.label, n, o.slug in chosen or group in chosen, parent=group)
            for o, n in wordings
        ]
    return tuple(values)


def _years(decisions: QuerySet, selection: Selection) -> tuple[FacetValue, ...]:
    counts = _counts(decisions, "decision_year")
    values = [
        FacetValue(str(year), str(year), count, year in selection.year)
        for year, count in sorted(counts.items(), reverse=True)
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

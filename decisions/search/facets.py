"""The search facets: how each one filters, and its values with counts, for both databases.

Several values of one facet combine with OR, different facets with AND. Each facet's counts
are taken with every other facet's selection applied but not its own, so ticking one value
still shows what the others would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from decisions.extraction import KINDS, REASONS
from decisions.models import (
    REMEDY_BITS,
    Category,
    Decision,
    Organisation,
    Outcome,
    OutcomeGroup,
    Provision,
)

# The decision column each facet counts by.
COLUMNS = {
    "organisation": "organisation_id",
    "category": "category_id",
    "outcome": "outcome_id",
    "year": "decision_year",
    "remedy": "remedy_kinds",
    "reason": "reason_not_investigated",
}
FACETS = tuple(COLUMNS)
# Over the matches each reason is a number, its place in REASONS: PostgreSQL groups 94,000
# short strings about 200 ms slower than as many integers (measured at 100,000 decisions).
REASON_ORDER = tuple(REASONS)
REASON_CODES = {reason: code for code, reason in enumerate(REASON_ORDER)}
REASON_CODE = Case(
    *(
        When(reason_not_investigated=reason, then=Value(code))
        for reason, code in REASON_CODES.items()
    ),
    output_field=IntegerField(),
)
# The column of the matches each facet counts by (the reason's code, the others as stored).
MATCH_COLUMNS = {**COLUMNS, "reason": "reason_code"}
# Every value remedy_kinds can hold (a bit per kind of remedy).
REMEDY_MASKS = range(1 << len(REMEDY_BITS))


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
    remedy: tuple[str, ...] = ()  # kinds of remedy (decisions/extraction/remedies.py)
    reason: tuple[str, ...] = ()  # reasons for not investigating
    # Filters without a facet of their own: the decision's total payment, in pounds...
    payment_min: Decimal | None = None
    payment_max: Decimal | None = None
    # ...and the provisions it cites, by slug (a whole act's slug stands for all its sections).
    citation: tuple[str, ...] = ()

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
        if self.remedy:
            chosen = sum(REMEDY_BITS[kind] for kind in set(self.remedy) if kind in REMEDY_BITS)
            ids["remedy"] = [mask for mask in REMEDY_MASKS if mask & chosen]
        if self.reason:
            ids["reason"] = list(self.reason)
        if self.citation:
            ids["citation"] = _ids(
                Provision.objects.filter(
                    Q(slug__in=self.citation)
                    | Q(
                        legislation__provisions__slug__in=self.citation,
                        legislation__provisions__section="",
                    )
                ).distinct()
            )
        return ResolvedSelection(self, ids)


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@dataclass(frozen=True)
class ResolvedSelection:
    selection: Selection
    ids: dict[str, list]  # row ids, remedy masks or reason slugs, by facet (and "citation")

    def constraints(self, facet: str) -> list[tuple[str, str, list]]:
        """One facet's selection as (column, operator, values): "in" a list of values, or
        ">=" / "<=" one date. Both the ORM filters and the SQL over the matches use these."""
        if facet in self.ids:
            return [(COLUMNS[facet], "in", self.ids[facet])]
        if facet != "year":
            return []
        chosen = self.selection
        found = [("decision_year", "in", list(chosen.year))] if chosen.year else []
        found += [("decision_date", ">=", [chosen.date_from])] if chosen.date_from else []
        found += [("decision_date", "<=", [chosen.date_to])] if chosen.date_to else []
        return found

    def condition(self, facet: str) -> Q:
        """The filter for one facet's selection (an empty Q when nothing is chosen)."""
        lookups = {"in": "in", ">=": "gte", "<=": "lte"}
        condition = Q()
        for column, operator, values in self.constraints(facet):
            value = values if operator == "in" else values[0]
            condition &= Q(**{f"{column}__{lookups[operator]}": value})
        return condition

    def sql_condition(self, exclude: str | None) -> tuple[str, list]:
        """SQL over the columns of the matches (see all_facet_values) for every facet's
        selection but one; "1 = 1" when there is none."""
        parts, params = ["1 = 1"], []
        for facet in FACETS:
            if facet == exclude:
                continue
            for column, operator, values in self.constraints(facet):
                if facet == "reason":
                    column = MATCH_COLUMNS[facet]
                    values = [REASON_CODES[reason] for reason in values if reason in REASON_CODES]
                if operator == "in":
                    parts.append(f"{column} IN ({', '.join(['%s'] * len(values)) or 'NULL'})")
                    params += values
                else:
                    parts.append(f"{column} {operator} %s")
                    params.append(connection.ops.adapt_datefield_value(values[0]))
        return " AND ".join(parts), params

    def narrowing(self) -> Q:
        """The filters that no facet counts without: the payment range and the citations.
        They narrow the decisions found, before any facet is counted."""
        chosen, condition = self.selection, Q()
        if chosen.payment_min is not None:
            condition &= Q(payment_total__gte=chosen.payment_min)
        if chosen.payment_max is not None:
            condition &= Q(payment_total__lte=chosen.payment_max)
        if "citation" in self.ids:
            cited = Decision.citations.through.objects.filter(provision_id__in=self.ids["citation"])
            condition &= Q(id__in=cited.values("decision_id"))
        return condition

    def listing_condition(self) -> Q:
        """Every facet's selection, for listing the matches in date order. The chosen years
        are also given as a span of dates: the same decisions, but the newest-first index can
        then start at the right place instead of reading through every later year. (Only
        here: for the counts it would steer SQLite away from its covering indexes.)"""
        condition = self.all_but(None)
        if self.selection.year:
            first, last = min(self.selection.year), max(self.selection.year)
            condition &= Q(decision_date__range=(date(first, 1, 1), date(last, 12, 31)))
        return condition

    def all_but(self, facet: str | None) -> Q:
        condition = Q()
        for other in FACETS:
            if other != facet:
                condition &= self.condition(other)
        return condition


def _facets_from_indexes(decisions: QuerySet, resolved: ResolvedSelection) -> dict:
    """Without words to match, each facet is one GROUP BY that a covering index answers."""
    values = {}
    for facet, column in COLUMNS.items():
        rows = (
            decisions.filter(resolved.all_but(facet))
            .exclude(**{column: None})
            .values(column)
            .annotate(count=Count("pk"))
        )
        counts = {row[column]: row["count"] for row in rows}
        values[facet] = COUNTERS[facet](counts, resolved.selection)
    return values


@dataclass(frozen=True)
class FacetCounts:
    values: dict[str, tuple[FacetValue, ...]]
    # The ids of every decision matching the words and all the filters, when asked for and
    # there are no more than the number asked for; otherwise None.
    matching_ids: list[int] | None = None


def all_facet_values(
    decisions: QuerySet, resolved: ResolvedSelection, ids_up_to: int = 0
) -> FacetCounts:
    """Every facet's values with their counts among `decisions` (the full-text matches),
    each counted with the other facets' selections applied but not its own.

    With words to match, one statement: the matches' facet columns are gathered once
    (MATERIALIZED), then grouped for each facet. Finding the matches is the costly part
    (reading tsvectors to check phrases, or a common word's many rows), so it is done once.
    The same statement also returns the ids of the matches, if there are at most `ids_up_to`,
    so that ranking them need not find them again."""
    if not decisions.query.where:
        return FacetCounts(_facets_from_indexes(decisions, resolved))
    columns = [*(["id"] if ids_up_to else []), *MATCH_COLUMNS.values(), "decision_date"]
    # Unordered: counting needs no order, and an ORDER BY would steer the planner to the
    # newest-first index and a read of every row rather than a covering index.
    matches = decisions.order_by().annotate(reason_code=REASON_CODE).values(*columns)
    matches_sql, params = matches.query.sql_with_params()
    parts = []
    for facet, column in MATCH_COLUMNS.items():
        where, where_params = resolved.sql_condition(exclude=facet)
        parts.append(
            f"SELECT %s, {column}, COUNT(*) FROM matches "
            f"WHERE {column} IS NOT NULL AND {where} GROUP BY {column}"
        )
        params = (*params, facet, *where_params)
    if ids_up_to:
        where, where_params = resolved.sql_condition(exclude=None)
        parts.append(
            f"SELECT * FROM (SELECT 'id', id, 0 FROM matches WHERE {where} LIMIT %s) AS sample"
        )
        params = (*params, *where_params, ids_up_to + 1)
    sql = f"WITH matches AS MATERIALIZED ({matches_sql}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict] = {facet: {} for facet in (*COLUMNS, "id")}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = count
    ids = list(counts.pop("id"))
    counts["reason"] = {REASON_ORDER[code]: n for code, n in counts["reason"].items()}
    return FacetCounts(
        {facet: COUNTERS[facet](counts[facet], resolved.selection) for facet in COLUMNS},
        matching_ids=ids if ids_up_to and len(ids) <= ids_up_to else None,
    )


def _organisations(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
    names = Organisation.objects.in_bulk(list(counts))
    values = [
        FacetValue(names[pk].slug, names[pk].name, count, names[pk].slug in selection.organisation)
        for pk, count in counts.items()
    ]
    values.sort(key=lambda value: (-value.count, value.label))
    return _with_selected_absent(values, selection.organisation)


def _categories(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
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


def _outcomes(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
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


def _years(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
    values = [
        FacetValue(str(year), str(year), count, year in selection.year)
        for year, count in sorted(counts.items(), reverse=True)
    ]
    return _with_selected_absent(values, tuple(str(year) for year in selection.year))


def _remedies(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
    """Counts by kind of remedy, from counts by remedy_kinds mask: a decision with an apology
    and a payment counts once under each."""
    values = []
    for kind, label in KINDS.items():
        count = sum(n for mask, n in counts.items() if mask & REMEDY_BITS[kind])
        if count or kind in selection.remedy:
            values.append(FacetValue(kind, label, count, kind in selection.remedy))
    return tuple(values)


def _reasons(counts: dict, selection: Selection) -> tuple[FacetValue, ...]:
    return tuple(
        FacetValue(reason, label, counts.get(reason, 0), reason in selection.reason)
        for reason, label in REASONS.items()
        if counts.get(reason) or reason in selection.reason
    )


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
    "remedy": _remedies,
    "reason": _reasons,
}

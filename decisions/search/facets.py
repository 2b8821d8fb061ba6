"""The search facets: how each one filters, and its values with counts, for both databases.

Several values of one facet combine with OR, different facets with AND. Each facet's counts
are taken with every other facet's selection applied but not its own, so ticking one value
still shows what the others would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from decisions.extraction import KINDS, REASONS
from decisions.models import Decision, Provision
from decisions.search import read_connection
from decisions.search.choices import (
    Branch,
    CategoryGroups,
    Choice,
    OrganisationNames,
    named,
    outcome_choices,
    remedy_atoms,
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
# Matches no decision, and unlike an empty "in" list still compiles to SQL (every decision has
# an id), as a chosen value that names nothing must.
NOTHING = Q(pk=None)
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


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int  # decisions with this value, among those that the other facets' filters leave
    selected: bool  # chosen in the URL
    parent: str | None = None  # the value it sits under: a subcategory's, a wording's group
    parameter: str = ""  # the URL parameter that chooses it (groups and members differ)
    included: bool = False  # chosen already through a broader value: ticking it adds nothing
    # With other values of the same facet chosen, how many decisions ticking this one adds
    # (values of one facet combine with OR); None when ticking it gives `count` itself.
    added: int | None = None


@dataclass(frozen=True)
class Selection:
    """The chosen values of every facet, as slugs, group names and years. A value that names
    nothing (a renamed council, a typo) stays chosen and matches nothing, so that it never
    widens a search; `unreadable` names filters given a value of the wrong shape, which
    likewise match nothing."""

    organisation: tuple[str, ...] = ()
    category: tuple[str, ...] = ()  # category groups, by the slug of the category heading each
    published_category: tuple[str, ...] = ()  # categories as published, each without its group
    outcome: tuple[str, ...] = ()  # outcome groups (OutcomeGroup)
    outcome_wording: tuple[str, ...] = ()  # outcomes as published, by slug
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
    unreadable: tuple[str, ...] = ()

    def resolved(self) -> ResolvedSelection:
        """The selection as the column values each choice matches, looked up once, so that
        filters need no joins."""
        chosen: dict[str, dict[tuple[str, str], frozenset]] = {}
        if self.organisation:
            ids = OrganisationNames.load().by_slug
            chosen["organisation"] = {
                ("organisation", slug): frozenset([ids[slug]] if slug in ids else [])
                for slug in self.organisation
            }
        if self.category or self.published_category:
            chosen["category"] = self._categories(CategoryGroups.load())
        if self.outcome or self.outcome_wording:
            choices = [c for group in outcome_choices().values() for c in group]
            known = {(c.parameter, c.value): c.atoms for c in choices}
            keys = [("outcome", v) for v in self.outcome]
            keys += [("outcome_wording", v) for v in self.outcome_wording]
            chosen["outcome"] = {key: known.get(key, frozenset()) for key in keys}
        if self.year:
            chosen["year"] = {("year", str(year)): frozenset([year]) for year in self.year}
        if self.remedy:
            chosen["remedy"] = {("remedy", kind): remedy_atoms(kind) for kind in self.remedy}
        if self.reason:
            chosen["reason"] = {
                ("reason", reason): frozenset([reason] if reason in REASONS else [])
                for reason in self.reason
            }
        ids = {facet: sorted(frozenset().union(*found.values())) for facet, found in chosen.items()}
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
        return ResolvedSelection(self, ids, chosen)

    def _categories(self, groups: CategoryGroups) -> dict[tuple[str, str], frozenset]:
        found = {}
        for slug in self.category:
            row = groups.by_slug.get(slug)
            # A slug that heads no group is a category as published (how old links read).
            choice = row and (groups.published(row) if row.group_id else groups.group(row))
            found["category", slug] = choice.atoms if choice else frozenset()
        for slug in self.published_category:
            row = groups.by_slug.get(slug)
            found["published_category", slug] = groups.published(row).atoms if row else frozenset()
        return found


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@dataclass(frozen=True)
class ResolvedSelection:
    selection: Selection
    ids: dict[str, list]  # row ids, remedy masks or reason slugs, by facet (and "citation")
    # Each facet's chosen values, by (parameter, value), with the column values each matches.
    chosen: dict[str, dict[tuple[str, str], frozenset]] = field(default_factory=dict)

    def constraints(self, facet: str) -> list[tuple[str, str, list]]:
        """One facet's selection as (column, operator, values): "in" a list of values, or
        ">=" / "<=" one date. Both the ORM filters and the SQL over the matches use these.
        "dates" is the from/to range: it has no facet, and every facet is counted within it
        (so the year facet offers no year that the range leaves empty)."""
        if facet in self.ids:
            return [(COLUMNS[facet], "in", self.ids[facet])]
        chosen = self.selection
        if facet != "dates":
            return []
        found = [("decision_date", ">=", [chosen.date_from])] if chosen.date_from else []
        found += [("decision_date", "<=", [chosen.date_to])] if chosen.date_to else []
        return found

    def condition(self, facet: str) -> Q:
        """The filter for one facet's selection (an empty Q when nothing is chosen)."""
        lookups = {"in": "in", ">=": "gte", "<=": "lte"}
        condition = Q()
        for column, operator, values in self.constraints(facet):
            if operator == "in" and not values:
                return NOTHING
            value = values if operator == "in" else values[0]
            condition &= Q(**{f"{column}__{lookups[operator]}": value})
        return condition

    def sql_condition(self, exclude: str | None) -> tuple[str, list]:
        """SQL over the columns of the matches (see all_facet_values) for every facet's
        selection but one; "1 = 1" when there is none."""
        parts, params = ["1 = 1"], []
        for facet in (*FACETS, "dates"):
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
                    params.append(read_connection().ops.adapt_datefield_value(values[0]))
        return " AND ".join(parts), params

    def narrowing(self) -> Q:
        """The filters that no facet counts without: the payment range and the citations.
        They narrow the decisions found, before any facet is counted. A filter given a value
        that could not be read matches nothing."""
        chosen, condition = self.selection, Q()
        if chosen.unreadable:
            return NOTHING
        if chosen.payment_min is not None:
            condition &= Q(payment_total__gte=chosen.payment_min)
        if chosen.payment_max is not None:
            condition &= Q(payment_total__lte=chosen.payment_max)
        if "citation" in self.ids:
            if not self.ids["citation"]:  # only provisions that name nothing
                return NOTHING
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
        for other in (*FACETS, "dates"):
            if other != facet:
                condition &= self.condition(other)
        return condition


def _counts_from_indexes(decisions: QuerySet, resolved: ResolvedSelection) -> dict:
    """Without words to match, each facet is one GROUP BY that a covering index answers."""
    counts = {}
    for facet, column in COLUMNS.items():
        rows = (
            decisions.filter(resolved.all_but(facet))
            .exclude(**{column: None})
            .values(column)
            .annotate(count=Count("pk"))
        )
        counts[facet] = {row[column]: row["count"] for row in rows}
    return counts


@dataclass(frozen=True)
class PageByRank:
    """A page of the matches, best first, for the facet statement to return beside the counts:
    `expression` is SQL for a decision's rank (higher is better), with its parameters."""

    expression: str
    params: list
    limit: int
    offset: int


@dataclass(frozen=True)
class FacetCounts:
    counts: dict[str, dict]  # by facet, {value as stored: decisions}
    # The ids of the page asked for (PageByRank), best first; None if none was asked for.
    ranked_page: list[int] | None = None


def facet_values(counts: dict[str, dict], resolved: ResolvedSelection) -> dict:
    """Each facet's values as offered, from its counts by stored value."""
    return {facet: COUNTERS[facet](counts.get(facet, {}), resolved) for facet in COLUMNS}


def database_facet_counts(
    decisions: QuerySet, resolved: ResolvedSelection, page_by_rank: PageByRank | None = None
) -> FacetCounts:
    """Every facet's counts among `decisions` (the full-text matches), by the database, each
    counted with the other facets' selections applied but not its own. (Search counts in
    memory, search/columns.py; this is the database's own answer, which it is tested against,
    and what SEARCH_FACET_COLUMNS=0 uses.)

    With words to match, one statement: the matches' facet columns are gathered once
    (MATERIALIZED), then grouped for each facet. Finding the matches is the costly part
    (reading tsvectors to check phrases, or a common word's many rows), so it is done once.
    The same statement ranks them too if asked (page_by_rank), while each row is at hand:
    ranking them in a statement of its own would read every match again."""
    if not decisions.query.where:
        return FacetCounts(_counts_from_indexes(decisions, resolved))
    columns = [*MATCH_COLUMNS.values(), "decision_date"]
    # Unordered: counting needs no order, and an ORDER BY would steer the planner to the
    # newest-first index and a read of every row rather than a covering index.
    matches = decisions.order_by().annotate(reason_code=REASON_CODE)
    if page_by_rank:
        rank = RawSQL(page_by_rank.expression, page_by_rank.params, output_field=FloatField())
        matches = matches.annotate(search_rank=rank)
        columns = ["id", "search_rank", *columns]
    matches_sql, params = matches.values(*columns).query.sql_with_params()
    parts = []
    for facet, column in MATCH_COLUMNS.items():
        where, where_params = resolved.sql_condition(exclude=facet)
        parts.append(
            f"SELECT %s, {column}, COUNT(*) FROM matches "
            f"WHERE {column} IS NOT NULL AND {where} GROUP BY {column}"
        )
        params = (*params, facet, *where_params)
    if page_by_rank:
        # Each row of the page carries its rank, so that the page's order is read from the
        # rows themselves (a UNION promises no order).
        where, where_params = resolved.sql_condition(exclude=None)
        parts.append(
            "SELECT * FROM (SELECT 'page', id, search_rank::float8 FROM matches "
            f"WHERE {where} ORDER BY search_rank DESC, id DESC LIMIT %s OFFSET %s) AS page"
        )
        params = (*params, *where_params, page_by_rank.limit, page_by_rank.offset)
    sql = f"WITH matches AS MATERIALIZED ({matches_sql}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict] = {facet: {} for facet in (*COLUMNS, "page")}
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            # With a ranked page the column also holds ranks, so counts come back as floats.
            counts[facet][value] = count if facet == "page" else int(count)
    ranks = counts.pop("page")
    page = sorted(ranks, key=lambda pk: (-ranks[pk], -pk)) if page_by_rank else None
    counts["reason"] = reasons_by_slug(counts["reason"])
    return FacetCounts(counts, ranked_page=page)


def reasons_by_slug(counts: dict[int, int]) -> dict[str, int]:
    """Counts by reason code (REASON_CODES) as counts by reason."""
    return {REASON_ORDER[code]: n for code, n in counts.items()}


class _Offers:
    """Each value of one facet as offered, with what ticking it would do: give its count, add
    some decisions to the values of the same facet already chosen, or nothing (included).
    What the chosen values hold together is worked out once a facet, not once a value: a
    facet offers hundreds (every council)."""

    def __init__(self, counts: dict, chosen: dict):
        self.counts, self.chosen = counts, chosen
        self.every_chosen = frozenset().union(*chosen.values())

    def __call__(self, choice: Choice, parent: str | None = None) -> FacetValue:
        counts, chosen = self.counts, self.chosen
        key = (choice.parameter, choice.value)
        selected = key in chosen
        if selected:  # chosen, and also within one broader chosen value (a group and a member)
            others = [atoms for other, atoms in chosen.items() if other != key]
            included = any(choice.atoms < atoms for atoms in others)
        else:
            included = bool(choice.atoms) and choice.atoms <= self.every_chosen
        added = None
        if chosen and not selected and not included:
            added = sum(counts.get(atom, 0) for atom in choice.atoms - self.every_chosen)
        return FacetValue(
            value=choice.value,
            label=choice.label,
            count=sum(counts.get(atom, 0) for atom in choice.atoms),
            selected=selected,
            parent=parent,
            parameter=choice.parameter,
            included=included,
            added=added,
        )


def _shown(value: FacetValue) -> bool:
    return bool(value.count or value.selected)


def _organisations(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    chosen = resolved.chosen.get("organisation", {})
    offered = _Offers(counts, chosen)
    names = OrganisationNames.load()
    ids = {*counts, *(names.by_slug[slug] for _, slug in chosen if slug in names.by_slug)}
    values = [
        offered(Choice("organisation", *names.by_id[pk], frozenset([pk])))
        for pk in ids
        if pk in names.by_id
    ]
    values = [value for value in values if _shown(value)]
    values.sort(key=lambda value: (-value.count, value.label))
    return _with_selected_absent(values, chosen)


def _categories(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    """Groups of parent categories, each followed by the names it was published under (when
    more than one) and its groups of subcategories, each with its own published names."""
    chosen = resolved.chosen.get("category", {})
    offered = _Offers(counts, chosen)

    def with_names(branch: Branch, parent, beneath=()) -> list[FacetValue]:
        """The group, its published names and what is `beneath` it, if any of it is shown."""
        group = offered(branch.group, parent)
        published = [offered(name, branch.group.value) for name in branch.names]
        published = [value for value in published if _shown(value)]
        if not (_shown(group) or published or beneath):
            return []
        return [group, *published, *beneath]

    def by_count(levels):
        found = [entries for entries in levels if entries]
        return sorted(found, key=lambda entries: (-entries[0].count, entries[0].label))

    found = []
    for top in CategoryGroups.load().tree:
        subs = by_count(with_names(sub, top.group.value) for sub in top.subgroups)
        found.append(with_names(top, None, [value for sub in subs for value in sub]))
    return _with_selected_absent([value for top in by_count(found) for value in top], chosen)


def _outcomes(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    chosen = resolved.chosen.get("outcome", {})
    offer = _Offers(counts, chosen)
    values = []
    for group, (choice, *wordings) in outcome_choices().items():
        offered = offer(choice)
        if not _shown(offered):
            continue
        members = [offer(wording, group) for wording in wordings]
        members.sort(key=lambda value: (-value.count, value.label))
        values += [offered, *(value for value in members if _shown(value))]
    return _with_selected_absent(values, chosen)


def _years(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    chosen = resolved.chosen.get("year", {})
    offered = _Offers(counts, chosen)
    years = sorted({*counts, *(int(value) for _, value in chosen)}, reverse=True)
    values = [offered(Choice("year", str(year), str(year), frozenset([year]))) for year in years]
    return tuple(value for value in values if _shown(value))


def _remedies(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    """Counts by kind of remedy, from counts by remedy_kinds mask: a decision with an apology
    and a payment counts once under each."""
    chosen = resolved.chosen.get("remedy", {})
    offered = _Offers(counts, chosen)
    values = [
        offered(Choice("remedy", kind, label, remedy_atoms(kind))) for kind, label in KINDS.items()
    ]
    return _with_selected_absent([value for value in values if _shown(value)], chosen)


def _reasons(counts: dict, resolved: ResolvedSelection) -> tuple[FacetValue, ...]:
    chosen = resolved.chosen.get("reason", {})
    offered = _Offers(counts, chosen)
    values = [
        offered(Choice("reason", reason, label, frozenset([reason])))
        for reason, label in REASONS.items()
    ]
    return _with_selected_absent([value for value in values if _shown(value)], chosen)


def _with_selected_absent(values: list[FacetValue], chosen: dict) -> tuple[FacetValue, ...]:
    """Keep chosen values that the counts do not offer, with a count of 0, so that they can
    be unticked: named as their rows name them (a category as published, a wording of an
    outcome none of whose decisions match), or as given if they name nothing (a stale or
    mistyped value)."""
    present = {(value.parameter, value.value) for value in values}
    missing = [
        FacetValue(value, named(parameter, value) or value, 0, True, parameter=parameter)
        for parameter, value in chosen
        if (parameter, value) not in present
    ]
    return tuple(values + missing)


COUNTERS = {
    "organisation": _organisations,
    "category": _categories,
    "outcome": _outcomes,
    "year": _years,
    "remedy": _remedies,
    "reason": _reasons,
}

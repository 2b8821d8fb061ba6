"""The numbers on the profile pages: an organisation's or a category's decisions counted by
outcome group, by year, by category and by organisation, from each process's copy of the facet
columns (search/columns.py); and the lists of bodies and categories with their counts, by
plain ORM aggregates. Either way the same on both databases.

The upheld rate is upheld decisions as a share of the decisions that were investigated, that is
upheld or not upheld: decisions closed after initial enquiries were not investigated, and
"other" outcomes (withdrawn, and so on) say nothing either way. Ordered by rate, bodies are
ranked by the rate allowing for small numbers (the Wilson lower bound), so that one upheld
decision of one does not top the list. A real body is compared with real decisions only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet

from decisions.extraction import REASONS
from decisions.extraction.remedies import PAYMENT
from decisions.models import (
    Category,
    Decision,
    Legislation,
    Organisation,
    OrganisationKind,
    Outcome,
    OutcomeGroup,
    Provision,
    Remedy,
    provision_order,
)
from decisions.search import read_connection
from decisions.search.choices import CategoryGroups
from decisions.search.columns import (
    EPOCH,
    MISSING,
    UNDATED,
    FacetColumns,
    citations,
    facet_columns,
    member_of,
    tally,
)
from decisions.search.facets import reasons_by_slug
from decisions.search.version import kept, per_version

INVESTIGATED = (OutcomeGroup.UPHELD, OutcomeGroup.NOT_UPHELD)
RATE_EXPLAINED = (
    "The upheld rate is the share of investigated decisions (upheld or not upheld) that were "
    "upheld. Decisions closed after initial enquiries, which were not investigated, and other "
    "outcomes are left out of it."
)
RATE_SORT_EXPLAINED = (
    "Ordered by upheld rate allowing for small numbers: the lowest rate that a body's "
    "investigated decisions make likely (the Wilson lower bound at 95% confidence). A rate "
    "from a handful of decisions could be far from the body's usual one, so 1 upheld of 1 "
    "ranks below 60 of 80; bodies with nothing investigated come last."
)
Z_95 = 1.959964  # the normal quantile for 95% confidence, two-sided
# The bodies of each kind, one and several: "1 council", "3 other bodies".
KIND_NAMES = {
    OrganisationKind.COUNCIL: ("council", "councils"),
    OrganisationKind.CARE_PROVIDER: ("care provider", "care providers"),
    OrganisationKind.OTHER: ("other body", "other bodies"),
}
LATEST = 10
TOP = 10


@dataclass(frozen=True)
class OutcomeCounts:
    """Decisions by outcome group; `unrecorded` counts those whose file gave no outcome."""

    by_group: dict[str, int]
    unrecorded: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_group.values()) + self.unrecorded

    @property
    def investigated(self) -> int:
        return sum(self.by_group.get(group, 0) for group in INVESTIGATED)

    @property
    def upheld(self) -> int:
        return self.by_group.get(OutcomeGroup.UPHELD, 0)

    @property
    def upheld_rate(self) -> float | None:
        """Upheld among those investigated, 0 to 1; None when none were investigated."""
        if not self.investigated:
            return None
        return self.upheld / self.investigated

    @property
    def upheld_rate_lower_bound(self) -> float | None:
        """The Wilson score interval's lower end at 95% confidence: the upheld rate allowing
        for small numbers (1 of 1 gives 0.21, 60 of 80 gives 0.65); None when none were
        investigated."""
        n = self.investigated
        if not n:
            return None
        p, z2 = self.upheld / n, Z_95 * Z_95
        spread = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        return max(0.0, (p + z2 / (2 * n) - spread) / (1 + z2 / n))

    @property
    def upheld_percent(self) -> str:
        if not self.investigated:
            return "no rate"
        return f"{rounded_percent(self.upheld, self.investigated)}%"

    def rows(self) -> list[tuple[str, str, int, str]]:
        """(group, label, count, share of the total) for every group, in a fixed order, then
        the decisions with no outcome recorded, if any."""
        rows = [
            (group, label, self.by_group.get(group, 0)) for group, label in OutcomeGroup.choices
        ]
        if self.unrecorded:
            rows.append(("", "Outcome not recorded", self.unrecorded))
        shares = percent_shares([n for _, _, n in rows])
        return [
            (group, label, n, f"{share}%")
            for (group, label, n), share in zip(rows, shares, strict=True)
        ]


def rounded_percent(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, a half rounded up as people do (5 of 8 is 63%;
    Python's own rounding of the float gave 62%, and 7 of 8 88%)."""
    return (200 * part + whole) // (2 * whole)


def percent_shares(counts: list[int]) -> list[int]:
    """Each count's share of their sum in whole percentages that add up to 100 (0 for every
    one of nothing): each share rounded down, then the points left over given to the largest
    remainders, the first of equal ones first."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    floors = [100 * n // total for n in counts]
    by_remainder = sorted(range(len(counts)), key=lambda i: -(100 * counts[i] % total))
    for i in by_remainder[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class YearRow:
    year: int
    outcomes: OutcomeCounts


@dataclass(frozen=True)
class Payments:
    """The payments decisions state: how many decisions state one, their sum, and the median
    of each such decision's total."""

    decisions: int
    total: Decimal
    median: Decimal | None
    # Decisions stating a payment whose amount could not be read from the text: in no total.
    unread: int = 0

    EXPLAINED = (
        "The payments are the sums the decisions ask the body to pay (or record it paid) as a "
        "remedy, read from each decision's text. The median is the middle of the decisions' "
        "totals, counting only decisions that state a payment."
    )


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    label: str
    count: int


@dataclass(frozen=True)
class Profile:
    """What the archive holds about one organisation or one category."""

    outcomes: OutcomeCounts
    first: date | None
    last: date | None
    years: list[YearRow]
    latest: list[Decision]
    payments: Payments
    reasons: list[ReasonRow]  # why decisions closed without investigation were not investigated
    reasons_unread: int  # decisions closed without investigation whose reason was not read

    @property
    def total(self) -> int:
        return self.outcomes.total

    @property
    def undated(self) -> int:
        """Decisions with no recorded date: counted in the outcomes, in no year."""
        return self.total - sum(row.outcomes.total for row in self.years)


@dataclass(frozen=True)
class OrganisationProfile(Profile):
    # Every organisation of the same kind over the same years, counting only decisions that
    # are fictional if this body's are, and only real ones if any of this body's is real.
    peer_outcomes: OutcomeCounts
    peer_bodies: int  # how many bodies those decisions are about
    peer_fictional: bool
    peer_kind: str
    top_categories: list[tuple[Category, int]]

    @property
    def peer_name(self) -> str:
        """The bodies compared with, plural: "councils", "other bodies"."""
        return KIND_NAMES[self.peer_kind][1]

    @property
    def peer_bodies_named(self) -> str:
        """How many, and of what kind: "1 council", "1,234 other bodies"."""
        singular, plural = KIND_NAMES[self.peer_kind]
        return f"{self.peer_bodies:,} {singular if self.peer_bodies == 1 else plural}"


@dataclass(frozen=True)
class CategoryProfile(Profile):
    top_organisations: list[tuple[Organisation, int]]


def outcomes_by(decisions: QuerySet, column: str | None = None) -> dict:
    """`decisions` counted by outcome group for each value of `column` (all together under
    None when no column is given), in one GROUP BY."""
    by_group: dict = {}
    unrecorded: dict = {}
    fields = [column, "outcome__group"] if column else ["outcome__group"]
    for row in decisions.order_by().values(*fields).annotate(n=Count("pk")):
        value, group = (row[column] if column else None), row["outcome__group"]
        if group is None:
            unrecorded[value] = row["n"]
        else:
            by_group.setdefault(value, {})[group] = row["n"]
    return {
        value: OutcomeCounts(by_group.get(value, {}), unrecorded.get(value, 0))
        for value in {*by_group, *unrecorded}
    }


# A profile's numbers are counted from the process's copy of the facet columns
# (search/columns.py), held as of the archive's version, rather than by GROUP BYs: at 100,000
# decisions a council's profile took 170 ms on SQLite, most of it comparing it with its peers,
# which reads every council's decisions. Each row's outcome group is a small code.
GROUPS = tuple(OutcomeGroup.values)
UNRECORDED = len(GROUPS)  # the code of a decision whose file gave no outcome


@dataclass(frozen=True)
class ArchiveRows:
    """The archive's facet columns with each row's outcome group as a code (GROUPS)."""

    columns: FacetColumns
    groups: np.ndarray
    # The ids of the decisions stating a payment whose amount could not be read, ascending:
    # few, and counted for a profile by id (asking the database took 450 ms for the largest
    # category's 255,000 decisions at 1,000,000).
    unread_payments: np.ndarray

    @classmethod
    def load(cls) -> ArchiveRows:
        connection = read_connection()
        columns = facet_columns(connection)
        outcomes = dict(Outcome.objects.values_list("pk", "group"))
        # One slot for each outcome id, and a last one for MISSING (-1), which is unrecorded.
        codes = np.full(max(outcomes, default=0) + 2, UNRECORDED, dtype=np.int8)
        for pk, group in outcomes.items():
            codes[pk] = GROUPS.index(group)
        unread = per_version(connection, "unread payments", _unread_payments)
        return cls(columns, codes[columns.values["outcome"]], unread)

    def where(self, facet: str, values) -> np.ndarray:
        """The rows whose `facet` column holds one of `values`, as a flag a row."""
        return member_of(self.columns.values[facet], values)

    def outcomes(self, rows: np.ndarray) -> OutcomeCounts:
        return self._counts(np.bincount(self.groups[rows], minlength=UNRECORDED + 1).tolist())

    def years(self, rows: np.ndarray) -> list[YearRow]:
        """Every year from the first to the last (gaps included, so a chart's axis is true)."""
        years = self.columns.values["year"][rows]
        dated = years != MISSING
        if not dated.any():
            return []
        first, last = int(years[dated].min()), int(years[dated].max())
        width = UNRECORDED + 1
        cells = (years[dated] - first) * width + self.groups[rows][dated]
        table = np.bincount(cells, minlength=(last - first + 1) * width).reshape(-1, width)
        return [
            YearRow(first + offset, self._counts(counts))
            for offset, counts in enumerate(table.tolist())
        ]

    @staticmethod
    def _counts(tally: list[int]) -> OutcomeCounts:
        """Counts by group code (GROUPS, then UNRECORDED) as OutcomeCounts."""
        by_group = {group: n for group, n in zip(GROUPS, tally, strict=False) if n}
        return OutcomeCounts(by_group, tally[UNRECORDED])

    def span(self, rows: np.ndarray) -> tuple[date | None, date | None]:
        days = self.columns.days[rows]
        days = days[days != UNDATED]
        if not len(days):
            return None, None
        return EPOCH + timedelta(int(days.min())), EPOCH + timedelta(int(days.max()))

    def tally(self, facet: str, rows: np.ndarray) -> dict[int, int]:
        """{value: decisions} of one column over the rows, NULLs left out."""
        return tally(self.columns.values[facet][rows])

    def latest(self, rows: np.ndarray) -> list[Decision]:
        """The newest of the rows, in the model's order: read by id, so that the database
        sorts none of them (at 100,000 on SQLite, sorting a council's 3,400 rows by date
        took 35 ms)."""
        order = self.columns.newest_first
        ids = self.columns.ids[order[rows[order]][:LATEST]].tolist()
        by_id = Decision.objects.with_related().in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def payments(self, rows: np.ndarray) -> Payments:
        pence = self.columns.payments[rows]
        pence = np.sort(pence[pence != MISSING]).astype(np.int64)
        unread = np.isin(self.columns.ids[rows], self.unread_payments, assume_unique=True)
        median = None
        if len(pence):
            middle = len(pence) // 2
            pair = pence[middle] if len(pence) % 2 else pence[middle - 1] + pence[middle]
            halves = 1 if len(pence) % 2 else 2
            median = (Decimal(int(pair)) / (100 * halves)).quantize(Decimal("0.01"))
        return Payments(
            len(pence),
            (Decimal(int(pence.sum())) / 100).quantize(Decimal("0.01")),
            median,
            int(np.count_nonzero(unread)),
        )

    def reasons(self, rows: np.ndarray) -> tuple[list[ReasonRow], int]:
        """Decisions closed without investigation, by reason, most frequent first; and how many
        of them had no reason read."""
        counted = reasons_by_slug(self.tally("reason", rows))
        found = [ReasonRow(r, REASONS[r], counted[r]) for r in REASONS if r in counted]
        closed = rows & (self.groups == GROUPS.index(OutcomeGroup.CLOSED))
        unread = int(np.count_nonzero(closed & (self.columns.values["reason"] == MISSING)))
        return sorted(found, key=lambda row: -row.count), unread

    def common(self, rows: np.ndarray) -> dict:
        first, last = self.span(rows)
        reasons, reasons_unread = self.reasons(rows)
        return {
            "outcomes": self.outcomes(rows),
            "first": first,
            "last": last,
            "years": self.years(rows),
            "latest": self.latest(rows),
            "payments": self.payments(rows),
            "reasons": reasons,
            "reasons_unread": reasons_unread,
        }


def _unread_payments() -> np.ndarray:
    """Read from the partial index that holds only these (remedy_payment_unread)."""
    unread = Remedy.objects.filter(kind=PAYMENT, amount=None).order_by()
    return np.unique(np.fromiter(unread.values_list("decision_id", flat=True), dtype=np.int64))


def organisation_profile(organisation: Organisation) -> OrganisationProfile:
    archive = ArchiveRows.load()
    mine = archive.where("organisation", [organisation.pk])
    common = archive.common(mine)
    total = common["outcomes"].total
    fictional = bool(total) and not (mine & ~archive.columns.fictional).any()
    peers = np.zeros(len(mine), dtype=bool)
    if common["first"]:
        kind = Organisation.objects.filter(kind=organisation.kind).values_list("pk", flat=True)
        years = archive.columns.values["year"]
        peers = archive.where("organisation", kind)
        peers &= (years >= common["first"].year) & (years <= common["last"].year)
        peers &= archive.columns.fictional == fictional
    return OrganisationProfile(
        **common,
        peer_outcomes=archive.outcomes(peers),
        peer_bodies=len(archive.tally("organisation", peers)),
        peer_fictional=fictional,
        peer_kind=organisation.kind,
        top_categories=top_category_groups(archive.tally("category", mine)),
    )


def top_category_groups(counted: dict[int, int]) -> list[tuple[Category, int]]:
    """The category groups with the most decisions (each a subcategory published under any of
    its names counted as one), with how many, from counts by category id."""
    groups = CategoryGroups.load()
    by_head: dict[int, int] = {}
    for category_id, count in counted.items():
        head = groups.head(groups.by_id[category_id]).id
        by_head[head] = by_head.get(head, 0) + count
    top = sorted(by_head.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    by_id = Category.objects.select_related("parent").in_bulk([head for head, _ in top])
    return [(by_id[head], count) for head, count in top]


def category_atoms(category: Category) -> list[int]:
    """The ids of the categories in a category's group: every category published under the
    group's names, and their subcategories."""
    groups = CategoryGroups.load()
    return sorted(groups.group(groups.head(groups.by_id[category.pk])).atoms)


def category_profile(category: Category) -> CategoryProfile:
    archive = ArchiveRows.load()
    atoms = category_atoms(category)
    mine = archive.where("category", atoms)
    counted = archive.tally("organisation", mine)
    top = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    by_id = Organisation.objects.in_bulk([pk for pk, _ in top])
    return CategoryProfile(
        **archive.common(mine),
        top_organisations=[(by_id[pk], n) for pk, n in top],
    )


@dataclass(frozen=True)
class OrganisationSummary:
    organisation: Organisation
    outcomes: OutcomeCounts


def organisations_in_archive() -> QuerySet:
    """The organisations that have a decision in the archive: one whose every decision was
    withdrawn is listed nowhere, as if never imported."""
    return Organisation.objects.filter(Exists(Decision.objects.filter(organisation=OuterRef("pk"))))


def organisation_summaries(organisations: QuerySet) -> list[OrganisationSummary]:
    """Each of `organisations` with its decisions counted by outcome group, in one statement."""
    mine = Decision.objects.filter(organisation__in=organisations)
    counted = outcomes_by(mine, "organisation")
    return [
        OrganisationSummary(organisation, counted.get(organisation.pk, OutcomeCounts({})))
        for organisation in organisations
    ]


def in_order(summaries: list[OrganisationSummary], order: str) -> list[OrganisationSummary]:
    """The summaries as the index lists them: by name ("name", as counted), most decisions
    first ("count") or by upheld rate ("rate"); the page and the API alike."""
    if order == "count":
        return sorted(summaries, key=lambda s: (-s.outcomes.total, s.organisation.name))
    if order == "rate":
        return by_upheld_rate(summaries)
    return summaries


def by_upheld_rate(summaries: list[OrganisationSummary]) -> list[OrganisationSummary]:
    """Highest upheld rate allowing for small numbers first (RATE_SORT_EXPLAINED), then the
    plain rate, then the name; bodies with nothing investigated last."""
    return sorted(
        summaries,
        key=lambda s: (
            s.outcomes.upheld_rate is None,
            -(s.outcomes.upheld_rate_lower_bound or 0),
            -(s.outcomes.upheld_rate or 0),
            s.organisation.name,
        ),
    )


@dataclass(frozen=True)
class CategoryNode:
    category: Category  # the category heading the group, by its current name
    count: int  # every decision published under the group's names, with its subcategories'
    children: list[CategoryNode]
    names: list[Category]  # the names it was published under, when more than one


def category_tree() -> list[CategoryNode]:
    """Groups of parent categories A-Z (a renamed parent with its current name), each with its
    groups of subcategories A-Z, and their decision counts; groups with no decision left out."""
    direct = dict(
        Decision.objects.order_by()
        .exclude(category=None)
        .values_list("category")
        .annotate(n=Count("pk"))
    )
    groups = CategoryGroups.load()
    categories = Category.objects.select_related("parent").in_bulk()

    def node(head, children) -> CategoryNode:
        names = groups.names(head)
        return CategoryNode(
            category=categories[head.id],
            count=sum(direct.get(atom, 0) for atom in groups.group(head).atoms),
            children=children,
            names=[categories[row.id] for row in names] if len(names) > 1 else [],
        )

    def by_name(rows):
        return sorted(rows, key=lambda row: row.name)

    # A category none of whose decisions is in the archive (all withdrawn, say) is left out.
    def counted(nodes):
        return [each for each in nodes if each.count]

    return counted(
        node(top, counted(node(sub, []) for sub in by_name(groups.heads(top.id))))
        for top in by_name(groups.heads(None))
    )


@dataclass(frozen=True)
class CitedLegislation:
    legislation: Legislation
    whole: Provision  # the act as a whole: its slug finds decisions citing any part of it
    decisions: int  # citing any part of it
    provisions: list[tuple[Provision, int]]  # each cited provision with its decisions


def legislation_index() -> list[CitedLegislation]:
    """Every piece of legislation the decisions cite, most cited first, with each of its
    provisions and how many decisions cite it. Kept until the archive changes: counting
    reads every citation (half a million rows at 100,000 decisions)."""
    return kept(read_connection(), "legislation index", _legislation_index)


def _legislation_index() -> list[CitedLegislation]:
    provisions: dict[int, list[Provision]] = {}
    for provision in Provision.objects.select_related("legislation"):
        provisions.setdefault(provision.legislation_id, []).append(provision)
    if settings.SEARCH_FACET_COLUMNS:
        by_provision, by_legislation = _citations_counted_in_memory(provisions)
    else:
        by_provision, by_legislation = _citations_counted_by_database()
    found = []
    for legislation_id, count in by_legislation.items():
        parts = provisions[legislation_id]
        whole = next(p for p in parts if not p.section)
        cited = sorted(
            ((p, by_provision[p.pk]) for p in parts if p.pk in by_provision),
            key=lambda item: (-item[1], provision_order(item[0].section)),
        )
        found.append(CitedLegislation(whole.legislation, whole, count, cited))
    return sorted(found, key=lambda item: (-item.decisions, item.legislation.name))


def _citations_counted_in_memory(provisions: dict[int, list[Provision]]) -> tuple[dict, dict]:
    """{provision id: decisions citing it} and {legislation id: decisions citing any part of
    it}, from this process's copy of the citations (search/columns.py): counting them in the
    database read every citation, 220 ms at 100,000 decisions."""
    connection = read_connection()
    columns = facet_columns(connection)
    cited = citations(columns, connection)
    by_legislation = {}
    citing = np.zeros(len(columns.ids), dtype=bool)
    for legislation_id, parts in provisions.items():
        citing[:] = False
        citing[cited.citing(part.pk for part in parts)] = True
        if count := int(np.count_nonzero(citing)):
            by_legislation[legislation_id] = count
    return cited.counts(), by_legislation


def _citations_counted_by_database() -> tuple[dict, dict]:
    """The same counts as _citations_counted_in_memory, by the database
    (SEARCH_FACET_COLUMNS=0)."""
    through = Decision.citations.through
    by_provision = dict(
        through.objects.order_by()
        .values("provision")
        .annotate(n=Count("decision"))
        .values_list("provision", "n")
    )
    by_legislation = dict(
        through.objects.order_by()
        .values("provision__legislation")
        .annotate(n=Count("decision", distinct=True))
        .values_list("provision__legislation", "n")
    )
    return by_provision, by_legislation

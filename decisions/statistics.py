"""The numbers on the profile pages: an organisation's or a category's decisions counted by
outcome group, by year, by category and by organisation. Plain ORM aggregates, the same on
both databases; each is one GROUP BY over the decisions it concerns.

The upheld rate is upheld decisions as a share of the decisions that were investigated, that is
upheld or not upheld: decisions closed after initial enquiries were not investigated, and
"other" outcomes (withdrawn, and so on) say nothing either way. Ordered by rate, bodies are
ranked by the rate allowing for small numbers (the Wilson lower bound), so that one upheld
decision of one does not top the list. A real body is compared with real decisions only.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, Max, Min, OuterRef, QuerySet, Sum

from decisions.extraction import REASONS
from decisions.extraction.remedies import PAYMENT
from decisions.models import (
    Category,
    Decision,
    Legislation,
    Organisation,
    OrganisationKind,
    OutcomeGroup,
    Provision,
    Remedy,
)
from decisions.search import read_connection
from decisions.search.choices import CategoryGroups
from decisions.search.version import kept

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

    def minus(self, other: OutcomeCounts) -> OutcomeCounts:
        """These counts less `other`'s, which are a part of them."""
        by_group = {g: n - other.by_group.get(g, 0) for g, n in self.by_group.items()}
        return OutcomeCounts(
            {g: n for g, n in by_group.items() if n}, self.unrecorded - other.unrecorded
        )

    @classmethod
    def summed(cls, counts) -> OutcomeCounts:
        by_group: dict[str, int] = {}
        unrecorded = 0
        for each in counts:
            for group, n in each.by_group.items():
                by_group[group] = by_group.get(group, 0) + n
            unrecorded += each.unrecorded
        return cls(by_group, unrecorded)

    @property
    def upheld_percent(self) -> str:
        rate = self.upheld_rate
        return "no rate" if rate is None else f"{rate:.0%}"

    def rows(self) -> list[tuple[str, str, int, str]]:
        """(group, label, count, share of the total) for every group, in a fixed order, then
        the decisions with no outcome recorded, if any."""
        rows = [
            (group, label, self.by_group.get(group, 0)) for group, label in OutcomeGroup.choices
        ]
        if self.unrecorded:
            rows.append(("", "Outcome not recorded", self.unrecorded))
        total = self.total or 1
        return [(group, label, n, f"{n / total:.0%}") for group, label, n in rows]


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


def outcome_counts(decisions: QuerySet) -> OutcomeCounts:
    return outcomes_by(decisions).get(None, OutcomeCounts({}))


def yearly_outcomes(decisions: QuerySet) -> list[YearRow]:
    """Every year from the first to the last (gaps included, so a chart's axis is true)."""
    counted = outcomes_by(decisions.exclude(decision_year=None), "decision_year")
    if not counted:
        return []
    return [
        YearRow(year, counted.get(year, OutcomeCounts({})))
        for year in range(min(counted), max(counted) + 1)
    ]


def payments_of(decisions: QuerySet) -> Payments:
    paying = decisions.order_by().exclude(payment_total=None)
    totals = sorted(paying.values_list("payment_total", flat=True))
    summed = paying.aggregate(total=Sum("payment_total"))["total"] or Decimal(0)
    median = Decimal(statistics.median(totals)).quantize(Decimal("0.01")) if totals else None
    unread = Remedy.objects.filter(kind=PAYMENT, amount=None, decision__in=decisions.order_by())
    return Payments(
        len(totals),
        Decimal(summed).quantize(Decimal("0.01")),
        median,
        unread.values("decision_id").distinct().count(),
    )


def reasons_of(decisions: QuerySet) -> list[ReasonRow]:
    """Decisions closed without investigation, by reason, most frequent first."""
    rows = (
        decisions.order_by()
        .exclude(reason_not_investigated=None)
        .values("reason_not_investigated")
        .annotate(n=Count("pk"))
    )
    counted = {row["reason_not_investigated"]: row["n"] for row in rows}
    found = [ReasonRow(r, REASONS[r], counted[r]) for r in REASONS if r in counted]
    return sorted(found, key=lambda row: -row.count)


def _common(decisions: QuerySet) -> dict:
    span = decisions.order_by().aggregate(first=Min("decision_date"), last=Max("decision_date"))
    return {
        "outcomes": outcome_counts(decisions),
        "first": span["first"],
        "last": span["last"],
        "years": yearly_outcomes(decisions),
        "latest": list(decisions.with_related()[:LATEST]),
        "payments": payments_of(decisions),
        "reasons": reasons_of(decisions),
        "reasons_unread": decisions.filter(
            outcome__group=OutcomeGroup.CLOSED, reason_not_investigated=None
        ).count(),
    }


def organisation_profile(organisation: Organisation) -> OrganisationProfile:
    decisions = Decision.objects.filter(organisation=organisation)
    common = _common(decisions)
    fictional = bool(common["outcomes"].total) and not decisions.filter(is_fictional=False).exists()
    if common["first"]:
        years = (common["first"].year, common["last"].year)
        by_body = peer_outcomes(organisation.kind, years, fictional=fictional)
    else:
        by_body = {}
    return OrganisationProfile(
        **common,
        peer_outcomes=OutcomeCounts.summed(by_body.values()),
        peer_bodies=len(by_body),
        peer_fictional=fictional,
        peer_kind=organisation.kind,
        top_categories=top_category_groups(decisions),
    )


def top_category_groups(decisions: QuerySet) -> list[tuple[Category, int]]:
    """The category groups with the most of `decisions` (each a subcategory published under
    any of its names counted as one), with how many."""
    counted = (
        decisions.exclude(category=None).order_by().values_list("category").annotate(n=Count("pk"))
    )
    groups = CategoryGroups.load()
    by_head: dict[int, int] = {}
    for category_id, count in counted:
        head = groups.head(groups.by_id[category_id]).id
        by_head[head] = by_head.get(head, 0) + count
    top = sorted(by_head.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    by_id = Category.objects.select_related("parent").in_bulk([head for head, _ in top])
    return [(by_id[head], count) for head, count in top]


def peer_outcomes(kind: str, years: tuple[int, int], *, fictional: bool) -> dict:
    """Each body of `kind` with decisions in `years` (first, last), by its id: its decisions
    counted by outcome group, the fictional ones only or the real ones only. The real ones are
    all less the fictional ones: the covering indexes lack is_fictional, so filtering on it
    would read every row, while the fictional ones are few (none in a real archive) and have
    a partial index of their own."""
    peers = Decision.objects.filter(organisation__kind=kind, decision_year__range=years)
    made_up = outcomes_by(peers.filter(is_fictional=True), "organisation")
    if fictional:
        return made_up
    counted = outcomes_by(peers, "organisation")
    real = {pk: counts.minus(made_up.get(pk, OutcomeCounts({}))) for pk, counts in counted.items()}
    return {pk: counts for pk, counts in real.items() if counts.total}


def category_decisions(category: Category) -> QuerySet:
    """The decisions of the group a category is in: every category published under the
    group's names, and their subcategories. Their ids are looked up first: a join to the
    categories would keep the counts from the covering indexes."""
    groups = CategoryGroups.load()
    row = groups.by_id[category.pk]
    return Decision.objects.filter(category_id__in=sorted(groups.group(groups.head(row)).atoms))


def category_profile(category: Category) -> CategoryProfile:
    decisions = category_decisions(category)
    organisations = (
        decisions.order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation")[:TOP]
    )
    by_id = Organisation.objects.in_bulk([row["organisation"] for row in organisations])
    return CategoryProfile(
        **_common(decisions),
        top_organisations=[(by_id[row["organisation"]], row["n"]) for row in organisations],
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
    provisions: dict[int, list[Provision]] = {}
    for provision in Provision.objects.select_related("legislation"):
        provisions.setdefault(provision.legislation_id, []).append(provision)
    found = []
    for legislation_id, count in by_legislation.items():
        parts = provisions[legislation_id]
        whole = next(p for p in parts if not p.section)
        cited = sorted(
            ((p, by_provision[p.pk]) for p in parts if p.pk in by_provision),
            key=lambda item: (-item[1], item[0].section),
        )
        found.append(CitedLegislation(whole.legislation, whole, count, cited))
    return sorted(found, key=lambda item: (-item.decisions, item.legislation.name))

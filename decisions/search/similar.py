"""Decisions like a given one: the same subcategory first, then the same parent category,
then any, each ranked by how closely its text matches the decision's own distinctive words:
by the ranking index (search/ranking.py), the same on both databases, or where it cannot be
used by the full-text index of the database in use. (Decisions of the same subcategory that
share none of the words still come before those of other categories.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from decisions.models import Category, Decision, OutcomeGroup
from decisions.search import backend_for, read_connection
from decisions.search.choices import CategoryGroups
from decisions.search.columns import facet_columns, member_of
from decisions.search.engine import listed_decisions
from decisions.search.query import STOP_WORDS, WORD, ParsedQuery, Term
from decisions.search.ranking import ranker
from decisions.search.version import kept

SIMILAR = 10
SAME_ORGANISATION = 5
# How many of a decision's words describe it; more makes ranking slower, not better.
WORDS = 12
# Words every decision uses, which say nothing about what this one is about.
COMMON_WORDS = frozenset(
    """complaint complaints complained complains complain council councils ombudsman fault
    faults investigate investigated investigation decision decided found find would could
    should also said says told asked because however therefore caused cause injustice
    action actions acted officer officers service services provider mrs miss
    final summary statement whether without within agreed agree recommend recommended
    considered consider view evidence back year years month months time case matter matters
    apologise apology remedy remedies complainant refer shall wants dealt avoidable anything
    significant investigating unlikely achieve""".split()  # noqa: SIM905 (a word list reads better as text)
)


# Sections that say what the complaint was about, in the decision's own terms.
COMPLAINT_SECTION = re.compile(r"^the complaints?$|what I (?:have )?(?:and have not )?investigated",
                               re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class SimilarDecisions:
    decisions: tuple[Decision, ...]

    @property
    def upheld(self) -> int:
        return sum(
            1 for d in self.decisions if d.outcome and d.outcome.group == OutcomeGroup.UPHELD
        )

    @property
    def payments(self) -> tuple[Decimal, Decimal] | None:
        """The lowest and highest payment total among them, if any states a payment."""
        totals = [d.payment_total for d in self.decisions if d.payment_total is not None]
        return (min(totals), max(totals)) if totals else None


def distinctive_words(decision: Decision) -> tuple[str, ...]:
    """The words that say what a decision is about: its summary's (counted twice) and those
    of the sections that set out the complaint, less stop words and words every decision
    uses, most frequent first. Not the role-and-powers or legal sections: their wording is
    the same in every decision ("Local Government Act", "section")."""
    sections = decision.sections
    telling = [s for s in sections if COMPLAINT_SECTION.search(s["heading"])] or sections[:1]
    opening = [p["text"] for section in telling for p in section["paragraphs"]]
    text = " ".join([decision.summary, decision.summary, *opening])
    counted = Counter(
        word
        for word in (w.lower() for w in WORD.findall(text))
        if len(word) > 3 and word.isalpha() and word not in STOP_WORDS and word not in COMMON_WORDS
    )
    return tuple(word for word, _ in counted.most_common(WORDS))


def similar_decisions(decision: Decision, limit: int = SIMILAR) -> SimilarDecisions:
    """Up to `limit` decisions most like `decision` (as stored). Their ids are kept under the
    archive's version, like a search's answer: ranking them was most of a decision page's
    time in the database (docs/performance.md), and the answer changes only when the archive
    does."""
    connection = read_connection()
    found = kept(
        connection,
        f"similar {decision.pk} {limit}",
        lambda: _similar_ids(connection, decision, limit),
    )
    return SimilarDecisions(tuple(listed_decisions(found)))


def _similar_ids(connection, decision: Decision, limit: int) -> list[int]:
    words = distinctive_words(decision)
    if not words:
        return []
    parsed = ParsedQuery(clauses=(tuple(Term((word,)) for word in words),))
    columns = facet_columns(connection)
    # A real decision is compared with real ones only, and an example with examples, as a
    # profile is: an invented decision is no precedent for a real complaint.
    fictional = decision.is_fictional if _mixed(columns.fictional) else None
    tiers = []
    if decision.category_id:
        # The same category and its parent, each with the names it was published under.
        groups = CategoryGroups.load()
        category = groups.by_id[decision.category_id]
        same_category = [row.id for row in groups.members[groups.head(category).id]]
        top = groups.by_id[category.parent_id] if category.parent_id else category
        tiers += [same_category, sorted(groups.group(groups.head(top)).atoms)]
    tiers.append(None)  # any decision
    ranking = ranker(connection)
    if ranking is not None:
        return _ranked_by_index(ranking, columns, parsed, decision.pk, tiers, fictional, limit)
    return _ranked_by_database(connection, parsed, decision.pk, tiers, fictional, limit)


def _ranked_by_index(ranking, columns, parsed, pk, tiers, fictional, limit) -> list[int]:
    """The tiers' decisions (rows of this version's facet columns), ranked by the ranking
    index: the same on both databases, and the database reads none of them (ranking the words
    of a subcategory of 28,000 took PostgreSQL about 250 ms at a million)."""
    alike = None if fictional is None else columns.fictional == fictional
    found: list[int] = []
    for number, categories in enumerate(tiers):
        if len(found) >= limit:
            break
        left_out = np.array(sorted({pk, *found}), dtype=np.int64)
        rows = alike  # the tier's, as a flag a row; None for all
        if categories is not None:
            rows = member_of(columns.values["category"], categories)
            rows = rows if alike is None else rows & alike
        tier = columns.ids if rows is None else columns.ids[rows]
        listed = np.setdiff1d(tier, left_out, assume_unique=True)
        # The whole archive as the words' matches: more rather than fewer, and not counted.
        found += ranking.best_matches(parsed, listed, limit - len(found), matched=len(columns.ids))
        if number == 0 and categories is not None and len(found) < limit:
            # The same subcategory comes first even in other words: the newest of the rest.
            rest, _ = columns.rows(np.setdiff1d(listed, found, assume_unique=True))
            found += columns.newest(rest, limit - len(found))
    return found


def _ranked_by_database(connection, parsed, pk, tiers, fictional, limit) -> list[int]:
    """The tiers' decisions ranked by the database's full-text index, where the ranking index
    cannot be used (search/ranking.py)."""
    backend = backend_for(connection)
    alike = Decision.objects.all()
    if fictional is not None:
        alike = alike.filter(is_fictional=fictional)
    found: list[int] = []
    # Each tier restricts the decisions ranked; the ranking itself is of the words' matches,
    # all of them in the tier (FTS5 computes bm25 only for the tier's matches).
    with backend.search_session(connection):
        for number, categories in enumerate(tiers):
            if len(found) >= limit:
                break
            left_out = {pk, *found}
            tier = alike if categories is None else alike.filter(category_id__in=categories)
            if not tier.query.where:  # nothing to restrict the database: the few left out go here
                best = backend.ranked_ids(connection, parsed, None, limit + len(left_out), 0)
                found += [other for other in best if other not in left_out][: limit - len(found)]
            else:
                candidates = tier.exclude(pk__in=left_out)
                found += backend.ranked_ids(connection, parsed, candidates, limit - len(found), 0)
            if number == 0 and categories is not None and len(found) < limit:
                # The same subcategory comes first even in other words: the newest of the rest.
                rest = tier.exclude(pk__in=[pk, *found])
                found += list(rest.values_list("id", flat=True)[: limit - len(found)])
    return found


def _mixed(fictional) -> bool:
    """Whether the archive holds both real decisions and fictional examples."""
    return bool(fictional.any()) and not fictional.all()


@dataclass(frozen=True)
class SameOrganisation:
    """Other decisions about the decision's organisation in its category, newest first."""

    decisions: tuple[Decision, ...]
    category: Category | None  # the category group they share, None when not recorded


def category_group_head(category: Category) -> Category:
    """The category a category is counted with: its group's head (current name), or itself."""
    return category.group or category


def same_organisation_decisions(
    decision: Decision, limit: int = SAME_ORGANISATION
) -> SameOrganisation:
    """Up to `limit` other decisions about `decision`'s organisation in the same category
    (or a category grouped with it), newest first. None when its category is not recorded."""
    if not decision.category_id:
        return SameOrganisation((), None)
    head = category_group_head(decision.category)
    # What the search for all of them finds: the group, with its subcategories if a parent.
    groups = CategoryGroups.load()
    group = sorted(groups.group(groups.by_id[head.pk]).atoms)
    # From this version's facet columns, as a search's filters are: the database's query,
    # ordered by date, took 16 ms at a million (a body's 11,000 decisions, 2,100 of them in
    # the category).
    columns = facet_columns(read_connection())
    theirs = np.flatnonzero(columns.values["organisation"] == decision.organisation_id)
    rows = theirs[member_of(columns.values["category"][theirs], group)]
    rows = rows[columns.ids[rows] != decision.pk]
    return SameOrganisation(tuple(listed_decisions(columns.newest(rows, limit))), head)

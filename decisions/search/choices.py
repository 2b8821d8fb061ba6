"""What each value a facet offers stands for: the set of stored column values it matches.

A council is one organisation id; a category group is every category published under one of
its names, with their subcategories; a category as published is itself and its
subcategories; an outcome group is every wording in it; a kind of remedy is every
remedy_kinds mask with its bit. Filtering, counting and the promise that ticking a value
gives the number shown beside it all work on these sets, so that a value chosen twice (a
group and one of its members) is counted once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from decisions.models import REMEDY_BITS, Category, Organisation, Outcome, OutcomeGroup
from decisions.search import read_connection
from decisions.search.version import per_version

# Every value remedy_kinds can hold (a bit per kind of remedy).
REMEDY_MASKS = range(1 << len(REMEDY_BITS))


@dataclass(frozen=True)
class Choice:
    """One value of one URL parameter: what it is called and what it matches."""

    parameter: str
    value: str
    label: str
    atoms: frozenset


@dataclass(frozen=True)
class Branch:
    """A category group as the facet offers it: its choice, the names it was published under
    (none when only one) and, for a top-level group, its subcategory groups."""

    group: Choice
    names: tuple[Choice, ...]
    subgroups: tuple[Branch, ...] = ()


@dataclass(frozen=True)
class PublishedCategory:
    id: int
    slug: str
    name: str
    parent_id: int | None
    group_id: int | None


class CategoryGroups:
    """The categories as published, and the groups that renamed parents and their
    subcategories form (Category.group): read once for each version of the archive, as the
    table is small, and shared: nothing changes it once built."""

    def __init__(self, rows: list[PublishedCategory]):
        self.by_id = {row.id: row for row in rows}
        self.by_slug = {row.slug: row for row in rows}
        self.children: dict[int, list[PublishedCategory]] = defaultdict(list)
        self.members: dict[int, list[PublishedCategory]] = defaultdict(list)
        for row in sorted(rows, key=lambda row: row.name):
            if row.parent_id:
                self.children[row.parent_id].append(row)
            self.members[self.head(row).id].append(row)
        # Plain dicts from here: a lookup of a missing key must not add it to a shared copy.
        self.children, self.members = dict(self.children), dict(self.members)

    @classmethod
    def load(cls) -> CategoryGroups:
        fields = ("id", "slug", "name", "parent_id", "group_id")
        return per_version(
            read_connection(),
            "category groups",
            lambda: cls([PublishedCategory(*row) for row in Category.objects.values_list(*fields)]),
        )

    def head(self, category: PublishedCategory) -> PublishedCategory:
        """The category that names the group `category` is in (itself if it heads one)."""
        return self.by_id.get(category.group_id, category) if category.group_id else category

    def heads(self, parent_head_id: int | None) -> list[PublishedCategory]:
        """The groups at one level: top-level ones (None), or the subcategory groups whose
        parent is in the group headed by `parent_head_id`."""

        def level(row):
            return self.head(self.by_id[row.parent_id]).id if row.parent_id else None

        return [
            row for row in self.by_id.values() if not row.group_id and level(row) == parent_head_id
        ]

    def published(self, category: PublishedCategory) -> Choice:
        atoms = {category.id, *(child.id for child in self.children.get(category.id, ()))}
        return Choice("published_category", category.slug, self.label(category), frozenset(atoms))

    def group(self, head: PublishedCategory) -> Choice:
        atoms = set()
        for member in self.members.get(head.id, [head]):
            atoms |= self.published(member).atoms
        return Choice("category", head.slug, head.name, frozenset(atoms))

    def label(self, category: PublishedCategory) -> str:
        parent = self.by_id.get(category.parent_id) if category.parent_id else None
        return f"{parent.name} > {category.name}" if parent else category.name

    def names(self, head: PublishedCategory) -> list[PublishedCategory]:
        """Every category published under the group's names, the head first."""
        members = self.members.get(head.id, [head])
        return sorted(members, key=lambda row: (row.id != head.id, row.name))

    @cached_property
    def tree(self) -> tuple[Branch, ...]:
        """Every top-level group with its subgroups, as the category facet offers them: worked
        out once for each version of the archive rather than for each search."""

        def branch(head, subgroups=()) -> Branch:
            names = self.names(head)
            published = tuple(self.published(row) for row in names) if len(names) > 1 else ()
            return Branch(self.group(head), published, tuple(subgroups))

        return tuple(
            branch(top, (branch(sub) for sub in self.heads(top.id))) for top in self.heads(None)
        )


def outcome_choices() -> dict[str, list[Choice]]:
    """Each outcome group's choice followed by its wordings', by group (shared: not to be
    changed)."""
    return per_version(read_connection(), "outcome choices", _outcome_choices)


def outcome_wording_labels() -> dict[str, str]:
    """Every outcome wording's label, by slug."""
    return {
        choice.value: choice.label
        for choices in outcome_choices().values()
        for choice in choices
        if choice.parameter == "outcome_wording"
    }


def named(parameter: str, value: str) -> str | None:
    """What a body, a category or an outcome wording chosen by slug is called, as its row
    names it ("Housing > Repairs"); None if the slug names none (or another parameter's)."""
    if parameter == "organisation":
        names = OrganisationNames.load()
        return names.by_id[names.by_slug[value]][1] if value in names.by_slug else None
    if parameter in ("category", "published_category"):
        categories = CategoryGroups.load()
        found = categories.by_slug.get(value)
        return categories.label(found) if found else None
    if parameter == "outcome_wording":
        return outcome_wording_labels().get(value)
    return None


def _outcome_choices() -> dict[str, list[Choice]]:
    wordings: dict[str, list[Choice]] = {group: [] for group in OutcomeGroup.values}
    for pk, slug, label, group in Outcome.objects.values_list("id", "slug", "label", "group"):
        wordings.setdefault(group, []).append(
            Choice("outcome_wording", slug, label, frozenset({pk}))
        )
    found = {}
    for group, label in OutcomeGroup.choices:
        members = wordings.get(group, [])
        atoms = frozenset().union(*(choice.atoms for choice in members))
        found[group] = [Choice("outcome", group, label, atoms), *members]
    return found


@dataclass(frozen=True)
class OrganisationNames:
    """Every organisation's slug and name, by id, and its id by slug (shared: not to be
    changed)."""

    by_id: dict[int, tuple[str, str]]
    by_slug: dict[str, int]

    @classmethod
    def load(cls) -> OrganisationNames:
        return per_version(read_connection(), "organisation names", cls._read)

    @classmethod
    def _read(cls) -> OrganisationNames:
        rows = Organisation.objects.order_by().values_list("pk", "slug", "name")
        by_id = {pk: (slug, name) for pk, slug, name in rows}
        return cls(by_id, {slug: pk for pk, (slug, _) in by_id.items()})


def remedy_atoms(kind: str) -> frozenset:
    bit = REMEDY_BITS.get(kind, 0)
    return frozenset(mask for mask in REMEDY_MASKS if mask & bit)

"""Organisations, categories and outcomes found or created by name, for the importer.

Each is looked up once a run and remembered; rows created inside a decision's savepoint are
only remembered once it commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify

from decisions.classification import organisation_kind, outcome_group
from decisions.models import Category, Organisation, Outcome
from decisions.parsing import ParsedDecision

WOULD_CREATE = -1


class RelatedRows:
    """Finds or creates organisations, categories and outcomes by name, remembering their ids.

    Rows created inside a decision's savepoint are only remembered once it commits, so a
    rolled-back decision never leaves the cache pointing at a row that does not exist."""

    def __init__(self) -> None:
        self.known: dict[tuple, int] = {}
        self.pending: dict[tuple, int] = {}

    def commit(self) -> None:
        self.known.update(self.pending)
        self.pending.clear()

    def rollback(self) -> None:
        self.pending.clear()

    def ids(self, parsed: ParsedDecision, *, create: bool) -> dict:
        """Ids of the decision's related rows. Without `create`, a row that does not exist yet
        is WOULD_CREATE, which differs from every real id (a dry run compares with it)."""
        category = parsed.category
        return {
            "organisation_id": self._organisation(parsed.organisations[0], create),
            "category_id": category and self._category(category, create),
            "outcome_id": parsed.outcome and self._outcome(parsed.outcome, create),
        }

    def _lookup(self, key: tuple, find: Callable, make: Callable, create: bool) -> int:
        if key in self.known:
            return self.known[key]
        if key in self.pending:
            return self.pending[key]
        found = find()
        if found is None and not create:
            return WOULD_CREATE
        if found is None:
            found = make().pk
            self.pending[key] = found
        else:
            self.known[key] = found
        return found

    def _organisation(self, name: str, create: bool) -> int:
        return self._lookup(
            ("organisation", name),
            lambda: Organisation.objects.filter(name=name).values_list("pk", flat=True).first(),
            lambda: Organisation.objects.create(
                name=name, kind=organisation_kind(name), slug=unique_slug(Organisation, name)
            ),
            create,
        )

    def _category(self, path: tuple[str, ...], create: bool) -> int:
        parent_id = None
        if len(path) == 2:
            parent_id = self._category(path[:1], create)
            if parent_id == WOULD_CREATE:
                return WOULD_CREATE
        name = path[-1]
        return self._lookup(
            ("category", parent_id, name),
            lambda: (
                Category.objects.filter(name=name, parent_id=parent_id)
                .values_list("pk", flat=True)
                .first()
            ),
            lambda: Category.objects.create(
                name=name, parent_id=parent_id, slug=unique_slug(Category, " ".join(path))
            ),
            create,
        )

    def _outcome(self, label: str, create: bool) -> int:
        return self._lookup(
            ("outcome", label),
            lambda: Outcome.objects.filter(label=label).values_list("pk", flat=True).first(),
            lambda: Outcome.objects.create(
                label=label, group=outcome_group(label), slug=unique_slug(Outcome, label)
            ),
            create,
        )


def unique_slug(model, text: str) -> str:
    """A slug for `text` that no row of `model` has yet, within the slug field's length."""
    room = model._meta.get_field("slug").max_length - 8  # for a "-NNNNNNN" suffix
    base = slugify(text)[:room].rstrip("-") or "unnamed"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug

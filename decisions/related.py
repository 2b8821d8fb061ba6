"""Organisations, categories, outcomes and cited provisions found or created by name, for
the importer.

Each is looked up once a run and remembered; rows created inside a decision's savepoint are
only remembered once it commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify

from decisions.classification import organisation_kind, outcome_group
from decisions.extraction import Citation
from decisions.models import Category, Legislation, Organisation, Outcome, Provision
from decisions.parsing import ParsedDecision, normalise_apostrophes

WOULD_CREATE = -1
# The field that names each kind of row a decision's header names. Spellings of a name that
# differ only in apostrophes (’ or '), spacing, case, hyphens, stops or "&" are one body,
# category or outcome (files mix them: FORMAT.md); the first spelling stored is the one shown.
NAMED_BY = {"Organisation": "name", "Category": "name", "Outcome": "label"}


def name_key(name: str) -> str:
    """What the spellings of one name have in common: not apostrophes, spacing, case, nor a
    stop or colon typed after it ("Upheld.", "Northshire Care Ltd.")."""
    return " ".join(normalise_apostrophes(name).split()).casefold().rstrip(" .:;,!")


# Marks a name is written with or without: "Stoke-on-Trent" and "Stoke on Trent", "St." and
# "St", "Environment & regulation" and "Environment and regulation" are one body or category;
# "Upheld:maladministration …" and "Upheld - maladministration …" one outcome.
WRITTEN_EITHER_WAY = str.maketrans({"-": " ", "–": " ", "—": " ", ".": " ", ":": " ", "&": " and "})


def matching_key(name: str) -> str:
    """What a found or created row is looked up by: name_key, and not these marks either."""
    return " ".join(name_key(name).translate(WRITTEN_EITHER_WAY).split())


class RelatedRows:
    """Finds or creates organisations, categories and outcomes by name, remembering their ids.

    Rows created inside a decision's savepoint are only remembered once it commits, so a
    rolled-back decision never leaves the cache pointing at a row that does not exist."""

    def __init__(self) -> None:
        self.known: dict[tuple, int] = {}
        self.pending: dict[tuple, int] = {}
        self.loaded: set[str] = set()  # models whose named rows are all in `known`
        # Each citation's provision id once found: a decision cites about nine, each costing
        # three lookups by normalised key. Forgotten with `pending`, which it may point into.
        self.cited: dict[Citation, int] = {}
        # The id of each body, category and outcome by the very spelling a file gave: most
        # files name ones found before, and the key of a spelling (with the kind or group it
        # would be created with) cost more than the rest of finding it. Those found among
        # `pending` wait in `pending_spellings` until it commits.
        self.spelled: dict[tuple, int] = {}
        self.pending_spellings: dict[tuple, int] = {}

    def commit(self) -> None:
        self.known.update(self.pending)
        self.pending.clear()
        self.spelled.update(self.pending_spellings)
        self.pending_spellings.clear()

    def rollback(self) -> None:
        self.pending.clear()
        self.cited.clear()
        self.pending_spellings.clear()

    def ids(self, parsed: ParsedDecision, *, create: bool) -> dict:
        """Ids of the decision's related rows. Without `create`, a row that does not exist yet
        is WOULD_CREATE, which differs from every real id (a dry run compares with it)."""
        category, outcome = parsed.category, parsed.outcome
        return {
            "organisation_id": self._spelled(self._organisation, parsed.organisations[0], create),
            "category_id": category and self._spelled(self._category, category, create),
            "outcome_id": outcome and self._spelled(self._outcome, outcome, create),
        }

    def _spelled(self, find: Callable[..., int], name: str | tuple, create: bool) -> int:
        """find(name, create), remembered by the spelling of `name` (see `spelled`)."""
        spelling = (find.__name__, name)
        found = self.spelled.get(spelling)
        if found is None:
            found = find(name, create)
            if found in self.pending.values():
                self.pending_spellings[spelling] = found
            elif found != WOULD_CREATE:
                self.spelled[spelling] = found
        return found

    def provision_ids(self, citations: tuple[Citation, ...]) -> list[int]:
        """Ids of the provisions cited, created when missing."""
        cited = self.cited
        return [cited.get(citation) or self._provision_id(citation) for citation in citations]

    def _provision_id(self, citation: Citation) -> int:
        legislation = self._row(Legislation, {"name": citation.act}, True, slug_text=citation.act)
        # The whole act has a row too, so that its slug can stand for all of it.
        whole = {"legislation_id": legislation, "section": ""}
        self._row(Provision, whole, True, label=citation.act, slug_text=citation.act)
        identity = {"legislation_id": legislation, "section": citation.section}
        found = self._row(Provision, identity, True, label=citation.label, slug_text=citation.label)
        self.cited[citation] = found
        return found

    def _row(self, model, identity: dict, create: bool, **defaults) -> int:
        """The id of the `model` row with these identifying values, created with `defaults`
        (and a unique slug) when missing and `create` is set."""
        key = self._key(model.__name__, identity)
        if model.__name__ in NAMED_BY:
            self._load(model)
        if key in self.known:
            return self.known[key]
        if key in self.pending:
            return self.pending[key]
        # Not among the rows read at the run's start (or not a named model): a row with
        # exactly these values may have been added or renamed since, by another run or an
        # editor.
        found = model.objects.filter(**identity).values_list("pk", flat=True).first()
        if found is not None:
            self.known[key] = found
            return found
        if not create:
            return WOULD_CREATE
        slug_text = defaults.pop("slug_text")
        row = model.objects.create(**identity, **defaults, slug=unique_slug(model, slug_text))
        self.pending[key] = row.pk
        return row.pk

    @staticmethod
    def _key(model_name: str, identity: dict) -> tuple:
        named = NAMED_BY.get(model_name)
        return (
            model_name,
            *sorted((f, matching_key(v) if f == named else v) for f, v in identity.items()),
        )

    def _load(self, model) -> None:
        """Every row of a named model into `known`, once a run: a name is then found whatever
        its spelling, without a query each (the earliest row wins where spellings were stored
        apart before)."""
        if model.__name__ in self.loaded:
            return
        fields = ["parent_id", "name"] if model is Category else [NAMED_BY[model.__name__]]
        named = NAMED_BY[model.__name__]
        former = ["former_names"] if model in (Organisation, Category) else []
        rows = list(model.objects.order_by("-pk").values_list("pk", *fields, *former))
        # The names rows had before an editor renamed them first, so that a current name wins.
        for pk, *values in rows if former else ():
            identity = dict(zip(fields, values[:-1], strict=True))
            for name in values[-1] or ():
                self.known[self._key(model.__name__, {**identity, named: name})] = pk
        for pk, *values in rows:
            identity = dict(zip(fields, values[: len(fields)], strict=True))
            self.known[self._key(model.__name__, identity)] = pk
        self.loaded.add(model.__name__)

    def _organisation(self, name: str, create: bool) -> int:
        return self._row(
            Organisation, {"name": name}, create, kind=organisation_kind(name), slug_text=name
        )

    def _category(self, path: tuple[str, ...], create: bool) -> int:
        parent_id = None
        if len(path) == 2:
            parent_id = self._category(path[:1], create)
            if parent_id == WOULD_CREATE:
                return WOULD_CREATE
        identity = {"name": path[-1], "parent_id": parent_id}
        return self._row(Category, identity, create, slug_text=" ".join(path))

    def _outcome(self, label: str, create: bool) -> int:
        return self._row(
            Outcome, {"label": label}, create, group=outcome_group(label), slug_text=label
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

"""Search parameters from a URL: read and checked by django-filter, turned into a SearchQuery.

The same parameters serve the search page, its JSON twin, and (later) feeds and exports.
A value that names nothing, or a filter's value of the wrong shape, is kept to match nothing
(a search is never widened by a mistake) and reported; it never causes an error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.http import QueryDict

from decisions.extraction import KINDS, REASONS
from decisions.models import (
    Decision,
    Organisation,
    OrganisationKind,
    OutcomeGroup,
    Provision,
)
from decisions.search.choices import CategoryGroups, OrganisationNames, outcome_wording_labels
from decisions.search.engine import SORTS, SearchQuery
from decisions.search.facets import Selection

PARAMETER_LABELS = {
    "organisation": "council or body",
    "category": "category",
    "published_category": "category as published",
    "outcome": "outcome",
    "outcome_wording": "outcome as worded",
    "year": "year",
    "date_from": "“from” date",
    "date_to": "“to” date",
    "remedy": "remedy",
    "reason": "reason not investigated",
    "payment_min": "lowest payment",
    "payment_max": "highest payment",
    "citation": "legislation",
    "sort": "sort order",
    "page": "page",
    "q": "search text",
}
# Filters that, given a value of the wrong shape, match nothing rather than everything.
NARROWING = ("date_from", "date_to", "payment_min", "payment_max")
YEARS = range(1974, 2101)
# A date bound may be far off ("1900-01-01", "9999-12-31" to leave that side open), but its
# year has four digits: "0001-01-01" would be shown as "From 1 Jan 1".
BOUND_YEARS = range(1000, 10000)
OUT_OF_YEARS = "is not a date with a four-digit year"
# What the page says of a date or an amount read but refused, by the form's error code.
REFUSED_BECAUSE = {
    "out_of_years": OUT_OF_YEARS,
    "min_value": "is a negative amount",
    "max_digits": "has too many digits for an amount in pounds and pence",
    "max_whole_digits": "is more than any payment",
    "max_decimal_places": "has more than two decimal places",
}


@dataclass(frozen=True)
class UnknownValue:
    """A filter's value that names nothing in the archive, or is not of the filter's shape."""

    parameter: str
    value: str
    problem: str = ""  # what is wrong with a value that was read, if not that it could not be

    @property
    def message(self) -> str:
        label = PARAMETER_LABELS.get(self.parameter, self.parameter)
        readable = self.parameter in MULTIPLE
        problem = self.problem or ("is not in the archive" if readable else "could not be read")
        return (
            f"The {label} “{self.value}” {problem} ({self.parameter}={self.value}), "
            "so it matches no decision."
        )


class ValuesField(forms.Field):
    """Every value given for a parameter, as strings; which are known is decided later, one
    value at a time, so that one unknown value does not drop the others."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(item).replace("\x00", "") for item in value or ()]  # PostgreSQL refuses NUL


class ValuesFilter(django_filters.Filter):
    field_class = ValuesField


class PageNumberField(forms.IntegerField):
    """A page number in the digits 0 to 9 only: "2e1", "1.5" or another script's digits are
    not read as one (Python's int() would take them)."""

    def to_python(self, value):
        if value not in self.empty_values and not (
            str(value).strip().isascii() and str(value).strip().isdigit()
        ):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PageFilter(django_filters.NumberFilter):
    field_class = PageNumberField


class ArchiveDateField(forms.DateField):
    """A date with a four-digit year (BOUND_YEARS)."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and day.year not in BOUND_YEARS:
            raise forms.ValidationError(OUT_OF_YEARS, code="out_of_years")
        return day


class ArchiveDateFilter(django_filters.DateFilter):
    field_class = ArchiveDateField


class AmountField(forms.DecimalField):
    """Pounds, 0 or more: "-0" is refused as "-5" is, not read as a payment "from £-0"."""

    def to_python(self, value):
        amount = super().to_python(value)
        if amount is not None and amount.is_signed():
            raise forms.ValidationError("A payment is £0 or more.", code="min_value")
        return amount


class AmountFilter(django_filters.NumberFilter):
    field_class = AmountField


class SearchTextField(forms.CharField):
    """The words searched for. A NUL character (which no decision holds, and a database
    cannot be sent) parts words as a space does, rather than losing the whole search."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", " ")


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


def _is_year(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) == 4 and int(value) in YEARS


def _known(parameter: str, values: list[str]) -> tuple[set[str], dict[str, str]]:
    """Which of `values` name something for `parameter`, and which are old spellings of
    another parameter's value ({value: parameter}): an outcome wording given as an outcome,
    a category that heads no group given as a category (both read as old links meant). The
    organisations, categories and outcomes are looked up in this version's copies of their
    small tables (search/choices.py), which asking the database took 1 to 2 ms of a page."""
    if parameter == "organisation":
        return set(values) & OrganisationNames.load().by_slug.keys(), {}
    if parameter in ("category", "published_category"):
        by_slug = CategoryGroups.load().by_slug
        found = {slug: by_slug[slug].group_id for slug in values if slug in by_slug}
        if parameter == "published_category":
            return set(found), {}
        return {slug for slug, group in found.items() if group is None}, {
            slug: "published_category" for slug, group in found.items() if group is not None
        }
    if parameter in ("outcome", "outcome_wording"):
        wordings = set(values) & outcome_wording_labels().keys()
        if parameter == "outcome_wording":
            return wordings, {}
        groups = set(OutcomeGroup.values)
        return groups & set(values), {v: "outcome_wording" for v in wordings - groups}
    if parameter == "year":
        return {v for v in values if _is_year(v)}, {}
    if parameter == "citation":
        return set(Provision.objects.filter(slug__in=values).values_list("slug", flat=True)), {}
    return set(values) & set(FIXED_VALUES[parameter]), {}


FIXED_VALUES = {"remedy": KINDS, "reason": REASONS}
MULTIPLE = (
    "organisation", "category", "published_category", "outcome", "outcome_wording", "year",
    "remedy", "reason", "citation",
)  # fmt: skip


class OneFormClass:
    """django-filter builds a FilterSet's form class afresh for each FilterSet made, with a new
    field for each filter: about a tenth of a search page that matches nothing. The filters
    here never change, so each class builds its form class once; each form still has its
    own copies of the fields, as every Django form does."""

    def get_form_class(self):
        owner = type(self)
        if "_form_class" not in owner.__dict__:
            owner._form_class = super().get_form_class()
        return owner._form_class


class SearchParameters(OneFormClass, django_filters.FilterSet):
    """Parses and validates the parameters only; filtering is the search module's job.

    A value that names nothing (a renamed council, a typo) is kept, so that it matches
    nothing rather than widening the search, and is listed by unknown_values()."""

    q = SearchTextFilter(label="Search")
    organisation = ValuesFilter()
    category = ValuesFilter()
    published_category = ValuesFilter()
    outcome = ValuesFilter()
    outcome_wording = ValuesFilter()
    year = ValuesFilter()
    date_from = ArchiveDateFilter(widget=forms.DateInput(attrs={"type": "date"}))
    date_to = ArchiveDateFilter(widget=forms.DateInput(attrs={"type": "date"}))
    remedy = ValuesFilter()
    reason = ValuesFilter()
    payment_min = AmountFilter(min_value=0, max_digits=12, decimal_places=2)
    payment_max = AmountFilter(min_value=0, max_digits=12, decimal_places=2)
    citation = ValuesFilter()
    sort = django_filters.ChoiceFilter(choices=[(sort, sort) for sort in SORTS])
    page = PageFilter(min_value=1)

    class Meta:
        model = Decision
        fields: list[str] = []

    @cached_property
    def _values(self):
        """Each multiple-valued parameter's values with old spellings moved to the parameter
        they now belong to; the unknown ones; whether anything was moved, and where to."""
        self.form.is_valid()
        data = self.form.cleaned_data
        values: dict[str, list[str]] = {name: [] for name in MULTIPLE}
        unknown, moved = [], {}
        for name in MULTIPLE:
            given = list(dict.fromkeys(data.get(name) or ()))
            known, elsewhere = _known(name, given) if given else (set(), {})
            for value in given:
                target = elsewhere.get(value, name)
                if target != name:
                    moved[name, value] = target
                values[target].append(value)
                if value not in known and target == name:
                    unknown.append(UnknownValue(name, value))
        for name in NARROWING:
            if name in self.form.errors:
                code = self.form.errors.as_data()[name][0].code
                given = self.data.get(name, "")
                unknown.append(UnknownValue(name, given, REFUSED_BECAUSE.get(code, "")))
        return values, unknown, bool(moved), moved

    def search_query(self) -> SearchQuery:
        """The parameters as a SearchQuery: unknown values kept, to match nothing."""
        self.form.is_valid()
        data = self.form.cleaned_data
        values = self._values[0]
        known_years = [int(v) for v in values["year"] if _is_year(v)]
        # Years of the wrong shape add nothing to the years chosen, and alone match nothing.
        wrong_years = len(known_years) < len(values["year"]) and not known_years
        selection = Selection(
            **{name: tuple(values[name]) for name in MULTIPLE if name != "year"},
            year=tuple(known_years),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            payment_min=data.get("payment_min"),
            payment_max=data.get("payment_max"),
            unreadable=tuple(name for name in NARROWING if name in self.form.errors)
            + (("year",) if wrong_years else ()),
        )
        return SearchQuery(
            text=data.get("q") or "",
            selection=selection,
            sort=data.get("sort") or "",
            page=int(data.get("page") or 1),
        )

    def unknown_values(self) -> list[UnknownValue]:
        """Each value that names nothing here or is not of its filter's shape."""
        return self._values[1]

    def refusals(self) -> list[UnknownValue]:
        """What a program asking the API, a feed or an export is refused for: every unknown
        value, and a sort order or page that could not be read (the page leaves those out)."""
        self.form.is_valid()
        unread = [
            UnknownValue(name, self.data.get(name, "")) for name in ("sort", "page")
            if name in self.form.errors
        ]  # fmt: skip
        return [*self.unknown_values(), *unread]

    def canonical(self) -> QueryDict | None:
        """The same search written as the page writes it, or None when it is already: old
        spellings of values under the parameters they belong to now, and no empty fields (a
        form sent without JavaScript sends every empty box, and ticking then unticking a box
        must give back the same URL), and each value once. A parameter that takes one value
        (a date, an amount, the words, the order) keeps the last given, the one used: a chip
        for each would show a filter that is not in use."""
        moved = self._values[3]
        updated = QueryDict(mutable=True)
        for name, given in self.data.lists():
            chosen = [value for value in given if value != ""]
            if name in self.base_filters and name not in MULTIPLE:
                chosen = chosen[-1:]
            for value in dict.fromkeys(chosen):  # a value given twice is chosen once
                updated.appendlist(moved.get((name, value), name), value)
        return None if updated.urlencode() == self.data.urlencode() else updated

    def problems(self, *, ranges: bool = True) -> list[str]:
        """One line per parameter that is left out (sort order, page), and (with `ranges`) one
        per range whose ends are the wrong way round: the page shows them."""
        self.form.is_valid()
        problems = [
            f"The {PARAMETER_LABELS.get(name, name)} given could not be used, so it was left out."
            for name in self.form.errors
            if name not in NARROWING
        ]
        return problems + (list(self.reversed_ranges().values()) if ranges else [])

    def reversed_ranges(self) -> dict[str, str]:
        """{range: what is wrong} for a date or payment range whose "from" end is past its "to"
        end: the page ties the words to both boxes ("date", "payment")."""
        self.form.is_valid()
        chosen = self.form.cleaned_data
        return {
            name: f"{words}, so no decision can match."
            for name, (low, high, words) in REVERSIBLE_RANGES.items()
            if None not in (chosen.get(low), chosen.get(high)) and chosen[low] > chosen[high]
        }


def folded(text: str) -> str:
    """`text` as compared by a search for part of a name: no accents, no case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The ranges a person can give the wrong way round, and what the page says then.
REVERSIBLE_RANGES = {
    "date": ("date_from", "date_to", "The “from” date is after the “to” date"),
    "payment": ("payment_min", "payment_max", "The “from £” amount is more than the “to £” amount"),
}


ORGANISATION_SORTS = {
    "name": "name A–Z",
    "count": "most decisions",
    "rate": "highest upheld rate",
}


class OrganisationParameters(OneFormClass, django_filters.FilterSet):
    """The council index's filters: part of the name, the kind of body, and the order."""

    name = django_filters.CharFilter(method="name_contains", label="Name contains")
    kind = django_filters.ChoiceFilter(
        choices=OrganisationKind.choices, empty_label="Any kind", label="Kind"
    )
    sort = django_filters.ChoiceFilter(
        choices=list(ORGANISATION_SORTS.items()),
        method="keep",
        empty_label=None,
        label="Order",
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset  # the order is applied to the counted list, not the query

    def name_contains(self, queryset, name, value):
        """Bodies whose name holds `value` in any case, with or without accents ("chateau"
        finds "Château"), the same on both databases: SQLite's LIKE folds only A to Z, and
        neither folds accents. Read over the bodies' names, which are few."""
        wanted = folded(value)
        names = queryset.values_list("pk", "name")
        return queryset.filter(pk__in=[pk for pk, name in names if wanted in folded(name)])

    @property
    def sort_order(self) -> str:
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") or "name"

    def problems(self) -> dict[str, str]:
        """What the index could not use, by parameter, to say on the page beside what it
        shows instead (a kind or order it does not know widens nothing silently)."""
        self.form.is_valid()
        given = {name: self.data.get(name, "") for name in self.form.errors}
        said = {
            "kind": "“{}” is not a kind of body the archive knows ({}), so every kind is listed.",
            "sort": "“{}” is not an order this list knows ({}), so it is by name A–Z.",
            "name": "The name given could not be used, so every name is listed.",
        }
        known = {
            "kind": ", ".join(str(label).lower() for label in OrganisationKind.labels),
            "sort": ", ".join(ORGANISATION_SORTS.values()),
        }
        return {
            name: said.get(name, said["name"]).format(value, known.get(name, ""))
            for name, value in given.items()
        }

"""Search parameters from a URL: read and checked by django-filter, turned into a SearchQuery.

The same parameters serve the search page, its JSON twin, and (later) feeds and exports.
A value that is unknown or malformed is left out and reported; it never causes an error.
"""

from __future__ import annotations

import django_filters
from django import forms

from decisions.extraction import KINDS, REASONS
from decisions.models import (
    Category,
    Decision,
    Organisation,
    OrganisationKind,
    Outcome,
    OutcomeGroup,
    Provision,
)
from decisions.search.engine import SORTS, SearchQuery
from decisions.search.facets import Selection

PARAMETER_LABELS = {
    "organisation": "council or body",
    "category": "category",
    "outcome": "outcome",
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
}


def outcome_choices():
    wordings = Outcome.objects.values_list("slug", "label")
    return [*OutcomeGroup.choices, *wordings]


class SearchParameters(django_filters.FilterSet):
    """Parses and validates the parameters only; filtering is the search module's job."""

    q = django_filters.CharFilter(label="Search")
    organisation = django_filters.ModelMultipleChoiceFilter(
        queryset=Organisation.objects.all(), to_field_name="slug"
    )
    category = django_filters.ModelMultipleChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug"
    )
    outcome = django_filters.MultipleChoiceFilter(choices=outcome_choices)
    year = django_filters.TypedMultipleChoiceFilter(
        choices=[(str(year), str(year)) for year in range(1974, 2101)], coerce=int
    )
    date_from = django_filters.DateFilter(widget=forms.DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(widget=forms.DateInput(attrs={"type": "date"}))
    remedy = django_filters.MultipleChoiceFilter(choices=list(KINDS.items()))
    reason = django_filters.MultipleChoiceFilter(choices=list(REASONS.items()))
    payment_min = django_filters.NumberFilter(min_value=0, max_digits=12, decimal_places=2)
    payment_max = django_filters.NumberFilter(min_value=0, max_digits=12, decimal_places=2)
    citation = django_filters.ModelMultipleChoiceFilter(
        queryset=Provision.objects.all(), to_field_name="slug"
    )
    sort = django_filters.ChoiceFilter(choices=[(sort, sort) for sort in SORTS])
    page = django_filters.NumberFilter(min_value=1)

    class Meta:
        model = Decision
        fields: list[str] = []

    def search_query(self) -> SearchQuery:
        """The valid parameters as a SearchQuery; the rest are described by problems()."""
        self.form.is_valid()
        data = self.form.cleaned_data
        selection = Selection(
            organisation=tuple(o.slug for o in data.get("organisation") or ()),
            category=tuple(c.slug for c in data.get("category") or ()),
            outcome=tuple(data.get("outcome") or ()),
            year=tuple(data.get("year") or ()),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            remedy=tuple(data.get("remedy") or ()),
            reason=tuple(data.get("reason") or ()),
            payment_min=data.get("payment_min"),
            payment_max=data.get("payment_max"),
            citation=tuple(p.slug for p in data.get("citation") or ()),
        )
        return SearchQuery(
            text=data.get("q") or "",
            selection=selection,
            sort=data.get("sort") or "",
            page=int(data.get("page") or 1),
        )

    def problems(self) -> list[str]:
        """One line per parameter that was left out, for the page to show."""
        self.form.is_valid()
        return [
            f"The {PARAMETER_LABELS.get(name, name)} given could not be used, so it was left out."
            for name in self.form.errors
        ]


ORGANISATION_SORTS = {
    "name": "name A–Z",
    "count": "most decisions",
    "rate": "highest upheld rate",
}


class OrganisationParameters(django_filters.FilterSet):
    """The council index's filters: part of the name, the kind of body, and the order."""

    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
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

    @property
    def sort_order(self) -> str:
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") or "name"

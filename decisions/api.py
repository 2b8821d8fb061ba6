"""The JSON API: decisions, their search, organisations and categories, described by the
OpenAPI document at /api/schema/ (decisions/openapi.py). One error shape for every JSON error:
{"error": {status, message}}."""

from dataclasses import asdict

from django.http import JsonResponse
from django.urls import reverse

from decisions.caching import with_archive_etag
from decisions.filters import OrganisationParameters, SearchParameters
from decisions.models import Category, Decision, Organisation
from decisions.openapi import openapi_document
from decisions.search.engine import search
from decisions.statistics import (
    OutcomeCounts,
    Profile,
    category_profile,
    category_tree,
    organisation_profile,
    organisation_summaries,
)


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": {"status": status, "message": message}}, status=status)


def decision_record(decision: Decision, request, *, with_body: bool = True) -> dict:
    category = decision.category
    parent = category.parent if category else None
    return {
        "reference": decision.reference,
        "slug": decision.slug,
        "url": request.build_absolute_uri(decision.get_absolute_url()),
        "organisation": {
            "name": decision.organisation.name,
            "slug": decision.organisation.slug,
            "kind": decision.organisation.kind,
        },
        "organisation_names": decision.organisation_names,
        "category": category
        and {
            "name": category.name,
            "slug": category.slug,
            "parent": parent and {"name": parent.name, "slug": parent.slug},
        },
        "outcome": decision.outcome
        and {
            "label": decision.outcome.label,
            "slug": decision.outcome.slug,
            "group": decision.outcome.group,
        },
        "decision_date": decision.decision_date and decision.decision_date.isoformat(),
        "summary": decision.summary,
        **({"body": decision.body, "sections": decision.sections} if with_body else {}),
        "decision_maker": decision.decision_maker,
        "extra": decision.extra,
        "fictional": decision.is_fictional,
        "source_name": decision.source_name,
        "updated_at": decision.updated_at.isoformat(),
    }


@with_archive_etag
def decision_detail(request, slug):
    decision = Decision.objects.with_related().filter(slug=slug).first()
    if decision is None:
        return json_error(404, f"No decision with the slug {slug!r}.")
    return JsonResponse(decision_record(decision, request), json_dumps_params={"indent": 1})


@with_archive_etag
def decision_search(request):
    """The search page's results as JSON, with the same parameters."""
    parameters = SearchParameters(request.GET)
    result = search(parameters.search_query())
    return JsonResponse(
        {
            "count": result.total,
            "page": result.page,
            "pages": result.pages,
            "sort": result.sort,
            "notes": [*result.notes, *parameters.problems()],
            "results": [
                {**decision_record(hit.decision, request, with_body=False), "snippet": hit.snippet}
                for hit in result.hits
            ],
            "facets": {
                name: [asdict(value) for value in values] for name, values in result.facets.items()
            },
        }
    )


# --- organisations and categories ------------------------------------------------------------


def outcome_record(outcomes: OutcomeCounts) -> dict:
    return {
        "total": outcomes.total,
        "by_group": {group: outcomes.by_group.get(group, 0) for group, _, _, _ in outcomes.rows()
                     if group},
        "not_recorded": outcomes.unrecorded,
        "investigated": outcomes.investigated,
        "upheld_rate": outcomes.upheld_rate,
    }  # fmt: skip


def profile_record(profile: Profile, request) -> dict:
    return {
        "decisions": profile.total,
        "first_decision_date": profile.first and profile.first.isoformat(),
        "last_decision_date": profile.last and profile.last.isoformat(),
        "outcomes": outcome_record(profile.outcomes),
        "years": [{"year": row.year, **outcome_record(row.outcomes)} for row in profile.years],
        "latest": [decision_record(d, request, with_body=False) for d in profile.latest],
    }


def organisation_link(organisation: Organisation, request) -> dict:
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "url": request.build_absolute_uri(
            reverse("decisions:organisation", args=[organisation.slug])
        ),
    }


def category_link(category: Category, request) -> dict:
    return {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent.slug if category.parent_id else None,
        "url": request.build_absolute_uri(reverse("decisions:category", args=[category.slug])),
    }


@with_archive_etag
def organisation_list(request):
    """Every organisation with its decisions and upheld rate; ?name=, ?kind= as on the page."""
    parameters = OrganisationParameters(request.GET, queryset=Organisation.objects.all())
    summaries = organisation_summaries(parameters.qs)
    results = [
        {
            **organisation_link(summary.organisation, request),
            "decisions": summary.outcomes.total,
            "upheld_rate": summary.outcomes.upheld_rate,
        }
        for summary in summaries
    ]
    return JsonResponse({"count": len(results), "results": results})


@with_archive_etag
def organisation_detail(request, slug):
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return json_error(404, f"No organisation with the slug {slug!r}.")
    profile = organisation_profile(organisation)
    return JsonResponse(
        {
            **organisation_link(organisation, request),
            **profile_record(profile, request),
            "peer_outcomes": outcome_record(profile.peer_outcomes),
            "top_categories": [
                {**category_link(category, request), "decisions": count}
                for category, count in profile.top_categories
            ],
        }
    )


@with_archive_etag
def category_list(request):
    """The category tree with each category's decisions (a parent's include its children's)."""
    results = [
        {
            **category_link(node.category, request),
            "decisions": node.count,
            "subcategories": [
                {**category_link(child.category, request), "decisions": child.count}
                for child in node.children
            ],
        }
        for node in category_tree()
    ]
    return JsonResponse({"count": len(results), "results": results})


@with_archive_etag
def category_detail(request, slug):
    category = Category.objects.select_related("parent").filter(slug=slug).first()
    if category is None:
        return json_error(404, f"No category with the slug {slug!r}.")
    profile = category_profile(category)
    return JsonResponse(
        {
            **category_link(category, request),
            **profile_record(profile, request),
            "top_organisations": [
                {**organisation_link(organisation, request), "decisions": count}
                for organisation, count in profile.top_organisations
            ],
        }
    )


def schema(request):
    """The OpenAPI description of this API."""
    server = request.build_absolute_uri("/")
    return JsonResponse(openapi_document(server), json_dumps_params={"indent": 1})

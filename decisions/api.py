"""The JSON API: decisions, their search, organisations and categories, described by the
OpenAPI document at /api/schema/ (decisions/openapi.py). One error shape for every JSON error:
{"error": {status, message}}, also for a path under /api/ that names nothing and for a method
other than GET or HEAD."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.db.models import prefetch_related_objects
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from decisions.caching import with_archive_etag
from decisions.changes import withdrawal_with_slug
from decisions.corrections import public_reason
from decisions.filters import OrganisationParameters, SearchParameters
from decisions.models import Category, Decision, Organisation, Withdrawal
from decisions.openapi import openapi_document
from decisions.search.engine import search
from decisions.statistics import (
    OutcomeCounts,
    Profile,
    category_profile,
    category_tree,
    in_order,
    legislation_index,
    organisation_profile,
    organisation_summaries,
    organisations_in_archive,
)

ALLOWED_METHODS = ("GET", "HEAD")


def json_error(status: int, message: str, **beside) -> JsonResponse:
    """The one error shape, {"error": {status, message}}, with any more keys beside "error"."""
    return JsonResponse({"error": {"status": status, "message": message}, **beside}, status=status)


def is_api(request) -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def bad_request(request, exception=None):
    """The site's 400 for a request Django refuses before any view (more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS values in the address, an unknown Host): JSON under /api/,
    a page saying why elsewhere. Neither reads the request's values or its host again, which
    would raise the same error."""
    if isinstance(exception, TooManyFieldsSent):
        limit = f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"
        message = f"This address holds more than {limit} values: ask for fewer at a time."
    else:
        message = "This request could not be read."
    if is_api(request):
        return json_error(400, message)
    if isinstance(exception, DisallowedHost):  # the page's template would read the host again
        return HttpResponseBadRequest(message)
    return render(request, "400.html", {"reason": message}, status=400)


def server_error(request):
    """The site's 500: JSON under /api/, as every other answer there is; the page elsewhere."""
    if is_api(request):
        return json_error(500, "Something went wrong on the server; it has been logged.")
    return defaults.server_error(request)


def read_only(view):
    """An API view that answers GET and HEAD, and any other method with a JSON 405. Exempt from
    the CSRF check, which would otherwise refuse a POST with an HTML 403 before the view."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method not in ALLOWED_METHODS:
            response = json_error(405, f"{request.method} is not allowed here: use GET.")
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        return view(request, *args, **kwargs)

    return checked


@csrf_exempt
def not_found(request):
    """Any path under /api/ that no endpoint matches, whatever its method or characters."""
    message = "There is no API endpoint at this path; the endpoints are listed at /api/schema/."
    if not request.path_info.endswith("/") and _is_endpoint(request.path_info + "/"):
        message = f"There is no API endpoint at this path; did you mean {request.path}/ ?"
    return json_error(404, message)


def _is_endpoint(path: str) -> bool:
    try:
        return resolve(path).url_name != "api-not-found"
    except Resolver404:
        return False


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
        "extra": decision.extra_fields,
        **findings_record(decision),
        "fictional": decision.is_fictional,
        "source_name": decision.source_name,
        "updated_at": decision.updated_at.isoformat(),
    }


def _pounds(amount) -> float | None:
    return None if amount is None else float(amount)


def citation_record(provision) -> dict:
    return {
        "act": provision.legislation.name,
        "section": provision.section,
        "label": provision.label,
        "slug": provision.slug,
    }


def findings_record(decision: Decision) -> dict:
    """What extraction read from the text (prefetch remedies and citations__legislation)."""
    return {
        "remedies": [
            {"type": r.kind, "amount": _pounds(r.amount), "purpose": r.purpose or None}
            for r in decision.remedies.all()
        ],
        "already_remedied": decision.already_remedied,
        "payment_total": _pounds(decision.payment_total),
        "reason_not_investigated": decision.reason_not_investigated,
        "citations": [citation_record(p) for p in decision.cited_provisions],
    }


def with_findings(decisions: list[Decision]) -> list[Decision]:
    """The decisions with their remedies and citations fetched in two queries in all."""
    prefetch_related_objects(decisions, "remedies", "citations__legislation")
    return decisions


@read_only
@with_archive_etag
def decision_detail(request, slug):
    decision = Decision.objects.with_related().filter(slug=slug).first()
    if decision is None:
        withdrawal = withdrawal_with_slug(slug)
        if withdrawal is not None:
            return withdrawn_error(withdrawal, request)
        return json_error(404, f"No decision with the slug {slug!r}.")
    with_findings([decision])
    response = JsonResponse(decision_record(decision, request), json_dumps_params={"indent": 1})
    if decision.noindex:
        response["X-Robots-Tag"] = "noindex"
    return response


def withdrawn_error(withdrawal: Withdrawal, request) -> JsonResponse:
    """410 Gone in the one error shape, with what the public may know of the withdrawal
    beside it: never the decision's text."""
    withdrawn_on = timezone.localdate(withdrawal.withdrawn_at)
    response = json_error(
        410,
        f"The decision {withdrawal.reference} was withdrawn on {withdrawn_on:%-d %B %Y}.",
        withdrawn={
            "reference": withdrawal.reference,
            "slug": withdrawal.slug,
            "withdrawn_on": withdrawn_on.isoformat(),
            "reason": public_reason(withdrawal),
            "changes_url": request.build_absolute_uri(
                reverse("decisions:decision-changes", args=[withdrawal.slug])
            ),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, no_cache=True, max_age=0)  # as the page's 410 (views.py)
    return response


@read_only
@with_archive_etag
def decision_search(request):
    """The search page's results as JSON, with the same parameters. A filter value that
    names nothing is a 400 naming it: a program must never get the whole archive instead."""
    parameters = SearchParameters(request.GET)
    unknown = parameters.refusals()
    if unknown:
        return json_error(400, " ".join(value.message for value in unknown))
    result = search(parameters.search_query())
    with_findings([hit.decision for hit in result.hits])
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
                # A value's fields are plain, so its __dict__ is them: asdict() deep-copies
                # each one, 3.7 ms for the 466 values of a common word's facets.
                name: [dict(vars(value)) for value in values]
                for name, values in result.facets.items()
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
        "latest": [
            decision_record(d, request, with_body=False) for d in with_findings(profile.latest)
        ],
        "payments": {
            "decisions": profile.payments.decisions,
            "total": _pounds(profile.payments.total),
            "median": _pounds(profile.payments.median),
            "unread": profile.payments.unread,
        },
        "reasons": [
            {"reason": row.reason, "label": row.label, "decisions": row.count}
            for row in profile.reasons
        ],
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
        "grouped_under": category.group.slug if category.group_id else None,
        "url": request.build_absolute_uri(reverse("decisions:category", args=[category.slug])),
    }


@read_only
@with_archive_etag
def organisation_list(request):
    """Every organisation with its decisions and upheld rate; ?name=, ?kind=, ?sort= as on the
    page."""
    parameters = OrganisationParameters(request.GET, queryset=organisations_in_archive())
    if not parameters.is_valid():
        problems = (f"{name}: {' '.join(errors)}" for name, errors in parameters.errors.items())
        return json_error(400, " ".join(problems))
    summaries = in_order(organisation_summaries(parameters.qs), parameters.sort_order)
    results = [
        {
            **organisation_link(summary.organisation, request),
            "decisions": summary.outcomes.total,
            "upheld_rate": summary.outcomes.upheld_rate,
        }
        for summary in summaries
    ]
    return JsonResponse({"count": len(results), "results": results})


@read_only
@with_archive_etag
def organisation_detail(request, slug):
    organisation = organisations_in_archive().filter(slug=slug).first()
    if organisation is None:
        return json_error(404, f"No organisation with the slug {slug!r}.")
    profile = organisation_profile(organisation)
    return JsonResponse(
        {
            **organisation_link(organisation, request),
            **profile_record(profile, request),
            "peer_outcomes": profile.first and outcome_record(profile.peer_outcomes),
            "top_categories": [
                {**category_link(category, request), "decisions": count}
                for category, count in profile.top_categories
            ],
        }
    )


@read_only
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


@read_only
@with_archive_etag
def category_detail(request, slug):
    category = Category.objects.select_related("parent").filter(slug=slug).first()
    profile = category and category_profile(category)
    if not profile or not profile.total:  # none, or every decision in it withdrawn
        return json_error(404, f"No category with the slug {slug!r}.")
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


@read_only
@with_archive_etag
def legislation_list(request):
    results = [
        {
            "name": cited.legislation.name,
            "slug": cited.whole.slug,
            "decisions": cited.decisions,
            "provisions": [
                {**citation_record(provision), "decisions": count}
                for provision, count in cited.provisions
            ],
        }
        for cited in legislation_index()
    ]
    return JsonResponse({"count": len(results), "results": results})


@read_only
def schema(request):
    """The OpenAPI description of this API."""
    server = request.build_absolute_uri("/")
    return JsonResponse(openapi_document(server), json_dumps_params={"indent": 1})

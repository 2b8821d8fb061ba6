"""JSON records of decisions. One error shape for every JSON error: {"error": {status, message}}."""

from dataclasses import asdict

from django.http import JsonResponse

from decisions.filters import SearchParameters
from decisions.models import Decision
from decisions.search.engine import search


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


def decision_detail(request, slug):
    decision = Decision.objects.with_related().filter(slug=slug).first()
    if decision is None:
        return json_error(404, f"No decision with the slug {slug!r}.")
    return JsonResponse(decision_record(decision, request), json_dumps_params={"indent": 1})


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

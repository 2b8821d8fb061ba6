"""JSON records of decisions. One error shape for every JSON error: {"error": {status, message}}."""

from django.http import JsonResponse

from decisions.models import Decision


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": {"status": status, "message": message}}, status=status)


def decision_record(decision: Decision, request) -> dict:
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
        "body": decision.body,
        "sections": decision.sections,
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

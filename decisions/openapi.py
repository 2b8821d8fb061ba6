"""The OpenAPI 3.1 description of the JSON API, served at /api/schema/. The tests validate real
responses of every endpoint against it, and schemathesis fuzzes the API from it (`make
api-fuzz`), so it says what the endpoints really accept and return. The values a search filter
accepts by slug are the archive's own, so they are read from the database when it is served."""

from decisions.extraction import KINDS, REASONS
from decisions.filters import ORGANISATION_SORTS
from decisions.models import (
    Category,
    Organisation,
    OrganisationKind,
    Outcome,
    OutcomeGroup,
    Provision,
)
from decisions.search.engine import SORTS


def _object(properties: dict, closed: bool = True) -> dict:
    """An object with every property required; closed (no others allowed) unless it is a base
    that others extend, which is closed where it is used (see _closed)."""
    schema = {"type": "object", "properties": properties, "required": list(properties)}
    return {**schema, "additionalProperties": False} if closed else schema


def _closed(name: str) -> dict:
    """A base component used as it is, with nothing more allowed."""
    return {**_ref(name), "unevaluatedProperties": False}


def _extends(base: str, properties: dict) -> dict:
    """A component's properties plus more, closed (unevaluatedProperties sees through allOf)."""
    return {
        "allOf": [_ref(base), {"type": "object", "properties": properties}],
        "required": list(properties),
        "unevaluatedProperties": False,
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
# What a form's text field accepts: anything but the null character.
TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
DATE = {"type": "string", "format": "date"}
RATE = {
    "type": ["number", "null"],
    "minimum": 0,
    "maximum": 1,
    "description": "Upheld decisions as a share of those investigated (upheld or not upheld); "
    "null when none was investigated.",
}
KIND = {"type": "string", "enum": list(OrganisationKind.values)}
KIND_OR_ANY = {"type": "string", "enum": [*OrganisationKind.values, ""]}
POUNDS = {"type": "number", "minimum": 0, "description": "In pounds."}
CITATION = _object({"act": STRING, "section": STRING, "label": STRING, "slug": STRING})
GROUP = {"type": "string", "enum": list(OutcomeGroup.values)}

SCHEMAS = {
    "Error": _object({"error": _object({"status": INTEGER, "message": STRING})}),
    # A withdrawn decision's 410: the one error shape, with the withdrawal beside it.
    "Withdrawn": _object(
        {
            "error": _object({"status": {"const": 410}, "message": STRING}),
            "withdrawn": _object(
                {
                    "reference": {"type": "string", "pattern": "^[0-9]{2} [0-9]{3} [0-9]{3}$"},
                    "slug": STRING,
                    "withdrawn_on": DATE,
                    "reason": {"type": "string", "description": "Why it was withdrawn."},
                    "changes_url": {**URL, "description": "The decision's change log entries."},
                }
            ),
        }
    ),
    # Bases, extended by others (closed where used).
    "OrganisationLink": _object(
        {"name": STRING, "slug": STRING, "kind": KIND, "url": URL}, closed=False
    ),
    "CategoryLink": _object(
        {
            "name": STRING,
            "slug": STRING,
            "parent": {"type": ["string", "null"]},
            "grouped_under": {
                "type": ["string", "null"],
                "description": "The slug of the category (its current name) this one, published "
                "under an older name, is counted with; null for one that heads its group.",
            },
            "url": URL,
        },
        closed=False,
    ),
    "DecisionSummary": _object(
        {
            "reference": {"type": "string", "pattern": "^[0-9]{2} [0-9]{3} [0-9]{3}$"},
            "slug": STRING,
            "url": URL,
            "organisation": _object({"name": STRING, "slug": STRING, "kind": KIND}),
            "organisation_names": STRING,
            "category": _nullable(
                _object(
                    {
                        "name": STRING,
                        "slug": STRING,
                        "parent": _nullable(_object({"name": STRING, "slug": STRING})),
                    }
                )
            ),
            "outcome": _nullable(_object({"label": STRING, "slug": STRING, "group": GROUP})),
            "decision_date": _nullable(DATE),
            "summary": STRING,
            "decision_maker": STRING,
            "extra": {"type": "object", "additionalProperties": STRING},
            "remedies": {
                "type": "array",
                "description": "Read from the text: one entry a kind, one a payment.",
                "items": _object(
                    {
                        "type": {"type": "string", "enum": list(KINDS)},
                        "amount": _nullable(POUNDS),
                        "purpose": {"type": ["string", "null"]},
                    }
                ),
            },
            "already_remedied": BOOLEAN,
            "payment_total": _nullable(POUNDS),
            "reason_not_investigated": {"enum": [*REASONS, None]},
            "citations": {"type": "array", "items": CITATION},
            "fictional": BOOLEAN,
            "source_name": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
        closed=False,
    ),
    "Decision": _extends(
        "DecisionSummary",
        {
            "body": STRING,
            "sections": {
                "type": "array",
                "items": _object(
                    {
                        "heading": STRING,
                        "paragraphs": {
                            "type": "array",
                            "items": _object({"marker": STRING, "level": INTEGER, "text": STRING}),
                        },
                    }
                ),
            },
        },
    ),
    "SearchHit": _extends(
        "DecisionSummary",
        {"snippet": {"type": "string", "description": "HTML: escaped text with <mark> tags."}},
    ),
    "FacetValue": {
        "type": "object",
        "properties": {
            "value": STRING,
            "label": STRING,
            "count": INTEGER,
            "selected": BOOLEAN,
            "parent": {"type": ["string", "null"]},
            "parameter": {"type": "string", "description": "The URL parameter that chooses it."},
            "included": {"type": "boolean", "description": "Chosen already through a broader one."},
            "added": {
                "type": ["integer", "null"],
                "description": "With other values of the facet chosen, the decisions ticking this "
                "one adds; null when that is `count`.",
            },
        },
        "required": [
            "value",
            "label",
            "count",
            "selected",
            "parent",
            "parameter",
            "included",
            "added",
        ],  # fmt: skip
        "additionalProperties": False,
    },
    "SearchResults": _object(
        {
            "count": INTEGER,
            "page": INTEGER,
            "pages": INTEGER,
            "sort": {"type": "string", "enum": list(SORTS)},
            "notes": {"type": "array", "items": STRING},
            "results": {"type": "array", "items": _ref("SearchHit")},
            "facets": _object(
                {
                    facet: {"type": "array", "items": _ref("FacetValue")}
                    for facet in ("organisation", "category", "outcome", "year", "remedy", "reason")
                }
            ),
        }
    ),
    "OutcomeCounts": _object(
        {
            "total": INTEGER,
            "by_group": _object({group: INTEGER for group in OutcomeGroup.values}),
            "not_recorded": INTEGER,
            "investigated": INTEGER,
            "upheld_rate": RATE,
        },
        closed=False,
    ),
    "Profile": _object(
        {
            "decisions": INTEGER,
            "first_decision_date": _nullable(DATE),
            "last_decision_date": _nullable(DATE),
            "outcomes": _closed("OutcomeCounts"),
            "years": {
                "type": "array",
                "items": _extends("OutcomeCounts", {"year": INTEGER}),
            },
            "latest": {"type": "array", "items": _closed("DecisionSummary")},
            "payments": _object(
                {
                    "decisions": INTEGER,
                    "total": POUNDS,
                    "median": _nullable(POUNDS),
                    "unread": {
                        **INTEGER,
                        "description": "Decisions stating a payment whose amount could not be "
                        "read from the text: in no total.",
                    },
                }
            ),
            "reasons": {
                "type": "array",
                "items": _object(
                    {"reason": {"enum": list(REASONS)}, "label": STRING, "decisions": INTEGER}
                ),
            },
        },
        closed=False,
    ),
    "LegislationList": _object(
        {
            "count": INTEGER,
            "results": {
                "type": "array",
                "items": _object(
                    {
                        "name": STRING,
                        "slug": STRING,
                        "decisions": INTEGER,
                        "provisions": {
                            "type": "array",
                            "items": _object({**CITATION["properties"], "decisions": INTEGER}),
                        },
                    }
                ),
            },
        }
    ),
    "OrganisationProfile": {
        "allOf": [_ref("OrganisationLink"), _ref("Profile")],
        "properties": {
            "peer_outcomes": {
                "oneOf": [_closed("OutcomeCounts"), {"type": "null"}],
                "description": "Every organisation of the same kind, over the same years; "
                "null where none of this organisation's decisions has a date to compare over.",
            },
            "top_categories": {
                "type": "array",
                "items": _extends("CategoryLink", {"decisions": INTEGER}),
            },
        },
        "required": ["peer_outcomes", "top_categories"],
        "unevaluatedProperties": False,
    },
    "CategoryProfile": {
        "allOf": [_ref("CategoryLink"), _ref("Profile")],
        "properties": {
            "top_organisations": {
                "type": "array",
                "items": _extends("OrganisationLink", {"decisions": INTEGER}),
            }
        },
        "required": ["top_organisations"],
        "unevaluatedProperties": False,
    },
    "OrganisationList": _object(
        {
            "count": INTEGER,
            "results": {
                "type": "array",
                "items": _extends("OrganisationLink", {"decisions": INTEGER, "upheld_rate": RATE}),
            },
        }
    ),
    "CategoryList": _object(
        {
            "count": INTEGER,
            "results": {
                "type": "array",
                "items": _extends(
                    "CategoryLink",
                    {
                        "decisions": INTEGER,
                        "subcategories": {
                            "type": "array",
                            "items": _extends("CategoryLink", {"decisions": INTEGER}),
                        },
                    },
                ),
            },
        }
    ),
}


def _parameter(name: str, schema: dict, description: str, repeated: bool = False) -> dict:
    if repeated:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        **({"style": "form", "explode": True} if repeated else {}),
    }


def _one_of(values: list[str]) -> dict:
    """A string that is one of the values (none is, in an empty archive)."""
    return {"type": "string", "enum": values} if values else {"not": {}}


def _slugs(model) -> list[str]:
    return list(model.objects.order_by("slug").values_list("slug", flat=True))


# As decisions/filters.py checks them: years as the search offers them, payments in pounds and
# pence below ten thousand million.
YEAR = {"type": "integer", "minimum": 1974, "maximum": 2100}
AMOUNT = {**POUNDS, "maximum": 9_999_999_999.99, "multipleOf": 0.01}


def search_parameters() -> list[dict]:
    """The search's parameters, with the archive's organisations, categories, outcomes and
    provisions as the values those filters accept."""
    outcomes = [*OutcomeGroup.values, *_slugs(Outcome)]
    group_heads = list(
        Category.objects.filter(group=None).order_by("slug").values_list("slug", flat=True)
    )
    return [
        _parameter("q", STRING, 'Words to find: all must match; "a phrase", OR, -word.'),
        _parameter("organisation", _one_of(_slugs(Organisation)), "Organisation slugs.", True),
        _parameter("category", _one_of(group_heads), "Category groups, each by the slug of the "
                   "category heading it (its current name): a group takes in every category "
                   "published under its names over the years, with their subcategories. Any "
                   "other category's slug is read as published_category.", True),
        _parameter("published_category", _one_of(_slugs(Category)), "Categories exactly as "
                   "published, without the rest of their group (a parent with its "
                   "subcategories).", True),
        _parameter("outcome", _one_of(outcomes), "Outcome groups: upheld, not_upheld, closed, "
                   "other. An outcome wording's slug is read as outcome_wording.", True),
        _parameter("outcome_wording", _one_of(_slugs(Outcome)), "Outcomes exactly as worded "
                   "when published (the wording 'Upheld' alone, not the whole group).", True),
        _parameter("year", YEAR, "Years of the decision date.", repeated=True),
        _parameter("date_from", DATE, "Decided on or after this date (a four-digit year)."),
        _parameter("date_to", DATE, "Decided on or before this date (a four-digit year)."),
        _parameter("remedy", {"enum": list(KINDS)}, "Kinds of remedy (several: any).", True),
        _parameter("reason", {"enum": list(REASONS)}, "Why it was not investigated.", True),
        _parameter("payment_min", AMOUNT, "The decision's payments total at least this."),
        _parameter("payment_max", AMOUNT, "The decision's payments total at most this."),
        _parameter("citation", _one_of(_slugs(Provision)), "Provision slugs (a whole act's slug: "
                   "any part of it).", True),
        _parameter("sort", {"type": "string", "enum": list(SORTS)}, "Default: relevance with q."),
        _parameter("page", {"type": "integer", "minimum": 1}, "20 results a page."),
    ]  # fmt: skip


SLUG = [{"name": "slug", "in": "path", "required": True, "schema": STRING}]


def _get(
    summary: str,
    schema: str,
    parameters=(),
    not_found: bool = False,
    refused: bool = False,
    withdrawn: bool = False,
) -> dict:
    responses = {"200": _json("The result.", schema)}
    if refused:
        responses["400"] = _json("A parameter's value is not one this endpoint knows.", "Error")
    if not_found:
        responses["404"] = _json("There is nothing with that slug.", "Error")
    if withdrawn:
        responses["410"] = _json(
            "The decision was withdrawn: when and why, and none of its text.", "Withdrawn"
        )
    return {"get": {"summary": summary, "parameters": list(parameters), "responses": responses}}


def _json(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def paths() -> dict:
    return {
        "/api/decisions/": _get(
            "Search decisions, as the search page does",
            "SearchResults",
            search_parameters(),
            refused=True,
        ),
        "/api/decisions/{slug}/": _get(
            "One decision, with its text", "Decision", SLUG, not_found=True, withdrawn=True
        ),
        "/api/organisations/": _get(
            "Every organisation with its decisions and upheld rate",
            "OrganisationList",
            [
                _parameter("name", TEXT, "Part of the name."),
                _parameter("kind", KIND_OR_ANY, "The kind of body; empty: any kind."),
                _parameter(
                    "sort",
                    {"type": "string", "enum": list(ORGANISATION_SORTS)},
                    "The order: name A–Z (the default), most decisions first, or highest "
                    "upheld rate first (allowing for small numbers, as the page does).",
                ),
            ],
            refused=True,
        ),
        "/api/organisations/{slug}/": _get(
            "An organisation's profile", "OrganisationProfile", SLUG, True
        ),
        "/api/categories/": _get("The category tree with counts", "CategoryList"),
        "/api/categories/{slug}/": _get("A category's profile", "CategoryProfile", SLUG, True),
        "/api/legislation/": _get("The legislation decisions cite, with counts", "LegislationList"),
    }


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ombudsman decisions archive API",
            "version": "1.0",
            "description": "Read-only JSON for the decisions of the Local Government and Social "
            "Care Ombudsman held in this archive. No key is needed.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }

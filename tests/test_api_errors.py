"""The API answers in JSON everywhere under /api/: a path that names nothing is a JSON 404, a
method other than GET or HEAD a JSON 405, a filter value it does not know a JSON 400, all in
the one error shape; and the OpenAPI document says so."""

import pytest
from django.db import OperationalError
from django.test import Client

from decisions.importing import import_paths
from tests.factories import SAMPLE_DIR

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/decisions/",
    "/api/decisions/20-003-494/",
    "/api/organisations/",
    "/api/organisations/london-borough-of-newham/",
    "/api/categories/",
    "/api/categories/childrens-care-services/",
    "/api/legislation/",
    "/api/schema/",
]

HOSTILE_PATHS = [
    "/api",
    "/api/",
    "/api//",
    "/api/nothing",
    "/api/nothing/",
    "/api/decisions/a b/",
    "/api/decisions/a%20b/",
    "/api/decisions/%00/",
    "/api/decisions/%0A/",
    "/api/decisions/é/",
    "/api/decisions/%C3%A9/",
    "/api/decisions/%FF/",
    "/api/decisions/%E2%80%AE/",
    "/api/decisions/<script>/",
    "/api/decisions/x/y/z",
    "/api/decisions/20-003-494/extra/",
    "/api/decisions/..%2F..%2Fetc%2Fpasswd/",
    "/api/organisations/a.b/",
    "/api/categories/%22%27/",
    "/api/schema/x/",
    "/api/" + "a" * 5000,
]


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_path_under_the_api_that_names_nothing_is_a_json_404(client, path):
    error = assert_json_error(client.get(path), 404)
    assert "/api/schema/" in error["message"]


@pytest.mark.parametrize("path", HOSTILE_PATHS[:8])
def test_a_path_that_names_nothing_is_a_json_404_whatever_the_method(path):
    client = Client(enforce_csrf_checks=True)  # as a real client: no CSRF token
    for method in ("post", "put", "patch", "delete", "options"):
        assert_json_error(getattr(client, method)(path), 404)


def test_an_endpoint_without_its_slash_is_a_json_404_naming_it_not_a_redirect(client):
    import_paths([SAMPLE_DIR])
    for path in ("/api/decisions", "/api/decisions/20-003-494", "/api/schema"):
        response = client.get(path, {"q": "council"})
        error = assert_json_error(response, 404)
        assert error["message"].endswith(f"did you mean {path}/ ?")
        assert "Location" not in response


def test_a_slug_that_names_nothing_still_says_what_it_looked_for(client):
    error = assert_json_error(client.get("/api/organisations/no-such-council/"), 404)
    assert error["message"] == "No organisation with the slug 'no-such-council'."


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_method_other_than_get_or_head_is_a_json_405_with_allow(path):
    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        error = assert_json_error(response, 405)
        assert error["message"] == f"{method.upper()} is not allowed here: use GET."
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_endpoint_answers_get_and_head(client, path):
    import_paths([SAMPLE_DIR])
    assert client.get(path).status_code == 200
    head = client.head(path)
    assert head.status_code == 200 and head["Content-Type"] == "application/json"


def test_pages_outside_the_api_keep_their_html_404(client):
    for path in ("/apix", "/api-docs/", "/decisions/a b/", "/nothing/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")


def test_the_organisation_list_refuses_a_kind_it_does_not_know_with_a_json_400(client):
    import_paths([SAMPLE_DIR])
    error = assert_json_error(client.get("/api/organisations/", {"kind": "parish"}), 400)
    assert error["message"] == (
        "kind: Select a valid choice. parish is not one of the available choices."
    )
    error = assert_json_error(client.get("/api/organisations/", {"name": "U\x00"}), 400)
    assert error["message"] == "name: Null characters are not allowed."
    # An empty kind is the form's "any kind", as on the page.
    assert client.get("/api/organisations/", {"kind": ""}).json()["count"] == 1
    assert client.get("/api/organisations/", {"kind": "council"}).json()["count"] == 1
    assert client.get("/api/organisations/", {"kind": "care_provider"}).json()["count"] == 0


def test_the_schema_documents_the_400_of_the_endpoints_that_filter(client):
    from jsonschema import Draft202012Validator

    import_paths([SAMPLE_DIR])
    document = client.get("/api/schema/").json()
    error_schema = {"$ref": "#/components/schemas/Error"}
    for path in ("/api/decisions/", "/api/organisations/"):
        refused = document["paths"][path]["get"]["responses"]["400"]
        assert refused["content"]["application/json"]["schema"] == error_schema
    for path in ("/api/categories/", "/api/legislation/", "/api/decisions/{slug}/"):
        assert "400" not in document["paths"][path]["get"]["responses"]
    validator = Draft202012Validator({**error_schema, **document})
    real_400 = client.get("/api/organisations/", {"kind": "parish"}).json()
    assert list(validator.iter_errors(real_400)) == []


def test_the_schema_lists_the_archives_own_values_for_the_filters_by_slug(client):
    import_paths([SAMPLE_DIR])
    document = client.get("/api/schema/").json()
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/api/decisions/"]["get"][
        "parameters"]}  # fmt: skip
    assert parameters["organisation"]["items"]["enum"] == ["london-borough-of-newham"]
    assert parameters["category"]["items"]["enum"] == [
        "childrens-care-services",
        "childrens-care-services-other",
    ]
    outcomes = parameters["outcome"]["items"]["enum"]
    assert "closed-after-initial-enquiries" in outcomes and "upheld" in outcomes
    assert parameters["year"]["items"] == {"type": "integer", "minimum": 1974, "maximum": 2100}


def test_in_an_empty_archive_no_slug_is_a_valid_filter_value(client):
    from openapi_spec_validator import validate

    document = client.get("/api/schema/").json()
    validate(document)
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/api/decisions/"]["get"][
        "parameters"]}  # fmt: skip
    assert parameters["organisation"]["items"] == {"not": {}}


def failing_search(error):
    def search(query):
        raise error

    return search


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (RuntimeError("a bug"), 500),
        (OperationalError("could not connect to server"), 503),
        (OperationalError("attempt to write a readonly database"), 503),
    ],
)
def test_a_server_or_database_failure_under_the_api_is_json_too(monkeypatch, error, status):
    monkeypatch.setattr("decisions.api.search", failing_search(error))
    client = Client(raise_request_exception=False)
    data = assert_json_error(client.get("/api/decisions/"), status)
    assert "a bug" not in data["message"]  # nothing of the error itself leaks


def test_a_server_failure_outside_the_api_is_still_the_page(monkeypatch):
    monkeypatch.setattr("decisions.views.search", failing_search(RuntimeError("a bug")))
    response = Client(raise_request_exception=False).get("/decisions/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")
    # Laid out at a phone's width, in a main landmark (WCAG 1.4.10, 1.3.1).
    assert b'name="viewport"' in response.content and b"<main>" in response.content


TOO_MANY_VALUES = "&".join(f"organisation=v{number}" for number in range(1001))


@pytest.mark.parametrize("path", ["/api/decisions/", "/api/organisations/"])
def test_an_address_with_too_many_values_under_the_api_is_a_json_400_saying_so(client, path):
    error = assert_json_error(client.get(f"{path}?{TOO_MANY_VALUES}"), 400)
    assert "more than 1,000 values" in error["message"]


@pytest.mark.parametrize("path", ["/decisions/", "/decisions/export.csv", "/decisions/feed/"])
def test_an_address_with_too_many_values_elsewhere_is_a_page_saying_why(client, path):
    response = client.get(f"{path}?{TOO_MANY_VALUES}")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "more than 1,000 values: ask for fewer at a time" in response.content.decode()


def test_an_unknown_host_is_a_plain_400_under_the_api_too(client):
    response = client.get("/api/decisions/", HTTP_HOST="not-this-site.example")
    error = assert_json_error(response, 400)
    assert error["message"] == "This request could not be read."
    response = client.get("/decisions/", HTTP_HOST="not-this-site.example")
    assert response.status_code == 400 and b"could not be read" in response.content

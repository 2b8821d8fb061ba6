"""The JSON API, the Atom feed and the CSV export refuse a filter value that names nothing, or
is not of its filter's shape, with a 400 naming the parameter and the value: a program, a feed
reader or a spreadsheet is never handed the whole archive instead. Valid searches give exactly
their matches; old spellings of values (an outcome wording given as `outcome`) still work."""

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from decisions.importing import import_paths
from decisions.models import Category, Outcome, Provision

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
WRENMOOR, OAKHOLLOW, FENBRIDGE = (
    "Wrenmoor District Council",
    "Oakhollow Borough Council",
    "Fenbridge County Council",
)
CITING = "(Local Government Act 1974, section 26(1), as amended)"
MALADMINISTRATION = "Upheld: maladministration and injustice"
CLOSED = "Closed after initial enquiries"
# reference, organisation, category, outcome, decision date, payment (£), cites CITING
SPEC = [
    ("21 100 001", WRENMOOR, "Planning > Enforcement", "Upheld", date(2020, 2, 3), 300, True),
    ("21 100 002", WRENMOOR, "Planning and development > Enforcement", MALADMINISTRATION,
     date(2020, 6, 9), None, False),
    ("21 100 003", OAKHOLLOW, "Planning > Enforcement", "Not upheld", date(2021, 1, 12), None,
     True),
    ("21 100 004", OAKHOLLOW, "Housing > Homelessness", "Upheld", date(2021, 3, 5), 150, False),
    ("21 100 005", FENBRIDGE, "Housing > Homelessness", "Closed after initial enquiries",
     date(2021, 4, 1), None, False),
    ("21 100 006", FENBRIDGE, "Planning and development > Enforcement", MALADMINISTRATION,
     date(2021, 7, 20), 1000, True),
    ("21 100 007", WRENMOOR, "Housing > Allocations", "Not upheld", date(2022, 9, 2), None, False),
    ("21 100 008", OAKHOLLOW, "Planning > Enforcement", MALADMINISTRATION, date(2022, 11, 14), None,
     False),
]  # fmt: skip
ENDPOINTS = ["/api/decisions/", "/decisions/feed/", "/decisions/export.csv"]


def fields(reference, organisation, category, outcome, day, pay, cites):
    found = f"The Council took eleven weeks. {CITING if cites else ''}".strip()
    action = (
        [
            "Within one month the Council will:",
            "apologise to Mr X;",
            f"pay Mr X £{pay} for distress.",
        ]
        if pay
        else ["Within one month the Council will apologise to Mr X."]
    )
    return {
        "reference": reference,
        "organisation": organisation,
        "category": category,
        "outcome": outcome,
        "decision_date": f"{day.day} {day:%b %Y}",
        "summary": "The Council delayed the enforcement review.",
        "sections": {
            "What I found": [found],
            "Agreed action": action,
            "Final decision": ["I have completed my investigation."],
        },
    }


@pytest.fixture
def archive(write_decision):
    for spec in SPEC:
        path = write_decision(f"{spec[0].replace(' ', '')}.txt", **fields(*spec))
    report = import_paths([path.parent])
    assert report.failed == 0


def slug(organisation: str) -> str:
    return organisation.lower().replace(" ", "-")


def wording_slug(label: str) -> str:
    return Outcome.objects.get(label=label).slug


def category_slug(published: str) -> str:
    parent, name = published.split(" > ")
    return Category.objects.get(parent__name=parent, name=name).slug


def references(client, endpoint: str, params) -> list[str]:
    """The references an endpoint gives for a search (all of them: the test archive is small)."""
    response = client.get(endpoint, params)
    assert response.status_code == 200, response.content
    if endpoint.startswith("/api/"):
        body = response.json()
        assert body["pages"] <= 1
        found = [record["reference"] for record in body["results"]]
        assert body["count"] == len(found)
        return found
    if endpoint.endswith(".csv"):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return [row["reference"] for row in csv.DictReader(io.StringIO(text))]
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    return [title.rsplit("(", 1)[1].rstrip(")") for title in titles]


def expected(keep) -> list[str]:
    """References of SPEC rows that `keep` accepts, computed here from what was written."""
    return sorted(row[0] for row in SPEC if keep(*row))


# --- refusals -------------------------------------------------------------------------------

BAD = [
    ({"organisation": "no-such-council"}, "organisation", "no-such-council"),
    ({"organisation": [slug(WRENMOOR), "no-such-council"]}, "organisation", "no-such-council"),
    ({"outcome": "nonsense"}, "outcome", "nonsense"),
    ({"outcome_wording": "nonsense"}, "outcome_wording", "nonsense"),
    ({"category": "nonsense"}, "category", "nonsense"),
    ({"published_category": "nonsense"}, "published_category", "nonsense"),
    ({"year": "abc"}, "year", "abc"),
    ({"year": ["2021", "abc"]}, "year", "abc"),
    ({"date_from": "2020-13-45"}, "date_from", "2020-13-45"),
    ({"date_to": "yesterday"}, "date_to", "yesterday"),
    ({"payment_min": "lots"}, "payment_min", "lots"),
    ({"payment_max": "-5"}, "payment_max", "-5"),
    ({"citation": "no-such-act"}, "citation", "no-such-act"),
    ({"remedy": "a-pony"}, "remedy", "a-pony"),
    ({"reason": "nonsense"}, "reason", "nonsense"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("params", "parameter", "value"), BAD)
def test_a_value_that_names_nothing_is_a_400_naming_the_parameter_and_the_value(
    archive, client, endpoint, params, parameter, value
):
    response = client.get(endpoint, params)
    assert response.status_code == 400
    if endpoint.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        error = response.json()["error"]
        assert error["status"] == 400
        message = error["message"]
    else:
        assert response["Content-Type"].startswith("text/plain")
        message = response.content.decode()
    assert f"{parameter}={value}" in message
    # Nothing of the archive is handed out with the refusal.
    assert not any(row[0] in message for row in SPEC)
    assert not any(organisation in message for organisation in (WRENMOOR, OAKHOLLOW, FENBRIDGE))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_unknown_value_is_named_in_one_refusal(archive, client, endpoint):
    params = {"organisation": [slug(OAKHOLLOW), "no-such-council"], "outcome": "nonsense"}
    response = client.get(endpoint, params)
    assert response.status_code == 400
    text = response.content.decode()
    assert "organisation=no-such-council" in text and "outcome=nonsense" in text


@pytest.mark.parametrize("extra", [{}, {"organisation": slug(OAKHOLLOW)}, {"q": "enforcement"}])
def test_the_page_names_an_unknown_citation_and_matches_nothing(archive, client, extra):
    """Where the API, feed and CSV refuse, the search page keeps the value and names it."""
    response = client.get("/decisions/", {"citation": "no-such-act", **extra})
    assert response.status_code == 200
    page = response.content.decode()
    assert "citation=no-such-act" in page and "notice-unknown" in page
    assert not any(row[0] in page for row in SPEC)


@pytest.mark.parametrize(
    "params",
    [
        {"organisation": "no-such-council"},
        {"q": "enforcement", "date_to": "22020-03-11"},
        {"outcome": "nonsense", "sort": "newest"},
        {"q": "enforcement", "sort": "sideways"},
        {"organisation": slug(OAKHOLLOW), "page": "abc"},
        {"organisation": slug(OAKHOLLOW), "sort": "oldest"},
    ],
)
def test_every_feed_or_download_the_search_page_offers_answers(archive, client, params):
    """The page keeps a value a feed or an export would refuse, and names it: it offers
    neither while it holds one, and every one it does offer works."""
    page = client.get("/decisions/", params).content.decode()
    offered = [
        html.unescape(href)
        for href in re.findall(r'href="([^"]+)"', page)
        if href.startswith(("/decisions/feed/", "/decisions/export.csv"))
    ]
    # A download is of every match, so it carries no page number: a bad one is no matter.
    matches = {name: value for name, value in params.items() if name != "page"}
    refused = client.get("/decisions/export.csv", matches).status_code == 400
    assert bool(offered) != refused
    assert ("downloads-refused" in page) == refused
    for href in offered:
        assert client.get(href).status_code == 200, href


# --- valid searches give exactly their matches ----------------------------------------------

VALID = [
    ({}, lambda *row: True),
    ({"organisation": slug(WRENMOOR)}, lambda ref, org, *_: org == WRENMOOR),
    ({"organisation": [slug(WRENMOOR), slug(FENBRIDGE)]},
     lambda ref, org, *_: org in (WRENMOOR, FENBRIDGE)),
    ({"outcome": "upheld"}, lambda ref, org, cat, outcome, *_: outcome.startswith("Upheld")),
    ({"outcome": ["not_upheld", "closed"]},
     lambda ref, org, cat, outcome, *_: outcome in ("Not upheld", CLOSED)),
    ({"category": "planning"}, lambda ref, org, cat, *_: cat.startswith("Planning")),
    ({"category": "housing", "organisation": slug(OAKHOLLOW)},
     lambda ref, org, cat, *_: cat.startswith("Housing") and org == OAKHOLLOW),
    ({"year": "2021"}, lambda ref, org, cat, outcome, day, *_: day.year == 2021),
    ({"year": ["2020", "2022"]}, lambda ref, org, cat, outcome, day, *_: day.year != 2021),
    ({"date_from": "2021-03-05", "date_to": "2022-09-02"},
     lambda ref, org, cat, outcome, day, *_: date(2021, 3, 5) <= day <= date(2022, 9, 2)),
    ({"payment_min": "200"}, lambda *row: (row[5] or 0) >= 200),
    ({"payment_min": "100", "payment_max": "400"}, lambda *row: 100 <= (row[5] or 0) <= 400),
    ({"organisation": slug(FENBRIDGE), "year": "2020"}, lambda *row: False),
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("params", "keep"), VALID)
def test_a_valid_search_answers_200_with_only_its_matches(archive, client, endpoint, params, keep):
    assert sorted(references(client, endpoint, params)) == expected(keep)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_wording_and_the_group_are_each_selectable_alone(archive, client, endpoint):
    wording = references(client, endpoint, {"outcome_wording": wording_slug("Upheld")})
    group = references(client, endpoint, {"outcome": "upheld"})
    assert sorted(wording) == expected(lambda ref, org, cat, outcome, *_: outcome == "Upheld")
    assert sorted(group) == expected(
        lambda ref, org, cat, outcome, *_: outcome.startswith("Upheld")
    )
    assert len(group) > len(wording)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_category_group_and_a_category_as_published_are_each_selectable(
    archive, client, endpoint
):
    group = references(client, endpoint, {"category": category_slug("Planning > Enforcement")})
    old = category_slug("Planning and development > Enforcement")
    published = references(client, endpoint, {"published_category": old})
    assert sorted(group) == expected(lambda ref, org, cat, *_: cat.endswith("> Enforcement"))
    assert sorted(published) == expected(
        lambda ref, org, cat, *_: cat == "Planning and development > Enforcement"
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_citation_filter_gives_the_decisions_citing_it(archive, client, endpoint):
    section = Provision.objects.get(label="Local Government Act 1974, section 26(1)")
    found = references(client, endpoint, {"citation": section.slug})
    assert sorted(found) == expected(lambda *row: row[6])


# --- old spellings --------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_outcome_wording_given_as_an_outcome_is_read_as_the_wording(archive, client, endpoint):
    wording = wording_slug(MALADMINISTRATION)
    assert wording != "upheld"
    old = references(client, endpoint, {"outcome": wording})
    new = references(client, endpoint, {"outcome_wording": wording})
    assert old == new
    assert sorted(new) == expected(lambda ref, org, cat, outcome, *_: outcome == MALADMINISTRATION)
    # Beside a group, the alias still adds its wording (values of one facet combine with OR).
    both = references(client, endpoint, {"outcome": ["not_upheld", wording]})
    assert sorted(both) == expected(
        lambda ref, org, cat, outcome, *_: outcome in ("Not upheld", MALADMINISTRATION)
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_grouped_category_given_as_a_category_is_read_as_published(archive, client, endpoint):
    old_name = category_slug("Planning and development > Enforcement")
    old = references(client, endpoint, {"category": old_name})
    new = references(client, endpoint, {"published_category": old_name})
    assert old == new
    assert sorted(new) == expected(
        lambda ref, org, cat, *_: cat == "Planning and development > Enforcement"
    )


# --- the feed says where it is --------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        [("organisation", slug(WRENMOOR)), ("outcome", "upheld")],
        [("category", "planning"), ("year", "2020"), ("year", "2022"), ("q", "enforcement review")],
    ],
)
def test_the_feeds_self_link_carries_its_query(archive, client, params):
    response = client.get("/decisions/feed/", params)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    self_link = urlsplit(links["self"])
    assert self_link.path == "/decisions/feed/"
    assert sorted(parse_qsl(self_link.query)) == sorted(params)
    alternate = urlsplit(links["alternate"])
    assert alternate.path == "/decisions/" and sorted(parse_qsl(alternate.query)) == sorted(params)


def test_the_feed_without_a_query_has_a_plain_self_link(archive, client):
    feed = ET.fromstring(client.get("/decisions/feed/").content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert urlsplit(links["self"]).path == "/decisions/feed/"
    assert urlsplit(links["self"]).query == ""


def test_the_api_refusal_is_the_one_json_error_shape(archive, client):
    response = client.get("/api/decisions/", {"citation": "no-such-act"})
    assert set(json.loads(response.content)) == {"error"}
    assert set(response.json()["error"]) == {"status", "message"}


@pytest.mark.parametrize("endpoint", ["/api/decisions/", "/decisions/"])
def test_a_nul_in_the_words_parts_them_and_never_widens_the_search(archive, client, endpoint):
    """A NUL character typed or sent in the words is read as a space: the search is for the
    words around it, never the whole archive."""
    parted = client.get(endpoint, {"q": "homelessness\x00review"})
    spaced = client.get(endpoint, {"q": "homelessness review"})
    assert parted.status_code == spaced.status_code == 200
    if endpoint.startswith("/api/"):
        assert (
            parted.json()["count"] == spaced.json()["count"] < client.get(endpoint).json()["count"]
        )
    else:
        assert parted.context["result"].total == spaced.context["result"].total
        assert "could not be used" not in parted.content.decode()


def test_each_search_reads_its_own_parameters_with_the_one_form_class():
    """The form class is built once (filters.OneFormClass), but no form shares its fields or
    what it read with another: a refused value in one search is not refused in the next."""
    from django.http import QueryDict

    from decisions.filters import SearchParameters

    refused = SearchParameters(QueryDict("page=two&date_from=2021-13-01&q=noise"))
    accepted = SearchParameters(QueryDict("page=2&date_from=2021-12-01"))
    assert type(refused.form) is type(accepted.form)
    assert refused.form.fields["page"] is not accepted.form.fields["page"]
    assert set(refused.form.errors) == {"page", "date_from"}
    assert not accepted.form.errors
    assert accepted.search_query().page == 2
    assert accepted.search_query().selection.date_from == date(2021, 12, 1)
    assert (refused.search_query().text, accepted.search_query().text) == ("noise", "")
    refused.form.fields["page"].required = True  # a change to one form's field stays in it
    assert SearchParameters(QueryDict("q=a")).form.is_valid()

"""Organisation and category profiles, the council index, feeds, CSV, the API's schema,
sitemaps and robots.txt, each checked against numbers the test works out for itself."""

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest

from decisions.importing import import_paths
from decisions.models import Organisation
from decisions.search.engine import SearchQuery, search
from decisions.search.facets import Selection
from tests.factories import FICTIONAL

pytestmark = pytest.mark.django_db

W, O, H = "Wrenmoor District Council", "Oakhollow Borough Council", "Heathvale Care Homes Ltd"  # noqa: E741
GROUPS = {
    "Upheld": "upheld",
    "Upheld: maladministration and injustice": "upheld",
    "Not upheld": "not_upheld",
    "Closed after initial enquiries": "closed",
    "Withdrawn": "other",
}


@dataclass(frozen=True)
class Spec:
    reference: str
    organisation: str
    category: str
    outcome: str | None
    day: date | None
    summary: str = "The Council delayed its review."

    @property
    def group(self):
        return GROUPS.get(self.outcome) if self.outcome else None


SPECS = [
    Spec("19 000 001", W, "Housing > Homelessness", "Upheld", date(2019, 3, 5)),
    Spec("19 000 002", W, "Housing > Allocations", "Not upheld", date(2019, 7, 1)),
    Spec("21 000 003", W, "Housing > Homelessness", "Closed after initial enquiries",
         date(2021, 2, 2)),
    Spec("21 000 004", W, "Education > School transport",
         "Upheld: maladministration and injustice", date(2021, 9, 9)),
    Spec("22 000 005", W, "Housing > Homelessness", None, date(2022, 1, 4)),
    Spec("22 000 006", W, "Trees", "Withdrawn", None),
    Spec("20 000 007", O, "Housing > Homelessness", "Upheld", date(2020, 6, 8)),
    Spec("20 000 008", O, "Housing > Allocations", "Not upheld", date(2020, 6, 9)),
    Spec("21 000 009", O, "Trees", "Not upheld", date(2021, 10, 1)),
    Spec("18 000 010", O, "Housing > Homelessness", "Upheld", date(2018, 5, 5)),
    Spec("21 000 011", H, "Adult care services > Charging", "Upheld", date(2021, 4, 4)),
    Spec("22 000 012", H, "Adult care services > Charging", "Not upheld", date(2022, 4, 4)),
    Spec("22 000 013", O, "Housing > Homelessness", "Upheld", date(2022, 8, 1),
         summary="=HYPERLINK(\"http://evil.example\") and a “quoted”, comma"),
]  # fmt: skip


@pytest.fixture
def archive(write_decision):
    for spec in SPECS:
        path = write_decision(
            f"{spec.reference.replace(' ', '')}.txt",
            reference=spec.reference,
            organisation=spec.organisation,
            category=spec.category,
            outcome=spec.outcome,
            decision_date=f"{spec.day.day} {spec.day:%b %Y}" if spec.day else None,
            summary=spec.summary,
        )
    report = import_paths([path.parent])
    assert report.failed == 0


def slug_of(name: str) -> str:
    return Organisation.objects.get(name=name).slug


def rate(specs) -> float | None:
    groups = Counter(spec.group for spec in specs)
    investigated = groups["upheld"] + groups["not_upheld"]
    return groups["upheld"] / investigated if investigated else None


def wilson_lower_bound(specs, z=1.96) -> float:
    """The lower end of the 95% Wilson score interval of the upheld rate, worked out here."""
    groups = Counter(spec.group for spec in specs)
    n = groups["upheld"] + groups["not_upheld"]
    p = groups["upheld"] / n
    centre = p + z * z / (2 * n)
    return (centre - z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5) / (1 + z * z / n)


# --- organisation profile ---------------------------------------------------------------------


def test_organisation_profile_numbers_match_counts_worked_out_here(archive, client):
    mine = [s for s in SPECS if s.organisation == W]
    response = client.get(f"/api/organisations/{slug_of(W)}/")
    assert response.status_code == 200
    profile = response.json()
    assert profile["decisions"] == len(mine)
    dated = sorted(s.day for s in mine if s.day)
    assert profile["first_decision_date"] == dated[0].isoformat()
    assert profile["last_decision_date"] == dated[-1].isoformat()
    groups = Counter(s.group for s in mine)
    assert profile["outcomes"]["by_group"] == {
        g: groups[g] for g in ("upheld", "not_upheld", "closed", "other")
    }
    assert profile["outcomes"]["not_recorded"] == groups[None]
    assert profile["outcomes"]["upheld_rate"] == pytest.approx(rate(mine))
    # Peers: every council (not the care provider) over the same years, 2019 to 2022.
    peers = [s for s in SPECS if s.organisation in (W, O) and s.day and 2019 <= s.day.year <= 2022]
    assert profile["peer_outcomes"]["total"] == len(peers)
    assert profile["peer_outcomes"]["upheld_rate"] == pytest.approx(rate(peers))
    # Every year from the first to the last, gaps included.
    years = {row["year"]: row for row in profile["years"]}
    assert list(years) == [2019, 2020, 2021, 2022]
    for year, row in years.items():
        in_year = [s for s in mine if s.day and s.day.year == year]
        assert row["total"] == len(in_year)
        assert row["by_group"]["upheld"] == sum(s.group == "upheld" for s in in_year)
    categories = Counter(s.category.split(" > ")[-1] for s in mine)
    top = [(c["name"], c["decisions"]) for c in profile["top_categories"]]
    assert top[0] == ("Homelessness", 3) and sorted(top) == sorted(categories.items())
    newest = sorted((s for s in mine if s.day), key=lambda s: s.day, reverse=True)
    latest = [d["reference"] for d in profile["latest"]]
    assert latest == [s.reference for s in newest] + ["22 000 006"]  # undated last


def test_organisation_page_states_the_rate_and_how_it_is_computed(archive, client):
    page = client.get(f"/organisations/{slug_of(W)}/").content.decode()
    mine = [s for s in SPECS if s.organisation == W]
    assert f"{rate(mine):.0%}" in page  # 2 upheld of 3 investigated: 67%
    assert "share of investigated decisions" in page
    assert "closed after initial enquiries" in page.lower()
    assert f'href="/decisions/?organisation={slug_of(W)}"' in page
    assert f'href="/decisions/feed/?organisation={slug_of(W)}"' in page
    assert '<svg class="year-chart"' in page and 'role="img"' in page
    assert ">Decisions per year by outcome: " in page


def test_a_profile_leads_to_the_joint_decisions_counted_under_another_body(write_decision, client):
    joint = "Wrenmoor District Council and Oakhollow Borough Council"
    import_paths([write_decision("joint.txt", reference="21 000 001", organisation=joint),
                  write_decision("own.txt", reference="21 000 002",
                                 organisation="Oakhollow Borough Council")])  # fmt: skip
    page = client.get("/organisations/oakhollow-borough-council/").content.decode()
    assert "counted under the first one it names" in page
    link = html.unescape(re.search(r'id="joint-note">[^<]*<a href="([^"]+)"', page)[1])
    found = client.get(link).content.decode()
    assert "21 000 001" in found and "21 000 002" in found


@pytest.mark.parametrize("undated", [0, 1, 2])
def test_a_profile_says_how_many_decisions_are_in_no_year(write_decision, client, undated):
    import_paths([
        write_decision(f"{number}.txt", reference=f"21 000 00{number}",
                       decision_date=None if number < undated else f"5 Mar 20{19 + number}")
        for number in range(4)
    ])  # fmt: skip
    page = client.get("/organisations/wrenmoor-district-council/").content.decode()
    in_years = re.search(r'<table class="numbers year-table">.*?</table>', page, re.S)[0]
    years = [int(total) for total in re.findall(r"<td>(\d+)</td></tr>", in_years)]
    assert sum(years) == 4 - undated
    note = re.search(r'id="undated">(\d+) decisions? ha(?:s|ve) no recorded date', page)
    assert (int(note[1]) if note else 0) == undated


def test_an_unknown_organisation_is_404_on_page_and_api(client):
    assert client.get("/organisations/nobody/").status_code == 404
    response = client.get("/api/organisations/nobody/")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_the_council_index_counts_filters_and_sorts(archive, client):
    listed = client.get("/api/organisations/").json()["results"]
    assert {o["name"]: o["decisions"] for o in listed} == dict(
        Counter(s.organisation for s in SPECS)
    )
    councils = client.get("/api/organisations/", {"kind": "council"}).json()["results"]
    assert {o["name"] for o in councils} == {W, O}
    named = client.get("/api/organisations/", {"name": "oakhol"}).json()["results"]
    assert [o["name"] for o in named] == [O]
    by_rate = client.get("/organisations/", {"sort": "rate"}).context["summaries"]
    # Ranked by the rate allowing for small numbers: O's 3 of 5 before W's 2 of 3.
    bounds = {
        name: wilson_lower_bound([s for s in SPECS if s.organisation == name]) for name in (W, O, H)
    }
    assert [s.organisation.name for s in by_rate] == sorted(bounds, key=bounds.get, reverse=True)
    by_count = client.get("/organisations/", {"sort": "count"}).context["summaries"]
    assert [s.organisation.name for s in by_count][0] == W
    # The API lists them in the page's order.
    for order, summaries in (("rate", by_rate), ("count", by_count)):
        listed = client.get("/api/organisations/", {"sort": order}).json()["results"]
        assert [o["name"] for o in listed] == [s.organisation.name for s in summaries]
    # A value the page cannot use is said, beside what it lists instead; never an error.
    page = client.get("/organisations/", {"sort": "nonsense", "kind": "councils"})
    assert page.status_code == 200 and len(page.context["summaries"]) == len(listed)
    text = html.unescape(page.content.decode())
    assert 'id="id_kind_error"' in text and 'id="id_sort_error"' in text
    assert "“councils” is not a kind of body the archive knows (council, care provider, " in text
    assert "“nonsense” is not an order this list knows (name A–Z, most decisions, " in text


# --- categories -------------------------------------------------------------------------------


def test_a_parent_category_counts_its_subcategories(archive, client):
    housing = [s for s in SPECS if s.category.startswith("Housing")]
    profile = client.get("/api/categories/housing/").json()
    assert profile["decisions"] == len(housing)
    assert profile["outcomes"]["upheld_rate"] == pytest.approx(rate(housing))
    top = {o["name"]: o["decisions"] for o in profile["top_organisations"]}
    assert top == dict(Counter(s.organisation for s in housing))
    tree = {c["slug"]: c for c in client.get("/api/categories/").json()["results"]}
    assert tree["housing"]["decisions"] == len(housing)
    children = {c["name"]: c["decisions"] for c in tree["housing"]["subcategories"]}
    assert children == dict(Counter(s.category.split(" > ")[1] for s in housing))
    page = client.get("/categories/housing/").content.decode()
    assert "Homelessness" in page and '<svg class="year-chart"' in page


# --- feed and CSV -----------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "council"},
        {"outcome": "upheld"},
        {"category": "housing", "year": ["2020", "2022"]},
    ],
)
def test_the_feed_lists_the_newest_matches_of_the_same_search(archive, client, params):
    response = client.get("/decisions/feed/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    expected = listed_matches(params, sort="newest")
    assert [link.rsplit("/", 2)[-2] for link in links] == [d.slug for d in expected]


def listed_matches(params, sort=None) -> list:
    """Every match of the search, page after page, in the order the search page lists them."""
    selection = Selection(
        organisation=tuple(params.get("organisation", ())),
        category=(params["category"],) if "category" in params else (),
        outcome=(params["outcome"],) if "outcome" in params else (),
        year=tuple(int(y) for y in params.get("year", ())),
    )
    query = SearchQuery(params.get("q", ""), selection, sort or params.get("sort", ""))
    first = search(query)
    pages = [search(replace(query, page=n)) for n in range(2, first.pages + 1)]
    return [hit.decision for result in (first, *pages) for hit in result.hits]


@pytest.mark.parametrize(
    ("params", "not_by_date"),
    [
        ({}, False),
        ({"q": "council", "outcome": "upheld"}, True),  # best first, as the page lists them
        ({"q": "council", "sort": "oldest"}, True),
        ({"q": "council", "sort": "newest"}, False),
        ({"sort": "oldest"}, True),
    ],
)
def test_the_csv_export_holds_every_match_quoted_and_safe(archive, client, params, not_by_date):
    response = client.get("/decisions/export.csv", params)
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    listed = [d.reference for d in listed_matches(params)]
    assert [row["reference"] for row in rows] == listed
    # Where the page's order is not newest first, the archive is made so that they differ.
    newest = [d.reference for d in listed_matches(params, sort="newest")]
    assert (listed != newest) is not_by_date
    by_reference = {row["reference"]: row for row in rows}
    first = by_reference["20 000 007"]
    assert (first["organisation"], first["kind"]) == (O, "Council")
    assert (first["category"], first["parent category"]) == ("Homelessness", "Housing")
    assert (first["outcome"], first["outcome group"], first["date"]) == (
        "Upheld",
        "Upheld",
        "2020-06-08",
    )
    assert first["url"] == "http://testserver/decisions/20-000-007/"
    hostile = by_reference["22 000 013"]
    assert hostile["summary"] == '\'=HYPERLINK("http://evil.example") and a “quoted”, comma'


# --- the API's schema -------------------------------------------------------------------------


def test_every_endpoint_returns_what_the_openapi_document_says(archive, client, write_decision):
    from jsonschema import Draft202012Validator
    from openapi_spec_validator import validate

    # Decisions with findings (remedies, a reason, citations), so that those are checked too.
    paying = "The Council will apologise and pay Mr X £250 for his distress."
    closed = "We will not investigate: Mr X could appeal to the tribunal."
    citing = "(Local Government Act 1974, section 26(1), as amended)"
    paths = [
        write_decision(f"{reference[-3:]}.txt", reference=reference, outcome=outcome, summary=text)
        for reference, outcome, text in (
            ("23 000 998", "Upheld", f"{paying} {citing}"),
            ("23 000 999", "Closed after initial enquiries", f"{closed} {citing}"),
        )
    ]
    assert import_paths(paths).imported == 2
    document = client.get("/api/schema/").json()
    validate(document)  # a well-formed OpenAPI 3.1 description
    examples = {
        "/api/decisions/": [
            {"q": "council"},
            {"category": "housing", "outcome": "upheld"},
            {"remedy": "payment", "payment_min": "100", "reason": "other"},
        ],
        "/api/decisions/{slug}/": ["19-000-001", "22-000-006", "23-000-998", "23-000-999"],
        "/api/organisations/": [{}, {"kind": "care_provider"}],
        "/api/organisations/{slug}/": [slug_of(W), slug_of(H)],
        "/api/categories/": [{}],
        "/api/categories/{slug}/": ["housing", "trees"],
        "/api/legislation/": [{}],
    }
    assert set(examples) == set(document["paths"])  # every documented path is tried
    for path, cases in examples.items():
        for case in cases:
            if isinstance(case, dict):
                response, status = client.get(path, case), "200"
            else:
                response, status = client.get(path.replace("{slug}", case)), "200"
            check_against(document, path, status, response, Draft202012Validator)
        if "{slug}" in path:
            missing = client.get(path.replace("{slug}", "no-such-thing"))
            check_against(document, path, "404", missing, Draft202012Validator)


def check_against(document, path, status, response, validator_class):
    assert response.status_code == int(status), (path, response.status_code)
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]
    root = {**schema["schema"], "components": document["components"]}
    errors = list(validator_class(root).iter_errors(response.json()))
    assert not errors, (path, [error.message for error in errors[:3]])


def test_the_schema_rejects_what_the_endpoints_do_not_return(client):
    """The check above can fail: a record with a field the schema does not list is refused."""
    from jsonschema import Draft202012Validator

    document = client.get("/api/schema/").json()
    schema = {"$ref": "#/components/schemas/OrganisationList", **document}
    validator = Draft202012Validator(schema)
    good = {
        "count": 1,
        "results": [
            {
                "name": "A",
                "slug": "a",
                "kind": "council",
                "url": "http://x/",
                "decisions": 1,
                "upheld_rate": None,
            }
        ],
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "results": [{**good["results"][0], "extra": 1}]})
    assert not validator.is_valid({**good, "results": [{**good["results"][0], "kind": "bank"}]})


# --- found by search engines ------------------------------------------------------------------


def test_sitemap_index_and_paged_sections(archive, client, monkeypatch):
    from decisions import sitemaps

    monkeypatch.setattr(sitemaps.DecisionSitemap, "limit", 5)
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>([^<]+)</loc>", index)
    assert "http://testserver/sitemap-decisions.xml?p=3" in sections  # 13 decisions, 5 a page
    third = client.get("/sitemap-decisions.xml", {"p": 3}).content.decode()
    assert len(re.findall(r"<url>", third)) == len(SPECS) - 10
    organisations = client.get("/sitemap-organisations.xml").content.decode()
    assert f"http://testserver/organisations/{slug_of(W)}/" in organisations


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_the_rest(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    lines = robots.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /api/", "Disallow: /decisions/?"} <= set(lines)


def test_every_page_has_its_own_title_description_and_canonical_url(archive, client):
    pages = [
        "/",
        "/decisions/",
        "/decisions/19-000-001/",
        "/how-to-search/",
        "/organisations/",
        f"/organisations/{slug_of(W)}/",
        "/categories/",
        "/categories/housing/",
    ]
    titles = set()
    for url in pages:
        html = client.get(url).content.decode()
        title = re.search(r"<title>([^<]+)</title>", html).group(1).strip()
        description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert title and description.strip(), url
        assert canonical == f"http://testserver{url}", url
        titles.add(title)
    assert len(titles) == len(pages)


def test_the_feed_dates_are_the_decision_dates(archive, client):
    feed = ET.fromstring(client.get("/decisions/feed/", {"q": "council"}).content)
    entry = next(feed.iter(f"{ATOM}entry"))
    published = datetime.fromisoformat(entry.find(f"{ATOM}published").text)
    assert published.date() == date(2022, 8, 1)


def test_the_search_page_links_to_the_feed_and_csv_of_the_same_search(archive, client):
    html = client.get("/decisions/", {"q": "council", "outcome": "upheld", "page": "1"})
    page = html.content.decode()
    assert 'href="/decisions/feed/?q=council&amp;outcome=upheld"' in page
    assert 'href="/decisions/export.csv?q=council&amp;outcome=upheld"' in page
    # The download keeps the order chosen; the feed, of new decisions, is always newest first.
    ordered = client.get("/decisions/", {"q": "council", "sort": "oldest", "page": "2"})
    assert 'href="/decisions/export.csv?q=council&amp;sort=oldest"' in ordered.content.decode()
    assert 'href="/decisions/feed/?q=council"' in ordered.content.decode()
    decision = client.get("/decisions/19-000-001/").content.decode()
    assert f'href="/organisations/{slug_of(W)}/"' in decision


@pytest.mark.parametrize(
    "url", ["/", "/decisions/?q=council", "/decisions/19-000-001/", "/api/organisations/"]
)
def test_pages_answer_304_until_the_archive_changes(archive, client, write_decision, url):
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    import_paths([write_decision("new.txt", reference="23 000 099")])
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


# --- real bodies are compared with real decisions only ----------------------------------------

# Invented councils in the same years as Wrenmoor's decisions, all upheld: counted with the
# real ones, they would raise the councils' rate.
MADE_UP = [
    Spec(
        f"2{year % 10} 000 {number:03}", name, "Housing > Homelessness", "Upheld", date(year, 5, 5)
    )
    for number, (name, year) in enumerate(
        [("Fernhollow Council", 2019), ("Fernhollow Council", 2020), ("Marshby Council", 2021)]
        + [("Marshby Council", 2022), ("Marshby Council", 2022)],
        start=101,
    )
]


@pytest.fixture
def with_made_up_councils(archive, write_decision):
    from tests.factories import FICTIONAL

    paths = [
        write_decision(
            f"made-up-{spec.reference.replace(' ', '')}.txt",
            reference=spec.reference,
            organisation=spec.organisation,
            category=spec.category,
            outcome=spec.outcome,
            decision_date=f"{spec.day.day} {spec.day:%b %Y}",
            extra=FICTIONAL,
        )
        for spec in MADE_UP
    ]
    assert import_paths(paths).imported == len(MADE_UP)


def test_a_real_bodys_profile_is_compared_with_real_decisions_only(with_made_up_councils, client):
    real_peers = [
        s for s in SPECS if s.organisation in (W, O) and s.day and 2019 <= s.day.year <= 2022
    ]
    profile = client.get(f"/api/organisations/{slug_of(W)}/").json()
    assert profile["peer_outcomes"]["total"] == len(real_peers)
    assert profile["peer_outcomes"]["upheld_rate"] == pytest.approx(rate(real_peers))
    page = client.get(f"/organisations/{slug_of(W)}/").content.decode()
    peer_rate = re.search(r'<dd id="peer-rate">(.*?)</dd>', page, re.S).group(1)
    upheld = sum(s.group == "upheld" for s in real_peers)
    investigated = sum(s.group in ("upheld", "not_upheld") for s in real_peers)
    assert f"{rate(real_peers):.0%}" in peer_rate
    assert f"({upheld} of {investigated} investigated)" in peer_rate
    assert "across 2 councils" in peer_rate  # Wrenmoor and Oakhollow, not the invented ones
    assert "<dt>All councils, 2019 to 2022</dt>" in page
    assert "real decisions only" in page


def test_a_fictional_bodys_profile_is_compared_with_fictional_decisions_only(
    with_made_up_councils, client
):
    marshby = [s for s in MADE_UP if s.organisation == "Marshby Council"]
    years = range(min(s.day.year for s in marshby), max(s.day.year for s in marshby) + 1)
    made_up_peers = [s for s in MADE_UP if s.day.year in years]
    slug = slug_of("Marshby Council")
    profile = client.get(f"/api/organisations/{slug}/").json()
    assert profile["peer_outcomes"]["total"] == len(made_up_peers)
    page = client.get(f"/organisations/{slug}/").content.decode()
    assert "<dt>All fictional councils, 2021 to 2022</dt>" in page
    assert f"({len(made_up_peers)} of {len(made_up_peers)} investigated)" in page
    assert "across 1 council" in page  # Marshby alone has invented decisions in 2021 and 2022
    assert "compared with the other fictional examples only" in page


def test_the_csv_says_which_rows_are_fictional_as_the_api_does(with_made_up_councils, client):
    response = client.get("/decisions/export.csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    made_up = {s.reference for s in MADE_UP}
    assert {row["reference"]: row["fictional"] for row in rows} == {
        s.reference: "yes" if s.reference in made_up else "no" for s in SPECS + MADE_UP
    }
    for reference in ("19 000 001", MADE_UP[0].reference):
        record = client.get(f"/api/decisions/{reference.replace(' ', '-')}/").json()
        assert record["fictional"] == (reference in made_up)


def test_the_csv_names_every_body_of_a_joint_decision_beside_the_first(write_decision, client):
    joint = "Wrenmoor District Council and Oakhollow Borough Council"
    import_paths([write_decision("joint.txt", reference="21 000 001", organisation=joint)])
    export = b"".join(client.get("/decisions/export.csv").streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(export)))
    assert (row["organisation"], row["organisations as published"]) == (
        "Wrenmoor District Council",
        joint,
    )


def test_the_feed_has_an_author_and_says_which_entries_are_fictional(write_decision, client):
    """Atom needs an author where no entry names one (RFC 4287, 4.1.1); a feed reader shows no
    badge, so an invented example says so in its title."""
    import_paths([write_decision("made-up.txt", reference="21 000 001", extra=FICTIONAL),
                  write_decision("real.txt", reference="21 000 002")])  # fmt: skip
    feed = ET.fromstring(client.get("/decisions/feed/").content)
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Ombudsman decisions archive"
    titles = sorted(entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry"))
    assert titles == [
        "Fictional example: Wrenmoor District Council (21 000 001)",
        "Wrenmoor District Council (21 000 002)",
    ]


@pytest.mark.parametrize("typed", ["CHÂTEAU", "éclair", "chateau", "ECLAIR", "Château Éclair"])
def test_a_name_is_found_in_any_case_and_with_or_without_accents_on_either_database(
    write_decision, client, typed
):
    import_paths([write_decision("c.txt", reference="21 000 001",
                                 organisation="Château Éclair Care Ltd"),
                  write_decision("w.txt", reference="21 000 002")])  # fmt: skip
    listed = client.get("/api/organisations/", {"name": typed}).json()["results"]
    assert [o["name"] for o in listed] == ["Château Éclair Care Ltd"]
    page = client.get("/organisations/", {"name": typed})
    assert [s.organisation.name for s in page.context["summaries"]] == ["Château Éclair Care Ltd"]


def test_a_body_with_no_dated_decision_is_compared_with_nobody_and_says_why(write_decision, client):
    import_paths([write_decision("undated.txt", reference="21 000 001", decision_date=None),
                  write_decision("other.txt", reference="21 000 002",
                                 organisation="Oakhollow Borough Council")])  # fmt: skip
    page = html.unescape(client.get("/organisations/wrenmoor-district-council/").text)
    assert 'id="peer-rate"' not in page and "across 0" not in page
    assert "No comparison with other councils: none of these decisions has a recorded date" in page
    profile = client.get("/api/organisations/wrenmoor-district-council/").json()
    assert profile["peer_outcomes"] is None
    # One dated decision: its day, not "from a day to the same day".
    page = " ".join(
        html.unescape(client.get("/organisations/oakhollow-borough-council/").text).split()
    )
    assert "1 decision in the archive, dated 5 March 2021." in page


def test_the_decisions_stating_a_payment_are_those_its_link_finds(write_decision, client):
    """A payment whose amount could not be read is in no total: the count of decisions with
    an amount leads to those, and the line about the others to every payment."""
    unread = {"Agreed action": ["The Council will make a payment to Mr X for his distress."]}
    read = {"Agreed action": ["The Council will pay Mr X £300 for his distress."]}
    import_paths([write_decision("a.txt", reference="21 000 001", sections=unread),
                  write_decision("b.txt", reference="21 000 002", sections=read)])  # fmt: skip
    page = html.unescape(client.get("/organisations/wrenmoor-district-council/").text)
    counted = re.search(
        r'<dd><a href="([^"]+)" aria-label="(\d+) decisions? stating a payment', page
    )
    assert counted[2] == "1"
    assert client.get(counted[1]).context["result"].total == 1
    every = re.search(
        r'id="payments-unread">1 decision states a payment [^<]*<a href="([^"]+)"', page
    )
    assert client.get(every[1]).context["result"].total == 2

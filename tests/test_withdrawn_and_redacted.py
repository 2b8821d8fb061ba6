"""A withdrawn decision leaves every public place (search, counts, profiles, legislation,
related decisions, feed, CSV, API, sitemap) and its page answers 410; reinstating brings it
back everywhere. A redacted passage shows as [redacted] everywhere and is no longer found by
search. A decision flagged noindex says so to search engines and leaves the sitemap."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from decisions.corrections import REDACTED, Editor, redact, reinstate, set_noindex, withdraw
from decisions.importing import import_paths
from tests.test_profiles import check_against

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EDITOR = Editor(name="tests")
WRENMOOR, PARISH = "Wrenmoor District Council", "Bramblecombe Parish Council"
HOMELESSNESS = "Housing > Homelessness"
CITING = "(Local Government Act 1974, section 26(1), as amended)"
# The decision withdrawn (or redacted) in these tests, and its words found nowhere else.
GONE, GONE_SLUG, GONE_URL = "21 000 001", "21-000-001", "/decisions/21-000-001/"
GONE_SUMMARY = (
    f"Mr Quillfeather waited for a homelessness review. The Council will pay £250. {CITING}"
)
GONE_FINDING = "The Council lost the marrowbone letter and took eleven weeks."
# reference, organisation, category, outcome, date, summary
DECISIONS = [
    (GONE, WRENMOOR, HOMELESSNESS, "Upheld", "5 Mar 2021", GONE_SUMMARY),
    ("21 000 002", WRENMOOR, HOMELESSNESS, "Not upheld", "6 Apr 2021",
     "The Council reviewed a homelessness application on time."),
    ("22 000 004", WRENMOOR, HOMELESSNESS, "Upheld", "7 Apr 2022",
     "The Council delayed a homelessness review."),
    ("21 000 003", PARISH, "Education > School transport", "Upheld", "5 May 2021",
     "The parish council mislaid a homelessness school transport form."),
]  # fmt: skip
OTHER_URL = "/decisions/21-000-002/"  # a decision like the one withdrawn, about the same body
SAME_NUMBERS = "The table below gives the same numbers."
WRENMOOR_SLUG, PARISH_SLUG = "wrenmoor-district-council", "bramblecombe-parish-council"


@pytest.fixture
def archive(write_decision):
    for reference, organisation, category, outcome, day, summary in DECISIONS:
        first = reference == GONE
        path = write_decision(
            f"{reference.replace(' ', '')}.txt",
            reference=reference,
            organisation=organisation,
            category=category,
            outcome=outcome,
            decision_date=day,
            summary=summary,
            sections={
                "The complaint": ["Mr X complains the Council took too long over his review."],
                "What I found": [GONE_FINDING if first else "The Council acted in time."],
            },
        )
    report = import_paths([path.parent])
    assert (report.imported, report.failed) == (len(DECISIONS), 0)


def references_in(html: str) -> set[str]:
    return set(re.findall(r'href="/decisions/(\d\d-\d\d\d-\d\d\d)/', html))


def section(html: str, name: str) -> str:
    found = re.search(rf'<section class="{name}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def chart_words(html: str) -> str:
    return re.search(r'<desc id="year-chart-desc">([^<]*)</desc>', html).group(1)


def api_results(client, path: str) -> list[dict]:
    return client.get(path).json()["results"]


def facet_count(result: dict, facet: str, value: str) -> int:
    return next((v["count"] for v in result["facets"][facet] if v["value"] == value), 0)


# Each public place a decision can appear, read as a reader or a program would, and what it
# shows with the decision (before) and without it (after): worked out from DECISIONS above,
# three decisions about Wrenmoor (two in 2021, one of them upheld, the one withdrawn) and one
# about the parish council, in another category.
PLACES = {
    "search page": (
        lambda c: GONE_SLUG in references_in(c.get("/decisions/", {"q": "homelessness"}).text),
        True,
        False,
    ),
    "search page facet count": (
        lambda c: re.search(
            r'value="wrenmoor-district-council"[^>]*>.*?<span class="count"[^>]*>\(?([\d,]+)',
            c.get("/decisions/").text,
            re.S,
        ).group(1),
        "3",
        "2",
    ),
    "home page latest": (lambda c: GONE_SLUG in references_in(c.get("/").text), True, False),
    "API search results": (
        lambda c: GONE in {r["reference"] for r in c.get("/api/decisions/").json()["results"]},
        True,
        False,
    ),
    "API search count and facet": (
        lambda c: (
            (result := c.get("/api/decisions/", {"q": "homelessness"}).json())["count"],
            facet_count(result, "organisation", WRENMOOR_SLUG),
            facet_count(result, "year", "2021"),
        ),
        (4, 3, 3),
        (3, 2, 2),
    ),
    "organisation profile chart": (
        lambda c: chart_words(c.get(f"/organisations/{WRENMOOR_SLUG}/").text),
        "2021: 2, 1 upheld, 1 not upheld. 2022: 1, 1 upheld. " + SAME_NUMBERS,
        "2021: 1, 1 not upheld. 2022: 1, 1 upheld. " + SAME_NUMBERS,
    ),
    "organisation profile API": (
        lambda c: (
            (profile := c.get(f"/api/organisations/{WRENMOOR_SLUG}/").json())["decisions"],
            [(row["year"], row["total"]) for row in profile["years"]],
            [d["reference"] for d in profile["latest"]],
            profile["payments"]["decisions"],
        ),
        (3, [(2021, 2), (2022, 1)], ["22 000 004", "21 000 002", GONE], 1),
        (2, [(2021, 1), (2022, 1)], ["22 000 004", "21 000 002"], 0),
    ),
    "category profile chart": (
        lambda c: chart_words(c.get("/categories/housing/").text).split(".")[0],
        "2021: 2, 1 upheld, 1 not upheld",
        "2021: 1, 1 not upheld",
    ),
    "category profile API": (
        lambda c: (
            (profile := c.get("/api/categories/housing/").json())["decisions"],
            profile["top_organisations"][0]["decisions"],
        ),
        (3, 3),
        (2, 2),
    ),
    "category index": (
        lambda c: re.search(
            r'href="/categories/housing/">Housing</a> <span class="count">(\d+)',
            c.get("/categories/").text,
        ).group(1),
        "3",
        "2",
    ),
    "organisation index API": (
        lambda c: {
            r["slug"]: r["decisions"] for r in c.get("/api/organisations/").json()["results"]
        }[WRENMOOR_SLUG],
        3,
        2,
    ),
    "legislation page": (
        lambda c: "Local Government Act 1974" in c.get("/legislation/").text,
        True,
        False,
    ),
    "legislation API": (
        lambda c: [(r["name"], r["decisions"]) for r in api_results(c, "/api/legislation/")],
        [("Local Government Act 1974", 1)],
        [],
    ),
    "similar decisions on another page": (
        lambda c: GONE_SLUG in references_in(section(c.get(OTHER_URL).text, "similar")),
        True,
        False,
    ),
    "same-council list on another page": (
        lambda c: GONE_SLUG
        in references_in(section(c.get(OTHER_URL).text, "same-organisation")),
        True,
        False,
    ),
    "feed of a search": (
        lambda c: sorted(
            entry.find(f"{ATOM}link").get("href").rsplit("/", 2)[-2]
            for entry in ET.fromstring(
                c.get("/decisions/feed/", {"organisation": WRENMOOR_SLUG}).content
            ).iter(f"{ATOM}entry")
        ),
        [GONE_SLUG, "21-000-002", "22-000-004"],
        ["21-000-002", "22-000-004"],
    ),
    "CSV export": (
        lambda c: sorted(
            row["reference"]
            for row in csv.DictReader(
                io.StringIO(b"".join(c.get("/decisions/export.csv").streaming_content).decode()[1:])
            )
        ),
        sorted(d[0] for d in DECISIONS),
        sorted(d[0] for d in DECISIONS[1:]),
    ),
    "sitemap": (
        lambda c: f"http://testserver{GONE_URL}" in c.get("/sitemap-decisions.xml").text,
        True,
        False,
    ),
}  # fmt: skip


@pytest.mark.parametrize("place", list(PLACES))
def test_a_withdrawn_decision_leaves_each_public_place_and_reinstating_brings_it_back(
    archive, client, place
):
    probe, shown, withdrawn = PLACES[place]
    assert probe(client) == shown
    withdraw(GONE, "Published in error.", EDITOR)
    assert probe(client) == withdrawn
    reinstate(GONE, "Checked: it may be published.", EDITOR)
    assert probe(client) == shown


def test_a_withdrawn_decisions_page_is_410_with_the_reason_and_none_of_its_text(archive, client):
    assert client.get(GONE_URL).status_code == 200
    withdraw(GONE, "Published before the complainant's name was removed.", EDITOR)
    response = client.get(GONE_URL)
    assert response.status_code == 410
    html = response.text
    assert "Decision 21 000 001 has been withdrawn" in html
    assert "Published before the complainant&#x27;s name was removed." in html
    assert f'href="/changes/{GONE_SLUG}/"' in html
    for text in ("Quillfeather", "marrowbone", "£250", "Homelessness", "Upheld"):
        assert text not in html
    assert response["X-Robots-Tag"] == "noindex"
    # Never kept by a browser as if for ever: a reinstated decision would stay withdrawn.
    assert "no-cache" in response["Cache-Control"]
    assert "no-cache" in client.get(f"/api/decisions/{GONE_SLUG}/")["Cache-Control"]
    # Reinstated, it is the decision's page again.
    reinstate(GONE, "Name removed.", EDITOR)
    assert "marrowbone" in client.get(GONE_URL).text


def test_a_withdrawn_decisions_reference_typed_in_the_search_box_goes_to_its_notice(
    archive, client
):
    withdraw(GONE, "Published before the complainant's name was removed.", EDITOR)
    response = client.get("/decisions/", {"q": GONE})
    assert (response.status_code, response["Location"]) == (302, GONE_URL)
    assert "has been withdrawn" in client.get(GONE_URL).text


def test_a_withdrawn_decisions_json_is_a_410_in_the_error_shape(archive, client):
    from jsonschema import Draft202012Validator

    withdrawal = withdraw(GONE, "Published in error.", EDITOR)
    day = timezone.localdate(withdrawal.withdrawn_at)
    response = client.get(f"/api/decisions/{GONE_SLUG}/")
    assert response.status_code == 410
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == {
        "status": 410,
        "message": f"The decision {GONE} was withdrawn on {day.day} {day:%B %Y}.",
    }
    assert body["withdrawn"]["withdrawn_on"] == day.isoformat()
    assert body["withdrawn"]["reference"] == GONE
    assert body["withdrawn"]["reason"] == "Published in error."
    assert body["withdrawn"]["changes_url"] == f"http://testserver/changes/{GONE_SLUG}/"
    assert "Quillfeather" not in response.text and "marrowbone" not in response.text
    document = client.get("/api/schema/").json()
    check_against(document, "/api/decisions/{slug}/", "410", response, Draft202012Validator)


def test_a_redacted_passage_is_hidden_in_the_withdrawal_reason_on_the_page_and_the_api(
    archive, client
):
    redact(GONE, "Mr Quillfeather", "The complainant's name.", EDITOR)
    withdraw(GONE, "The decision names Mr Quillfeather, which identifies the complainant.", EDITOR)
    shown = f"The decision names {REDACTED}, which identifies the complainant."
    page = client.get(GONE_URL)
    assert page.status_code == 410 and shown in page.text and "Quillfeather" not in page.text
    api = client.get(f"/api/decisions/{GONE_SLUG}/")
    assert api.json()["withdrawn"]["reason"] == shown and "Quillfeather" not in api.text


def test_a_slug_never_heard_of_is_still_a_404(archive, client):
    assert client.get("/decisions/99-999-999/").status_code == 404
    assert client.get("/api/decisions/99-999-999/").status_code == 404


def test_a_body_whose_every_decision_is_withdrawn_is_listed_nowhere(archive, client):
    parish = f"/organisations/{PARISH_SLUG}/"
    assert PARISH in client.get("/organisations/").text
    assert client.get(parish).status_code == 200
    assert "School transport" in client.get("/categories/").text
    withdraw("21 000 003", "Published in error.", EDITOR)
    assert PARISH not in client.get("/organisations/").text
    slugs = {r["slug"] for r in client.get("/api/organisations/").json()["results"]}
    assert slugs == {WRENMOOR_SLUG}
    assert client.get(parish).status_code == 404
    assert client.get(f"/api{parish}").status_code == 404
    assert parish not in client.get("/sitemap-organisations.xml").text
    # Its category, which no other decision is in, leaves the category index too.
    assert "School transport" not in client.get("/categories/").text
    api_names = {r["name"] for r in client.get("/api/categories/").json()["results"]}
    assert api_names == {"Housing"}
    # Nor has it a page of its own, nor one in the sitemap (it said "0 decisions").
    for path in ("/categories/education/", "/categories/education-school-transport/"):
        assert client.get(path).status_code == 404
        assert client.get(f"/api{path}").status_code == 404
        assert path not in client.get("/sitemap-categories.xml").text
    assert "/categories/housing/" in client.get("/sitemap-categories.xml").text
    reinstate("21 000 003", "Checked.", EDITOR)
    assert PARISH in client.get("/organisations/").text
    assert client.get(parish).status_code == 200
    assert client.get("/categories/education-school-transport/").status_code == 200


# --- redaction --------------------------------------------------------------------------------


def test_a_redacted_passage_shows_as_redacted_everywhere_and_is_not_found(archive, client):
    redact(GONE, "Mr Quillfeather", "The complainant's name.", EDITOR)
    redact(GONE, "marrowbone letter", "Identifies the complainant.", EDITOR)
    page = client.get(GONE_URL).text
    assert f"{REDACTED} waited for a homelessness review" in page
    assert f"lost the {REDACTED} and took eleven weeks" in page
    record = client.get(f"/api/decisions/{GONE_SLUG}/").json()
    assert record["summary"].startswith(f"{REDACTED} waited")
    assert f"lost the {REDACTED} and" in record["body"]
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/decisions/export.csv").streaming_content).decode()[1:]
            )
        )
    )
    assert next(r for r in rows if r["reference"] == GONE)["summary"].startswith(REDACTED)
    feed = client.get("/decisions/feed/", {"organisation": WRENMOOR_SLUG}).text
    assert f"{REDACTED} waited" in feed
    # The search index was rebuilt from the redacted text: the words are gone, the rest found.
    for words in ("Quillfeather", "marrowbone"):
        assert client.get("/api/decisions/", {"q": words}).json()["count"] == 0
        assert GONE_SLUG not in references_in(client.get("/decisions/", {"q": words}).text)
    found = client.get("/api/decisions/", {"q": "waited homelessness"}).json()
    assert [r["reference"] for r in found["results"]] == [GONE]
    # Whole even where the snippet starts with it (PostgreSQL's headline starts at a word).
    assert found["results"][0]["snippet"].startswith(f"{REDACTED} <mark>waited</mark>")
    assert "Quillfeather" not in found["results"][0]["snippet"]
    inside = client.get("/api/decisions/", {"q": "eleven weeks"}).json()
    assert [r["reference"] for r in inside["results"]] == [GONE]
    assert f"lost the {REDACTED} and took <mark>eleven</mark>" in inside["results"][0]["snippet"]
    everywhere = [
        page,
        str(record),
        feed,
        client.get("/decisions/", {"q": "waited"}).text,
        client.get("/changes/").text,
        client.get(f"/changes/{GONE_SLUG}/").text,
        client.get("/changes/feed/").text,
    ]
    for text in everywhere:
        assert "Quillfeather" not in text and "marrowbone" not in text


# --- noindex ----------------------------------------------------------------------------------


def test_noindex_adds_the_robots_meta_and_header_and_leaves_the_sitemap(archive, client):
    def page():
        return client.get(GONE_URL)

    assert 'name="robots"' not in page().text and "X-Robots-Tag" not in page()
    assert "X-Robots-Tag" not in client.get(f"/api/decisions/{GONE_SLUG}/")
    set_noindex(GONE, True, "The complainant asked.", EDITOR)
    assert '<meta name="robots" content="noindex">' in page().text
    assert page()["X-Robots-Tag"] == "noindex"
    assert client.get(f"/api/decisions/{GONE_SLUG}/")["X-Robots-Tag"] == "noindex"
    sitemap = client.get("/sitemap-decisions.xml").text
    assert GONE_URL not in sitemap and "/decisions/21-000-002/" in sitemap
    # Still in the archive for readers: only search engines are asked to leave it.
    assert GONE in {r["reference"] for r in client.get("/api/decisions/").json()["results"]}
    # A private change: not in the public log, and not "corrected" on its page.
    assert GONE not in client.get("/changes/").text
    assert "Corrected on" not in page().text
    set_noindex(GONE, False, "Asked again.", EDITOR)
    assert 'name="robots"' not in page().text
    assert GONE_URL in client.get("/sitemap-decisions.xml").text


def test_a_row_a_withdrawn_decisions_record_names_cannot_be_deleted(archive, admin_client):
    """Reinstating needs its organisation, category and outcome: deleting one meanwhile made
    the decision impossible to reinstate (a 500, a foreign key failure)."""
    from decisions.models import Decision

    decision = Decision.objects.get(reference=GONE)
    rows = {"organisation": decision.organisation_id, "category": decision.category_id,
            "outcome": decision.outcome_id}  # fmt: skip
    withdraw(GONE, "Published in error.", EDITOR)
    rows["category-parent"] = decision.category.parent_id
    for model, pk in rows.items():
        model = model.split("-")[0]
        assert admin_client.get(f"/admin/decisions/{model}/{pk}/delete/").status_code == 403
    reinstate(GONE, "Checked.", EDITOR)
    assert Decision.objects.filter(reference=GONE).exists()


@pytest.mark.parametrize("when", ["after the decisions are read", "after the withdrawals are read"])
def test_a_decision_withdrawn_while_an_import_writes_it_stays_withdrawn(
    archive, write_decision, monkeypatch, when
):
    """An editor withdraws a decision while an import holding a changed file of it runs (on
    PostgreSQL nothing locks the batch's reads): the file counts as left withdrawn, never as
    a failure, and the decision never comes back."""
    from decisions import importing
    from decisions.models import Decision, Withdrawal

    target = "StoredDecisions" if when.startswith("after the decisions") else "_redact_again"
    reading = getattr(importing, target)

    def then_withdrawn(*args, **kwargs):
        result = reading(*args, **kwargs)
        if not Withdrawal.objects.filter(reference=GONE).exists():
            withdraw(GONE, "Published in error.", EDITOR)
        return result

    monkeypatch.setattr(importing, target, then_withdrawn)
    changed = write_decision("changed.txt", reference=GONE, summary="A changed summary.")
    report = import_paths([changed])
    assert (report.updated, report.failed, len(report.left_withdrawn)) == (0, 0, 1)
    assert not Decision.objects.filter(reference=GONE).exists()
    assert Withdrawal.objects.filter(reference=GONE).count() == 1


def test_a_passage_in_an_extra_header_field_is_redacted_there_too(write_decision, client):
    """A "Remedy :" line naming the complainant: redacted wherever the decision is shown, and
    a passage found only there can be redacted."""
    extra = {
        "Remedy": "Apology to Mr Blackthorne and £150",
        "Service improvement": "Review invoices",
    }
    path = write_decision("x.txt", reference="23 001 404", extra=extra)
    import_paths([path])
    redact("23 001 404", "Mr Blackthorne", "The complainant's name.", EDITOR)
    redact("23 001 404", "Review invoices", "Identifies the family.", EDITOR)
    for url in ("/decisions/23-001-404/", "/api/decisions/23-001-404/"):
        text = client.get(url).text
        assert "Blackthorne" not in text and "Review invoices" not in text, url
    assert client.get("/api/decisions/23-001-404/").json()["extra"] == {
        "Remedy": f"Apology to {REDACTED} and £150",
        "Service improvement": REDACTED,
    }
    import_paths([path])  # the same file again, and then changed: still redacted
    import_paths([write_decision("x.txt", reference="23 001 404", extra=extra, summary="New.")])
    assert "Blackthorne" not in client.get("/api/decisions/23-001-404/").text


def test_a_passage_redacted_twice_is_said_to_be_redacted_already(archive):
    from decisions.corrections import CorrectionError

    redact(GONE, "Mr Quillfeather", "The complainant's name.", EDITOR)
    with pytest.raises(CorrectionError, match="already redacted"):
        redact(GONE, "Mr Quillfeather", "The complainant's name, again.", EDITOR)


def test_the_admin_list_searched_for_a_withdrawn_reference_points_to_its_withdrawal(
    archive, admin_client
):
    from decisions.models import Withdrawal

    withdraw(GONE, "Published in error.", EDITOR)
    page = admin_client.get("/admin/decisions/decision/", {"q": GONE}).content.decode()
    withdrawal = Withdrawal.objects.get(reference=GONE)
    assert f'href="/admin/decisions/withdrawal/{withdrawal.pk}/change/"' in page
    assert "was withdrawn: it is under Withdrawals, where it can be reinstated" in page


def test_a_decision_withdrawn_while_an_editor_has_it_open_says_so(archive, admin_client):
    from decisions.models import Decision, Withdrawal

    pk = Decision.objects.get(reference=GONE).pk
    withdraw(GONE, "Published in error.", EDITOR)
    response = admin_client.get(f"/admin/decisions/decision/{pk}/change/", follow=True)
    withdrawal = Withdrawal.objects.get(reference=GONE)
    assert response.redirect_chain[-1][0] == f"/admin/decisions/withdrawal/{withdrawal.pk}/change/"
    assert f"{GONE} was withdrawn while this page was open" in response.content.decode()


def test_an_old_link_to_a_renamed_body_leads_to_it(archive, admin_client, client):
    from decisions.models import Organisation

    body = Organisation.objects.get(name=WRENMOOR)
    response = admin_client.post(
        f"/admin/decisions/organisation/{body.pk}/change/",
        {"name": "Wrenmoor Council", "slug": "wrenmoor-council", "kind": body.kind},
    )
    assert response.status_code == 302
    old = client.get(f"/organisations/{WRENMOOR_SLUG}/")
    assert (old.status_code, old["Location"]) == (301, "/organisations/wrenmoor-council/")
    assert client.get("/organisations/no-such-body/").status_code == 404

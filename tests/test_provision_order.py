"""Provisions listed as a reader counts them ("section 9, 10, 18, 19"), not as text
("10, 18, 19, 9"): on the decision page, in the API, the CSV and the legislation index."""

import csv
import io
import re

import pytest

from decisions.importing import import_paths
from decisions.models import provision_order

pytestmark = pytest.mark.django_db

IN_ORDER = [
    "Care Act 2014, section 9",
    "Care Act 2014, section 10",
    "Care Act 2014, section 18",
    "Care Act 2014, section 19",
    "Care Act 2014, section 19(1)",
    "Care Act 2014, section 19A",
]


def test_sections_sort_by_number_then_letter_then_subsection():
    written = ["26A(1)", "26(10)", "", "Schedule 2", "26(1)(b)", "9", "Part 7", "26", "26(1)",
               "Regulation 10", "26(2)", "Regulation 9", "104", "26B"]  # fmt: skip
    assert sorted(written, key=provision_order) == [
        "", "Part 7", "9", "26", "26(1)", "26(1)(b)", "26(2)", "26(10)", "26A(1)", "26B", "104",
        "Regulation 9", "Regulation 10", "Schedule 2",
    ]  # fmt: skip


@pytest.fixture
def citing(write_decision):
    text = "(Care Act 2014, sections 19A, 18, 19(1), 10, 9 and 19)"
    path = write_decision(
        "1.txt",
        reference="21 000 001",
        sections={"What I found": [f"The Council did not assess Mr X. {text}"]},
    )
    assert import_paths([path]).imported == 1


def test_decision_page_lists_citations_in_order(citing, client):
    page = client.get("/decisions/21-000-001/").content.decode()
    listed = re.search(r'<ul class="citations">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", listed) == IN_ORDER


def test_api_and_csv_list_citations_in_order(citing, client):
    record = client.get("/api/decisions/21-000-001/").json()
    assert [c["label"] for c in record["citations"]] == IN_ORDER
    body = b"".join(client.get("/decisions/export.csv").streaming_content)
    row = next(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["citations"] == "; ".join(IN_ORDER)


def test_legislation_index_lists_equally_cited_sections_in_order(citing, client):
    listing = client.get("/api/legislation/").json()["results"][0]
    assert [p["label"] for p in listing["provisions"]] == IN_ORDER
    page = client.get("/legislation/").content.decode()
    assert [label for label in re.findall(r">(Care Act 2014, [^<]+)</a>", page)] == IN_ORDER


def test_a_feeds_title_names_its_cited_sections_in_order(citing, client):
    slugs = {
        p["label"]: p["slug"]
        for p in client.get("/api/legislation/").json()["results"][0]["provisions"]
    }  # noqa: E501
    asked = "&".join(f"citation={slugs[label]}" for label in reversed(IN_ORDER[:3]))
    feed = client.get(f"/decisions/feed/?{asked}").content.decode()
    title = re.search(r"<title>Ombudsman decisions: (.*?)</title>", feed).group(1)
    assert title == " · ".join(f"cites {label}" for label in IN_ORDER[:3])

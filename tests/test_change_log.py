"""The public change log: /changes/ newest first and paged, one decision's entries, its Atom
feed, "Corrected on" on a decision's page; never withdrawn or redacted text, never a change of
the noindex flag, and never a 500 for a bad query string."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import views
from decisions.corrections import (
    Editor,
    record_corrections,
    redact,
    reinstate,
    set_noindex,
    withdraw,
)
from decisions.importing import import_paths
from decisions.models import ChangeRecord, Decision

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EDITOR = Editor(name="tests")
FIRST, SECOND = "21 000 001", "21 000 002"
SECRET_NAME = "Mr Quillfeather"


@pytest.fixture
def archive(write_decision):
    for reference in (FIRST, SECOND):
        path = write_decision(
            f"{reference[-3:]}.txt",
            reference=reference,
            summary=f"{SECRET_NAME} waited eleven weeks for a homelessness review.",
        )
    assert import_paths([path.parent]).imported == 2


def entries(html: str) -> list[str]:
    """Each entry's heading line, as text, in the order shown."""
    heads = re.findall(r'<p class="change-head">(.*?)</p>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", head)).strip() for head in heads]


def correct(reference: str, field: str, old: str, new: str, reason: str) -> None:
    decision = Decision.objects.get(reference=reference)
    record_corrections(decision, {field: (old, new)}, reason, EDITOR)
    decision.save()


def test_changes_are_listed_newest_first_with_their_reasons(archive, client):
    correct(FIRST, "Decision date", "5 March 2021", "6 March 2021", "A typing error.")
    withdraw(SECOND, "Published in error.", EDITOR)
    reinstate(SECOND, "Checked: it may be published.", EDITOR)
    html = client.get("/changes/").text
    today = f"{timezone.localdate():%-d %B %Y}"
    assert entries(html) == [
        f"{today} · Reinstated · {SECOND}",
        f"{today} · Withdrawn · {SECOND}",
        f"{today} · Corrected · {FIRST}",
    ]
    assert "Reason: Checked: it may be published." in html
    assert "Decision date: <del>5 March 2021</del> → <ins>6 March 2021</ins>" in html
    assert 'href="/decisions/21-000-002/"' in html
    assert "3 changes." in html


def test_a_withdrawn_decisions_entries_link_to_its_410_page_without_its_values(archive, client):
    correct(FIRST, "Summary", "Mr X waited.", "Mr Y waited.", "Wrong letter.")
    withdraw(FIRST, "Published in error.", EDITOR)
    html = client.get("/changes/").text
    assert entries(html)[0].endswith(f"{FIRST} (withdrawn)")
    assert client.get("/decisions/21-000-001/").status_code == 410
    assert "Mr X waited" not in html and "Mr Y waited" not in html
    assert "Reason: Wrong letter." in html


def test_no_redacted_text_in_the_log_or_its_feed_even_in_an_earlier_correction(archive, client):
    correct(FIRST, "Summary", "Mr Quillfeather waited.", f"{SECRET_NAME} waited eleven weeks.",
            "Fuller.")  # fmt: skip
    redact(FIRST, SECRET_NAME, "The complainant's name.", EDITOR)
    pages = [client.get(path).text for path in ("/changes/", "/changes/21-000-001/")]
    feed = client.get("/changes/feed/").text
    for text in (*pages, feed):
        assert "Quillfeather" not in text
    assert "<del>[redacted] waited.</del>" in pages[0]
    assert entries(pages[1])[0].endswith(f"Passage redacted · {FIRST}")


def test_noindex_changes_are_not_listed(archive, client):
    set_noindex(FIRST, True, "Private reason.", EDITOR)
    assert ChangeRecord.objects.filter(reference=FIRST).count() == 1
    html = client.get("/changes/").text
    assert entries(html) == [] and "Private reason" not in html
    assert "No change has been recorded yet." in html
    assert "<entry>" not in client.get("/changes/feed/").text


def test_an_import_update_lists_the_fields_it_changed(archive, client):
    ChangeRecord.objects.create(
        reference=FIRST,
        slug="21-000-001",
        action=ChangeRecord.Action.IMPORTED,
        field="summary, decision date",
        old_value="not shown",
        new_value="not shown either",
        reason="A new file from the Ombudsman.",
        at=timezone.now(),
    )
    html = client.get("/changes/").text
    assert "Changed: summary, decision date" in html
    assert "not shown" not in html


def test_one_decisions_entries_and_the_reference_search(archive, client):
    correct(FIRST, "Category", "Housing", "Housing > Homelessness", "Filed wrongly.")
    correct(SECOND, "Decision", "Upheld", "Not upheld", "Misread.")
    html = client.get("/changes/21-000-002/").text
    assert entries(html) == [f"{timezone.localdate():%-d %B %Y} · Corrected · {SECOND}"]
    assert "Changes to decision 21 000 002" in html
    response = client.get("/changes/", {"reference": "21 000 002"})
    assert (response.status_code, response["Location"]) == (302, "/changes/21-000-002/")
    # A decision in the archive with no change yet: an empty list, not an error.
    withdraw(SECOND, "Published in error.", EDITOR)
    reinstate(SECOND, "Back.", EDITOR)
    ChangeRecord.objects.filter(reference=FIRST).delete()
    empty = client.get("/changes/21-000-001/")
    assert empty.status_code == 200 and "No change to 21 000 001 has been recorded." in empty.text


@pytest.mark.parametrize(
    "path",
    [
        "/changes/?page=abc",
        "/changes/?page=0",
        "/changes/?page=99999",
        "/changes/?page=",
        "/changes/?reference=abc",
        "/changes/?reference=",
        "/changes/99-999-999/",
        "/changes/not-a-reference/",
        "/changes/21-000-001/?page=2",
    ],
)
def test_a_bad_query_string_is_a_404_never_a_500(archive, client, path):
    correct(FIRST, "Decision", "Upheld", "Not upheld", "Misread.")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/changes/?page=abc", "There is no such page of changes."),
        ("/changes/?reference=abc", "That is not a reference such as 20 003 494."),
        ("/changes/99-999-999/", "No decision has this reference."),
        ("/no-such-page/", "There is no page at this address."),
        ("/organisations/no-such-council/", "There is no page at this address."),
    ],
)
def test_a_404_page_says_why_in_the_words_the_view_gave(archive, client, path, reason):
    response = client.get(path)
    assert response.status_code == 404
    assert reason in response.text
    assert "Resolver404" not in response.text and "matches the given query" not in response.text


def test_the_log_is_paged_with_thousands_separators(archive, client, monkeypatch):
    monkeypatch.setattr(views, "CHANGES_PER_PAGE", 1)
    start = timezone.now()
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            reference=FIRST,
            slug="21-000-001",
            action=ChangeRecord.Action.CORRECTED,
            field="Decision",
            old_value=str(n),
            new_value=str(n + 1),
            reason=f"Change number {n}.",
            at=start + timedelta(minutes=n),
        )
        for n in range(1001)
    )
    first = client.get("/changes/").text
    assert "1,001 changes; 1 to 1 on this page." in first
    assert "Page 1 of 1,001" in first and 'href="?page=1001">1,001</a>' in first
    assert "Change number 1000." in first  # the newest
    last = client.get("/changes/", {"page": 1001}).text
    assert "Change number 0." in last and 'rel="prev"' in last


def test_the_feed_is_atom_newest_first_linking_each_entry(archive, client):
    correct(FIRST, "Decision", "Upheld", "Not upheld", "Misread.")
    withdraw(SECOND, "Published in error.", EDITOR)
    response = client.get("/changes/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", f"author/{ATOM}name"):  # RFC 4287, 4.1.1
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/changes/feed/"
    found = list(feed.iter(f"{ATOM}entry"))
    titles = [entry.find(f"{ATOM}title").text for entry in found]
    assert titles == [f"{SECOND}: Withdrawn", f"{FIRST}: Corrected: Decision"]
    ids = [entry.find(f"{ATOM}id").text for entry in found]
    assert len(set(ids)) == 2
    link = found[0].find(f"{ATOM}link").get("href")
    assert re.fullmatch(r"http://testserver/changes/21-000-002/#change-\d+", link)
    assert found[0].find(f"{ATOM}summary").text == "Published in error."
    assert found[1].find(f"{ATOM}summary").text == "Decision: “Upheld” → “Not upheld”. Misread."


def test_a_corrected_decisions_page_says_so_and_links_to_its_entries(archive, client):
    page = client.get("/decisions/21-000-001/")
    assert "Corrected on" not in page.text
    etag = page["ETag"]
    decision = Decision.objects.get(reference=FIRST)
    # Recorded without saving the decision: the page's ETag follows the change log too.
    record_corrections(decision, {"Decision": ("Upheld", "Not upheld")}, "Misread.", EDITOR)
    again = client.get("/decisions/21-000-001/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    today = timezone.localdate()
    assert (
        f'Corrected on <time datetime="{today:%Y-%m-%d}">{today:%-d %B %Y}</time>: '
        '<a href="/changes/21-000-001/">what changed and why</a>'
    ) in again.text
    assert "Corrected on" not in client.get("/decisions/21-000-002/").text


def test_the_log_is_linked_from_every_page(archive, client):
    for path in ("/", "/decisions/", "/decisions/21-000-001/", "/changes/"):
        assert 'href="/changes/">Changes to the archive</a>' in client.get(path).text
    assert client.get("/changes/").status_code == 200
    assert "Disallow: /changes/feed/" in client.get("/robots.txt").text


def test_a_reason_holding_markup_is_text_in_the_change_feeds_html_summary(archive, client):
    correct(FIRST, "Decision", "Upheld", "Not upheld", "File said <date unknown> & <b>more</b>.")
    feed = ET.fromstring(client.get("/changes/feed/").content)
    summary = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html"
    assert "&lt;date unknown&gt; &amp; &lt;b&gt;more&lt;/b&gt;." in summary.text

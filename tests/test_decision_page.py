"""The decision page as something to cite: paragraphs numbered as published with stable
anchors, lists as lists, the key to names as a list, and other decisions about the same
organisation in the same category. On whichever database the run uses."""

import random
import re

import pytest
from django.test.html import Element, parse_html

from decisions.body import body_layout, sections_from_body
from decisions.importing import import_paths
from decisions.models import Category, Decision
from decisions.parsing import parse_decision
from tests.factories import SAMPLE_DIR, decision_text

pytestmark = pytest.mark.django_db

NEWHAM = "/decisions/20-003-494/"

# A fictional public report about a fictional council, as the compact layout saves it: the
# key's entries are unmarked lines that read like headings.
REPORT = """\
Wrenmoor District Council (22 011 208)
Category : Housing > Homelessness
Decision : Upheld
Decision date : 14 Jun 2023
The Ombudsman's final decision:
Summary: The Council did not review whether Mr X's temporary accommodation was suitable.
Key to names used
Mr X - the complainant
Mrs Y – his mother
Officer A - a housing officer
The complaint
- Mr X complains the Council placed him in accommodation up three flights of stairs.
What I found
- The Council had a duty to review the accommodation when asked. It should have:
- checked Mr X’s medical evidence;
- visited the property, and
- decided within eight weeks.
(Housing Act 1996, section 202)
- It did none of these things.
Final decision
- I have completed my investigation.
Investigator's decision on behalf of the Ombudsman
"""

# The same report as the spaced layout saves it: numbered paragraphs, restarting in each
# section and twice in "What I found", bullets and numbered sub-items.
SPACED_REPORT = """\
Wrenmoor District Council (22 011 208)

Category : Housing > Homelessness

Decision : Upheld

Decision date : 14 Jun 2023

The Ombudsman's final decision:

Summary: The Council did not review whether Mr X's temporary accommodation was suitable.

Back to top

Key to names used

Mr X - the complainant

Mrs Y – his mother

Officer A - a housing officer

Back to top

The complaint

  1. Mr X complains the Council placed him in accommodation up three flights of stairs.

Back to top

What I found

  1. The Council had a duty to review the accommodation when asked. It should have:

    • checked Mr X’s medical evidence;

    • visited the property.

  2. It did none of these things.

  1. The Council has agreed to:

      1. apologise to Mr X;

      2. review the accommodation within four weeks.

Back to top

Final decision

  1. I have completed my investigation.

Investigator's decision on behalf of the Ombudsman
"""

KEY_ENTRIES = ["Mr X - the complainant", "Mrs Y – his mother", "Officer A - a housing officer"]


def elements(node):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from elements(child)


def attribute(element, name: str) -> str:
    return dict(element.attributes).get(name) or ""


def classes(element) -> set[str]:
    return set(attribute(element, "class").split())


def text_of(node) -> str:
    return " ".join(
        (child if isinstance(child, str) else text_of(child)).strip() for child in node.children
    ).strip()


def by_id(root, anchor: str):
    return next(e for e in elements(root) if attribute(e, "id") == anchor)


def paragraph_texts(root) -> dict[str, str]:
    """Each paragraph's anchor and its text (without its number or link)."""
    return {
        attribute(e, "id"): text_of(next(c for c in elements(e) if "para-text" in classes(c)))
        for e in elements(root)
        if "para" in classes(e)
    }


def page(client, path: str = NEWHAM):
    response = client.get(path)
    assert response.status_code == 200
    return parse_html(response.content.decode())


@pytest.fixture
def newham(db):
    import_paths([SAMPLE_DIR])


@pytest.fixture
def report(tmp_path):
    def write(text: str = REPORT, name: str = "report.txt"):
        path = tmp_path / name
        path.write_bytes(text.encode())
        import_paths([path])
        return path

    return write


# --- 1. paragraphs numbered as published, with stable anchors ------------------------------


def test_every_paragraph_of_the_sample_has_an_anchor_counting_across_sections(client, newham):
    texts = paragraph_texts(page(client))
    # The sample's own "- " paragraphs, counted by hand: 1 in The complaint, 3 in the role
    # and powers (the four lower-case items and the Act belong to the first), 1, 4 and 1.
    assert list(texts) == [f"p-{n}" for n in range(1, 11)]
    assert texts["p-1"].startswith("The complainant, who I will refer to as Miss B")
    assert texts["p-3"].startswith("We normally expect someone to refer the matter")
    assert texts["p-6"].startswith("Miss B, her former partner and their son")
    assert texts["p-10"].startswith("The Ombudsman will not investigate this complaint.")


def test_each_paragraph_links_to_its_own_anchor(client, newham):
    root = page(client)
    for anchor in paragraph_texts(root):
        links = [e for e in elements(by_id(root, anchor)) if "para-link" in classes(e)]
        assert [attribute(link, "href") for link in links] == [f"#{anchor}"]


def test_spaced_paragraphs_show_their_numbers_as_published(client, report):
    report(SPACED_REPORT)
    root = page(client, "/decisions/22-011-208/")
    shown = {
        attribute(e, "id"): text_of(next(c for c in elements(e) if "para-link" in classes(c)))
        for e in elements(root)
        if "para" in classes(e)
    }
    numbers = {anchor: text.split(" ")[0] for anchor, text in shown.items()}
    # p-1 is the key to names (no number); the numbering restarts in each section and twice
    # in What I found, as published, while the anchors count on.
    assert numbers == {"p-1": "¶", "p-2": "1.", "p-3": "1.", "p-4": "2.", "p-5": "1.", "p-6": "1."}
    texts = paragraph_texts(root)
    assert texts["p-4"] == "It did none of these things."
    assert texts["p-6"] == "I have completed my investigation."


@pytest.mark.parametrize(
    ("changed", "counted"),
    [
        ("same file", "unchanged"),
        ("CRLF line ends", "unchanged"),  # other bytes: read again, found the same
        ("outcome corrected", "updated"),  # the decision, body and layout written again
        ("deleted first", "imported"),
    ],
)
def test_paragraph_anchors_survive_importing_the_same_text_again(client, report, changed, counted):
    path = report(SPACED_REPORT)
    before = paragraph_texts(page(client, "/decisions/22-011-208/"))
    assert before["p-4"] == "It did none of these things."
    if changed == "CRLF line ends":
        path.write_bytes(SPACED_REPORT.replace("\n", "\r\n").encode())
    elif changed == "outcome corrected":
        path.write_bytes(
            SPACED_REPORT.replace("Decision : Upheld", "Decision : Not upheld").encode()
        )
    elif changed == "deleted first":
        Decision.objects.all().delete()
    result = import_paths([path])
    assert getattr(result, counted) == 1
    after = paragraph_texts(page(client, "/decisions/22-011-208/"))
    assert after == before
    assert after["p-4"] == "It did none of these things."


# --- 2. lists as lists, never "- " in the text ---------------------------------------------


def test_the_samples_list_is_a_list_inside_its_paragraph(client, newham):
    paragraph = by_id(page(client), "p-2")
    lists = [e for e in elements(paragraph) if e.name in ("ul", "ol")]
    assert [e.name for e in lists] == ["ul"]
    items = [text_of(li) for li in elements(lists[0]) if li.name == "li"]
    assert items == [
        "it is unlikely we could add to any previous investigation by the Council, or",
        "it is unlikely further investigation will lead to a different outcome, or",
        "we cannot achieve the outcome someone wants, or",
        "there is another body better placed to consider this complaint.",
    ]
    # The Act cited after the list closes the same paragraph.
    assert text_of(paragraph).endswith("(Local Government Act 1974, section 24A(6), as amended)")


def test_no_paragraph_or_item_shows_a_literal_dash_marker(client, newham, report):
    report(REPORT)
    for path in (NEWHAM, "/decisions/22-011-208/"):
        root = page(client, path)
        shown = [text_of(e) for e in elements(root) if e.name in ("p", "li")]
        assert len(shown) > 10
        assert [text for text in shown if text.startswith(("-", "•"))] == []


def test_spaced_bullets_and_numbered_sub_items_are_nested_lists(client, report):
    report(SPACED_REPORT)
    root = page(client, "/decisions/22-011-208/")
    bullets = [e for e in elements(by_id(root, "p-3")) if e.name in ("ul", "ol")]
    assert [e.name for e in bullets] == ["ul"]
    assert [text_of(li) for li in elements(bullets[0])] == [
        "checked Mr X’s medical evidence;",
        "visited the property.",
    ]
    numbered = [e for e in elements(by_id(root, "p-5")) if e.name in ("ul", "ol")]
    assert [e.name for e in numbered] == ["ol"]
    items = [text_of(li) for li in elements(numbered[0]) if li.name == "li"]
    assert items == ["1. apologise to Mr X;", "2. review the accommodation within four weeks."]


def test_compact_items_after_a_colon_are_a_list_and_the_act_closes_it(client, report):
    report(REPORT)
    root = page(client, "/decisions/22-011-208/")
    texts = paragraph_texts(root)
    found = by_id(root, "p-3")
    items = [text_of(li) for li in elements(found) if li.name == "li"]
    assert items == [
        "checked Mr X’s medical evidence;",
        "visited the property, and",
        "decided within eight weeks.",
    ]
    assert texts["p-3"].endswith("(Housing Act 1996, section 202)")
    assert texts["p-4"] == "It did none of these things."


# --- 3. the key to names as a list ---------------------------------------------------------


@pytest.mark.parametrize("text", [REPORT, SPACED_REPORT], ids=["compact", "spaced"])
def test_key_to_names_entries_are_not_read_as_headings(text):
    parsed = parse_decision(text)
    sections = sections_from_body(parsed.body, body_layout(parsed.sections))
    assert [s["heading"] for s in sections] == [
        "Key to names used",
        "The complaint",
        "What I found",
        "Final decision",
    ]
    assert [p["text"] for p in sections[0]["paragraphs"]] == KEY_ENTRIES


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        SPACED_REPORT,
        REPORT.replace("\nMr X - ", "\n- Mr X - ")
        .replace("\nMrs Y", "\n- Mrs Y")
        .replace("\nOfficer A", "\n- Officer A"),
        SPACED_REPORT.replace("\nMr X - ", "\n  • Mr X - ")
        .replace("\nMrs Y", "\n  • Mrs Y")
        .replace("\nOfficer A", "\n  • Officer A"),
    ],
    ids=["compact", "spaced", "compact marked", "spaced bullets"],
)
def test_key_to_names_shows_as_a_list_on_the_page(client, report, text):
    report(text)
    root = page(client, "/decisions/22-011-208/")
    headings = [text_of(e) for e in elements(root) if e.name == "h2"]
    assert "Key to names used" in headings
    assert not any(entry in headings for entry in KEY_ENTRIES)
    key = by_id(root, "p-1")
    assert "key-to-names" in classes(key)
    lists = [e for e in elements(key) if e.name == "ul"]
    assert len(lists) == 1
    assert [text_of(li) for li in elements(lists[0]) if li.name == "li"] == KEY_ENTRIES


def test_a_heading_after_the_key_ends_it():
    body = "Key to names used\nMr X - the complainant\nThe complaint\n- Mr X complains."
    sections = sections_from_body(body, ["h", "h", "h", [0, "-"]])
    assert [s["heading"] for s in sections] == ["Key to names used", "The complaint"]


# --- 4. other decisions about the same organisation in the same category ------------------


def write_decisions(tmp_path, specs):
    folder = tmp_path / "same"
    folder.mkdir()
    for number, (organisation, category, date) in enumerate(specs):
        text = decision_text(
            reference=f"23 100 {number:03d}",
            organisation=organisation,
            category=category,
            decision_date=date,
        )
        (folder / f"{number}.txt").write_text(text)
    import_paths([folder])


def same_organisation_links(client, reference: str) -> list[str]:
    root = page(client, f"/decisions/{reference.replace(' ', '-')}/")
    found = [e for e in elements(root) if attribute(e, "id") == "same-organisation"]
    if not found:
        return []
    return [attribute(a, "href") for a in elements(found[0]) if a.name == "a"]


def test_same_organisation_list_is_newest_first_without_the_decision_itself(client, tmp_path):
    wrenmoor, other = "Wrenmoor District Council", "Fallowbridge Borough Council"
    homelessness = "Housing > Homelessness"
    write_decisions(
        tmp_path,
        [
            (wrenmoor, homelessness, "5 Mar 2021"),  # the decision shown
            (wrenmoor, homelessness, "1 Jan 2019"),
            (wrenmoor, homelessness, "1 Jan 2023"),
            (wrenmoor, homelessness, "1 Jan 2020"),
            (wrenmoor, homelessness, "1 Jan 2022"),
            (wrenmoor, homelessness, "1 Jan 2018"),
            (wrenmoor, homelessness, "1 Jan 2017"),  # the sixth other: beyond five
            (wrenmoor, "Housing > Allocations", "1 Jan 2024"),  # another category
            (other, homelessness, "1 Jan 2024"),  # another organisation
        ],
    )
    links = same_organisation_links(client, "23 100 000")
    newest_first = ["002", "004", "003", "001", "005"]
    assert links[:-1] == [f"/decisions/23-100-{n}/" for n in newest_first]
    category = Category.objects.get(name="Homelessness")
    assert links[-1] == (
        f"/decisions/?organisation=wrenmoor-district-council&category={category.slug}"
    )


def test_same_organisation_list_takes_in_a_category_grouped_with_this_one(client, tmp_path):
    wrenmoor = "Wrenmoor District Council"
    write_decisions(
        tmp_path,
        [
            (wrenmoor, "Planning > Enforcement", "1 Jan 2022"),
            (wrenmoor, "Planning and development > Enforcement", "1 Jan 2015"),
            (wrenmoor, "Planning > Planning applications", "1 Jan 2021"),
        ],
    )
    current = Category.objects.get(name="Enforcement", parent__name="Planning")
    Category.objects.filter(name="Enforcement", parent__name="Planning and development").update(
        group=current
    )
    links = same_organisation_links(client, "23 100 000")
    assert links[:-1] == ["/decisions/23-100-001/"]
    assert links[-1].endswith(f"&category={current.slug}")
    # And from the older one, its group's head names the search.
    links = same_organisation_links(client, "23 100 001")
    assert links == [
        "/decisions/23-100-000/",
        f"/decisions/?organisation=wrenmoor-district-council&category={current.slug}",
    ]


def test_no_same_organisation_list_when_there_is_none_or_no_category(client, tmp_path):
    write_decisions(
        tmp_path,
        [
            ("Wrenmoor District Council", None, "1 Jan 2022"),
            ("Wrenmoor District Council", None, "1 Jan 2021"),
            ("Fallowbridge Borough Council", "Housing > Homelessness", "1 Jan 2021"),
        ],
    )
    assert same_organisation_links(client, "23 100 000") == []
    assert same_organisation_links(client, "23 100 002") == []


def test_each_decisions_same_organisation_list_is_the_databases_newest_first(tmp_path):
    """The list is drawn from the facet columns in memory: for every decision of an archive
    with three bodies, grouped categories, a parent and its subcategories, days shared and
    decisions undated, it is what the database's own query, newest first (the model's order:
    undated last, then the higher id), gives."""
    from decisions.search.choices import CategoryGroups
    from decisions.search.similar import SAME_ORGANISATION, same_organisation_decisions

    rng = random.Random(11)
    bodies = ["Wrenmoor District Council", "Fallowbridge Borough Council", "Oakhollow Care Ltd"]
    categories = [
        "Planning > Enforcement",
        "Planning and development > Enforcement",
        "Planning > Planning applications",
        "Planning",
        "Housing > Repairs",
        None,
    ]
    days = ["1 Jan 2021", "1 Jan 2021", "5 Mar 2022", "9 Sep 2019", None]
    write_decisions(tmp_path, [
        (rng.choice(bodies), rng.choice(categories), rng.choice(days)) for _ in range(60)
    ])  # fmt: skip
    current = Category.objects.get(name="Enforcement", parent__name="Planning")
    Category.objects.filter(name="Enforcement", parent__name="Planning and development").update(
        group=current
    )
    groups = CategoryGroups.load()
    lengths = set()
    for decision in Decision.objects.with_related():
        found = same_organisation_decisions(decision)
        if decision.category_id is None:
            assert found.decisions == () and found.category is None
            continue
        head = decision.category.group or decision.category
        group = groups.group(groups.by_id[head.pk]).atoms
        expected = (
            Decision.objects.filter(organisation_id=decision.organisation_id, category_id__in=group)
            .exclude(pk=decision.pk)
            .values_list("reference", flat=True)[:SAME_ORGANISATION]
        )
        assert [d.reference for d in found.decisions] == list(expected), decision.reference
        assert found.category == head
        lengths.add(len(found.decisions))
    assert {0, SAME_ORGANISATION} < lengths  # none, a full list and one cut short


def test_the_searchs_words_are_marked_in_the_headings_as_in_the_paragraphs(client, newham):
    html = client.get(NEWHAM, {"q": "complaint"}).content.decode()
    headings = re.findall(r"<h2 id=\"[^\"]+\">(.*?)</h2>", html)
    assert "The <mark>complaint</mark>" in headings
    assert "<mark>complaint</mark>" in html.split("<h2", 2)[-1]  # and in the text below


QUOTING = """\
Wrenmoor District Council (21 000 031)

Category : Education > Special educational needs

Decision : Upheld

Decision date : 5 Mar 2021

The Ombudsman's final decision:

Summary: The Council delayed Miss K's review.

Back to top

Relevant law and guidance

  1. The SEND Code of Practice 2015 says:

    “Local authorities must review an EHC plan at least every twelve months.”

  2. The Council must then decide whether to amend the plan.

What I found

  1.1 The review was due in March 2020.

  1.2 It did not happen until October 2020.

Investigator's decision on behalf of the Ombudsman
"""


def test_a_quotation_stays_in_the_paragraph_that_introduces_it_and_nested_numbers_are_shown(
    client, report
):
    report(QUOTING)
    texts = paragraph_texts(page(client, "/decisions/21-000-031/"))
    assert list(texts.values()) == [
        "The SEND Code of Practice 2015 says: “Local authorities must review an EHC plan at "
        "least every twelve months.”",
        "The Council must then decide whether to amend the plan.",
        "The review was due in March 2020.",
        "It did not happen until October 2020.",
    ]
    html = client.get("/decisions/21-000-031/").content.decode()
    assert ">1.1<" in html and ">1.2<" in html


# A fictional decision quoting a letter of several lines, and a table of wide gaps, each
# introduced by a colon, between paragraphs marked "- " as the compact layout marks them.
LETTERED = """\
Thornbury Vale Council (15 019 882)
Category : Housing > Homelessness
Decision : Not upheld
Decision date : 22 Jun 2016
The Ombudsman's final decision:
Summary: There was no fault in how the Council dealt with Ms R's application.
What I found
- Its assessment set out her income and outgoings as follows:
Income   £1,284.00
Rent   £725.00
- The Council wrote to Ms R on 21 October 2015. The letter said:
Dear Ms R
We consider that you became homeless intentionally.
Yours sincerely
Housing Options Team
- I have seen no evidence of fault.
Investigator's decision on behalf of the Ombudsman
"""


def test_every_line_a_marked_paragraph_quotes_after_its_colon_stays_in_that_paragraph(
    client, report
):
    report(LETTERED)
    texts = paragraph_texts(page(client, "/decisions/15-019-882/"))
    assert list(texts.values()) == [
        "Its assessment set out her income and outgoings as follows: Income £1,284.00 Rent £725.00",
        "The Council wrote to Ms R on 21 October 2015. The letter said: Dear Ms R We consider "
        "that you became homeless intentionally. Yours sincerely Housing Options Team",
        "I have seen no evidence of fault.",
    ]


def test_a_reports_summary_block_shows_once_not_again_as_the_summary(client, report):
    text = REPORT.replace(
        "Summary: The Council did not review whether Mr X's temporary accommodation was suitable.",
        "Report summary\nHousing – homelessness\nMr X complains the Council placed him badly.",
    )
    report(text)
    root = page(client, "/decisions/22-011-208/")
    headings = [text_of(e) for e in elements(root) if e.name == "h2"]
    assert "Report summary" in headings and "Summary" not in headings
    article = client.get("/decisions/22-011-208/").content.decode().split("<article")[1]
    assert article.count("Mr X complains the Council placed him badly.") == 1
    assert 'href="#summary-heading"' not in article


def test_a_summary_line_shows_as_the_summary(client, report):
    report(REPORT)
    headings = [text_of(e) for e in elements(page(client, "/decisions/22-011-208/"))
                if e.name == "h2"]  # fmt: skip
    assert "Summary" in headings


# A fictional decision with a table pasted from a web page: a tab between its columns.
TABLED = """\
Northmoor Borough Council (21 001 234)
Category : Adult care services > Charging
Decision : Upheld
Decision date : 03 Mar 2022
The Ombudsman's final decision:
Summary: The Council charged Mrs X too much for her care.
What I found
1. The Council's charges for the year were:
Period\tWeekly charge\tWeeks
April to June\t£120.00\t13
July to March\t£145.50\t39
2. The Council accepts the second rate was wrong. It paid these amounts back:
Distress\t£200
Time and trouble\t£100
Final decision
3. I have completed my investigation.
Investigator's decision on behalf of the Ombudsman
"""


def test_a_table_pasted_with_tabs_is_a_table_in_the_paragraph_that_introduces_it(client, report):
    report(TABLED)
    root = page(client, "/decisions/21-001-234/")
    assert list(paragraph_texts(root)) == ["p-1", "p-2", "p-3"]  # no row is a paragraph
    tables = [e for e in elements(root) if e.name == "table" and "body-table" in classes(e)]
    assert len(tables) == 2

    def cells(table, name):
        return [text_of(c) for c in elements(table) if c.name == name]

    # The first row is a header where it holds no figure and the rows below do.
    assert cells(tables[0], "th") == ["Period", "Weekly charge", "Weeks"]
    assert cells(tables[0], "td") == ["April to June", "£120.00", "13", "July to March"] + [
        "£145.50",
        "39",
    ]
    assert cells(tables[1], "th") == []
    assert cells(tables[1], "td") == ["Distress", "£200", "Time and trouble", "£100"]
    # Each table is inside its paragraph, which scrolls it on a narrow screen.
    assert "<table" in str(by_id(root, "p-1")) and "<table" in str(by_id(root, "p-2"))


def test_a_tables_cells_mark_the_searchs_words(client, report):
    report(TABLED)
    html = client.get("/decisions/21-001-234/?q=distress").content.decode()
    assert "<td><mark>Distress</mark></td>" in html


def test_extra_header_fields_show_in_one_order_on_either_database(client, write_decision):
    """PostgreSQL's jsonb keeps a decision's fields in an order of its own (shortest name
    first): the page and the API list the known ones in one order, then the rest by name."""
    # A field of another name first: after any other, a "Name : value" line goes on with it.
    extra = {"Zeta note": "z", "Fictional": "Made up", "Service improvement": "Training",
             "Remedy": "Apology"}  # fmt: skip
    import_paths([write_decision("x.txt", reference="21 000 001", extra=extra)])
    listed = ["Remedy", "Service improvement", "Fictional", "Zeta note"]
    assert list(client.get("/api/decisions/21-000-001/").json()["extra"]) == listed
    root = page(client, "/decisions/21-000-001/")
    names = [text_of(e) for e in elements(root) if e.name == "dt"]
    assert [name for name in names if name in extra] == listed, names


def test_paragraphs_numbered_in_brackets_show_their_numbers_and_anchors(client, report):
    text = REPORT.replace(
        "- Mr X complains the Council placed him", "(1) Mr X complains the Council placed him"
    )
    report(text.replace("- It did none of these things.", "(2) It did none of these things."))
    html = client.get("/decisions/22-011-208/").content.decode()
    assert re.search(r'href="#p-\d+"[^>]*>\(1\)<', html) and re.search(
        r'href="#p-\d+"[^>]*>\(2\)<', html
    )

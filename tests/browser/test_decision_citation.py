"""A decision page in real Chromium as someone citing it uses it: a paragraph's link targets
that paragraph, lists are lists, the key to names is a list, and other decisions about the
same council in the same category sit beside the similar ones."""

import pytest

from decisions.importing import import_paths
from tests.factories import FICTIONAL, SAMPLE_DIR, decision_text
from tests.test_decision_page import SPACED_REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_PAGE = "/decisions/22-011-208/"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "report.txt").write_text(SPACED_REPORT)
    for number, date in enumerate(["1 Feb 2020", "1 Feb 2022", "1 Feb 2021"]):
        text = decision_text(reference=f"21 200 {number:03d}", decision_date=date, extra=FICTIONAL)
        (folder / f"{number}.txt").write_text(text)
    import_paths([folder, SAMPLE_DIR])


def test_a_paragraph_link_targets_its_paragraph(archive, live_server, page):
    page.goto(live_server.url + REPORT_PAGE)
    paragraph = page.locator("#p-4")
    assert paragraph.locator(".para-link").inner_text().startswith("2.")
    paragraph.locator(".para-link").click()
    page.wait_for_url(f"{live_server.url}{REPORT_PAGE}#p-4")
    assert page.evaluate("document.querySelector(':target').id") == "p-4"
    assert page.locator(":target .para-text").inner_text() == "It did none of these things."
    # The target is marked out, and in view.
    background = page.evaluate(
        "getComputedStyle(document.querySelector(':target')).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("#p-4").is_visible()


def test_a_cited_link_opened_afresh_lands_on_the_paragraph(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/20-003-494/#p-10")
    assert page.evaluate("document.querySelector(':target').id") == "p-10"
    assert (
        page.locator(":target")
        .inner_text()
        .endswith(
            "The Ombudsman will not investigate this complaint. This is because we would not "
            "achieve anything significant by doing so."
        )
    )
    top = page.evaluate("document.getElementById('p-10').getBoundingClientRect().top")
    assert 0 <= top < 900


def test_lists_and_the_key_to_names_are_list_elements(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/20-003-494/")
    items = page.locator("#p-2 ul > li")
    assert items.count() == 4
    assert items.nth(0).inner_text().startswith("it is unlikely we could add")
    assert page.locator(".decision-section").get_by_text("- it is unlikely").count() == 0

    page.goto(live_server.url + REPORT_PAGE)
    key = page.locator(".key-to-names")
    assert key.get_by_role("list").get_by_role("listitem").all_inner_texts() == [
        "Mr X - the complainant",
        "Mrs Y – his mother",
        "Officer A - a housing officer",
    ]
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert "Key to names used" in headings
    assert "Mr X - the complainant" not in headings
    sub_items = page.locator("#p-5 ol > li").all_inner_texts()
    assert [" ".join(item.split()) for item in sub_items] == [
        "1. apologise to Mr X;",
        "2. review the accommodation within four weeks.",
    ]


def test_same_council_decisions_sit_beside_the_similar_ones(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/21-200-000/")
    same = page.locator("#same-organisation")
    assert same.get_by_role("heading").inner_text() == (
        "More about Wrenmoor District Council in Homelessness"
    )
    links = same.get_by_role("listitem").get_by_role("link").all_inner_texts()
    # The report (June 2023) first, then 2022 and 2021; the decision itself (2020) not at all.
    assert links == ["22 011 208", "21 200 001", "21 200 002"]
    similar = page.locator("#similar").bounding_box()
    beside = same.bounding_box()
    assert beside["x"] > similar["x"] + similar["width"] - 1  # to its right on a wide screen
    same.get_by_role("link", name="All decisions about Wrenmoor District Council").click()
    page.wait_for_url("**/decisions/?organisation=wrenmoor-district-council&category=*")
    assert page.locator(".total").inner_text() == "4 decisions"


def test_on_a_phone_the_paragraphs_and_related_lists_stack_without_overflow(
    archive, live_server, phone
):
    phone.goto(f"{live_server.url}/decisions/21-200-000/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    similar = phone.locator("#similar").bounding_box()
    same = phone.locator("#same-organisation").bounding_box()
    assert same["y"] >= similar["y"] + similar["height"]

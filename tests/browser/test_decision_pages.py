"""What a person sees: the home page and a decision, real and fictional, desktop and phone."""

import pytest

from decisions.importing import import_paths
from tests.factories import FICTIONAL, SAMPLE_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(write_decision):
    folder = write_decision(
        "fictional.txt", reference="21 004 517", extra=FICTIONAL, decision_date="5 Mar 2021"
    ).parent
    import_paths([folder, SAMPLE_DIR])


def test_home_says_which_decisions_are_fictional_and_links_to_them(archive, live_server, page):
    page.goto(live_server.url)
    assert page.title() == "Ombudsman decisions archive"
    assert page.locator(".lede").inner_text() == (
        "2 decisions of the Local Government and Social Care Ombudsman, "
        "from September 2020 to March 2021."
    )
    notice = page.get_by_role("note")
    assert "1 of these is a fictional example" in notice.inner_text()
    items = page.locator(".decision-item")
    assert items.count() == 2
    # Newest first: the fictional one (2021) is above the Newham decision (2020).
    assert "Fictional example" in items.nth(0).inner_text()
    assert "Fictional example" not in items.nth(1).inner_text()
    items.nth(1).get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/decisions/20-003-494/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("London Borough of Newham")


def test_real_decision_page_shows_structure_and_no_fictional_notice(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/20-003-494/")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings == [
        "At a glance",
        "On this page",
        "Summary",
        "The complaint",
        "The Ombudsman’s role and powers",
        "How I considered this complaint",
        "What I found",
        "Final decision",
    ]
    assert page.locator(".decision-facts").inner_text().split("\n")[:6] == [
        "Category",
        "Children's care services > Other",
        "Decision",
        "Closed after initial enquiries",
        "Decision date",
        "29 September 2020",
    ]
    assert page.get_by_role("note").count() == 0
    page.locator(".contents").get_by_role("link", name="What I found").click()
    assert page.url.endswith("#what-i-found")
    assert page.locator(".decision-maker").inner_text() == (
        "Investigator's decision on behalf of the Ombudsman"
    )


def test_fictional_decision_page_carries_the_notice(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/21-004-517/")
    notice = page.get_by_role("note")
    assert notice.inner_text().startswith("Fictional example.")
    assert "not a real Ombudsman decision" in notice.inner_text()


def test_decision_page_fits_a_phone_screen(archive, live_server, phone):
    phone.goto(f"{live_server.url}/decisions/20-003-494/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert phone.locator("link[rel=stylesheet]").get_attribute("href").startswith("/static/css/")
    font_size = phone.evaluate("getComputedStyle(document.body).fontSize")
    assert font_size == "16px"

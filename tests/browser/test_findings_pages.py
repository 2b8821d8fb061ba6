"""Remedies, reasons, legislation and similar decisions as a person meets them, in Chromium."""

import pytest

from decisions.importing import import_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITING = "(Local Government Act 1974, section 26(1), as amended)"


@pytest.fixture
def archive(write_decision):
    """Six upheld decisions paying £100 to £600, two closed as late, one citing the Care Act."""
    paths = []
    for number in range(1, 7):
        paths.append(
            write_decision(
                f"{number}.txt",
                reference=f"21 000 00{number}",
                summary=f"The Council delayed Mr X’s homelessness review. {CITING}",
                sections={
                    "The complaint": ["Mr X complains about a late homelessness review."],
                    "Agreed action": [
                        f"The Council will apologise and pay Mr X £{number}00 for his distress."
                    ],  # fmt: skip
                },
            )
        )
    for number in (7, 8):
        paths.append(
            write_decision(
                f"{number}.txt",
                reference=f"21 000 00{number}",
                outcome="Closed after initial enquiries",
                summary="We will not investigate. This is because the complaint is late. "
                "(Care Act 2014, section 9)",
            )
        )
    assert import_paths(paths).imported == 8


def test_decision_page_shows_remedies_above_the_text_and_citations_lead_to_a_search(
    archive, live_server, page
):
    page.goto(f"{live_server.url}/decisions/21-000-003/")
    box = page.locator("#findings")
    assert box.get_by_role("heading", level=2).inner_text() == "At a glance"
    assert box.get_by_role("link", name="Payment of £300 for distress").is_visible()
    # Above the text: the box comes before the summary on the page.
    box_top = box.bounding_box()["y"]
    assert box_top < page.locator("#summary-heading").bounding_box()["y"]
    similar = page.locator("#similar")
    assert similar.locator(".similar-summary").inner_text() == (
        "5 of 7 upheld; payments £100–£600."  # the other five paying, and the two closed
    )
    assert "not a prediction" in similar.inner_text()
    box.get_by_role("link", name="Local Government Act 1974, section 26(1)").click()
    page.wait_for_url("**citation=**")
    assert page.locator("h2.total").inner_text() == "6 decisions"
    assert page.get_by_role("link", name="Remove filter Cites Local Government Act 1974, "
                            "section 26(1)").is_visible()  # fmt: skip


def test_search_by_remedy_payment_range_and_reason(archive, live_server, page):
    page.goto(f"{live_server.url}/decisions/")
    remedy = page.locator("#facet-remedy label").filter(has_text="Financial payment")
    assert remedy.locator(".count").inner_text() == "6"
    page.get_by_label("From £").fill("250")
    page.get_by_label("To £").fill("500")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**payment_min=250**")
    assert page.locator("h2.total").inner_text() == "3 decisions"
    assert page.get_by_role("link", name="Remove filter Payments from £250").is_visible()
    page.goto(f"{live_server.url}/decisions/")
    page.locator("#facet-reason").get_by_label("Out of time", exact=False).check()
    page.wait_for_url("**reason=out_of_time**")
    assert page.locator("h2.total").inner_text() == "2 decisions"


def test_legislation_page_lists_acts_and_sections_with_counts_that_lead_to_searches(
    archive, live_server, page
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Legislation").click()
    acts = page.locator(".act h2").all_inner_texts()
    assert acts == ["Local Government Act 1974 6 decisions", "Care Act 2014 2 decisions"]
    page.get_by_role("link", name="Care Act 2014, section 9").click()
    page.wait_for_url("**citation=**")
    assert page.locator("h2.total").inner_text() == "2 decisions"


def test_profiles_show_payment_total_and_median_and_reasons_that_lead_to_searches(
    archive, live_server, page
):
    # Six decisions paying £100 to £600 in all: a total of £2,100, a median of £350.
    for path in ("/organisations/wrenmoor-district-council/", "/categories/housing/"):
        page.goto(f"{live_server.url}{path}")
        payments = page.locator("#payments")
        assert page.locator("#payment-total").inner_text() == "£2,100"
        assert page.locator("#payment-median").inner_text() == "£350"
        counted = "6 decisions stating a payment and its amount"
        assert payments.get_by_role("link", name=counted).is_visible()
        reasons = page.get_by_role("table", name="Decisions closed after initial enquiries")
        assert reasons.locator("tbody tr").all_inner_texts() == [
            "Out of time: the complaint was late\t2"
        ]
    reasons.get_by_role("link", name="Out of time: the complaint was late").click()
    page.wait_for_url("**reason=out_of_time**")
    assert page.locator("h2.total").inner_text() == "2 decisions"
    page.go_back()
    page.locator("#payments").get_by_role("link", name=counted).click()
    page.wait_for_url("**payment_min=0**")
    assert page.locator("h2.total").inner_text() == "6 decisions"

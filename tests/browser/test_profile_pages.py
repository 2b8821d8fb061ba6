"""A person opens a council's profile and reads its chart, with or without JavaScript."""

import pytest

from decisions.importing import import_paths
from tests.factories import FICTIONAL, SEARCH_COUNCILS, write_search_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(write_decision):
    # Fictional: two upheld in 2020, one not upheld in 2021, one closed in 2022.
    rows = [("Upheld", "2020"), ("Upheld", "2020"), ("Not upheld", "2021"),
            ("Closed after initial enquiries", "2022")]  # fmt: skip
    for number, (outcome, year) in enumerate(rows):
        path = write_decision(
            f"{number}.txt",
            reference=f"{year[2:]} 000 {number:03d}",
            outcome=outcome,
            decision_date=f"1 Mar {year}",
            extra=FICTIONAL,
        )
    import_paths([path.parent])


@pytest.mark.parametrize("javascript", [True, False])
def test_profile_shows_the_chart_and_the_same_numbers_in_a_table(
    archive, live_server, browser, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/organisations/")
    page.get_by_role("link", name="Wrenmoor District Council").click()
    page.wait_for_url(f"{live_server.url}/organisations/wrenmoor-district-council/")

    chart = page.get_by_role("img", name="Decisions per year by outcome: Wrenmoor District Council")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 80
    assert page.locator(".year-chart rect").count() == 3  # a bar segment a year here
    table = page.get_by_role(
        "table", name="Decisions per year by outcome: Wrenmoor District Council"
    )
    rows = table.locator("tbody tr").all_inner_texts()
    assert [row.split("\t")[0] for row in rows] == ["2020", "2021", "2022"]
    assert rows[0].split("\t")[-1] == "2" and rows[1].split("\t")[-1] == "1"
    assert page.locator("#upheld-rate").inner_text().startswith("67%")  # 2 of 3 investigated
    page.get_by_role("link", name="Search these decisions").click()
    page.wait_for_url(f"{live_server.url}/decisions/?organisation=wrenmoor-district-council")
    assert page.locator(".total").inner_text() == "4 decisions"
    context.close()


@pytest.mark.parametrize("kept", [False, True], ids=["reloaded", "kept-in-memory"])
def test_back_to_the_list_of_bodies_shows_the_order_and_name_it_is_listed_by(
    write_decision, live_server, browser, browser_keeping_pages, kept
):
    """Back on the councils' list, the form said what was chosen or typed last (an order of
    "most decisions" above a list by name A–Z), not what the list shown was filtered by."""
    import_paths([write_search_archive(write_decision)])
    context = (browser_keeping_pages if kept else browser).new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/organisations/?name=oak")
    order, name = page.get_by_label("Order:"), page.get_by_label("Name contains:")
    order.select_option("count")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**sort=count**")
    name.fill("typed but not sent")
    page.get_by_role("link", name=SEARCH_COUNCILS[1]).click()  # Oakhollow
    page.wait_for_url("**/organisations/*/")
    for step, url, by in [
        (page.go_back, "**sort=count**", "count"),
        (page.go_back, "**/organisations/?name=oak", "name"),
        (page.go_forward, "**sort=count**", "count"),
    ]:
        step(wait_until="commit")  # a kept page fires no load event
        page.wait_for_url(url, wait_until="commit")
        name.wait_for()
        page.wait_for_timeout(300)  # its pageshow handlers
        assert (name.input_value(), order.input_value()) == ("oak", by), page.url
    context.close()

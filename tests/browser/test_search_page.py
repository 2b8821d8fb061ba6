"""Searching as a person does, in headless Chromium, with JavaScript and without it."""

import pytest

from decisions.importing import import_paths
from tests.factories import write_search_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(write_decision):
    """25 decisions: odd numbers upheld, even not; a third about homelessness."""
    import_paths([write_search_archive(write_decision)])


def count_of(page, facet, label):
    item = page.locator(f"#facet-{facet} label").filter(has_text=label).first
    return int(item.locator(".count").inner_text())


def added_by(page, facet, label):
    """What ticking a value adds, shown as "+N" when the facet has other values ticked."""
    item = page.locator(f"#facet-{facet} label").filter(has_text=label).first
    shown = item.locator(".count").inner_text()
    assert shown.startswith("+"), shown
    return int(shown.split()[0].lstrip("+"))


def test_search_tick_and_untick_a_facet_page_through_and_open_a_decision(
    archive, live_server, page
):
    page.goto(live_server.url + "/")
    page.get_by_label("Search decisions").fill("homelessness")
    page.get_by_role("button", name="Search").click()
    # Ticking applies through the page's script: on a busy machine the new page's text can
    # be read before its deferred script has run.
    page.wait_for_load_state("load")
    assert page.locator("h2.total").inner_text() == "9 decisions"
    assert page.locator(".snippet mark").first.inner_text().lower() == "homelessness"
    assert count_of(page, "outcome", "Not upheld") == 5

    # Ticking applies at once (JavaScript); the other outcome shows what ticking it adds.
    page.locator("#facet-outcome").get_by_label("Upheld", exact=False).first.check()
    page.wait_for_url("**outcome=upheld**")
    assert page.locator("h2.total").inner_text() == "4 decisions"
    assert added_by(page, "outcome", "Not upheld") == 5
    assert page.get_by_role("link", name="Remove filter Upheld").is_visible()

    page.get_by_role("link", name="Remove filter Upheld").click()
    assert page.locator("h2.total").inner_text() == "9 decisions"

    page.goto(live_server.url + "/decisions/?sort=oldest")
    assert page.locator("h2.total").inner_text() == "25 decisions"
    assert page.locator(".pagination p").inner_text() == "Page 1 of 2"
    page.get_by_role("link", name="Next").click()
    assert page.locator(".pagination p").inner_text() == "Page 2 of 2"
    assert page.locator(".result").count() == 5
    page.go_back()
    assert page.locator(".pagination p").inner_text() == "Page 1 of 2"

    first = page.locator(".result-title a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(title)


def test_the_same_search_works_without_javascript(archive, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/decisions/?q=homelessness")
    assert page.locator("h2.total").inner_text() == "9 decisions"
    page.locator("#facet-organisation").get_by_label("Oakhollow Borough Council").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "organisation=oakhollow-borough-council" in page.url
    assert page.locator("h2.total").inner_text() == "4 decisions"
    page.get_by_label("Sort by").select_option("oldest")
    page.get_by_role("button", name="Sort").click()
    assert "sort=oldest" in page.url and "q=homelessness" in page.url
    assert page.locator("h2.total").inner_text() == "4 decisions"
    context.close()


def test_a_reference_typed_in_the_box_opens_the_decision(archive, live_server, page):
    page.goto(live_server.url + "/decisions/")
    page.get_by_label("Search decisions").fill("21000007")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/decisions/21-000-007/")


def test_filters_fold_away_behind_a_button_on_a_phone(archive, live_server, phone):
    phone.goto(live_server.url + "/decisions/?q=noise")
    assert not phone.locator("#facets").is_visible()
    phone.get_by_text("Filters", exact=True).click()
    assert phone.locator("#facets").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # The stylesheet and the script really loaded (the folding above is the script's work).
    header = phone.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).borderBottomColor"
    )
    assert header == "rgb(11, 83, 148)"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("AND", "“AND” needs a word on each side, so it was left out."),
        ("OR", "“or” needs a word on each side, so it was left out."),
        ("NOT", "“NOT” needs a word after it, so it was left out."),
        ("-", "The search has no word to search for, so every decision is listed."),
    ],
)
def test_a_search_of_only_an_operator_says_why_every_decision_is_listed(
    archive, live_server, page, typed, said
):
    page.goto(live_server.url + "/decisions/")
    page.get_by_label("Search decisions").fill(typed)
    page.get_by_label("Search decisions").press("Enter")
    page.wait_for_url("**q=**")
    assert page.locator("h2.total").inner_text() == "25 decisions"
    assert page.get_by_role("status").filter(has_text=said).is_visible()


def test_words_typed_full_width_find_what_they_show(archive, live_server, page):
    page.goto(live_server.url + "/decisions/")
    page.get_by_label("Search decisions").fill("ＨＯＭＥＬＥＳＳＮＥＳＳ")
    page.get_by_label("Search decisions").press("Enter")
    page.wait_for_url("**q=**")
    assert page.locator("h2.total").inner_text() == "9 decisions"

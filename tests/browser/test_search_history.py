"""The search page's forms as a person leaves and comes back to them, in headless Chromium:
Back and Forward, words typed but not yet searched for, a date typed from the keyboard, a
decision opened from a search and left again, a value ticked from a long list."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from decisions.importing import import_paths
from tests.factories import write_search_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPHELD = "#facet-outcome input[value=upheld]"
OAKHOLLOW = "#facet-organisation input[value=oakhollow-borough-council]"


@pytest.fixture
def archive(write_decision):
    """25 decisions: odd numbers upheld, even not; a third about homelessness."""
    import_paths([write_search_archive(write_decision)])


def asked(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def ticked(page, selector: str) -> bool:
    return page.locator(selector).is_checked()


def total(page) -> str:
    return page.locator("h2.total").inner_text()


def test_back_and_forward_show_the_boxes_words_and_order_the_url_asks_for(
    archive, live_server, page
):
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.locator(UPHELD).check()
    page.wait_for_url("**outcome=upheld**")
    page.locator(OAKHOLLOW).check()
    page.wait_for_url("**organisation=**")
    page.locator(UPHELD).uncheck()
    page.wait_for_url(lambda url: "outcome=" not in url)
    steps = [  # (Back or Forward, upheld asked for, Oakhollow asked for)
        (page.go_back, True, True),
        (page.go_back, True, False),
        (page.go_back, False, False),
        (page.go_forward, True, False),
        (page.go_forward, True, True),
    ]
    for step, upheld, oakhollow in steps:
        step()
        assert ("outcome" in asked(page), "organisation" in asked(page)) == (upheld, oakhollow)
        assert (ticked(page, UPHELD), ticked(page, OAKHOLLOW)) == (upheld, oakhollow), page.url

    page.goto(live_server.url + "/decisions/")
    page.get_by_label("Search decisions").fill("noise")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**q=noise**")
    page.get_by_label("Sort by").select_option("oldest")
    page.wait_for_url("**sort=oldest**")
    page.go_back()
    assert page.get_by_label("Sort by").input_value() == "relevance"
    page.go_back()
    assert asked(page) == {} and page.get_by_label("Search decisions").input_value() == ""


def test_words_typed_but_not_searched_for_go_with_a_filter_or_order_chosen_after(
    archive, live_server, page
):
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.get_by_label("Search decisions").fill("noise")
    page.locator(UPHELD).check()
    page.wait_for_url("**outcome=upheld**")
    assert asked(page) == {"q": ["noise"], "outcome": ["upheld"]}
    # The noise cases are the two thirds not about homelessness: 17 of 25, 8 of them upheld.
    assert total(page) == "8 decisions"

    page.get_by_label("Search decisions").fill("")
    page.get_by_label("Sort by").select_option("oldest")
    page.wait_for_url("**sort=oldest**")
    assert asked(page) == {"outcome": ["upheld"], "sort": ["oldest"]}
    assert total(page) == "12 decisions"


@pytest.mark.parametrize("leave", ["Enter", "a click elsewhere"])
@pytest.mark.parametrize("already", ["", "?date_from=2020-01-01"])
def test_a_date_typed_from_the_keyboard_is_applied_once_on_enter_or_leaving_it(
    archive, live_server, page, already, leave
):
    page.goto(live_server.url + "/decisions/" + already)
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.locator("#date-from").focus()
    # Month, day, year, as Chromium's en-US field takes them, at a person's pace. A date set
    # already is a whole date after every digit: none of those is searched for.
    page.keyboard.type("03102021", delay=250)
    page.wait_for_timeout(500)
    assert loads == [] and page.locator("#date-from").input_value() == "2021-03-10"
    if leave == "Enter":
        page.keyboard.press("Enter")
    else:
        page.locator("h1").click()
    page.wait_for_url("**date_from=2021-03-10**")
    assert asked(page)["date_from"] == ["2021-03-10"]
    assert total(page) == "16 decisions"  # 10 to 25 March 2021
    page.wait_for_timeout(300)
    assert len(loads) == 1, loads


def test_a_date_range_typed_from_the_keyboard_is_applied_whole(archive, live_server, page):
    page.goto(live_server.url + "/decisions/")
    page.locator("#date-from").focus()
    page.keyboard.type("03102021", delay=100)
    page.locator("#date-to").focus()  # on to the other end of the range: nothing applied yet
    page.wait_for_timeout(300)
    assert asked(page) == {}
    page.keyboard.type("03202021", delay=100)
    page.keyboard.press("Enter")
    page.wait_for_url("**date_to=**")
    assert asked(page) == {"date_from": ["2021-03-10"], "date_to": ["2021-03-20"]}
    assert total(page) == "11 decisions"  # 10 to 20 March 2021


def test_an_amount_typed_on_a_phone_applies_when_the_button_to_the_results_is_tapped(
    archive, live_server, phone
):
    phone.goto(live_server.url + "/decisions/")
    phone.get_by_text("Filters", exact=True).click()
    phone.locator("#payment-min").fill("1")
    phone.get_by_role("button", name="Show 25 decisions").click()
    phone.wait_for_url("**payment_min=1**")
    assert asked(phone) == {"payment_min": ["1"]}


@pytest.mark.parametrize("then", ["the Search button", "an order chosen with the mouse"])
def test_a_date_typed_and_not_yet_applied_goes_with_new_words_or_an_order_chosen_after(
    archive, live_server, page, then
):
    """Leaving a date's box applies it, but the Search button or the order, sent at the same
    moment, loaded the page without it: the date typed (or emptied) was lost."""
    page.goto(live_server.url + "/decisions/?q=homelessness&date_to=2021-03-20")
    page.get_by_label("Search decisions").fill("noise")
    page.locator("#date-from").focus()
    page.keyboard.type("03102021", delay=50)
    page.locator("#date-to").focus()
    page.keyboard.press("Backspace")  # the "to" date emptied: that filter comes off
    if then == "the Search button":
        page.get_by_role("button", name="Search", exact=True).click()
        wanted = {"q": ["noise"], "date_from": ["2021-03-10"]}
    else:
        page.get_by_label("Sort by").select_option("oldest")
        wanted = {"q": ["noise"], "date_from": ["2021-03-10"], "sort": ["oldest"]}
    page.wait_for_url("**q=noise**")
    page.wait_for_timeout(500)  # and no other page after it
    assert asked(page) == wanted
    assert page.locator("#date-from").input_value() == "2021-03-10"
    assert total(page) == "10 decisions"  # the noise cases of 10 to 25 March 2021


def test_a_date_picked_with_the_mouse_applies_at_once(archive, live_server, page):
    page.goto(live_server.url + "/decisions/")
    # What the calendar does when a day is clicked: set the value, then send "change".
    page.locator("#date-from").dispatch_event("mousedown")
    page.locator("#date-from").evaluate(
        "field => { field.value = '2021-03-10'; field.dispatchEvent(new Event('change', "
        "{bubbles: true})); }"
    )
    page.wait_for_url("**date_from=2021-03-10**")
    assert total(page) == "16 decisions"


def test_new_words_in_the_search_box_keep_the_filters_and_order_chosen(archive, live_server, page):
    page.goto(live_server.url + "/decisions/?q=homelessness&outcome=upheld&sort=oldest")
    page.get_by_label("Search decisions").fill("noise")
    page.get_by_label("Search decisions").press("Enter")
    page.wait_for_url("**q=noise**")
    assert asked(page) == {"q": ["noise"], "outcome": ["upheld"], "sort": ["oldest"]}
    assert total(page) == "8 decisions"
    assert ticked(page, UPHELD) and page.get_by_label("Sort by").input_value() == "oldest"
    page.get_by_role("link", name="Clear all").click()  # and the filters come off as before
    page.wait_for_url(lambda url: "outcome=" not in url)
    assert asked(page) == {"q": ["noise"]}


def test_enter_in_the_box_that_narrows_a_list_keeps_what_was_typed(archive, live_server, page):
    page.goto(live_server.url + "/decisions/?q=homelessness")
    narrow = page.locator("#facet-filter-organisation")
    narrow.fill("oak")
    narrow.press("Enter")
    page.wait_for_timeout(500)
    assert asked(page) == {"q": ["homelessness"]} and narrow.input_value() == "oak"
    assert page.locator(OAKHOLLOW).is_visible()


def test_the_list_of_bodies_narrows_by_name_with_or_without_accents(
    write_decision, live_server, page
):
    """ "chateau" found no "Château" (the councils' list finds it), and "1" found every body
    with a count holding a 1."""
    folder = write_search_archive(write_decision)
    write_decision("other.txt", reference="21 100 001", organisation="Château Vale Parish Council")
    import_paths([folder])
    page.goto(live_server.url + "/decisions/")
    narrow = page.locator("#facet-filter-organisation")
    status = page.locator("#facet-filter-organisation-status")
    for typed in ("chateau", "CHÂTEAU", "Château Vale", "ｃｈａｔｅａｕ"):  # full-width too
        narrow.fill(typed)
        assert status.inner_text() == "1 of 3 shown.", typed
        assert page.locator(
            "#facet-organisation input[value=chateau-vale-parish-council]"
        ).is_visible()
    narrow.fill("1")  # a count, not a name
    assert status.inner_text() == "None matches “1”."


@pytest.mark.parametrize("kept", [False, True], ids=["reloaded", "kept-in-memory"])
def test_back_to_a_list_narrowed_by_typing_shows_the_whole_list_and_an_empty_box(
    archive, live_server, browser, browser_keeping_pages, kept
):
    """Narrowing the bodies' list by typing, then ticking one and coming Back: the box is
    emptied as the page was served, and so the list is whole again, whether the browser shows
    the page again from memory or loads it afresh."""
    context = (browser_keeping_pages if kept else browser).new_context()
    page = context.new_page()
    page.goto(live_server.url + "/decisions/?q=homelessness")
    bodies = page.locator("#facet-organisation .facet-values > li")
    whole = bodies.count()
    narrow = page.locator("#facet-filter-organisation")
    narrow.fill("oak")
    visible = len([b for b in bodies.all() if b.is_visible()])
    assert 0 < visible < whole
    # What the words leave is said (a status the box points to), and so is none.
    status = page.locator("#facet-filter-organisation-status")
    assert status.inner_text() == f"{visible} of {whole} shown."
    narrow.fill("zzz")
    assert status.inner_text() == "None matches “zzz”."
    narrow.fill("oak")
    page.evaluate("window.leftAt = Date.now()")  # still there only if the page was kept
    page.locator(OAKHOLLOW).check()
    page.wait_for_url("**organisation=**")
    page.go_back(wait_until="commit")  # a kept page fires no load event
    page.wait_for_url(lambda url: "organisation=" not in url, wait_until="commit")
    page.locator("#facet-filter-organisation").wait_for()
    page.wait_for_timeout(200)  # its pageshow handlers
    assert page.evaluate("window.leftAt !== undefined") == kept
    assert narrow.input_value() == ""
    assert page.locator("#facet-organisation .facet-values > li:not([hidden])").count() == whole
    context.close()


def test_back_to_the_search_from_a_decision_keeps_its_filters_order_and_page(
    archive, live_server, page
):
    for search in ("?q=homelessness&outcome=upheld&sort=oldest", "?sort=oldest&page=2"):
        page.goto(live_server.url + "/decisions/" + search)
        listed = page.locator(".result-title a").all_inner_texts()
        page.locator(".result-title a").first.click()
        page.get_by_role("link", name="Back to the search").click()
        assert urlsplit(page.url).query == search.lstrip("?")
        assert page.locator(".result-title a").all_inner_texts() == listed


def test_a_value_ticked_from_the_show_all_list_is_in_view_after(write_decision, live_server, page):
    folder = write_search_archive(write_decision)
    for number in range(12):
        write_decision(f"other-{number}.txt", reference=f"21 100 {number:03d}",
                       organisation=f"Quillmere Parish {number:02d} Council")  # fmt: skip
    import_paths([folder])
    page.goto(live_server.url + "/decisions/")
    page.locator("#facet-organisation details.facet-more summary").click()
    last = page.locator("#facet-organisation details.facet-more input[type=checkbox]").last
    value = last.get_attribute("value")
    last.check()
    page.wait_for_url(f"**organisation={value}**")
    chosen = page.locator(f"#facet-organisation input[value={value}]")
    assert chosen.is_checked() and chosen.is_visible()
    # And from a link naming it, as someone else would open it.
    page.goto(live_server.url + f"/decisions/?organisation={value}")
    assert chosen.is_checked() and chosen.is_visible()


def test_after_a_tick_the_focus_is_back_on_the_box_ticked(archive, live_server, page, phone):
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.locator(UPHELD).focus()
    page.keyboard.press("Space")
    page.wait_for_url("**outcome=upheld**")
    # (Polled from here: the page's security policy refuses wait_for_function's eval.)
    focused = None
    for _ in range(50):
        focused = page.evaluate("document.activeElement && document.activeElement.value")
        if focused == "upheld":
            break
        page.wait_for_timeout(100)
    assert focused == "upheld"
    page.keyboard.press("Space")  # and the space bar again unticks it
    page.wait_for_url(lambda url: "outcome=" not in url)
    assert total(page) == "9 decisions"

    # On a phone the Filters panel stays open from one tick to the next.
    phone.goto(live_server.url + "/decisions/?q=homelessness")
    phone.get_by_text("Filters", exact=True).click()
    phone.locator(UPHELD).check()
    phone.wait_for_url("**outcome=upheld**")
    assert phone.locator(OAKHOLLOW).is_visible()


def test_without_javascript_back_shows_the_boxes_the_url_asks_for(archive, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.locator(UPHELD).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**outcome=upheld**")
    page.locator(OAKHOLLOW).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**organisation=**")
    page.go_back()
    assert (ticked(page, UPHELD), ticked(page, OAKHOLLOW)) == (True, False)
    page.go_back()
    assert (ticked(page, UPHELD), ticked(page, OAKHOLLOW)) == (False, False)
    assert (
        page.get_by_role("link", name="Download as CSV")
        .get_attribute("href")
        .endswith("?q=homelessness")
    )
    context.close()


def test_the_order_chosen_from_the_keyboard_applies_on_enter_not_at_the_first_arrow(
    archive, live_server, page
):
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.get_by_label("Sort by").focus()
    page.keyboard.press("ArrowDown")  # relevance -> newest
    page.keyboard.press("ArrowDown")  # -> oldest
    page.wait_for_timeout(300)
    assert "sort=" not in page.url  # nothing applied while choosing
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=oldest**")
    assert page.get_by_label("Sort by").input_value() == "oldest"


@pytest.mark.parametrize("then", ["Next", "Remove filter Upheld", "Download as CSV"])
def test_a_date_typed_and_not_yet_applied_goes_with_a_link_clicked_after(
    archive, live_server, page, then
):
    """Pressing a link took the focus from the date's box, which applied the date; the link
    then loaded its own page in place of that one, without the date."""
    page.goto(live_server.url + "/decisions/?sort=oldest" + ("&outcome=upheld" * ("Rem" in then)))
    page.locator("#date-from").focus()
    page.keyboard.type("03022021", delay=50)
    link = page.get_by_role("link", name=then)
    if then == "Download as CSV":
        with page.expect_download() as download:
            link.click()
        url = download.value.url
        assert parse_qs(urlsplit(url).query) == {"sort": ["oldest"], "date_from": ["2021-03-02"]}
        rows = Path(download.value.path()).read_text(encoding="utf-8").strip().splitlines()
        assert len(rows) == 1 + 24  # a heading, and 2 to 25 March 2021
        return
    link.click()
    page.wait_for_url("**date_from=2021-03-02**")
    page.wait_for_timeout(500)  # and no other page after it
    if then == "Next":
        assert asked(page) == {"sort": ["oldest"], "page": ["2"], "date_from": ["2021-03-02"]}
        assert page.locator(".pagination p").inner_text() == "Page 2 of 2"
    else:
        assert asked(page) == {"sort": ["oldest"], "date_from": ["2021-03-02"]}
    assert total(page) == "24 decisions"  # 2 to 25 March 2021
    assert page.locator("#date-from").input_value() == "2021-03-02"


def test_a_date_typed_and_not_yet_applied_goes_with_no_link_clearing_every_filter(
    archive, live_server, page
):
    page.goto(live_server.url + "/decisions/?outcome=upheld")
    page.locator("#date-from").focus()
    page.keyboard.type("03022021", delay=50)
    page.get_by_role("link", name="Clear all").click()
    page.wait_for_url(lambda url: "outcome" not in url)
    page.wait_for_timeout(500)
    assert asked(page) == {} and total(page) == "25 decisions"


def test_an_order_chosen_from_the_keyboard_and_not_yet_applied_goes_with_a_link_clicked_after(
    archive, live_server, page
):
    """The arrow keys change the order shown without applying it (Enter does): Next then gave
    the next page in the order the box no longer showed."""
    page.goto(live_server.url + "/decisions/?q=council")
    page.get_by_label("Sort by").focus()
    page.keyboard.press("ArrowDown")  # Relevance to Newest first
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2**")
    assert asked(page) == {"q": ["council"], "page": ["2"], "sort": ["newest"]}
    assert page.get_by_label("Sort by").input_value() == "newest"


def test_the_skip_link_moves_down_the_page_with_words_typed_and_not_yet_applied(
    archive, live_server, page
):
    """A link to a place on the page was taken for a link keeping the search: with words
    typed in the box, "Skip to the results" loaded a new page instead of moving down."""
    page.goto(live_server.url + "/decisions/?sort=oldest")
    page.get_by_label("Search decisions").fill("council")
    page.evaluate("window.stillHere = true")
    page.locator(".skip-link", has_text="Skip to the results").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert urlsplit(page.url).fragment == "results-heading"
    assert asked(page) == {"sort": ["oldest"]}
    assert page.evaluate("window.stillHere === true")  # the same page, not a new one

"""A phone, with JavaScript and without: the filters fold away by HTML and CSS alone, the first
result is near the top, nothing moves after the page has loaded, and nothing that needs a script
is shown without one."""

import pytest

from decisions.importing import import_paths
from tests.factories import FICTIONAL, SAMPLE_DIR, write_search_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Sums the layout shifts not caused by the person's own input, as Lighthouse's CLS does over a
# short page; registered before any of the page's own code runs, and buffered besides.
RECORD_LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""

# Everything a person can see that does nothing without a script: a control outside any form or
# in a form with no visible way to send it, a button that submits nothing, a link to "#" or
# "javascript:", or a label whose control is hidden.
CONTROLS_THAT_NEED_A_SCRIPT = """
() => {
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const sendsForm = "button[type=submit], button:not([type]), input[type=submit]";
  const found = [];
  const controls = "main input, main select, main textarea, main button, header button";
  for (const el of document.querySelectorAll(controls)) {
    if (el.type === "hidden" || !shown(el)) continue;
    const form = el.form;
    if (!form) { found.push("outside a form: " + el.outerHTML); continue; }
    if (el.matches("button") && el.type !== "submit") found.push("a script's: " + el.outerHTML);
    const sends = [...form.elements].some((c) => c.matches(sendsForm) && shown(c));
    if (!sends) found.push("no visible button to send its form: " + el.outerHTML);
  }
  for (const a of document.querySelectorAll("a")) {
    const href = a.getAttribute("href") || "";
    const dead = href === "" || href === "#" || href.startsWith("javascript:");
    if (shown(a) && dead) found.push("link: " + a.outerHTML);
  }
  for (const label of document.querySelectorAll("label[for]")) {
    const control = document.getElementById(label.htmlFor);
    if (shown(label) && control && !shown(control)) found.push("label: " + label.outerHTML);
  }
  return found;
}
"""


@pytest.fixture
def archive(write_decision):
    """25 fictional decisions (a third about homelessness) and the real one."""
    import_paths([write_search_archive(write_decision, extra=FICTIONAL), SAMPLE_DIR])


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "path",
    ["/decisions/", "/decisions/?q=homelessness", "/decisions/?q=homelessness&outcome=upheld"],
)
def test_first_result_is_within_two_screens_on_a_phone_without_javascript(
    archive, live_server, phone_without_javascript, path
):
    page = phone_without_javascript
    page.goto(live_server.url + path)
    # Folded by the HTML and the stylesheet: no script has run.
    assert page.get_by_text("Filters", exact=True).is_visible()
    assert not page.locator("#facets").is_visible()
    top = page.evaluate(
        "document.querySelector('.result').getBoundingClientRect().top + window.scrollY"
    )
    assert 0 < top <= 2 * PHONE["height"], f"the first result starts {top}px down"
    # The folded filters open and work without a script.
    page.get_by_text("Filters", exact=True).click()
    assert page.locator("#facets").is_visible()
    page.locator("#facet-outcome input[type=checkbox]").first.check()
    page.get_by_role("button", name="Apply filters").click()
    assert "outcome=" in page.url


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_show_in_the_sidebar_on_a_wide_screen(archive, live_server, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/decisions/?q=homelessness")
    assert page.locator("#facets").is_visible()
    assert not page.get_by_text("Filters", exact=True).is_visible()
    facets = page.locator("#facets").bounding_box()
    results = page.locator(".results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"], "the filters sit beside the results"
    assert results["y"] < 400
    # The facet filter box is the script's: shown with it, hidden without.
    assert page.locator("#facet-filter-organisation").is_visible() is javascript
    context.close()


@pytest.mark.parametrize(
    "viewport, mobile", [(PHONE, True), (DESKTOP, False)], ids=["phone", "desktop"]
)
@pytest.mark.parametrize(
    "path", ["/", "/decisions/?q=homelessness", "/decisions/", "/decisions/21-000-003/"]
)
def test_nothing_moves_after_the_page_has_loaded(
    archive, live_server, browser, viewport, mobile, path
):
    context = browser.new_context(viewport=viewport, is_mobile=mobile)
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    page = context.new_page()
    assert page.goto(live_server.url + path, wait_until="load").ok
    page.wait_for_timeout(500)  # room for a late script or style to move something
    shift = page.evaluate("window.layoutShift")
    assert shift < 0.1, f"{path}: cumulative layout shift {shift}"
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/decisions/",
        "/decisions/?q=homelessness&outcome=upheld",
        "/decisions/21-000-003/",
        "/decisions/20-003-494/",
        "/how-to-search/",
        "/organisations/",
        "/organisations/wrenmoor-district-council/",
        "/categories/",
        "/legislation/",
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_control_that_needs_a_script_shows_without_one(
    archive, live_server, browser, path, viewport
):
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    assert page.goto(live_server.url + path).ok
    summary = page.locator("#facets-panel > summary")
    if summary.count() and summary.is_visible():
        summary.click()  # open the folded filters, to look inside them too
    assert page.evaluate(CONTROLS_THAT_NEED_A_SCRIPT) == []
    context.close()


def test_no_page_is_wider_than_a_phone(write_decision, live_server, phone, browser):
    """A long name and a year table with every outcome group: the page never scrolls sideways
    (a wide table scrolls within its own box) and the upheld rate is in view."""
    name = "Quillmere Residential Care Homes Partnership Ltd (Nightjarwell House)"
    outcomes = ["Upheld", "Not upheld", "Closed after initial enquiries", "Report issued"]
    for number in range(8):
        write_decision(f"{number}.txt", reference=f"2{number} 000 001", organisation=name,
                       outcome=outcomes[number % 4], decision_date=f"3 Mar 201{number + 2}",
                       extra=FICTIONAL)  # fmt: skip
    # No hyphen: a browser breaks a line at one, not at a slash.
    address = "https://www.harrowmeredistrictcouncil.gov.uk/send/complaintsandcompliments"
    # A table pasted with tabs, wider than a phone: it scrolls within its own box.
    wide_table = "\t".join(["Care and support plan reviews"] * 6)
    long_words = {"The complaint": [f"The policy is at {address}/howtocomplain.", wide_table]}
    import_paths([write_decision("extra.txt", reference="20 000 002", extra=FICTIONAL,
                                 sections=long_words).parent])  # fmt: skip
    profile = "/organisations/quillmere-residential-care-homes-partnership-ltd-nightjarwell-house/"
    paths = ("/", "/organisations/", profile, "/categories/", "/decisions/?outcome=upheld",
             "/decisions/20-000-002/", "/how-to-search/")  # fmt: skip
    # 320 px: the narrowest phones, and a desktop window at 400% zoom (WCAG's reflow test),
    # which lays the page out at the window's width where a phone may widen it to fit.
    window = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    for page in (phone, window):
        for viewport in ({"width": 390, "height": 740}, {"width": 320, "height": 640}):
            page.set_viewport_size(viewport)
            for path in paths:
                assert page.goto(live_server.url + path).ok
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{path}: {width}px at {viewport['width']}"
    window.context.close()
    phone.set_viewport_size({"width": 375, "height": 740})
    phone.goto(live_server.url + profile)
    rate = phone.locator("#upheld-rate").bounding_box()
    assert rate["x"] + rate["width"] <= phone.viewport_size["width"]


def test_on_a_phone_a_button_from_the_open_filters_shows_the_results(archive, live_server, phone):
    phone.goto(live_server.url + "/decisions/?q=homelessness")
    show = phone.get_by_role("button", name="Show 9 decisions")
    assert not show.is_visible()  # inside the folded panel
    phone.get_by_text("Filters", exact=True).click()
    phone.locator("#facet-outcome input[value=upheld]").check()
    phone.wait_for_url("**outcome=upheld**")
    show = phone.get_by_role("button", name="Show 4 decisions")
    box = show.bounding_box()
    assert show.is_visible() and box["y"] + box["height"] <= phone.viewport_size["height"]
    show.click()
    heading = phone.locator("#results-heading").bounding_box()
    assert -1 <= heading["y"] < phone.viewport_size["height"]


def test_on_a_phone_without_javascript_the_button_to_the_results_applies_the_ticks(
    archive, live_server, phone_without_javascript
):
    """Nothing applies a tick without a script: the bar at the foot of the open panel does,
    and shows the results it finds."""
    phone = phone_without_javascript
    phone.goto(live_server.url + "/decisions/?q=homelessness")
    phone.get_by_text("Filters", exact=True).click()
    phone.locator("#facet-outcome input[value=upheld]").check()
    show = phone.get_by_role("button", name="Show 9 decisions")
    box = show.bounding_box()
    assert box["y"] + box["height"] <= phone.viewport_size["height"]  # at the foot, in view
    show.click()
    phone.wait_for_url("**outcome=upheld**")
    assert phone.locator("#results-heading").inner_text() == "4 decisions"
    heading = phone.locator("#results-heading").bounding_box()
    assert -1 <= heading["y"] < phone.viewport_size["height"]

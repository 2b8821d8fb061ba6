"""A search done with the keyboard alone; pages read at 200% zoom; no Content-Security-Policy
violation anywhere (the policy forbids inline script and style)."""

import pytest

from tests.browser.test_search_page import archive  # noqa: F401 (the same 25 decisions)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_until_focused(page, selector: str, limit: int = 80) -> None:
    """Tab forward until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_search_done_with_the_keyboard_alone(archive, live_server, page):  # noqa: F811
    page.goto(live_server.url + "/")
    press_until_focused(page, "input[name=q]")
    page.keyboard.type("homelessness")
    page.keyboard.press("Enter")
    page.wait_for_url("**/decisions/?q=homelessness")
    assert page.locator("h2.total").inner_text() == "9 decisions"
    # Tick "Upheld" with the space bar: the script applies it at once.
    press_until_focused(page, "#facet-outcome input[value=upheld]")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # the focus is visible
    page.keyboard.press("Space")
    page.wait_for_url("**outcome=upheld**")
    assert page.locator("h2.total").inner_text() == "4 decisions"
    # Past the filters in a few presses: the link that skips them, then the results.
    page.locator("#search-q").focus()
    press_until_focused(page, "a.skip-link[href='#results-heading']", limit=5)
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown
    page.keyboard.press("Enter")
    press_until_focused(page, ".result-title a", limit=12)
    # Open the first result with Enter.
    page.keyboard.press("Enter")
    page.wait_for_url("**/decisions/21-000-*/?q=homelessness&outcome=upheld")
    assert page.get_by_role("heading", level=1).is_visible()


@pytest.mark.parametrize(
    "path", ["/", "/decisions/?q=homelessness", "/decisions/21-000-003/", "/organisations/"]
)
def test_pages_read_at_200_percent_zoom_without_sideways_scrolling(
    archive,  # noqa: F811
    live_server,
    browser,
    path,
):
    # 200% zoom on a 1280-pixel window: the page has 640 CSS pixels, at twice the density.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 200%"
    assert page.locator("h1").is_visible()
    context.close()


def test_no_page_breaks_the_content_security_policy(archive, live_server, page):  # noqa: F811
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ["/", "/decisions/?q=homelessness", "/decisions/21-000-003/", "/organisations/"]:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/decisions/")
    page.locator("#facet-outcome input[value=upheld]").first.check()  # the script still works
    page.wait_for_url("**outcome=upheld**")
    assert refused == []


def test_on_a_phone_no_control_tabbed_to_is_hidden_under_the_bar_to_the_results(
    archive,  # noqa: F811
    live_server,
    browser,
):
    """WCAG 2.4.11: the sticky "Show N decisions" bar at the foot of the open filters never
    covers the box, date or amount the keyboard has reached."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/decisions/?q=homelessness")
    press_until_focused(page, "#facets-panel summary")
    page.keyboard.press("Enter")
    bar = page.locator(".show-results")
    for selector in ("#facet-organisation input", "#date-from", "#payment-min", ".apply"):
        press_until_focused(page, selector)
        focused = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom}; })()"
        )
        assert focused["bottom"] <= bar.bounding_box()["y"] + 1, selector
    context.close()


@pytest.mark.usefixtures("archive")
@pytest.mark.parametrize("box", ["#payment-min", "#payment-max"])
def test_an_amount_applied_with_enter_leaves_the_focus_in_its_box(live_server, page, box):
    """Enter in an amount's box sends the filters: the next page put the focus at its top, 40
    Tabs from where the person was, as a tick or a date applied with Enter does not."""
    page.goto(live_server.url + "/decisions/?q=homelessness")
    page.locator(box).focus()
    page.keyboard.type("250")
    page.keyboard.press("Enter")
    page.wait_for_url("**payment_m*=250**")
    assert page.evaluate(f"document.activeElement.matches({box!r})")
    assert page.locator(box).input_value() == "250"

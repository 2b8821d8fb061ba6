"""A withdrawn decision seen in Chromium, then reinstated: the browser shows it again."""

import pytest

from decisions.corrections import Editor, reinstate, withdraw
from decisions.importing import import_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = Editor(name="tests")


def test_a_reinstated_decision_seen_withdrawn_before_shows_again(write_decision, live_server, page):
    import_paths([write_decision("x.txt", reference="21 000 001")])
    address = live_server.url + "/decisions/21-000-001/"
    withdraw("21 000 001", "Published in error.", EDITOR)
    assert page.goto(address).status == 410
    reinstate("21 000 001", "Published again.", EDITOR)
    page.goto(live_server.url + "/")
    page.goto(address)  # as a person opens it again, from a link or the address bar
    assert "has been withdrawn" not in page.content()
    assert page.locator("h1").inner_text().startswith("Wrenmoor District Council")

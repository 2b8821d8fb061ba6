"""A person follows a link to a withdrawn decision and reads why it went, then reads the change
log: in real Chromium, with and without JavaScript, and with no accessibility violations."""

import json

import pytest

from decisions.corrections import Editor, record_corrections, withdraw
from decisions.importing import import_paths
from decisions.models import Decision
from tests.browser.test_accessibility import violations
from tests.factories import FICTIONAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = Editor(name="tests")
WITHDRAWN, CORRECTED = "21 000 001", "21 000 002"


@pytest.fixture
def archive(write_decision):
    for reference in (WITHDRAWN, CORRECTED):
        path = write_decision(
            f"{reference[-3:]}.txt",
            reference=reference,
            summary="Mr Quillfeather waited eleven weeks for a homelessness review.",
            extra=FICTIONAL,
        )
    import_paths([path.parent])
    decision = Decision.objects.get(reference=CORRECTED)
    record_corrections(decision, {"Decision": ("Not upheld", "Upheld")}, "Misread.", EDITOR)
    decision.save()
    withdraw(WITHDRAWN, "Published before a name was removed.", EDITOR)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_reader_finds_why_a_decision_went_and_what_else_changed(
    archive, live_server, browser, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    response = page.goto(f"{live_server.url}/decisions/21-000-001/")
    assert response.status == 410
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Decision 21 000 001 has been withdrawn"
    assert page.get_by_text("Published before a name was removed.").is_visible()
    assert "Quillfeather" not in page.content()

    page.get_by_role("link", name="What has changed about 21 000 001").click()
    page.wait_for_url(f"{live_server.url}/changes/21-000-001/")
    assert page.get_by_role("heading", level=1).inner_text() == "Changes to decision 21 000 001"
    assert page.locator(".change").count() == 1

    page.get_by_role("link", name="All changes to the archive").first.click()
    page.wait_for_url(f"{live_server.url}/changes/")
    items = page.locator(".change-log > li")
    assert items.count() == 2
    assert "Withdrawn · 21 000 001" in items.nth(0).inner_text()
    newer = items.nth(1).inner_text()
    assert "Corrected · 21 000 002" in newer and "Decision: Not upheld → Upheld" in newer

    # From the log to the corrected decision, which says it was corrected and links back.
    items.nth(1).get_by_role("link", name=CORRECTED).click()
    page.wait_for_url(f"{live_server.url}/decisions/21-000-002/")
    assert page.get_by_text("Corrected on").is_visible()
    page.get_by_role("link", name="what changed and why").click()
    page.wait_for_url(f"{live_server.url}/changes/21-000-002/")
    context.close()


@pytest.mark.parametrize("path", ["/decisions/21-000-001/", "/changes/", "/changes/21-000-002/"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_withdrawn_page_and_the_log_have_no_accessibility_violations(
    archive, live_server, browser, path, width
):
    # axe is injected as an inline script, which the site's Content-Security-Policy forbids.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + path)
    found = violations(page)
    context.close()
    assert found == [], json.dumps(found, indent=1)

"""axe-core, from the npm registry (`npm ci`, run by `make test`), finds no violations."""

import json
from pathlib import Path

import pytest

from decisions.importing import import_paths
from tests.factories import FICTIONAL, SAMPLE_DIR

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(write_decision):
    folder = None
    for number in range(12):
        folder = write_decision(
            f"{number}.txt",
            reference=f"21 000 {number:03d}",
            outcome="Upheld" if number % 2 else "Not upheld",
            extra=FICTIONAL,
        ).parent
    # A table pasted with tabs, its first row a header (decisions/reading.py).
    table = ["The charges were:", "Period\tWeekly charge", "April to June\t£120.00"]
    write_decision("table.txt", reference="21 000 099", sections={"What I found": table},
                   extra=FICTIONAL)  # fmt: skip
    import_paths([folder, SAMPLE_DIR])


def violations(page) -> list[dict]:
    assert AXE.exists(), "run `npm ci` (make test does) to install axe-core"
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"]][:3]}
        for v in json.loads(result)["violations"]
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/decisions/",
        "/decisions/?q=council&outcome=upheld",
        "/decisions/?q=nothingmatches",
        "/decisions/20-003-494/?q=information",
        "/decisions/21-000-099/?q=charges",
        "/how-to-search/",
        "/organisations/",
        "/organisations/wrenmoor-district-council/",
        "/categories/",
        "/categories/housing/",
        "/legislation/",
        "/decisions/?remedy=payment&payment_min=1&reason=other",
    ],
)
@pytest.mark.parametrize("width", [1280, 375])
def test_pages_have_no_accessibility_violations(archive, live_server, browser, path, width):
    # axe is injected as an inline script, which the site's Content-Security-Policy forbids.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + path)
    found = violations(page)
    context.close()
    assert found == [], json.dumps(found, indent=1)

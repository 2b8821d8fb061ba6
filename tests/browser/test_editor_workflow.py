"""An editor signs in, redacts a sentence and withdraws a decision through the admin, and the
public site follows: [redacted] on the page, no result for the sentence's words, 410 Gone, and
the withdrawal in the change log. In real Chromium."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission, User

from decisions.importing import import_paths
from decisions.models import Redaction, Withdrawal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITORS_GROUP = import_module("decisions.migrations.0013_editors_group")

REFERENCE, SLUG = "21 000 001", "21-000-001"
SENTENCE = "The housing officer, Mr Zebediah Quartermaine, shouted at the family."


@pytest.fixture
def archive(write_decision):
    write_decision("other.txt", reference="21 000 002")
    path = write_decision(
        "decision.txt",
        reference=REFERENCE,
        sections={
            "The complaint": ["Mr X complains the Council took too long to review his case."],
            "What I found": [f"The review was late. {SENTENCE} It then apologised."],
            "Final decision": ["I have completed my investigation."],
        },
    )
    import_paths([path.parent])


def editors_group() -> Group:
    """The group the data migration made, made again with the migration's own list when an
    earlier transactional test has emptied the tables (Django's serialized_rollback cannot
    restore it here: the content types are made afresh with new ids)."""
    group, made = Group.objects.get_or_create(name=EDITORS_GROUP.EDITORS)
    if made:
        for model, codenames in EDITORS_GROUP.PERMISSIONS.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="decisions",
                    content_type__model=model,
                    codename__in=codenames,
                )
            )
    return group


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(editors_group())
    return user


def result_count(page, live_server, words: str) -> int:
    page.goto(f"{live_server.url}/decisions/?q={words}")
    return page.locator(".result-list .result").count()


def test_an_editor_redacts_then_withdraws_and_the_public_site_follows(
    archive, editor, live_server, page
):
    assert result_count(page, live_server, "Zebediah Quartermaine") == 1

    page.goto(f"{live_server.url}/admin/decisions/decision/?q={SLUG}")
    page.get_by_label("Username").fill("editor")  # sent to sign in first
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=REFERENCE).click()

    page.get_by_role("link", name="Redact a passage").click()
    page.get_by_label("Exact passage").fill(SENTENCE)
    page.get_by_label("Reason:", exact=True).fill("It names a council officer.")
    page.get_by_role("button", name="Redact", exact=True).click()
    page.get_by_text(f"Redacted the passage in {REFERENCE}").wait_for()
    assert Redaction.objects.get().passage == SENTENCE

    page.goto(f"{live_server.url}/decisions/{SLUG}/")
    text = page.locator("main").inner_text()
    assert "The review was late. [redacted] It then apologised." in text
    assert "Quartermaine" not in page.content()
    assert result_count(page, live_server, "Zebediah Quartermaine") == 0
    assert "No decisions match" in page.locator(".results").inner_text()

    page.goto(f"{live_server.url}/admin/decisions/decision/?q={SLUG}")
    page.get_by_role("link", name=REFERENCE).click()
    page.get_by_role("link", name="Withdraw", exact=True).click()
    page.get_by_label("Public reason").fill("Published before the complainant agreed.")
    page.get_by_role("button", name="Withdraw", exact=True).click()
    page.get_by_text(f"Withdrew {REFERENCE}").wait_for()
    assert Withdrawal.objects.get().reference == REFERENCE

    gone = page.goto(f"{live_server.url}/decisions/{SLUG}/")
    assert gone.status == 410
    notice = page.locator("main").inner_text()
    assert REFERENCE in notice and "Published before the complainant agreed." in notice
    assert "The review was late" not in page.content()

    page.goto(f"{live_server.url}/changes/")
    entries = page.locator(".change-log > li")
    newest, older = entries.nth(0).inner_text(), entries.nth(1).inner_text()
    assert "Withdrawn" in newest and REFERENCE in newest
    assert "Published before the complainant agreed." in newest
    assert "redacted" in older.lower() and REFERENCE in older
    assert "Quartermaine" not in page.content()

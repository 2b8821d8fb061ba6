"""A staff member signs in, uploads decision files on the admin's import page, reads the report."""

import zipfile

import pytest
from django.contrib.auth.models import User

from decisions.models import Decision, ImportRun
from tests.factories import decision_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_upload_files_and_follow_the_report(live_server, page, tmp_path):
    User.objects.create_superuser("keeper", password="a-long-test-password")
    good = tmp_path / "good.txt"
    good.write_text(decision_text(reference="21 000 001"))
    broken = tmp_path / "broken.txt"
    broken.write_text("This is not a decision.\n")
    uncategorised = tmp_path / "uncategorised.txt"
    uncategorised.write_text(decision_text(reference="21 000 002", category=None))

    page.goto(f"{live_server.url}/admin/decisions/decision/")
    page.get_by_label("Username").fill("keeper")  # sent to sign in first
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Import decision files").click()
    page.wait_for_url(f"{live_server.url}/admin/decisions/decision/import/")

    page.get_by_label("Decision files").set_input_files([good, broken, uncategorised])
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Import finished").wait_for()
    assert page.locator("#count-imported").inner_text() == "2"
    assert page.locator("#count-failed").inner_text() == "1"
    failed = page.locator("#failed-files tbody tr")
    assert failed.count() == 1 and "broken.txt" in failed.inner_text()
    assert "no decision text" in failed.inner_text()
    assert "uncategorised.txt" in page.locator("#warnings").inner_text()

    page.get_by_role("link", name="21 000 001").click()
    page.wait_for_url(f"{live_server.url}/decisions/21-000-001/")
    assert Decision.objects.filter(reference="21 000 001").exists()
    assert ImportRun.objects.get().user.username == "keeper"

    # The run's page, from the admin's list of runs, counts its warnings by kind; every one of
    # them is a click away.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Import runs").click()
    page.locator("#result_list tbody tr a").first.click()
    page.get_by_role("heading", name="no-category: 1").wait_for()
    run_page = page.url
    page.get_by_role("link", name="Every warning of this run").click()
    listed = page.locator("#result_list tbody tr")
    assert listed.count() == 1 and "uncategorised.txt" in listed.inner_text()
    assert "no Category line" in listed.inner_text()
    page.go_back()
    page.wait_for_url(run_page)
    page.get_by_role("heading", name="no-category: 1").wait_for()


def test_the_same_zip_uploaded_again_says_that_nothing_changed(live_server, page, tmp_path):
    User.objects.create_superuser("keeper", password="a-long-test-password")
    archive = tmp_path / "march.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("good.txt", decision_text(reference="21 000 001"))
        zipped.writestr("nested/folder/also-good.txt", decision_text(reference="21 000 002"))
        zipped.writestr("empty.txt", "")
        zipped.writestr("notes.docx", "PK")
    page.goto(f"{live_server.url}/admin/decisions/decision/import/")
    page.get_by_label("Username").fill("keeper")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    for heading in ("Import finished", "Import finished: no decision was added or changed"):
        page.get_by_label("Decision files").set_input_files(archive)
        page.get_by_role("button", name="Import").click()
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        assert "march.zip:empty.txt" in page.locator("#failed-files").inner_text()
    assert page.locator("#count-unchanged").inner_text() == "2"
    page.goto(f"{live_server.url}/admin/decisions/importrun/")
    assert "admin upload: march.zip" in page.locator("#result_list").inner_text()

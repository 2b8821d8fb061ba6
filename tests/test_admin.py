"""The admin: importing from the browser with the one import service, access, curating, history."""

import html
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from decisions.generation import write_decisions
from decisions.importing import import_paths
from decisions.models import Category, Decision, ImportRun, Organisation
from decisions.search import ids_matching_words
from decisions.search.engine import SearchQuery, search
from decisions.search.facets import Selection
from tests.factories import decision_text

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/decisions/decision/import/"


@pytest.fixture
def editor(client):
    """A staff member who may add (so import) and change decisions, signed in."""
    user = User.objects.create_user("editor", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "add_decision",
                "change_decision",
                "view_decision",
                "delete_decision",
                "view_importrun",
            ]
        )
    )
    client.force_login(user)
    return user


def upload(name: str, data: bytes | str) -> io.BytesIO:
    handle = io.BytesIO(data.encode() if isinstance(data, str) else data)
    handle.name = name
    return handle


def zip_of(entries: dict[str, bytes | str]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = "batch.zip"
    return buffer


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_uploaded_files_and_zips_are_imported_and_reported_with_links(client, editor):
    response = client.post(
        IMPORT_URL,
        {
            "files": [
                upload("one.txt", decision_text(reference="21 000 001")),
                upload("broken.txt", "not a decision at all\n"),
                zip_of(
                    {
                        "inner/two.txt": decision_text(reference="21 000 002"),
                        "inner/notes.pdf": b"%PDF-1.4",
                    }
                ),
            ]
        },
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.imported, report.updated, report.unchanged, report.failed) == (2, 0, 0, 1)
    [failure] = report.errors
    assert failure.path == "broken.txt"  # the name the person uploaded, not a temporary path
    page = text_of(response)
    assert "broken.txt" in page and failure.reason in page
    assert "batch.zip:inner/notes.pdf" in page  # a non-text entry is reported, not fatal
    assert 'href="/decisions/21-000-001/"' in response.content.decode()
    assert 'href="/decisions/21-000-002/"' in response.content.decode()
    assert set(Decision.objects.values_list("reference", flat=True)) == {
        "21 000 001",
        "21 000 002",
    }
    run = ImportRun.objects.get()
    assert (run.user, run.command, run.imported, run.failed) == (editor, "admin upload", 2, 1)
    assert run.sources == ["one.txt", "broken.txt", "batch.zip"]
    assert run.errors == [{"path": "broken.txt", "reason": failure.reason}]


def test_an_empty_file_or_zip_among_an_upload_is_named_and_the_rest_import(client, editor):
    empty_zip = zip_of({})
    files = [upload("one.txt", decision_text(reference="21 000 001")), upload("blank.txt", b""),
             empty_zip]  # fmt: skip
    report = client.post(IMPORT_URL, {"files": files}).context["report"]
    assert (report.imported, report.failed) == (1, 2)
    assert {(e.path, e.reason) for e in report.errors} == {
        ("blank.txt", "empty file"), ("batch.zip", "an empty zip: it holds no files")}  # fmt: skip


def test_the_same_upload_again_changes_nothing(client, editor):
    files = {"one.txt": decision_text(reference="21 000 001")}
    client.post(IMPORT_URL, {"files": [upload(n, d) for n, d in files.items()]})
    before = list(Decision.objects.values_list("pk", "content_hash", "updated_at"))
    again = client.post(IMPORT_URL, {"files": [upload(n, d) for n, d in files.items()]})
    assert again.context["report"].unchanged == 1
    assert list(Decision.objects.values_list("pk", "content_hash", "updated_at")) == before
    # And says so in words, not only by a row of noughts under "Import finished".
    assert "Import finished: no decision was added or changed " in text_of(again)


def test_a_dry_run_reports_and_writes_no_decision(client, editor):
    response = client.post(
        IMPORT_URL,
        {"files": [upload("one.txt", decision_text(reference="21 000 001"))], "dry_run": "on"},
    )
    report = response.context["report"]
    assert (report.dry_run, report.imported) == (True, 1)
    assert "Dry run: nothing was changed" in text_of(response)
    assert not Decision.objects.exists()
    run = ImportRun.objects.get()  # recorded, as a dry run (the audit trail)
    assert (run.dry_run, run.imported, run.user) == (True, 1, editor)
    # Its page says what would have become of the file, not that it was imported.
    page = client.get(f"/admin/decisions/importrun/{run.pk}/change/").content.decode()
    assert '<h3 id="files-imported">Would be imported: 1</h3>' in page


def test_a_zip_that_escapes_its_folder_is_refused_with_nothing_written(client, editor):
    hostile = zip_of({"fine.txt": decision_text(), "../../etc/cron.d/x.txt": "x"})
    response = client.post(IMPORT_URL, {"files": [hostile]})
    [error] = response.context["report"].errors
    assert error.path == "batch.zip"
    assert "zip refused, nothing imported from it" in error.reason and "unsafe path" in error.reason
    assert not Decision.objects.exists()


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client, editor, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1024 * 1024
    big = upload("big.txt", "x" * 2 * 1024 * 1024)
    response = client.post(IMPORT_URL, {"files": [big]})
    assert response.status_code == 413
    assert "the limit is 1 MB" in text_of(response)
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("csrf_checked", [False, True], ids=["test-client", "browser-like"])
def test_more_files_than_one_upload_takes_are_refused_with_advice(
    client, editor, settings, csrf_checked
):
    """Also where the CSRF check runs, as for a browser: it reads the form first."""
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    client.handler.enforce_csrf_checks = csrf_checked
    files = [upload(f"{n}.txt", decision_text(reference=f"21 000 00{n}")) for n in range(3)]
    token = {}
    if csrf_checked:  # the form's page sets the cookie; its token comes with the files
        client.get(IMPORT_URL)
        token = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    response = client.post(IMPORT_URL, {"files": files, **token})
    assert response.status_code == 400
    assert "Put the files in a zip" in text_of(response)
    assert not Decision.objects.exists()


def test_the_upload_form_needs_a_file(client, editor):
    response = client.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert response.context["form"].errors["files"]


def test_a_zip_of_5000_files_imports_in_one_request(client, editor, tmp_path):
    write_decisions(5000, 7, tmp_path / "generated")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((tmp_path / "generated").rglob("*.txt")):
            archive.write(path, path.relative_to(tmp_path))
    buffer.seek(0)
    buffer.name = "five-thousand.zip"
    response = client.post(IMPORT_URL, {"files": [buffer]})
    report = response.context["report"]
    assert (report.imported, report.failed) == (5000, 0)
    assert Decision.objects.count() == 5000
    assert len(report.written) == 1000  # the report lists the first thousand, counts them all


# --- access ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.post(IMPORT_URL, {"files": [upload("a.txt", decision_text())]}).status_code == 302
    assert not Decision.objects.exists()


def test_staff_without_the_add_permission_get_403(client):
    user = User.objects.create_user("reader", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_decision"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"files": [upload("a.txt", decision_text())]}).status_code == 403
    assert not Decision.objects.exists()


def test_the_upload_form_is_protected_against_csrf(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    refused = browser.post(IMPORT_URL, {"files": [upload("a.txt", decision_text())]})
    assert refused.status_code == 403
    assert not Decision.objects.exists()
    token = browser.get(IMPORT_URL).context["csrf_token"]
    accepted = browser.post(
        IMPORT_URL, {"files": [upload("a.txt", decision_text())], "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 200 and Decision.objects.count() == 1


def test_the_decision_list_links_to_the_import_page_and_add_leads_there(client, editor):
    listing = client.get("/admin/decisions/decision/")
    assert f'href="{IMPORT_URL}"' in listing.content.decode()
    assert client.get("/admin/decisions/decision/add/").url == IMPORT_URL


# --- curating --------------------------------------------------------------------------------


@pytest.fixture
def two_decisions(write_decision):
    write_decision("a.txt", reference="21 000 001", category="Housing > Homelessness")
    path = write_decision("b.txt", reference="21 000 002", category="Housing > Homelessness")
    import_paths([path.parent])


def category_counts() -> dict[str, int]:
    facets = search(SearchQuery()).facets["category"]
    return {value.value: value.count for value in facets}


def test_correcting_a_category_moves_the_facet_counts_at_once(client, editor, two_decisions):
    allocations = Category.objects.create(name="Allocations", slug="allocations")
    decision = Decision.objects.get(reference="21 000 002")
    url = f"/admin/decisions/decision/{decision.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["category"] = allocations.pk
    data["change_reason"] = "Filed under the wrong category."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert category_counts()["allocations"] == 1
    assert category_counts()["housing-homelessness"] == 1
    chosen = search(SearchQuery(selection=Selection(category=("allocations",))))
    assert [hit.decision.reference for hit in chosen.hits] == ["21 000 002"]


def test_withdrawing_a_decision_removes_it_from_search(client, editor, two_decisions):
    editor.user_permissions.add(Permission.objects.get(codename="withdraw_decision"))
    decision = Decision.objects.get(reference="21 000 002")
    assert decision.pk in ids_matching_words("homelessness")
    withdraw = f"/admin/decisions/decision/{decision.pk}/withdraw/"
    response = client.post(withdraw, {"reason": "Published in error."})
    assert response.status_code == 302
    assert decision.pk not in ids_matching_words("homelessness")
    assert search(SearchQuery(text="homelessness")).total == 1


def test_the_decision_list_filters_and_searches_by_reference_and_words(
    client, editor, write_decision
):
    write_decision("a.txt", reference="21 000 001", summary="A quokka escaped the zoo.")
    path = write_decision("b.txt", reference="20 000 002", decision_date="1 Feb 2020")
    import_paths([path.parent])
    listing = "/admin/decisions/decision/"

    def shown(params):
        response = client.get(listing, params)
        assert response.status_code == 200
        return [d.reference for d in response.context["cl"].result_list]

    assert shown({"q": "21000001"}) == ["21 000 001"]
    assert shown({"q": "quokka"}) == ["21 000 001"]
    assert sorted(shown({"q": "Wrenmoor"})) == ["20 000 002", "21 000 001"]
    assert shown({"q": '"AND OR ("'}) == []  # hostile input is words, not syntax
    assert shown({"decision_year": "2020"}) == ["20 000 002"]
    assert shown({"decision_date__year": "2021"}) == ["21 000 001"]


def test_organisations_and_categories_list_their_decision_counts(client, editor, two_decisions):
    from django.contrib.auth.models import Permission as P

    editor.user_permissions.add(
        *P.objects.filter(codename__in=["view_organisation", "view_category"])
    )
    organisations = client.get("/admin/decisions/organisation/").context["cl"].result_list
    assert {o.name: o.decision_count for o in organisations} == {
        o.name: o.decisions.count() for o in Organisation.objects.all()
    }
    categories = client.get("/admin/decisions/category/").context["cl"].result_list
    counts = {c.name: c.decision_count for c in categories}
    assert counts == {"Housing": 2, "Homelessness": 2}


def test_every_import_run_is_listed_and_can_be_opened(client, editor, write_decision):
    import_paths([write_decision()], command="import_decisions")
    client.post(IMPORT_URL, {"files": [upload("b.txt", decision_text(reference="21 000 002"))]})
    runs = client.get("/admin/decisions/importrun/").context["cl"].result_list
    assert [(run.command, run.user) for run in runs] == [
        ("admin upload", editor),
        ("import_decisions", None),
    ]
    opened = client.get(f"/admin/decisions/importrun/{runs[0].pk}/change/")
    assert opened.status_code == 200 and "admin upload" in text_of(opened)


def test_the_list_of_runs_says_which_files_each_upload_was(client, editor):
    """Every upload's command is "admin upload": the list named no file, so a person could
    not tell this morning's zip from this afternoon's without opening each."""
    client.post(IMPORT_URL, {"files": [upload("march.txt", decision_text(reference="21 000 001"))]})
    files = [upload(f"april-{n}.txt", "x\n") for n in range(5)]
    client.post(IMPORT_URL, {"files": files})
    page = client.get("/admin/decisions/importrun/").content.decode()
    rows = re.findall(r"<tr>.*?</tr>", page[page.index('id="result_list"') :], re.S)[1:]
    assert len(rows) == 2  # the newest first
    assert "admin upload: april-0.txt, april-1.txt, april-2.txt and 2 more" in rows[0]
    assert "admin upload: march.txt<" in rows[1] and "april" not in rows[1]


def test_an_import_runs_errors_are_listed_as_text_when_opened(client, editor):
    client.post(IMPORT_URL, {"files": [upload("<i>bad.txt", "<script>x</script>\n")]})
    run = ImportRun.objects.get()
    opened = client.get(f"/admin/decisions/importrun/{run.pk}/change/")
    page = opened.content.decode()
    assert "<li>&lt;i&gt;bad.txt: " in page  # the file's name, escaped
    assert "<script>x" not in page


def test_a_runs_page_lists_the_first_few_errors_with_the_rest_a_click_away(
    client, editor, monkeypatch
):
    """A run that refused 30,000 files made a page of 4 MB: every error was listed again
    below the refused files, which are capped."""
    monkeypatch.setattr("decisions.admin.audit.FILES_SHOWN", 2)
    bad = [upload(f"bad-{n}.txt", "Minutes of a meeting.\n") for n in range(3)]
    client.post(IMPORT_URL, {"files": bad})
    run = ImportRun.objects.get()
    page = client.get(f"/admin/decisions/importrun/{run.pk}/change/").content.decode()
    errors = page[page.index("field-failed_files") :]
    assert errors.count("<li>bad-") == 2
    refused = f"/admin/decisions/importedfile/?run={run.pk}&amp;status__exact=refused"
    assert f'<a href="{refused}">All 3 refused files</a>' in errors


def test_the_import_pages_help_is_the_one_its_file_box_points_to(client, editor):
    page = client.get(IMPORT_URL).content.decode()
    box = re.search(r'<input[^>]*\bid="id_files"[^>]*>', page)[0]
    described = re.search(r'aria-describedby="([^"]+)"', box)[1]
    assert f'id="{described}"' in page


def test_a_body_or_category_renamed_in_the_admin_keeps_its_files(admin_client, write_decision):
    """Renamed by an editor, a row keeps the name the files give: the next file of that name
    is filed under it, not under a new row of the old name."""
    from decisions.importing import import_paths
    from decisions.models import Category, Organisation

    first = write_decision("a.txt", reference="21 000 001", organisation="Testshire County Council",
                           category="Education > School admissions")  # fmt: skip
    import_paths([first])
    body, parent = Organisation.objects.get(), Category.objects.get(parent=None)
    response = admin_client.post(
        f"/admin/decisions/organisation/{body.pk}/change/",
        {"name": "Testshire Council", "slug": body.slug, "kind": body.kind},
    )
    assert response.status_code == 302
    response = admin_client.post(
        f"/admin/decisions/category/{parent.pk}/change/", {"name": "Education and schools"}
    )
    assert response.status_code == 302
    later = write_decision("b.txt", reference="21 000 002", organisation="Testshire County Council",
                           category="Education > School admissions")  # fmt: skip
    import_paths([later])
    assert list(Organisation.objects.values_list("name", "former_names")) == [
        ("Testshire Council", ["Testshire County Council"])
    ]
    assert Category.objects.filter(parent=None).count() == 1
    assert Decision.objects.filter(organisation=body, category__parent=parent).count() == 2

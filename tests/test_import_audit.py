"""The import as an audit trail: each run's record of every file, withdrawn decisions left
withdrawn, redactions kept through re-imports, a ChangeRecord per update, and the command's
warnings summarised by kind."""

import pytest
from django.contrib.auth import get_user_model

from decisions import import_record, importing
from decisions.corrections import REDACTED, Editor, redact, withdraw
from decisions.importing import REDACTION_NOT_FOUND, import_paths
from decisions.models import (
    ChangeRecord,
    Decision,
    ImportedFile,
    ImportRun,
    ImportWarning,
    Remedy,
)
from decisions.search import ids_matching_words
from tests.factories import decision_text
from tests.test_importing import run_command

pytestmark = pytest.mark.django_db

EDITOR = Editor(name="tests")
PRIVATE = "Mrs Quillfeather of Larkspur Lane"
SECTIONS = {
    "The complaint": [f"Mr X complains about noise from {PRIVATE}."],
    "Final decision": [
        "The Council should pay Mr X £250 for his distress within one month.",
        "I have completed my investigation.",
    ],
}


def files_of(run_id: int) -> set[tuple[str, str, str, str]]:
    return set(
        ImportedFile.objects.filter(run_id=run_id).values_list(
            "path", "reference", "status", "reason"
        )
    )


# --- withdrawn decisions ---------------------------------------------------------------------


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_withdrawn_decisions_file_is_left_withdrawn_and_said_so(write_decision, dry_run):
    path = write_decision(reference="21 000 001")
    import_paths([path])
    withdraw("21 000 001", "Published in error.", EDITOR)
    report = import_paths([path], dry_run=dry_run)
    assert (report.imported, report.updated, report.unchanged, report.withdrawn) == (0, 0, 0, 1)
    assert report.summary_line.endswith(", withdrawn: 1")
    assert [(d.reference, d.path, d.status) for d in report.left_withdrawn] == [
        ("21 000 001", str(path), "withdrawn")
    ]
    assert not Decision.objects.filter(reference="21 000 001").exists()
    run = ImportRun.objects.get(pk=report.run_id)
    assert (run.withdrawn, run.imported, run.dry_run) == (1, 0, dry_run)
    assert files_of(run.pk) == {(str(path), "21 000 001", "withdrawn", "")}


def test_a_changed_file_of_a_withdrawn_decision_is_left_withdrawn_too(write_decision):
    import_paths([write_decision(reference="21 000 001")])
    withdraw("21 000 001", "Published in error.", EDITOR)
    changed = write_decision(reference="21 000 001", summary="A new text.")
    other = write_decision("other.txt", reference="21 000 002")
    report = import_paths([changed, other])
    assert (report.imported, report.withdrawn) == (1, 1)
    assert list(Decision.objects.values_list("reference", flat=True)) == ["21 000 002"]


def test_the_command_names_the_files_left_withdrawn(write_decision):
    path = write_decision(reference="21 000 001")
    import_paths([path])
    withdraw("21 000 001", "Published in error.", EDITOR)
    status, out, err = run_command(path)
    assert status == 0
    assert out == "imported: 0, updated: 0, unchanged: 0, failed: 0, withdrawn: 1\n"
    assert f"withdrawn: {path}: 21 000 001 left withdrawn" in err


# --- redactions --------------------------------------------------------------------------------


def test_a_redacted_decision_reimported_from_a_changed_file_keeps_the_redaction(write_decision):
    import_paths([write_decision(sections=SECTIONS)])
    redact("21 004 517", PRIVATE, "Names a neighbour.", EDITOR)
    changed = write_decision(sections=SECTIONS, summary="The Council delayed a noise case.")
    report = import_paths([changed])
    assert (report.updated, report.warnings) == (1, ())
    decision = Decision.objects.get()
    assert decision.summary == "The Council delayed a noise case."
    assert f"noise from {REDACTED}." in decision.body
    assert "Quillfeather" not in decision.body
    assert ids_matching_words("Quillfeather") == set()
    assert ids_matching_words("noise") == {decision.pk}


def test_findings_are_read_again_from_the_redacted_text(write_decision):
    import_paths([write_decision(sections=SECTIONS)])
    payment = "The Council should pay Mr X £250 for his distress within one month."
    redact("21 004 517", payment, "Private arrangement.", EDITOR)
    assert not Remedy.objects.exists()
    import_paths([write_decision(sections=SECTIONS, summary="Changed since.")])
    decision = Decision.objects.get()
    assert (decision.summary, decision.payment_total) == ("Changed since.", None)
    assert not Remedy.objects.exists()


def test_the_same_file_again_leaves_a_redacted_decision_unchanged(write_decision):
    path = write_decision(sections=SECTIONS)
    import_paths([path])
    redact("21 004 517", PRIVATE, "Names a neighbour.", EDITOR)
    redacted = Decision.objects.values("body", "updated_at").get()
    for dry_run in (True, False):
        report = import_paths([path], dry_run=dry_run)
        assert (report.unchanged, report.updated) == (1, 0)
    assert Decision.objects.values("body", "updated_at").get() == redacted


def test_a_file_with_the_text_redacted_by_hand_is_compared_with_the_redacted_row(
    write_decision,
):
    """Two files of one reference in one run, the second differing from the first only in the
    passage that is redacted: after redaction both say the same, so the second is unchanged."""
    first = write_decision("a.txt", sections=SECTIONS, summary="Changed.")
    import_paths([write_decision("old.txt", sections=SECTIONS)])
    redact("21 004 517", PRIVATE, "Names a neighbour.", EDITOR)
    other_name = {**SECTIONS, "The complaint": [f"Mr X complains about noise from {REDACTED}."]}
    second = write_decision("b.txt", sections=other_name, summary="Changed.")
    report = import_paths([first, second])
    assert (report.updated, report.unchanged, report.failed) == (1, 1, 0)


def test_a_redacted_passage_missing_from_the_new_file_is_a_warning_without_the_passage(
    write_decision,
):
    import_paths([write_decision(sections=SECTIONS)])
    redaction = redact("21 004 517", PRIVATE, "Names a neighbour.", EDITOR)
    rewritten = {**SECTIONS, "The complaint": ["Mr X complains about noise next door."]}
    path = write_decision(sections=rewritten)
    report = import_paths([path])
    assert report.updated == 1
    [warning] = report.warnings
    day = f"{redaction.redacted_at:%Y-%m-%d}"
    assert (warning.path, warning.kind) == (str(path), REDACTION_NOT_FOUND)
    assert "21 004 517" in warning.reason and f"redacted on {day}" in warning.reason
    assert "Quillfeather" not in warning.reason
    run = ImportRun.objects.get(pk=report.run_id)
    saved = list(run.warnings.values("path", "reason", "kind"))
    assert saved == [{"path": str(path), "reason": warning.reason, "kind": warning.kind}]
    assert "Quillfeather" not in str(saved)


# --- the run's record --------------------------------------------------------------------------


def test_each_file_is_recorded_with_what_became_of_it(write_decision):
    unchanged = write_decision("unchanged.txt", reference="21 000 001")
    changed = write_decision("changed.txt", reference="21 000 002")
    gone = write_decision("gone.txt", reference="21 000 003")
    import_paths([unchanged, changed, gone])
    withdraw("21 000 003", "Published in error.", EDITOR)
    write_decision("changed.txt", reference="21 000 002", summary="Changed since.")
    new = write_decision("new.txt", reference="21 000 004")
    bad = write_decision("bad.txt", reference="21 000 005", decision_date="31 Feb 2021")
    twin = write_decision("twin.txt", reference="21 000 004", summary="Not what new.txt says.")
    report = import_paths([unchanged, changed, gone, new, bad, twin])
    duplicate = importing.DUPLICATE_IN_RUN.format(reference="21 000 004")
    assert files_of(report.run_id) == {
        (str(unchanged), "21 000 001", "unchanged", ""),
        (str(changed), "21 000 002", "updated", ""),
        (str(gone), "21 000 003", "withdrawn", ""),
        (str(new), "21 000 004", "imported", ""),
        (str(bad), "", "refused", "line 4: impossible decision date '31 Feb 2021'"),
        (str(twin), "21 000 004", "refused", duplicate),
    }
    run = ImportRun.objects.get(pk=report.run_id)
    counts = (run.imported, run.updated, run.unchanged, run.failed, run.withdrawn)
    assert counts == (1, 1, 1, 2, 1)
    assert run.finished_at is not None


def test_counts_and_files_are_saved_with_each_batch_so_a_run_cut_short_shows_them(
    write_decision, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    paths = [write_decision(f"{n}.txt", reference=f"21 000 00{n}") for n in range(1, 6)]

    def stop(done):
        raise KeyboardInterrupt  # as a person stopping the run would

    with pytest.raises(KeyboardInterrupt):
        import_paths(paths, progress=stop)
    run = ImportRun.objects.get()
    assert (run.imported, run.failed, run.finished_at) == (2, 0, None)
    assert files_of(run.pk) == {
        (str(paths[0]), "21 000 001", "imported", ""),
        (str(paths[1]), "21 000 002", "imported", ""),
    }
    assert Decision.objects.count() == 2


def test_a_run_cut_short_keeps_the_warnings_and_errors_of_its_saved_batches(
    write_decision, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    warned = write_decision("1.txt", reference="21 000 001", category=None)
    bad = write_decision("2.txt", reference="21 000 0X2")
    later = write_decision("3.txt", reference="21 000 003", outcome=None)
    calls = []

    def stop_after_the_first_batch(done):
        calls.append(done)
        if len(calls) == 1:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        import_paths([warned, bad, later], progress=stop_after_the_first_batch)
    run = ImportRun.objects.get()
    assert (run.imported, run.failed, run.finished_at) == (1, 1, None)
    assert [w.path for w in run.warnings.all()] == [str(warned)]
    assert [e["path"] for e in run.errors] == [str(bad)]


def test_a_dry_run_is_recorded_as_a_dry_run_and_writes_no_decision(write_decision):
    path = write_decision(reference="21 000 001")
    report = import_paths([path], dry_run=True, command="dry")
    assert not Decision.objects.exists()
    run = ImportRun.objects.get(pk=report.run_id)
    assert (run.dry_run, run.imported, run.command) == (True, 1, "dry")
    assert run.finished_at is not None
    assert files_of(run.pk) == {(str(path), "21 000 001", "imported", "")}
    assert not ChangeRecord.objects.exists()


def test_each_update_leaves_a_change_record_naming_what_changed(write_decision):
    user = get_user_model().objects.create_user("importer")
    first = write_decision("a.txt", reference="21 000 001")
    same = write_decision("b.txt", reference="21 000 002")
    import_paths([first, same])
    assert not ChangeRecord.objects.exists()  # a first import is not a change
    write_decision("a.txt", reference="21 000 001", summary="Changed.", outcome="Not upheld")
    report = import_paths([first, same], user=user)
    [record] = ChangeRecord.objects.all()
    assert (record.reference, record.slug, record.action) == (
        "21 000 001",
        "21-000-001",
        ChangeRecord.Action.IMPORTED,
    )
    assert set(record.field.split(", ")) >= {"summary", "outcome"}
    assert (record.old_value, record.new_value) == ("", "")
    assert record.reason == f"Updated from a new file: {first}"
    assert (record.import_run_id, record.user, record.username) == (
        report.run_id,
        user,
        "importer",
    )


def test_an_update_from_a_terminal_is_recorded_under_import(write_decision):
    path = write_decision(reference="21 000 001")
    import_paths([path])
    write_decision(reference="21 000 001", summary="Changed.")
    import_paths([path], dry_run=True)
    assert not ChangeRecord.objects.exists()  # a dry run changes nothing
    import_paths([path])
    assert list(ChangeRecord.objects.values_list("username", "field")) == [("import", "summary")]


# --- the warnings summary ----------------------------------------------------------------------


def test_the_command_summarises_warnings_by_kind_with_one_example_each(write_decision):
    no_category = [
        write_decision(f"{n}.txt", reference=f"21 000 00{n}", category=None) for n in (1, 2, 3)
    ]
    cp1252 = write_decision("4.txt", reference="21 000 004", encoding="cp1252", summary="£5.")
    status, out, err = run_command(cp1252.parent)
    assert status == 0 and out == "imported: 4, updated: 0, unchanged: 0, failed: 0\n"
    run = ImportRun.objects.get()
    lines = err.splitlines()
    assert lines == [
        f"4 warnings of 2 kinds; all of them are in import run {run.pk} "
        f"(/admin/decisions/importrun/{run.pk}/change/)",
        "warning: 3 × no-category: no Category line: category not recorded",
        f"  for example {no_category[0]}: no Category line: category not recorded",
        "warning: 1 × not-utf8: not UTF-8: read as Windows-1252",
        f"  for example {cp1252}: not UTF-8: read as Windows-1252",
    ]
    assert sorted(run.warnings.values_list("path", "kind")) == sorted(
        [(str(path), "no-category") for path in no_category] + [(str(cp1252), "not-utf8")]
    )


def test_warnings_are_saved_with_their_batch_and_a_run_holds_only_a_few_in_memory(
    write_decision, monkeypatch
):
    """However many files warn, a run keeps only their counts and the first few in memory (its
    memory stays flat in the number of files); every warning is a row, saved with its batch."""
    monkeypatch.setattr(importing, "BATCH_SIZE", 3)
    monkeypatch.setattr(import_record, "REPORTED_DECISIONS", 4)
    no_date = [
        write_decision(f"{n:02}.txt", reference=f"21 000 0{n:02}", decision_date=None)
        for n in range(1, 10)
    ]
    cp1252 = write_decision("10.txt", reference="21 000 010", encoding="cp1252", summary="£5.")
    saved_after_each_batch = []

    def count_saved(done):
        saved_after_each_batch.append(ImportWarning.objects.count())

    report = import_paths([*no_date, cp1252], progress=count_saved)
    assert saved_after_each_batch == [3, 6, 9, 10]
    assert report.warning_count == 10
    assert [w.path for w in report.warnings] == [str(path) for path in no_date[:4]]
    assert [(g.kind, g.count, g.example.path) for g in report.warning_groups] == [
        ("no-decision-date", 9, str(no_date[0])),
        ("not-utf8", 1, str(cp1252)),
    ]
    run = ImportRun.objects.get(pk=report.run_id)
    assert sorted(run.warnings.values_list("path", "kind")) == sorted(
        [(str(path), "no-decision-date") for path in no_date] + [(str(cp1252), "not-utf8")]
    )


def test_a_runs_page_shows_its_warnings_by_kind_with_all_of_them_a_click_away(
    client, write_decision, monkeypatch, django_user_model
):
    monkeypatch.setattr("decisions.admin.audit.FILES_SHOWN", 2)
    paths = [
        write_decision(f"<{n}>.txt", reference=f"21 000 00{n}", category=None) for n in (1, 2, 3)
    ]
    cp1252 = write_decision("4.txt", reference="21 000 004", encoding="cp1252", summary="£5.")
    run_id = import_paths([*paths, cp1252]).run_id
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    page = client.get(f"/admin/decisions/importrun/{run_id}/change/").content.decode()
    warnings = page[page.index('id="warnings-no-category"') :]
    assert "<code>no-category</code>: 3" in warnings and "<code>not-utf8</code>: 1" in warnings
    assert warnings.count("no Category line: category not recorded</td>") == 2  # the first two
    assert "&lt;1&gt;.txt" in warnings and "<1>.txt" not in page  # paths come from files
    every = f"/admin/decisions/importwarning/?run={run_id}&amp;kind=no-category"
    assert f'href="{every}"' in warnings
    listing = client.get("/admin/decisions/importwarning/", {"run": run_id, "kind": "no-category"})
    assert sorted(w.path for w in listing.context["cl"].result_list) == sorted(map(str, paths))
    # The list's own filter is the link's: choosing another kind replaces it.
    offered = listing.content.decode()
    assert f'href="?kind=not-utf8&amp;run={run_id}"' in offered
    other = client.get("/admin/decisions/importwarning/", {"kind": "not-utf8", "run": run_id})
    assert [w.path for w in other.context["cl"].result_list] == [str(cp1252)]


def test_errors_are_still_listed_one_per_file(write_decision):
    bad = [write_decision(f"{n}.txt", reference=f"21 000 0X{n}") for n in (1, 2)]
    status, out, err = run_command(bad[0].parent)
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert [line.split(": line 1: ")[0] for line in errors] == [f"error: {path}" for path in bad]
    assert all("malformed reference" in line for line in errors)


def test_the_admin_import_page_shows_the_summary_and_the_withdrawn_count(client, write_decision):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = get_user_model().objects.create_superuser("boss", password="pw-for-tests-only")
    client.force_login(user)
    import_paths([write_decision(reference="21 000 001")])
    withdraw("21 000 001", "Published in error.", EDITOR)
    files = [
        SimpleUploadedFile("gone.txt", decision_text(reference="21 000 001").encode()),
        SimpleUploadedFile("a.txt", decision_text(reference="21 000 002", category=None).encode()),
        SimpleUploadedFile("b.txt", decision_text(reference="21 000 003", category=None).encode()),
    ]
    response = client.post("/admin/decisions/decision/import/", {"files": files})
    page = response.content.decode()
    assert response.context["report"].withdrawn == 1
    assert '<td id="count-withdrawn">1</td>' in page
    assert "<td>2</td><td><code>no-category</code>: no Category line" in page
    assert "a.txt: no Category line: category not recorded" in page
    assert "b.txt: no Category line" not in page  # one example a kind
    assert "<td>21 000 001</td><td>gone.txt</td>" in page


@pytest.mark.django_db(transaction=True)
def test_the_warnings_of_runs_saved_before_they_were_rows_become_rows_and_can_go_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("decisions", "0015_decision_by_remedy_covers_fictional")],
        [("decisions", "0016_import_warnings_as_rows")],
    )
    listed = [
        {"path": "a.txt", "reason": "not UTF-8: read as Windows-1252", "kind": "not-utf8"},
        {"path": "b.txt", "reason": "no Category line: category not recorded"},  # no kind yet
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_run = executor.loader.project_state(before).apps.get_model("decisions", "ImportRun")
    run_id = old_run.objects.create(command="import_decisions", warnings=listed).pk
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        rows = ImportWarning.objects.filter(run_id=run_id).order_by("id")
        assert list(rows.values("path", "reason", "kind")) == [
            listed[0],
            {**listed[1], "kind": ""},
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old_run = executor.loader.project_state(before).apps.get_model("decisions", "ImportRun")
        assert old_run.objects.get(pk=run_id).warnings == [listed[0], {**listed[1], "kind": ""}]
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

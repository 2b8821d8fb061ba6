"""The import service and the import_decisions command, on whichever database the run uses."""

import gc
import io
import os
import shutil
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from decisions.importing import DUPLICATE_IN_RUN, import_paths
from decisions.models import Category, Decision, ImportRun, Organisation, Outcome
from tests.factories import SAMPLE_DIR
from tests.refusals import refuse_inserts

pytestmark = pytest.mark.django_db


def table_snapshot():
    """Everything the importer writes, to compare before and after a run."""
    return (
        list(Decision.objects.order_by("reference").values()),
        list(Organisation.objects.order_by("name").values()),
        list(Category.objects.order_by("slug").values()),
        list(Outcome.objects.order_by("label").values()),
    )


def run_command(*args):
    """Run import_decisions as a person would; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_decisions", *map(str, args), stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def test_first_import_stores_every_field(write_decision):
    path = write_decision(
        "wrenmoor.txt",
        extra={"Remedy": "Apology"},
        outcome="Closed after initial enquiries - out of jurisdiction",
    )
    report = import_paths([path])
    assert (report.imported, report.updated, report.unchanged, report.failed) == (1, 0, 0, 0)
    decision = Decision.objects.with_related().get()
    assert decision.reference == "21 004 517"
    assert decision.slug == "21-004-517"
    assert decision.organisation.name == "Wrenmoor District Council"
    assert decision.organisation.kind == "council"
    assert decision.organisation.slug == "wrenmoor-district-council"
    assert decision.category.name == "Homelessness"
    assert decision.category.parent.name == "Housing"
    assert decision.category.parent.parent is None
    assert decision.outcome.label == "Closed after initial enquiries - out of jurisdiction"
    assert decision.outcome.group == "closed"
    assert decision.decision_date == date(2021, 3, 5)
    assert decision.extra == {"Remedy": "Apology"}
    assert decision.sections[0] == {
        "heading": "The complaint",
        "paragraphs": [
            {
                "marker": "-",
                "level": 0,
                "text": "Mr X complains the Council took too long to review his case.",
            }
        ],
    }
    assert decision.source_name == "wrenmoor.txt"
    assert len(decision.content_hash) == 64
    assert decision.imported_at is not None and decision.updated_at is not None


def test_reimport_of_unchanged_files_changes_nothing():
    import_paths([SAMPLE_DIR])
    before = table_snapshot()
    report = import_paths([SAMPLE_DIR])
    assert (report.imported, report.updated, report.unchanged, report.failed) == (0, 0, 1, 0)
    assert table_snapshot() == before


def test_same_decision_saved_with_other_line_ends_is_unchanged(tmp_path):
    import_paths([SAMPLE_DIR])
    before = Decision.objects.values("summary", "body", "updated_at").get()
    crlf = tmp_path / "newham.txt"
    crlf.write_bytes((SAMPLE_DIR / "newham-20-003-494.txt").read_bytes().replace(b"\n", b"\r\n"))
    report = import_paths([crlf])
    assert (report.updated, report.unchanged) == (0, 1)
    assert Decision.objects.values("summary", "body", "updated_at").get() == before


def test_changed_file_updates_its_decision(write_decision):
    path = write_decision(outcome="Upheld")
    import_paths([path])
    first = Decision.objects.get()
    write_decision(outcome="Not upheld", summary="On reflection the Council was not at fault.")
    report = import_paths([path])
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 0)
    decision = Decision.objects.select_related("outcome").get()
    assert decision.pk == first.pk
    assert decision.outcome.label == "Not upheld"
    assert decision.outcome.group == "not_upheld"
    assert decision.summary == "On reflection the Council was not at fault."
    assert decision.updated_at > first.updated_at
    assert decision.imported_at == first.imported_at


def test_a_folder_is_walked_recursively_for_txt_files(write_decision):
    write_decision("a/one.txt", reference="21 000 001")
    write_decision("a/b/two.txt", reference="21 000 002")
    write_decision("a/b/c/three.TXT", reference="21 000 003")
    write_decision("a/notes.md", reference="21 000 004")
    report = import_paths([write_decision("x.txt", reference="21 000 005").parent / "a"])
    assert report.imported == 3
    assert set(Decision.objects.values_list("reference", flat=True)) == {
        "21 000 001",
        "21 000 002",
        "21 000 003",
    }


def test_a_zip_of_files_is_imported_and_non_text_entries_are_reported(tmp_path, write_decision):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(write_decision(reference="21 000 001"), "decisions/one.txt")
        zipped.write(write_decision(reference="21 000 002"), "decisions/two.txt")
        zipped.writestr("decisions/readme.pdf", b"%PDF-1.4")
    report = import_paths([archive])
    assert (report.imported, report.failed) == (2, 0)
    assert [str(w) for w in report.warnings] == [
        f"{archive}:decisions/readme.pdf: not a .txt file: skipped"
    ]
    assert Decision.objects.get(reference="21 000 002").source_name == "two.txt"


# Finder's data for a file, as macOS writes it beside the file: binary, never a decision.
APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(64)


def test_what_macos_adds_beside_each_file_is_passed_over_in_a_zip_and_a_folder(
    tmp_path, write_decision
):
    archive = tmp_path / "from-a-mac.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(write_decision(reference="21 000 001"), "decisions/one.txt")
        zipped.writestr("__MACOSX/decisions/._one.txt", APPLE_DOUBLE)
    folder = tmp_path / "copied"
    (folder / "__MACOSX").mkdir(parents=True)
    write_decision("../copied/two.txt", reference="21 000 002")
    (folder / "._two.txt").write_bytes(APPLE_DOUBLE)
    (folder / "__MACOSX" / "three.txt").write_bytes(APPLE_DOUBLE)
    report = import_paths([archive, folder])
    assert (report.imported, report.failed, list(report.warnings)) == (2, 0, [])


def test_a_command_naming_many_files_imports_them_and_keeps_the_start_of_its_line(
    write_decision,
):
    """`import_decisions files/*.txt` over a few hundred files made a command line longer
    than the run's column (500 characters): PostgreSQL refused the run before any file."""
    paths = [
        write_decision(f"a-long-name-for-a-decision-file-{n:03}.txt", reference=f"21 000 {n:03}")
        for n in range(20)
    ]
    status, out, err = run_command(*paths)
    assert status == 0 and "imported: 20," in out
    run = ImportRun.objects.get()
    limit = ImportRun._meta.get_field("command").max_length
    assert len(run.command) == limit and run.command.endswith("…")
    assert run.command.startswith(f"import_decisions {paths[0]} {paths[1]}")
    assert run.sources == [str(path) for path in paths]  # every path, as given


def test_a_zip_or_a_folder_that_gives_nothing_to_import_is_said_not_passed_over(
    tmp_path, write_decision
):
    """A zip holding only what macOS adds, and a zip lying in a folder (folders are walked for
    .txt files), imported nothing without a word: the run said "failed: 0"."""
    only_macos = tmp_path / "only-macos.zip"
    with zipfile.ZipFile(only_macos, "w") as zipped:
        zipped.writestr("__MACOSX/decisions/._one.txt", APPLE_DOUBLE)
        zipped.writestr("._two.txt", APPLE_DOUBLE)
    folder = write_decision(reference="21 000 001").parent
    with zipfile.ZipFile(folder / "march.zip", "w") as zipped:
        zipped.write(write_decision("../march.txt", reference="21 000 002"), "march.txt")
    status, out, err = run_command(only_macos, folder)
    assert status == 1 and "imported: 1," in out
    assert f"error: {only_macos}: an empty zip: it holds only what macOS adds" in err
    assert f"for example {folder / 'march.zip'}: a zip in a folder: not opened" in err
    assert not Decision.objects.filter(reference="21 000 002").exists()


@pytest.mark.parametrize(
    "entry, reason",
    [
        ("../escape.txt", "entry '../escape.txt' has an unsafe path"),
        ("/etc/absolute.txt", "entry '/etc/absolute.txt' has an unsafe path"),
        ("inner.zip", "entry 'inner.zip' is an archive inside the zip"),
    ],
)
def test_a_zip_with_an_entry_that_escapes_or_nests_is_refused_whole(
    tmp_path, write_decision, entry, reason
):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(write_decision(reference="21 000 001"), "fine.txt")
        zipped.writestr(entry, b"PK")
    report = import_paths([archive])
    [error] = report.errors
    assert error.path == str(archive)
    assert error.reason.startswith("zip refused, nothing imported from it: " + reason)
    assert not Decision.objects.exists()


def test_a_zip_that_would_expand_past_the_limit_is_refused_whole(
    tmp_path, write_decision, monkeypatch
):
    from decisions import sources

    monkeypatch.setattr(sources, "MAX_ZIP_EXPANDED_BYTES", 1_000_000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(write_decision(reference="21 000 001"), "fine.txt")
        zipped.writestr("zeros.txt", bytes(2_000_000))  # compresses to a few kilobytes
    assert archive.stat().st_size < 20_000
    [error] = import_paths([archive]).errors
    assert "would expand to 2,00" in error.reason and "1,000,000-byte limit" in error.reason
    assert not Decision.objects.exists()


def test_mixed_good_and_bad_files_keep_the_good_and_report_the_bad(write_decision):
    good = write_decision("good.txt", reference="21 000 001")
    bad_date = write_decision("bad-date.txt", reference="21 000 002", decision_date="31 Feb 2021")
    bad_ref = write_decision("bad-ref.txt", reference="21 000 0X3")
    empty = good.parent / "empty.txt"
    empty.write_bytes(b"")
    status, out, err = run_command(good.parent)
    assert status == 1
    assert out.strip().splitlines()[-1] == "imported: 1, updated: 0, unchanged: 0, failed: 3"
    assert f"{bad_date}: line 4: impossible decision date '31 Feb 2021'" in err
    assert f"{bad_ref}: line 1: malformed reference (21 000 0X3)" in err
    assert f"{empty}: empty file" in err
    assert list(Decision.objects.values_list("reference", flat=True)) == ["21 000 001"]


def test_command_prints_exactly_one_summary_line_and_warnings_above_it(write_decision):
    path = write_decision(category=None, outcome=None, decision_date=None)
    status, out, err = run_command(path)
    assert status == 0
    assert out == "imported: 1, updated: 0, unchanged: 0, failed: 0\n"
    assert "warning: 1 × no-category: no Category line: category not recorded" in err
    assert f"  for example {path}: no Category line: category not recorded" in err
    decision = Decision.objects.get()
    assert (decision.category, decision.outcome, decision.decision_date) == (None, None, None)


def test_missing_path_is_reported_and_fails_the_run(tmp_path):
    status, out, err = run_command(tmp_path / "nowhere")
    assert status == 1
    assert f"{tmp_path / 'nowhere'}: no such file or directory" in err
    assert out.endswith("failed: 1\n")


def test_dry_run_writes_no_decision_but_reports_what_would_happen(write_decision):
    import_paths([write_decision("old.txt", reference="21 000 001")])
    write_decision("old.txt", reference="21 000 001", summary="Changed since.")
    write_decision("new.txt", reference="21 000 002")
    folder = write_decision("bad.txt", reference="bad").parent
    before = table_snapshot()
    status, out, err = run_command("--dry-run", folder)
    assert status == 1
    assert out == "imported: 1, updated: 1, unchanged: 0, failed: 1\n"
    assert "dry run: no decision was written" in err
    assert table_snapshot() == before
    dry = ImportRun.objects.order_by("pk").last()  # recorded, as a dry run
    assert (dry.dry_run, dry.imported, dry.updated, dry.failed) == (True, 1, 1, 1)


def test_duplicate_reference_with_different_content_in_one_run_keeps_the_first(write_decision):
    first = write_decision("a.txt", summary="First version.")
    second = write_decision("b.txt", summary="Second version.")
    same = write_decision("c.txt", summary="First version.")
    report = import_paths([first, second, same])
    assert (report.imported, report.unchanged, report.failed) == (1, 1, 1)
    assert report.errors[0].path == str(second)
    assert "already read from another file in this run" in report.errors[0].reason
    assert Decision.objects.get().summary == "First version."


def test_a_stored_decisions_own_file_after_a_change_to_it_in_the_same_run_is_refused(
    write_decision, tmp_path
):
    """A folder holding a re-downloaded copy beside the old one: the new file updates the
    decision, and the old one, which now contradicts it, is refused as in a dry run, not
    counted unchanged because it matches what the database held when the run began."""
    old = write_decision("x_old.txt", reference="22 555 001", outcome="Upheld")
    import_paths([old])
    new = tmp_path / "files" / "a_new.txt"
    new.write_bytes(old.read_bytes().replace(b"Decision : Upheld", b"Decision : Not upheld"))
    dry = import_paths([new, old], dry_run=True)
    report = import_paths([new, old])
    for run in (dry, report):
        assert (run.updated, run.unchanged, run.failed) == (1, 0, 1)
        assert [str(error) for error in run.errors] == [
            f"{old}: " + DUPLICATE_IN_RUN.format(reference="22 555 001")
        ]
    assert Decision.objects.get().outcome.label == "Not upheld"


def test_copies_of_a_file_naming_its_body_in_another_spelling_than_stored_are_unchanged(
    write_decision, tmp_path
):
    """The body's row keeps the first spelling stored (St Mary’s); two copies of a file
    that spells it St Mary's, one saved with other line ends, say the same as each other."""
    curly = write_decision("a.txt", reference="21 000 001", organisation="St Mary’s Care Home")
    straight = write_decision("b.txt", reference="21 000 002", organisation="St Mary's Care Home")
    import_paths([curly, straight])
    copy = tmp_path / "files" / "c.txt"
    copy.write_bytes(straight.read_bytes().replace(b"\n", b"\r\n"))
    report = import_paths([straight, copy])
    assert (report.unchanged, report.failed, report.errors) == (2, 0, ())


def test_every_run_is_recorded_with_counts_and_errors(write_decision):
    good = write_decision("good.txt")
    bad = write_decision("bad.txt", reference="21 000 002", decision_date="31 Feb 2021")
    report = import_paths([good, bad], command="import_decisions test")
    run = ImportRun.objects.get(pk=report.run_id)
    assert (run.imported, run.updated, run.unchanged, run.failed) == (1, 0, 0, 1)
    assert run.errors == [
        {"path": str(bad), "reason": "line 4: impossible decision date '31 Feb 2021'"}
    ]
    assert run.command == "import_decisions test"
    assert run.sources == [str(good), str(bad)]
    assert run.finished_at >= run.started_at


def test_related_rows_are_shared_and_subcategories_are_keyed_by_parent(write_decision):
    folder = write_decision("1.txt", reference="21 000 001", category="Housing > Other").parent
    write_decision("2.txt", reference="21 000 002", category="Education > Other")
    write_decision("3.txt", reference="21 000 003", category="Housing > Other")
    write_decision("4.txt", reference="21 000 004", category="Trees")
    import_paths([folder])
    assert Organisation.objects.count() == 1
    others = Category.objects.filter(name="Other").select_related("parent")
    assert sorted(str(c) for c in others) == ["Education > Other", "Housing > Other"]
    assert len({c.slug for c in Category.objects.all()}) == Category.objects.count() == 5
    assert Category.objects.get(name="Trees").parent is None
    assert (
        Decision.objects.filter(category__name="Other", category__parent__name="Housing").count()
        == 2
    )


def test_spellings_of_a_name_that_differ_in_apostrophes_spacing_or_case_are_one_row(
    write_decision,
):
    """Files mix curly and straight apostrophes (FORMAT.md), and hand-typed ones add spaces or
    change case: each body, category and outcome is still one row, named as first stored,
    while each decision keeps the names as its file gives them. In one run and the next."""
    spellings = [
        ("St Mary’s Care Home Ltd", "Children’s care services > Child protection", "Upheld"),
        ("St Mary's Care Home Ltd", "Children's care services > Child protection", "upheld"),
        ("St  Mary's care home Ltd", "Children's Care Services  >  child protection", "UPHELD"),
        ("St Mary's Care Home Ltd.", "Children's care services > Child protection.", "Upheld."),
    ]
    first = [
        write_decision(f"{number}.txt", reference=f"21 000 00{number}",
                       organisation=organisation, category=category, outcome=outcome)
        for number, (organisation, category, outcome) in enumerate(spellings)
        if number != 2
    ]  # fmt: skip
    import_paths(first)
    organisation, category, outcome = spellings[2]
    later = write_decision("later/2.txt", reference="21 000 002", organisation=organisation,
                           category=category, outcome=outcome)  # fmt: skip
    import_paths([later])
    assert list(Organisation.objects.values_list("name", flat=True)) == ["St Mary’s Care Home Ltd"]
    assert sorted(str(c) for c in Category.objects.all()) == [
        "Children’s care services",
        "Children’s care services > Child protection",
    ]
    assert list(Outcome.objects.values_list("label", flat=True)) == ["Upheld"]
    assert Decision.objects.filter(category__name="Child protection").count() == 4
    assert sorted(Decision.objects.values_list("organisation_names", flat=True)) == sorted(
        name for name, _, _ in spellings
    )


def test_spellings_with_or_without_hyphens_stops_or_an_ampersand_are_one_row(write_decision):
    """A hyphen or a space ("Stoke-on-Trent", "Stoke on Trent"), "St." or "St", "&" or
    "and": one body or category, named as first stored."""
    spellings = [
        ("Stoke-on-Trent City Council", "Environment & regulation > Noise"),
        ("Stoke on Trent City Council", "Environment and regulation > Noise"),
        ("St. Aldric’s Nursing Home Limited", "Environment and regulation > Noise"),
        ("St Aldric’s Nursing Home Limited", "Environment & Regulation > Noise."),
    ]
    paths = [
        write_decision(f"{number}.txt", reference=f"21 000 00{number}",
                       organisation=organisation, category=category)
        for number, (organisation, category) in enumerate(spellings)
    ]  # fmt: skip
    import_paths(paths[:1])
    import_paths(paths[1:])
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "St. Aldric’s Nursing Home Limited",
        "Stoke-on-Trent City Council",
    ]
    assert sorted(str(c) for c in Category.objects.all()) == [
        "Environment & regulation",
        "Environment & regulation > Noise",
    ]
    assert Decision.objects.filter(category__name="Noise").count() == 4


def test_a_body_added_after_a_run_read_the_names_is_found_not_added_twice(write_decision):
    """The named rows are read once a run: one added since (by another run, or an editor
    renaming one) is still found by its exact name."""
    from decisions.parsing import parse_decision
    from decisions.related import RelatedRows

    related = RelatedRows()
    first = parse_decision(write_decision("a.txt", reference="21 000 001").read_bytes())
    related.ids(first, create=True)
    added = Organisation.objects.create(
        name="Quillmere Council", slug="quillmere-council", kind="council"
    )
    later = parse_decision(
        write_decision(
            "b.txt", reference="21 000 002", organisation="Quillmere Council"
        ).read_bytes()
    )
    assert related.ids(later, create=True)["organisation_id"] == added.pk
    assert Organisation.objects.filter(name="Quillmere Council").count() == 1


def test_fictional_marker_field_marks_the_decision(write_decision):
    path = write_decision(
        extra={"Fictional": "Generated by generate_decisions; not a real decision"}
    )
    import_paths([path])
    assert Decision.objects.get().is_fictional is True


def test_outcome_group_edited_by_hand_survives_reimport(write_decision):
    import_paths([write_decision(outcome="Report issued")])
    Outcome.objects.filter(label="Report issued").update(group="upheld")
    import_paths([write_decision("other.txt", reference="21 000 009", outcome="Report issued")])
    assert Outcome.objects.get(label="Report issued").group == "upheld"


def test_a_decision_the_database_refuses_leaves_nothing_behind(write_decision):
    refuse_inserts("decisions_decision", "new.organisation_names = 'Doomed Parish Council'")
    folder = write_decision("1.txt", reference="21 000 001").parent
    write_decision(
        "2.txt",
        reference="21 000 002",
        organisation="Doomed Parish Council",
        category="Doomed > Category",
        outcome="Doomed outcome",
    )
    write_decision(
        "3.txt",
        reference="21 000 003",
        organisation="Doomed Parish Council",
        category="Doomed > Category",
        outcome="Doomed outcome",
    )
    write_decision("4.txt", reference="21 000 004")
    report = import_paths([folder])
    assert (report.imported, report.failed) == (2, 2)
    assert all("refused by test trigger" in error.reason for error in report.errors)
    assert sorted(Decision.objects.values_list("reference", flat=True)) == [
        "21 000 001",
        "21 000 004",
    ]
    assert not Organisation.objects.filter(name="Doomed Parish Council").exists()
    assert not Category.objects.filter(name__startswith="Doomed").exists()
    assert not Outcome.objects.filter(label="Doomed outcome").exists()


def test_a_provision_created_for_a_refused_decision_is_created_again_for_the_next(
    write_decision,
):
    """The run remembers each citation's provision, but not one created in a savepoint the
    database then rolled back: the next decision citing it must not point at a row that is
    gone."""
    from decisions.models import Provision

    refuse_inserts(
        "decisions_decision_citations",
        "new.decision_id IN (SELECT id FROM decisions_decision WHERE reference = '21 000 002')",
    )
    cited = {"What I found": ["The Council breached section 17 of the Quillmere Act 1999."]}
    folder = write_decision("1.txt", reference="21 000 001").parent
    write_decision("2.txt", reference="21 000 002", sections=cited)
    write_decision("3.txt", reference="21 000 003", sections=cited)
    report = import_paths([folder])
    assert (report.imported, report.failed) == (2, 1)
    [provision] = Decision.objects.get(reference="21 000 003").citations.all()
    assert provision.label == "Quillmere Act 1999, section 17"
    assert Provision.objects.filter(legislation__name="Quillmere Act 1999").count() == 2


def test_an_import_freezes_the_heap_for_its_length_but_never_thaws_a_servers(
    write_decision, monkeypatch
):
    """A run keeps the objects made before it out of full collections, and gives them back
    after; in a process that froze its heap itself (a server's, where the admin imports an
    upload), it leaves that frozen."""
    from decisions import importing

    folder = write_decision("1.txt", reference="21 000 001").parent
    frozen_during = []
    prepare = importing.prepare_batch

    def prepare_batch(*args):
        frozen_during.append(gc.get_freeze_count())
        return prepare(*args)

    monkeypatch.setattr(importing, "prepare_batch", prepare_batch)
    try:
        assert gc.get_freeze_count() == 0
        import_paths([folder])
        assert frozen_during and min(frozen_during) > 10_000
        assert gc.get_freeze_count() == 0
        gc.freeze()
        server_heap = gc.get_freeze_count()
        write_decision("2.txt", reference="21 000 002")
        import_paths([folder])
        # Still frozen, less what the run let go of (a frozen object is still freed when
        # nothing refers to it); thawed, it would be none.
        assert gc.get_freeze_count() > server_heap * 0.9
    finally:
        gc.unfreeze()


def test_batches_larger_than_one_commit_import_in_full(write_decision, monkeypatch):
    monkeypatch.setattr("decisions.importing.BATCH_SIZE", 7)
    for number in range(30):
        write_decision(f"{number}.txt", reference=f"21 000 {number:03d}")
    progress = []
    report = import_paths(
        [write_decision("0.txt", reference="21 000 000").parent], progress=progress.append
    )
    assert report.imported == 30
    assert progress == [7, 14, 21, 28, 30]
    assert Decision.objects.count() == 30


def test_parsing_in_processes_imports_exactly_what_a_thread_does(write_decision, monkeypatch):
    """The command parses in PARSERS forked processes, a web request on a thread: the same
    files give the same decisions, findings and report, in batches split unevenly."""
    monkeypatch.setattr("decisions.importing.BATCH_SIZE", 7)
    for number in range(17):
        write_decision(
            f"{number}.txt",
            reference=f"21 000 {number:03d}",
            summary=f"The Council agreed to pay Mr X £{100 + number} for his time and trouble.",
        )
    folder = write_decision("bad.txt", reference="21 000 0X3").parent  # a parse error
    outcomes = []
    for parsers in (2, 0):
        report = import_paths([folder], parsers=parsers)
        written = Decision.objects.order_by("reference").values()
        kept = [{k: v for k, v in row.items() if k not in UNIQUE_TO_A_RUN} for row in written]
        outcomes.append((report.imported, report.failed, report.errors, report.warnings, kept))
        Decision.objects.all().delete()
    assert outcomes[0] == outcomes[1]
    imported, failed, [error], _, decisions = outcomes[0]
    assert (imported, failed) == (17, 1)
    assert error.reason.startswith("line 1: malformed reference (21 000 0X3)")
    assert sorted(d["payment_total"] for d in decisions) == list(range(100, 117))  # findings


UNIQUE_TO_A_RUN = {"id", "imported_at", "updated_at"}


def test_the_real_sample_imports_cleanly():
    status, out, err = run_command(SAMPLE_DIR)
    assert (status, out, err) == (0, "imported: 1, updated: 0, unchanged: 0, failed: 0\n", "")


def test_a_symlink_inside_a_folder_is_reported_not_followed(write_decision, tmp_path):
    target = write_decision("real.txt", reference="21 000 001")
    folder = tmp_path / "linked"
    folder.mkdir()
    shutil.copy(target, folder / "copy.txt")
    (folder / "link.txt").symlink_to(target)
    report = import_paths([folder])
    assert report.imported == 1
    assert [str(e) for e in report.errors] == [
        f"{folder / 'link.txt'}: symbolic link: not followed"
    ]


def test_a_file_name_that_is_not_utf8_is_imported_and_named_with_the_byte_escaped(
    write_decision, tmp_path
):
    """Latin-1 names from an old Windows share: the run (and the good file beside it) goes on,
    and the run's records name the file as text any database and terminal take."""
    good = write_decision("ok.txt", reference="23 100 002")
    folder = good.parent
    latin1 = folder / os.fsdecode(b"d\xe9cision-23-100-001.txt")
    latin1.write_bytes(write_decision("x.txt", reference="23 100 001").read_bytes())
    (folder / "x.txt").unlink()
    status, out, err = run_command(folder)
    assert (status, err) == (0, ""), err
    assert out == "imported: 2, updated: 0, unchanged: 0, failed: 0\n"
    run = ImportRun.objects.get()
    assert run.finished_at is not None
    paths = sorted(run.files.values_list("path", flat=True))
    assert paths == [f"{folder}/d\\xe9cision-23-100-001.txt", f"{folder}/ok.txt"]
    # A name's bad byte in a path given on the command line is escaped the same way.
    status, out, err = run_command(latin1)
    assert (status, err) == (0, "") and "unchanged: 1" in out
    assert ImportRun.objects.latest("pk").sources == [f"{folder}/d\\xe9cision-23-100-001.txt"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_command_shows_progress_on_a_terminal_only(write_decision, monkeypatch):
    monkeypatch.setattr("decisions.importing.BATCH_SIZE", 2)
    for number in range(5):
        write_decision(f"{number}.txt", reference=f"21 000 {number:03d}")
    folder = write_decision("0.txt", reference="21 000 000").parent
    terminal, out = Terminal(), io.StringIO()
    call_command("import_decisions", str(folder), stdout=out, stderr=terminal)
    assert terminal.getvalue() == "\r2 files read…\r4 files read…\r5 files read…\n"
    assert out.getvalue() == "imported: 5, updated: 0, unchanged: 0, failed: 0\n"
    status, _, err = run_command(folder)
    assert (status, err) == (0, "")


def test_generated_demo_files_import_cleanly_and_are_all_marked_fictional(tmp_path):
    out = io.StringIO()
    call_command(
        "generate_decisions", "--count", "120", "--seed", "3", "--out", str(tmp_path), stdout=out
    )
    assert out.getvalue() == f"wrote 120 fictional decisions to {tmp_path}\n"
    status, summary, _ = run_command(tmp_path)
    assert (status, summary) == (0, "imported: 120, updated: 0, unchanged: 0, failed: 0\n")
    assert Decision.objects.filter(is_fictional=True).count() == 120
    assert not Organisation.objects.filter(name__contains="Newham").exists()


def test_dry_run_counts_a_change_to_a_category_and_outcome_that_do_not_exist_yet(write_decision):
    path = write_decision(category=None, outcome=None)
    import_paths([path])
    write_decision(category="Brand new > Thing", outcome="Brand new outcome")
    dry = import_paths([path], dry_run=True)
    assert (dry.updated, dry.unchanged) == (1, 0)
    assert not Category.objects.filter(name="Brand new").exists()
    real = import_paths([path])
    assert (real.updated, real.unchanged) == (1, 0)


@pytest.mark.parametrize("batch_size", [500, 1])
def test_one_decision_saved_twice_with_other_line_ends_in_one_run_is_unchanged(
    tmp_path, monkeypatch, batch_size
):
    monkeypatch.setattr("decisions.importing.BATCH_SIZE", batch_size)
    original = (SAMPLE_DIR / "newham-20-003-494.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(original)
    (tmp_path / "b.txt").write_bytes(original.replace(b"\n", b"\r\n"))
    for dry_run in (True, False, False):
        report = import_paths([tmp_path], dry_run=dry_run)
        assert report.failed == 0, report.errors
    assert (report.imported, report.unchanged) == (0, 2)
    assert Decision.objects.get().source_name == "a.txt"


def test_values_from_a_file_and_from_its_stored_row_have_one_fingerprint(write_decision):
    from decisions.importing import (
        DECISION_FIELDS_FROM_FILE,
        content_fingerprint,
        parse_all,
        row_fingerprint,
    )

    path = write_decision(extra={"Remedy": "Apology"}, category="Trees")
    import_paths([path])
    [(parsed, values, _, read)] = parse_all([path.read_bytes()])
    assert set(values) == set(DECISION_FIELDS_FROM_FILE)
    organisation = parsed.organisations[0]
    fingerprint = content_fingerprint(values, organisation, ("Trees",), "Upheld")
    assert read == fingerprint
    stored = Decision.objects.with_related().get()
    assert row_fingerprint(stored) == fingerprint and stored.file_fingerprint == fingerprint.hex()
    assert content_fingerprint(values, organisation, ("Trees",), "Not upheld") != fingerprint


def test_over_long_values_are_refused_alike_on_every_database(write_decision):
    folder = write_decision("long-name.txt", organisation="W" * 301 + " Council").parent
    write_decision("long-outcome.txt", reference="21 000 002", outcome="Upheld " + "x" * 200)
    write_decision("long-category.txt", reference="21 000 003", category="Housing > " + "y" * 201)
    write_decision("fine.txt", reference="21 000 004")
    report = import_paths([folder])
    assert (report.imported, report.failed) == (1, 3)
    reasons = sorted(error.reason for error in report.errors)
    assert reasons == [
        "line 1: the organisation's name is longer than 300 characters",
        "line 2: a category name is longer than 200 characters",
        "line 3: the decision is longer than 200 characters",
    ]


def stored_rows(table: str, order: str, left_out=("id", "run_id")) -> list:
    """Every row of `table` as the database holds it, each value with its storage type (on
    SQLite, which converts values as it reads them) or as text (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} LIMIT 0")
        names = [column[0] for column in cursor.description if column[0] not in left_out]
        if connection.vendor == "sqlite":
            stored = [f"typeof({name}) || ':' || quote({name})" for name in names]
        else:
            stored = [f"{name}::text" for name in names]
        cursor.execute(f"SELECT {', '.join(stored)} FROM {table} ORDER BY {order}")
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def written_by_django(model, rows, *, returning_ids=False):
    """insert_rows done by Django, to compare with: bulk_create, or a save for each row where
    the ids are wanted (bulk_create cannot return them without RETURNING)."""
    if not returning_ids:
        model.objects.bulk_create([model(**row) for row in rows])
        return []
    made = [model(**row) for row in rows]
    for instance in made:
        instance.save(force_insert=True)
    return [instance.pk for instance in made]


WRITERS = ("decisions.importing", "decisions.findings", "decisions.import_record")


@pytest.mark.parametrize("way", ["one statement", "two rows a statement", "without RETURNING"])
def test_decisions_written_in_bulk_are_stored_exactly_as_django_stores_them(
    write_decision, monkeypatch, way
):
    """The importer writes new decisions, remedies, citations and the run's rows with
    inserts.insert_rows, not bulk_create: the database holds the same values, of the same
    storage types, either way (also when a batch takes several statements, and on a SQLite
    too old for RETURNING)."""
    from django.utils import timezone

    from decisions import inserts

    if way == "without RETURNING":
        if connection.vendor != "sqlite":
            pytest.skip("PostgreSQL has always had RETURNING")
        features = type(connection.features)
        monkeypatch.setattr(features, "can_return_rows_from_bulk_insert", False)

    moment = timezone.now().replace(microsecond=123456)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    if way == "two rows a statement":
        columns = len(Decision._meta.concrete_fields) - 1
        monkeypatch.setattr(inserts, "_parameters_at_most", lambda _: 2 * columns)
    write_decision(
        "1.txt",
        reference="21 000 001",
        summary="The Council agreed to pay Mr X £150.50 for his distress and to apologise.",
        extra={"Remedy": "Financial redress: Avoidable distress/time and trouble; Apology"},
    )
    write_decision(
        "2.txt",
        reference="21 000 002",
        category=None,
        outcome=None,
        decision_date=None,  # a warning, with its row
        extra={"Fictional": "Generated; not real", "Notes": "Ünïcode “quoted” 😀"},
        summary="The Council failed to follow section 24A(6) of the Local Government Act 1974.",
    )
    folder = write_decision(
        "3.txt",
        reference="21 000 003",
        summary="The Council should reimburse Mrs Y the cost of the taxi and pay a suitable sum.",
    ).parent
    (folder / "4.txt").write_text("Not a decision at all\n")  # a refused file's row
    tables = [
        ("decisions_decision", "reference"),
        ("decisions_remedy", "decision_id, position"),
        ("decisions_decision_citations", "decision_id, provision_id"),
        ("decisions_importedfile", "path"),
        ("decisions_importwarning", "path, kind"),
    ]
    written_by = []
    real_insert_rows = inserts.insert_rows

    def spy(model, rows, **options):
        ids = real_insert_rows(model, rows, **options)
        written_by.append((model, len(rows)))
        return ids

    stored = []
    for writer in (spy, written_by_django):
        Decision.objects.all().delete()
        ImportRun.objects.all().delete()  # and the run's file and warning rows
        for module in WRITERS:
            monkeypatch.setattr(f"{module}.insert_rows", writer)
        report = import_paths([folder])
        assert (report.imported, report.failed) == (3, 1)
        references = {
            str(pk): reference for pk, reference in Decision.objects.values_list("id", "reference")
        }
        rows = [stored_rows(table, order) for table, order in tables]
        for table_rows in rows[1:3]:  # decision ids differ from run to run: name by reference
            for row in table_rows:
                row["decision_id"] = references[row["decision_id"].split(":")[-1]]
        stored.append(rows)
    assert (Decision, 3) in written_by  # the bulk path wrote them, not the one-by-one fallback
    decisions, remedies, citations, files, warnings = stored[0]
    assert stored[0] == stored[1]
    assert len(remedies) >= 3 and len(citations) >= 1 and len(files) == 4 and warnings
    assert any("150.5" in row["payment_total"] for row in decisions)


# --- a stored decision's new file ------------------------------------------------------------


def corrected_outcome(label: str) -> Decision:
    """The stored decision with its outcome corrected by an editor, as the admin does it."""
    from decisions.corrections import Editor, record_corrections

    decision = Decision.objects.get()
    corrected = Outcome.objects.create(label=label, slug="not-upheld", group="not_upheld")
    changes = {"Outcome": (decision.outcome.label, label)}
    record_corrections(decision, changes, "The file named the wrong outcome.", Editor(name="ann"))
    decision.outcome = corrected
    decision.save()
    return decision


def test_an_editors_correction_stands_until_a_file_changes_the_field_itself(write_decision):
    path = write_decision()
    import_paths([path])
    corrected_outcome("Not upheld")
    # Saved again with Windows line ends: other bytes, the same decision.
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    report = import_paths([path])
    assert (report.updated, report.unchanged) == (0, 1)
    assert Decision.objects.get().outcome.label == "Not upheld"
    # A new text that still says "Upheld", what the outcome said when it was corrected.
    write_decision(summary="The Council delayed, and has since apologised.")
    report = import_paths([path])
    decision = Decision.objects.get()
    assert report.updated == 1 and decision.summary.endswith("has since apologised.")
    assert decision.outcome.label == "Not upheld"
    kept = "Outcome: an editor's correction kept (the file says what it said when it was corrected)"
    assert [(w.kind, w.reason) for w in report.warnings] == [("correction-kept", kept)]
    # A file that changes the outcome itself is the Ombudsman's word: it is taken, and from
    # then on the file's outcome is the decision's.
    write_decision(outcome="Closed after initial enquiries", summary="Closed.")
    import_paths([path])
    assert Decision.objects.get().outcome.label == "Closed after initial enquiries"
    write_decision(outcome="Upheld", summary="Upheld after all.")
    import_paths([path])
    assert Decision.objects.get().outcome.label == "Upheld"


def test_a_changed_file_under_a_kept_outcome_correction_is_read_with_the_corrected_outcome(
    write_decision,
):
    """Why a complaint was not investigated is read only from a closed decision: one an editor
    corrected to upheld keeps no such reason when a changed file still says "closed"."""
    from decisions.corrections import Editor, record_corrections, refresh_decision_findings

    premature = "We will not investigate because the Council has not had the chance to respond."
    path = write_decision(outcome="Closed after initial enquiries", summary=premature)
    import_paths([path])
    decision = Decision.objects.get()
    assert decision.reason_not_investigated == "premature"
    upheld = Outcome.objects.create(label="Upheld", slug="upheld-2", group="upheld")
    changes = {"Outcome": (decision.outcome.label, "Upheld")}
    record_corrections(decision, changes, "The file named the wrong outcome.", Editor(name="ann"))
    decision.outcome = upheld
    decision.save()
    refresh_decision_findings(decision)
    write_decision(outcome="Closed after initial enquiries", summary=f"{premature} Again.")
    report = import_paths([path])
    decision = Decision.objects.get()
    assert report.updated == 1 and decision.summary.endswith("Again.")
    assert (decision.outcome, decision.reason_not_investigated) == (upheld, None)


def test_a_changed_file_without_the_header_lines_keeps_the_stored_values(write_decision):
    import_paths([write_decision()])
    before = Decision.objects.select_related("category", "outcome").get()
    path = write_decision(
        category=None, outcome=None, decision_date=None, summary="A copy saved from the web."
    )
    report = import_paths([path])
    assert report.updated == 1
    after = Decision.objects.select_related("category", "outcome").get()
    assert after.summary == "A copy saved from the web."
    assert (after.category, after.outcome, after.decision_date, after.decision_year) == (
        before.category, before.outcome, date(2021, 3, 5), 2021)  # fmt: skip
    kept = [w.reason for w in report.warnings if w.kind == "stored-value-kept"]
    assert kept == [
        "no Category line: the category already stored is kept",
        "no Decision line: the outcome already stored is kept",
        "no Decision date line: the date already stored is kept",
    ]
    # Imported again, that copy changes nothing.
    assert import_paths([path]).unchanged == 1


@pytest.fixture
def another_run_first(monkeypatch):
    """As if another import, running at the same time, stored a batch's decisions after the
    batch looked for them: the batch believes every one of them new."""
    from decisions import importing

    looked = importing.StoredDecisions.__init__

    def blind(self, references, changed):
        looked(self, references, changed)
        self.hashes.clear()

    monkeypatch.setattr(importing.StoredDecisions, "__init__", blind)


def test_a_decision_another_import_stored_meanwhile_is_unchanged_or_refused_saying_why(
    write_decision, another_run_first
):
    same = write_decision("same.txt", reference="21 000 001")
    other = write_decision("other.txt", reference="21 000 002")
    import_paths([same, other])
    changed = write_decision("changed.txt", reference="21 000 002", summary="Something else.")
    report = import_paths([write_decision("again.txt", reference="21 000 001"), changed])
    assert (report.imported, report.unchanged, report.failed) == (0, 1, 1)
    [error] = report.errors
    assert "21 000 002 was stored by another import running at the same time" in str(error)
    assert "UNIQUE" not in str(error) and "unique" not in str(error)
    assert Decision.objects.count() == 2
    assert Organisation.objects.count() == 1


def test_ctrl_c_during_an_import_says_where_things_stand_not_a_traceback(
    write_decision, monkeypatch
):
    from django.core.management import CommandError, call_command

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("decisions.management.commands.import_decisions.import_paths", interrupted)
    with pytest.raises(CommandError, match="interrupted: the batches written before it are kept"):
        call_command("import_decisions", str(write_decision("x.txt")))


def test_outcome_wordings_that_differ_only_in_a_colon_or_a_dash_are_one_outcome(write_decision):
    wordings = ["Upheld: maladministration and injustice", "Upheld:maladministration and injustice",
                "Upheld - maladministration and injustice"]  # fmt: skip
    import_paths([write_decision(f"{n}.txt", reference=f"21 000 00{n}", outcome=wording)
                  for n, wording in enumerate(wordings)])  # fmt: skip
    assert list(Outcome.objects.values_list("label", flat=True)) == [wordings[0]]

"""An import run's record: what became of each file, saved as the run goes, and its report.

The import service (`importing.import_paths`) settles each file it reads here: a row per file
(ImportedFile), a row per warning (ImportWarning) and the run's counts are saved with each
batch, a ChangeRecord with each update, and the errors once the run finishes or stops. What the
caller gets back is an ImportReport, whose warnings are counted by kind. A run keeps in memory
only its counts, the first REPORTED_DECISIONS decisions and warnings it names, and the batch
being written, so that its memory does not grow with the number of files.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.utils import timezone

from decisions import parsing, sources
from decisions.inserts import insert_rows
from decisions.models import (
    ChangeRecord,
    Decision,
    ImportedFile,
    ImportRun,
    ImportWarning,
    import_summary,
)
from decisions.sources import FileProblem

# A redacted passage that a decision's new file no longer holds (importing.REDACTION_GONE).
REDACTION_NOT_FOUND = "redaction-not-found"
# A decision whose findings were not read within FINDINGS_BUDGET_SECONDS (importing.NOT_READ).
FINDINGS_NOT_READ = "findings-not-read"
# Every kind of warning a run can give, and what it means (the summary's descriptions).
# A changed file of a stored decision without a Category, Decision or Decision date line.
STORED_VALUE_KEPT = "stored-value-kept"
# A changed file of a decision an editor corrected, saying what it said when it was corrected.
CORRECTION_KEPT = "correction-kept"
WARNING_KINDS = {
    **parsing.WARNING_KINDS,
    **sources.WARNING_KINDS,
    STORED_VALUE_KEPT: "a header line a stored decision's new file lacks: the value stored kept",
    CORRECTION_KEPT: "an editor's correction kept over a changed file that says what the field "
    "said when it was corrected",
    REDACTION_NOT_FOUND: "a redacted passage that the decision's new file no longer holds",
    FINDINGS_NOT_READ: "findings not read in time: imported without remedies, reasons or "
    "citations (extract_decisions reads them later)",
}

# A report names at most this many of the decisions it imported or updated (it counts all),
# as many of the files it left withdrawn, and as many warnings (the run's rows hold them all).
REPORTED_DECISIONS = 1_000

Status = ImportedFile.Status
# The changed Decision fields of an update, as an editor reads them (in its ChangeRecord).
FIELD_LABELS = {
    "organisation_names": "organisation line",
    "organisation_id": "organisation",
    "category_id": "category",
    "outcome_id": "outcome",
    "decision_date": "decision date",
    "decision_year": "decision date",
    "summary": "summary",
    "body": "text",
    "layout": "text",
    "decision_maker": "decision maker",
    "extra": "other header fields",
    "is_fictional": "fictional",
    "reason_not_investigated": "findings",
    "already_remedied": "findings",
    "remedy_kinds": "findings",
    "payment_total": "findings",
}
IMPORT_USERNAME = "import"  # a ChangeRecord's name for a run started from a terminal
MAX_FILE_PATH = ImportedFile._meta.get_field("path").max_length  # a longer one keeps its end


@dataclass(frozen=True)
class WrittenDecision:
    """A decision a run imported, updated or left withdrawn (or, in a dry run, would have)."""

    status: str  # "imported", "updated" or "withdrawn"
    reference: str
    slug: str
    path: str


@dataclass(frozen=True)
class WarningGroup:
    """A run's warnings of one kind: how many, what the kind means, and the first of them."""

    kind: str
    description: str
    count: int
    example: FileProblem


def warning_groups(counts: Counter, examples: dict[str, FileProblem]) -> tuple[WarningGroup, ...]:
    """Warnings counted by kind, the most frequent kind first, each with its first example."""
    return tuple(
        WarningGroup(kind, WARNING_KINDS.get(kind, kind or "other"), count, examples[kind])
        for kind, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


@dataclass(frozen=True)
class ImportReport:
    imported: int
    updated: int
    unchanged: int
    failed: int
    errors: tuple[FileProblem, ...]
    warnings: tuple[FileProblem, ...]  # the first REPORTED_DECISIONS of them
    warning_count: int
    warning_groups: tuple[WarningGroup, ...]
    dry_run: bool
    run_id: int | None
    written: tuple[WrittenDecision, ...] = ()  # the first REPORTED_DECISIONS of them
    withdrawn: int = 0  # files of withdrawn decisions, left withdrawn
    left_withdrawn: tuple[WrittenDecision, ...] = ()  # the first REPORTED_DECISIONS of them

    @property
    def summary_line(self) -> str:
        return import_summary(
            self.imported, self.updated, self.unchanged, self.failed, self.withdrawn
        )


@dataclass
class ImportRecord:
    """What a run has done so far: its counts, errors and warnings, the decisions to name in
    its report, and the rows of the batch being written, saved with that batch."""

    run: ImportRun
    counts: Counter = field(default_factory=Counter)  # files by ImportedFile status
    errors: list[FileProblem] = field(default_factory=list)
    warning_counts: Counter = field(default_factory=Counter)  # by kind
    first_warnings: dict[str, FileProblem] = field(default_factory=dict)  # of each kind
    warnings: list[FileProblem] = field(default_factory=list)  # the first REPORTED_DECISIONS

    written: list[WrittenDecision] = field(default_factory=list)
    left_withdrawn: list[WrittenDecision] = field(default_factory=list)
    # What the batch being written did, saved with it: a row per file, a record per update,
    # a row per warning.
    files: list[dict] = field(default_factory=list)  # ImportedFile rows
    changes: list[ChangeRecord] = field(default_factory=list)
    new_warnings: list[dict] = field(default_factory=list)  # ImportWarning rows
    # How many errors the batches saved so far gave (a run cut short keeps those).
    saved_errors: int = 0

    @property
    def dry_run(self) -> bool:
        return self.run.dry_run

    def fail(self, path: str, reason: str, reference: str = "") -> None:
        self.errors.append(FileProblem(path, reason))
        self.files.append(self._file(path, reference, Status.REFUSED, reason))

    def warn(self, problem: FileProblem) -> None:
        self.warning_counts[problem.kind] += 1
        self.first_warnings.setdefault(problem.kind, problem)
        if len(self.warnings) < REPORTED_DECISIONS:
            self.warnings.append(problem)
        path, kind, reason = _kept_path(problem.path), problem.kind, problem.reason
        self.new_warnings.append(
            {"run_id": self.run.pk, "path": path, "kind": kind, "reason": reason}
        )

    def _file(self, path: str, reference: str, status: str, reason: str = "") -> dict:
        """An ImportedFile row's values (written in bulk with the batch: inserts.py)."""
        return {
            "run_id": self.run.pk,
            "path": _kept_path(path),
            "reference": reference,
            "status": status,
            "reason": reason,
        }

    def settle(self, status: str, candidates: list) -> None:
        """Count files (importing's Candidates) as imported, updated, unchanged or left
        withdrawn, a row for each."""
        self.counts[status] += len(candidates)
        self.files += [self._file(c.source.path, c.reference, status) for c in candidates]
        named = {Status.WITHDRAWN: self.left_withdrawn}.get(status, self.written)
        if status != Status.UNCHANGED:
            room = max(REPORTED_DECISIONS - len(named), 0)
            named += [
                WrittenDecision(status, c.parsed.reference, c.parsed.slug, c.source.path)
                for c in candidates[:room]
            ]

    def note_update(self, decision: Decision, changed: dict, path: str) -> None:
        """Keep the log's record of an update, to be saved with the batch."""
        self.changes.append(change_record(decision, changed, path, self.run))

    def count_fields(self) -> dict:
        """The run's counts, as ImportRun fields."""
        fields = ("imported", "updated", "unchanged", "withdrawn")
        return {name: self.counts[name] for name in fields} | {"failed": len(self.errors)}

    def report(self) -> ImportReport:
        return ImportReport(
            **self.count_fields(),
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
            warning_count=self.warning_counts.total(),
            warning_groups=warning_groups(self.warning_counts, self.first_warnings),
            dry_run=self.dry_run,
            run_id=self.run.pk,
            written=tuple(self.written),
            left_withdrawn=tuple(self.left_withdrawn),
        )


def _kept_path(path: str) -> str:
    """A path as a run's rows keep it: a longer one than they hold keeps its end."""
    return path if len(path) <= MAX_FILE_PATH else "…" + path[-(MAX_FILE_PATH - 1) :]


def change_record(decision: Decision, changed: dict, path: str, run: ImportRun) -> ChangeRecord:
    """The log's record of an update: which fields changed (their texts are too long to keep
    twice), from which file, in which run."""
    labels = dict.fromkeys(FIELD_LABELS.get(name, name.replace("_", " ")) for name in changed)
    limit = ChangeRecord._meta.get_field("field").max_length
    named = ", ".join(labels)
    return ChangeRecord(
        reference=decision.reference,
        slug=decision.slug,
        action=ChangeRecord.Action.IMPORTED,
        field=named if len(named) <= limit else named[: limit - 1] + "…",
        reason=f"{ChangeRecord.Action.IMPORTED.label}: {path}",
        at=timezone.now(),
        user=run.user,
        username=run.user.get_username() if run.user else IMPORT_USERNAME,
        import_run=run,
    )


def save_batch_record(record: ImportRecord) -> None:
    """Save what the batch did to each file, its warnings, and the run's counts so far (in its
    transaction)."""
    insert_rows(ImportedFile, record.files)
    ChangeRecord.objects.bulk_create(record.changes)
    insert_rows(ImportWarning, record.new_warnings)
    ImportRun.objects.filter(pk=record.run.pk).update(**record.count_fields())
    record.files, record.changes, record.new_warnings = [], [], []


def _error_entries(errors: list[FileProblem]) -> list[dict]:
    return [{"path": p.path, "reason": p.reason} for p in errors]


def save_finished_run(record: ImportRecord) -> None:
    """Save a finished run: its counts, errors, and when it finished."""
    run = record.run
    for name, value in {
        **record.count_fields(),
        "errors": _error_entries(record.errors),
        "finished_at": timezone.now(),
    }.items():
        setattr(run, name, value)
    run.save()


def save_cut_short_run(record: ImportRecord) -> None:
    """Add the errors of the batches saved to a run that stopped part way (its counts, files
    and warnings were saved with them), if the database can still take them."""
    entries = _error_entries(record.errors[: record.saved_errors])
    # The database that stopped the run may be gone; the counts are saved already.
    with contextlib.suppress(DatabaseError):
        ImportRun.objects.filter(pk=record.run.pk).update(errors=entries)

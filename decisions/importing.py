"""The one import service: files, folders or zips of decision files into the database.

Both the `import_decisions` command and the admin call `import_paths`. A decision is keyed by
its reference: an unchanged file changes nothing, a changed one updates the decision. The new
decisions of a batch are inserted together in one savepoint and, if the database refuses that,
each in a savepoint of its own, so a failure never leaves half a decision (or an organisation
or category created only for it) behind. Files are read and written in batches, so a run never
holds more than one batch of files in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from decisions.body import body_layout
from decisions.categories import group_renamed_categories
from decisions.database_errors import database_problem
from decisions.extraction import Findings
from decisions.findings import finding_values, findings_of_parsed, write_finding_rows
from decisions.models import (
    MAX_SOURCE_NAME,
    Decision,
    ImportRun,
    import_summary,
)
from decisions.parsing import MAX_FILE_BYTES, ParsedDecision, ParseError, parse_decision
from decisions.related import RelatedRows
from decisions.search import refresh_statistics
from decisions.sources import NOT_TEXT_IN_ZIP, TOO_LARGE, FileProblem, SourceFile, iter_sources

BATCH_SIZE = 500
BATCH_BYTES = 32_000_000  # a batch of unusually long files is cut short to bound memory
FICTIONAL_FIELD = "Fictional"

DUPLICATE_IN_RUN = (
    "reference {reference} was already read from another file in this run "
    "with different content: this file was not imported"
)


# A report names at most this many of the decisions it imported or updated (it counts all).
REPORTED_DECISIONS = 1_000


@dataclass(frozen=True)
class WrittenDecision:
    """A decision a run imported or updated (or, in a dry run, would have)."""

    status: str  # "imported" or "updated"
    reference: str
    slug: str
    path: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    updated: int
    unchanged: int
    failed: int
    errors: tuple[FileProblem, ...]
    warnings: tuple[FileProblem, ...]
    dry_run: bool
    run_id: int | None
    written: tuple[WrittenDecision, ...] = ()  # the first REPORTED_DECISIONS of them

    @property
    def summary_line(self) -> str:
        return import_summary(self.imported, self.updated, self.unchanged, self.failed)


# --- reading and comparing ------------------------------------------------------------------


@dataclass
class Candidate:
    """A file read and parsed, on its way to the database."""

    source: SourceFile
    content_hash: str
    data: bytes = b""  # dropped once parsed
    parsed: ParsedDecision | None = None  # None when the hash showed the file is unchanged
    values: dict = field(default_factory=dict)  # decision_values(parsed)
    findings: Findings | None = None  # what extraction read from the parsed text
    reference: str | None = None

    @cached_property
    def fingerprint(self) -> bytes | None:
        """content_fingerprint of what was parsed; None for a file known by its hash."""
        if self.parsed is None:
            return None
        parsed = self.parsed
        return content_fingerprint(
            self.values, parsed.organisations[0], parsed.category, parsed.outcome
        )


DECISION_FIELDS_FROM_FILE = (
    "organisation_names",
    "decision_date",
    "decision_year",
    "summary",
    "body",
    "layout",
    "decision_maker",
    "extra",
    "is_fictional",
)


def decision_values(parsed: ParsedDecision) -> dict:
    """The Decision fields that come from the file, except the related rows."""
    return {
        "organisation_names": parsed.organisation_name,
        "decision_date": parsed.decision_date,
        "decision_year": parsed.decision_date.year if parsed.decision_date else None,
        "summary": parsed.summary,
        "body": parsed.body,
        "layout": body_layout(parsed.sections),
        "decision_maker": parsed.decision_maker,
        "extra": dict(parsed.extra),
        "is_fictional": FICTIONAL_FIELD in parsed.extra,
    }


# --- the run --------------------------------------------------------------------------------


class ReferenceMemory:
    """The references read so far in a run, in 12.5 MB whatever the run's size (one bit per
    possible NN NNN NNN), to catch two files in one run with one reference and different text."""

    def __init__(self) -> None:
        self.bits = bytearray(100_000_000 // 8)

    def add(self, reference: str) -> None:
        number = int(reference.replace(" ", ""))
        self.bits[number >> 3] |= 1 << (number & 7)

    def __contains__(self, reference: str) -> bool:
        number = int(reference.replace(" ", ""))
        return bool(self.bits[number >> 3] & (1 << (number & 7)))


@dataclass
class ImportRunState:
    dry_run: bool
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[FileProblem] = field(default_factory=list)
    warnings: list[FileProblem] = field(default_factory=list)
    seen: ReferenceMemory = field(default_factory=ReferenceMemory)
    # Dry runs write nothing, so they remember what each reference's first file said instead.
    dry_run_firsts: dict = field(default_factory=dict)
    related: RelatedRows = field(default_factory=RelatedRows)

    written: list[WrittenDecision] = field(default_factory=list)

    def fail(self, path: str, reason: str) -> None:
        self.errors.append(FileProblem(path, reason))

    def wrote(self, status: str, candidates: list[Candidate]) -> None:
        room = REPORTED_DECISIONS - len(self.written)
        self.written += [
            WrittenDecision(status, c.parsed.reference, c.parsed.slug, c.source.path)
            for c in candidates[: max(room, 0)]
        ]

    def show_paths_relative_to(self, folder: str) -> None:
        """Name files from `folder` down, as the person who uploaded them knows them."""
        prefix = folder.rstrip("/") + "/"

        def shown(item):
            return replace(item, path=item.path.removeprefix(prefix))

        self.errors = [shown(problem) for problem in self.errors]
        self.warnings = [shown(problem) for problem in self.warnings]
        self.written = [shown(decision) for decision in self.written]

    def report(self, run_id: int | None) -> ImportReport:
        return ImportReport(
            imported=self.imported,
            updated=self.updated,
            unchanged=self.unchanged,
            failed=len(self.errors),
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
            dry_run=self.dry_run,
            run_id=run_id,
            written=tuple(self.written),
        )


def import_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    user=None,
    command: str = "",
    progress: Callable[[int], None] | None = None,
    relative_to: str | Path | None = None,
) -> ImportReport:
    """Import every decision file under `paths` and return what happened to each.

    With dry_run, files are read, parsed and compared with the database but nothing is written
    and no ImportRun is recorded. `progress` is called with the number of files handled so far
    after each batch. With relative_to, files are named in the report and the run's record
    from that folder down (the admin's uploads live in a temporary folder)."""
    paths = [str(path) for path in paths]
    state = ImportRunState(dry_run=dry_run)
    run = None
    if not dry_run:
        prefix = f"{relative_to}".rstrip("/") + "/" if relative_to else ""
        sources = [path.removeprefix(prefix) for path in paths]
        run = ImportRun.objects.create(user=user, command=command, sources=sources)
    done = 0
    # Each batch is parsed on a second thread while the one before it is written: parsing is
    # pure Python and writing mostly waits on the database, so the two overlap.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse") as parser:
        prepared = (prepare_batch(batch, state, parser) for batch in batches(iter_sources(paths)))
        for batch in one_ahead(prepared):
            done += write_batch(batch, state)
            if progress:
                progress(done)
    if relative_to:
        state.show_paths_relative_to(str(relative_to))
    if run:
        _record(run, state)
    if state.imported or state.updated:
        group_renamed_categories()  # categories new to the archive join their current names
        refresh_statistics()
    return state.report(run.pk if run else None)


def one_ahead(items: Iterator) -> Iterator:
    """Yield each item only once the next one has been taken (and so started)."""
    previous = sentinel = object()
    for item in items:
        if previous is not sentinel:
            yield previous
        previous = item
    if previous is not sentinel:
        yield previous


def batches(sources: Iterator[SourceFile | FileProblem]) -> Iterator[list]:
    """Group files into batches of BATCH_SIZE files or BATCH_BYTES bytes, whichever is first."""
    batch, size = [], 0
    for item in sources:
        batch.append(item)
        size += len(item.data) if isinstance(item, SourceFile) else 0
        if len(batch) >= BATCH_SIZE or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _record(run: ImportRun, state: ImportRunState) -> None:
    run.finished_at = timezone.now()
    run.imported, run.updated, run.unchanged = state.imported, state.updated, state.unchanged
    run.failed = len(state.errors)
    run.errors = [{"path": p.path, "reason": p.reason} for p in state.errors]
    run.warnings = [{"path": p.path, "reason": p.reason} for p in state.warnings]
    run.save()


@dataclass
class PreparedBatch:
    size: int
    candidates: list[Candidate]
    to_parse: list[Candidate]
    parsed: Future  # of parse_all's result, one per candidate in to_parse


def prepare_batch(batch: list, state: ImportRunState, parser: ThreadPoolExecutor) -> PreparedBatch:
    """Read and hash a batch; start parsing the files whose hash the database does not know."""
    candidates = [c for c in (_read(item, state) for item in batch) if c is not None]
    known_hashes = dict(
        Decision.objects.filter(content_hash__in={c.content_hash for c in candidates}).values_list(
            "content_hash", "reference"
        )
    )
    for candidate in candidates:
        candidate.reference = known_hashes.get(candidate.content_hash)
    to_parse = [c for c in candidates if c.reference is None]
    future = parser.submit(parse_all, [c.data for c in to_parse])
    return PreparedBatch(len(batch), candidates, to_parse, future)


def parse_all(files: list[bytes]) -> list[tuple[ParsedDecision, dict, Findings] | ParseError]:
    """Parse each file and work out its field values and findings (on the parsing thread)."""
    results = []
    for data in files:
        try:
            parsed = parse_decision(data)
        except ParseError as error:
            results.append(error)
        else:
            results.append((parsed, decision_values(parsed), findings_of_parsed(parsed)))
    return results


def content_fingerprint(values: dict, organisation: str, category, outcome) -> bytes:
    """A digest of everything a file sets on its decision, to tell two files of one
    reference apart by what they say rather than by their bytes."""
    content = [values, organisation, list(category or ()), outcome]
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def row_fingerprint(decision: Decision) -> bytes:
    """content_fingerprint of a stored decision (its related rows selected with it)."""
    category, path = decision.category, ()
    if category is not None:
        path = (category.parent.name, category.name) if category.parent_id else (category.name,)
    values = {name: getattr(decision, name) for name in DECISION_FIELDS_FROM_FILE}
    outcome = decision.outcome.label if decision.outcome else None
    return content_fingerprint(values, decision.organisation.name, path, outcome)


def _read(item: SourceFile | FileProblem, state: ImportRunState) -> Candidate | None:
    if isinstance(item, FileProblem):
        if item.reason == NOT_TEXT_IN_ZIP:
            state.warnings.append(item)
        else:
            state.errors.append(item)
        return None
    if len(item.data) > MAX_FILE_BYTES:
        state.fail(item.path, TOO_LARGE)
        return None
    return Candidate(item, hashlib.sha256(item.data).hexdigest(), item.data)


def write_batch(prepared: PreparedBatch, state: ImportRunState) -> int:
    """Write one prepared batch in one transaction; return how many files it held."""
    for candidate, result in zip(prepared.to_parse, prepared.parsed.result(), strict=True):
        candidate.data = b""
        if isinstance(result, ParseError):
            state.fail(candidate.source.path, str(result))
            continue
        candidate.parsed, candidate.values, candidate.findings = result
        candidate.reference = candidate.parsed.reference
        state.warnings.extend(
            FileProblem(candidate.source.path, w) for w in candidate.parsed.warnings
        )
    candidates = [c for c in prepared.candidates if c.reference]
    stored = StoredDecisions(
        {c.reference for c in candidates},
        changed={c.reference for c in candidates if c.parsed is not None},
    )
    # What the first file of each reference said: for this batch in a real run (the database
    # holds the earlier ones), for the whole run in a dry run, which writes nothing.
    first_seen: dict = state.dry_run_firsts if state.dry_run else {}
    new = []
    with transaction.atomic():
        for candidate in candidates:
            if _settled_without_writing(candidate, stored, first_seen, state):
                continue
            if candidate.reference in stored:
                _save_one(candidate, stored.row(candidate.reference), state)
            else:
                new.append(candidate)
        _insert_new(new, state)
    if state.dry_run:  # keep 32 bytes a reference, not the parsed files
        for reference, first in first_seen.items():
            if isinstance(first, Candidate):
                first_seen[reference] = first.fingerprint
    else:
        for reference in first_seen:
            state.seen.add(reference)
    return prepared.size


class StoredDecisions:
    """The decisions of a batch already in the database: their hashes at once, whole rows
    (with related rows) only for those that may change, so a re-import reads little."""

    def __init__(self, references: set[str], changed: set[str]):
        self.hashes = dict(
            Decision.objects.filter(reference__in=references).values_list(
                "reference", "content_hash"
            )
        )
        self.rows = Decision.objects.with_related().in_bulk(
            [r for r in changed if r in self.hashes], field_name="reference"
        )

    def __contains__(self, reference: str) -> bool:
        return reference in self.hashes

    def row(self, reference: str) -> Decision:
        if reference not in self.rows:
            self.rows[reference] = Decision.objects.with_related().get(reference=reference)
        return self.rows[reference]


def _settled_without_writing(
    candidate: Candidate, stored: StoredDecisions, first_seen: dict, state: ImportRunState
) -> bool:
    """Count a file that needs no write: unchanged, or a second file of one reference in this
    run (saying the same is unchanged; saying something else is refused)."""
    reference = candidate.reference
    if reference in first_seen or (reference in state.seen and reference in stored):
        first = first_seen.get(reference)  # None: the first said what the database holds
        if isinstance(first, Candidate):
            first = first.fingerprint
        same = (first or row_fingerprint(stored.row(reference))) == (
            candidate.fingerprint or row_fingerprint(stored.row(reference))
        )
        if same:
            state.unchanged += 1
        else:
            state.fail(candidate.source.path, DUPLICATE_IN_RUN.format(reference=reference))
        return True
    first_seen[reference] = candidate if candidate.parsed is not None else None
    if candidate.parsed is None or stored.hashes.get(reference) == candidate.content_hash:
        state.unchanged += 1
        return True
    return False


def _new_decision(candidate: Candidate, state: ImportRunState) -> Decision:
    parsed = candidate.parsed
    return Decision(
        reference=parsed.reference,
        slug=parsed.slug,
        source_name=candidate.source.name[:MAX_SOURCE_NAME],
        content_hash=candidate.content_hash,
        **candidate.values,
        **finding_values(candidate.findings),
        **state.related.ids(parsed, create=True),
    )


def _insert_new(new: list[Candidate], state: ImportRunState) -> None:
    """Insert new decisions in one statement; if the database refuses it, one by one, so
    that only the decisions it refuses are lost (with their new related rows)."""
    if state.dry_run or not new:
        state.imported += len(new)
        state.wrote("imported", new)
        return
    try:
        with transaction.atomic():
            decisions = Decision.objects.bulk_create([_new_decision(c, state) for c in new])
            findings = [c.findings for c in new]
            write_finding_rows(zip(decisions, findings, strict=True), state.related, replace=False)
    except DatabaseError as error:
        _refused(error, state)
        for candidate in new:
            _insert_one(candidate, state)
        return
    state.related.commit()
    state.imported += len(new)
    state.wrote("imported", new)


def cannot_write(error: DatabaseError) -> bool:
    """True when no other file would fare better: the database is read-only, full or gone, or
    it has abandoned the batch's transaction (SQLite may, when its disk fills). The run stops
    with the error, and the batch is rolled back whole; the files refused one by one are
    those the database refuses for what they hold."""
    return database_problem(error) is not None or transaction.get_connection().needs_rollback


def _refused(error: DatabaseError, state: ImportRunState, candidate=None) -> None:
    """After the database refused a write: stop the run if it cannot write at all, else
    forget the related rows made for the refused write and fail its file (if it was one)."""
    if cannot_write(error):
        raise error
    state.related.rollback()
    if candidate is not None:
        state.fail(candidate.source.path, f"could not be saved: {error}")


def _insert_one(candidate: Candidate, state: ImportRunState) -> None:
    try:
        with transaction.atomic():
            decision = _new_decision(candidate, state)
            decision.save(force_insert=True)
            write_finding_rows([(decision, candidate.findings)], state.related, replace=False)
    except DatabaseError as error:
        _refused(error, state, candidate)
        return
    state.related.commit()
    state.imported += 1
    state.wrote("imported", [candidate])


def _save_one(candidate: Candidate, existing: Decision, state: ImportRunState) -> None:
    """Update an existing decision from a changed file (in a dry run, only compare)."""
    values = dict(candidate.values)
    try:
        with transaction.atomic():
            values.update(state.related.ids(candidate.parsed, create=not state.dry_run))
            values.update(finding_values(candidate.findings))
            changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
            if not state.dry_run:
                source = {
                    "source_name": candidate.source.name[:MAX_SOURCE_NAME],
                    "content_hash": candidate.content_hash,
                }
                for name, value in {**changed, **source}.items():
                    setattr(existing, name, value)
                # The same decision saved differently (line ends, encoding) only refreshes its
                # hash, leaving updated_at alone.
                fields = [*changed, *source, "updated_at"] if changed else [*source]
                existing.save(update_fields=fields)
                write_finding_rows([(existing, candidate.findings)], state.related, replace=True)
    except DatabaseError as error:
        _refused(error, state, candidate)
        return
    state.related.commit()
    if changed:
        state.updated += 1
        state.wrote("updated", [candidate])
    else:
        state.unchanged += 1

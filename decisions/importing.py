"""The one import service: files, folders or zips of decision files into the database.

Both the `import_decisions` command and the admin call `import_paths`. A decision is keyed by
its reference: an unchanged file changes nothing, a changed one updates the decision. The new
decisions of a batch are inserted together in one savepoint and, if the database refuses that,
each in a savepoint of its own, so a failure never leaves half a decision (or an organisation
or category created only for it) behind. Files are read and written in batches, so a run never
holds more than one batch of files in memory.

Every run, dry runs too, is an ImportRun with an ImportedFile for each file saying what became
of it; both are written in each batch's transaction, so a run cut short shows what it did
(`import_record` keeps that record and makes the ImportReport returned). A withdrawn decision's
file is left withdrawn, a redacted decision's new text is redacted again before it is compared
or stored, and each update leaves a ChangeRecord.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from decisions.body import body_layout
from decisions.categories import group_renamed_categories
from decisions.corrections import CORRECTABLE_LABELS, redacted_values, standing_corrections
from decisions.database_errors import database_problem
from decisions.extraction import NO_FINDINGS, Findings, FindingsNotRead
from decisions.findings import (
    finding_values,
    findings_deadline,
    findings_of_parsed,
    findings_of_values,
    write_finding_rows,
)
from decisions.import_record import (
    CORRECTION_KEPT,
    FINDINGS_NOT_READ,
    REDACTION_NOT_FOUND,
    STORED_VALUE_KEPT,
    ImportRecord,
    ImportReport,
    save_batch_record,
    save_cut_short_run,
    save_finished_run,
)

# Re-exported: the admin limits its import page with it, beside import_paths.
from decisions.import_record import REPORTED_DECISIONS as REPORTED_DECISIONS
from decisions.inserts import insert_rows
from decisions.models import (
    MAX_SOURCE_NAME,
    Decision,
    ImportedFile,
    ImportRun,
    Redaction,
    Withdrawal,
)
from decisions.parsing import MAX_FILE_BYTES, ParsedDecision, ParseError, parse_decision
from decisions.related import RelatedRows, name_key
from decisions.search import refresh_statistics
from decisions.search.ranking import index_for_ranking
from decisions.sources import TOO_LARGE, FileProblem, SourceFile, iter_sources, shown

BATCH_SIZE = 500
# Parsing and reading the findings is pure Python and most of an import's work. The command
# has PARSERS processes do it for the next batch (split between them), on the other core,
# while it writes the batch before; forked, so that they start in milliseconds with everything
# already imported, and they never touch the database. A web request (the admin's upload)
# parses on a thread instead: forking a server's process would copy its threads mid-request,
# and the copies could outlive a worker that the server kills.
PARSING_PROCESS = multiprocessing.get_context("fork")
PARSERS = 2
PARENT_CHECK_SECONDS = 0.5
BATCH_BYTES = 32_000_000  # a batch of unusually long files is cut short to bound memory
FICTIONAL_FIELD = "Fictional"

DUPLICATE_IN_RUN = (
    "reference {reference} was already read from another file in this run "
    "with different content: this file was not imported"
)

# A decision another import, running at the same time, stored first with other text.
STORED_MEANWHILE = (
    "reference {reference} was stored by another import running at the same time, from a file "
    "that says something else: this file was not imported (import it again to update it)"
)

# A redacted passage that a decision's new file no longer holds (named by the redaction's
# date: the passage itself is private).
REDACTION_GONE = (
    "{reference}: the passage redacted on {date:%Y-%m-%d} is not in this file's text, so there "
    "was nothing to redact: check whether the new text needs a redaction of its own"
)

# A file whose findings took longer than FINDINGS_BUDGET_SECONDS to read: stored without them.
NOT_READ = (
    "findings not read within {seconds:g} s: imported without remedies, reasons or citations; "
    "extract_decisions reads them later"
)

Status = ImportedFile.Status


# --- reading and comparing ------------------------------------------------------------------


@dataclass
class Candidate:
    """A file read and parsed, on its way to the database."""

    source: SourceFile
    content_hash: str
    data: bytes = b""  # dropped once parsed
    # None when the hash showed the file is unchanged; without its sections (see parse_all)
    parsed: ParsedDecision | None = None
    values: dict = field(default_factory=dict)  # decision_values(parsed)
    findings: Findings | None = None  # what extraction read from the parsed text
    reference: str | None = None
    # content_fingerprint of what was parsed (worked out by the parser); None for a file
    # known by its hash.
    fingerprint: bytes | None = None


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
class ImportRunState(ImportRecord):
    """A run's record, and what it remembers from batch to batch to compare files."""

    seen: ReferenceMemory = field(default_factory=ReferenceMemory)
    # Dry runs write nothing, so they remember what each reference's first file said instead.
    dry_run_firsts: dict = field(default_factory=dict)
    related: RelatedRows = field(default_factory=RelatedRows)


def exit_with_parent(parent: int) -> None:
    """In a parsing process: exit once the import that forked it has gone. A killed import
    cannot tell its processes to stop, and they would otherwise wait for work for ever (each
    holds its own copy of the pipe they wait on, so it never reports the other end closed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def import_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    user=None,
    command: str = "",
    progress: Callable[[int], None] | None = None,
    relative_to: str | Path | None = None,
    parsers: int = 0,
) -> ImportReport:
    """Import every decision file under `paths` and return what happened to each.

    Every run is recorded as an ImportRun, with an ImportedFile per file; its counts and files
    are saved with each batch, and finished_at once the run is done. With dry_run, files are
    read, parsed and compared with the database, and no decision is written: the run is
    recorded as a dry run, with what would have become of each file. `progress` is called
    with the number of files handled so far after each batch. With relative_to, files are
    named in the report and the run's record from that folder down (the admin's uploads live
    in a temporary folder). With `parsers`, that many processes parse the files beside the
    writing (see PARSERS); without, a thread does."""
    paths = [str(path) for path in paths]
    prefix = f"{relative_to}".rstrip("/") + "/" if relative_to else ""
    run = ImportRun.objects.create(
        user=user,
        command=_kept_command(command),
        sources=[shown(path).removeprefix(prefix) for path in paths],
        dry_run=dry_run,
    )
    state = ImportRunState(run)
    done = 0
    try:
        # Each batch is parsed while the one before it is written.
        with heap_left_alone(), parsing_pool(parsers) as parser:
            found = named_from(iter_sources(paths), prefix)
            prepared = (prepare_batch(batch, parser, parsers) for batch in batches(found))
            for batch in one_ahead(prepared):
                done += write_batch(batch, state)
                if progress:
                    progress(done)
    except BaseException:
        save_cut_short_run(state)
        raise
    save_finished_run(state)
    if not dry_run and (state.counts[Status.IMPORTED] or state.counts[Status.UPDATED]):
        group_renamed_categories()  # categories new to the archive join their current names
        refresh_statistics()
        index_for_ranking()
    return state.report()


def parsing_pool(parsers: int) -> Executor:
    """`parsers` forked processes to parse in, or without, a thread (see PARSERS)."""
    if not parsers:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
    return ProcessPoolExecutor(
        max_workers=parsers,
        mp_context=PARSING_PROCESS,
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


@contextmanager
def heap_left_alone() -> Iterator[None]:
    """For a run's length, keep the objects made before it (Django's, the modules') out of
    the garbage collector's full passes. A run makes no garbage cycles, yet the objects it
    keeps for a batch set off a full pass every few batches, each going over the whole heap:
    a fifth of the importing process's CPU. The parsing processes, forked inside, inherit
    the frozen heap (Python's documentation of gc.freeze advises it before a fork). Not in a
    process that froze its heap already (a server's, archive_site/wsgi.py, where the admin
    imports an upload): unfreezing would thaw that too, and its other threads' objects are
    no part of the run."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _kept_command(command: str) -> str:
    """A command as the run's column holds it: a shell's *.txt may name thousands of files
    (all kept in the run's sources), and PostgreSQL refuses a longer value outright."""
    limit = ImportRun._meta.get_field("command").max_length
    return command if len(command) <= limit else command[: limit - 1] + "…"


def named_from(items: Iterator, prefix: str) -> Iterator:
    """Name each file from `prefix` down, as the person who uploaded it knows it."""
    for item in items:
        yield replace(item, path=item.path.removeprefix(prefix)) if prefix else item


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


@dataclass
class PreparedBatch:
    size: int
    candidates: list[Candidate]
    to_parse: list[Candidate]
    parsed: list[Future]  # of parse_all's results, together one per candidate in to_parse
    problems: list[FileProblem]  # files that could not be read, and warnings about them


def prepare_batch(batch: list, parser: Executor, parsers: int) -> PreparedBatch:
    """Read and hash a batch; start parsing the files whose hash the database does not know."""
    problems = [item for item in batch if isinstance(item, FileProblem)]
    problems += [
        FileProblem(item.path, TOO_LARGE)
        for item in batch
        if isinstance(item, SourceFile) and len(item.data) > MAX_FILE_BYTES
    ]
    candidates = [
        Candidate(item, hashlib.sha256(item.data).hexdigest(), item.data)
        for item in batch
        if isinstance(item, SourceFile) and len(item.data) <= MAX_FILE_BYTES
    ]
    known_hashes = dict(
        Decision.objects.filter(content_hash__in={c.content_hash for c in candidates}).values_list(
            "content_hash", "reference"
        )
    )
    for candidate in candidates:
        candidate.reference = known_hashes.get(candidate.content_hash)
    to_parse = [c for c in candidates if c.reference is None]
    files = [c.data for c in to_parse]
    share = -(-len(files) // max(parsers, 1))  # rounded up
    futures = [
        parser.submit(parse_all, files[start : start + share], settings.FINDINGS_BUDGET_SECONDS)
        for start in range(0, len(files), share or 1)
    ]
    return PreparedBatch(len(batch), candidates, to_parse, futures, problems)


def parse_all(
    files: list[bytes], budget: float | None = None
) -> list[tuple[ParsedDecision, dict, Findings | None] | ParseError]:
    """Parse each file and work out its field values and findings (in a parsing process, or
    on the parsing thread); findings not read within `budget` seconds of starting (None: no
    limit) are None."""
    results = []
    for data in files:
        try:
            parsed = parse_decision(data)
        except ParseError as error:
            results.append(error)
            continue
        deadline = None if budget is None else findings_deadline(budget)
        try:
            findings = findings_of_parsed(parsed, deadline=deadline)
        except FindingsNotRead:
            findings = None
        values = decision_values(parsed)
        fingerprint = parsed_fingerprint(values, parsed)
        # Without its sections: the values hold the body and its layout, and unpickling the
        # sections' paragraphs in the importing process cost it more than writing them.
        results.append((replace(parsed, sections=()), values, findings, fingerprint))
    return results


def content_fingerprint(values: dict, organisation: str, category, outcome) -> bytes:
    """A digest of everything a file sets on its decision, to tell two files of one
    reference apart by what they say rather than by their bytes. The names of the rows it
    links to are compared as those rows are found (related.name_key): the decision's own
    values keep each spelling."""
    named = [name_key(organisation), [name_key(part) for part in category or ()]]
    content = [values, *named, outcome and name_key(outcome)]
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def parsed_fingerprint(values: dict, parsed: ParsedDecision) -> bytes:
    """content_fingerprint of a file's values as parsed (or as redacted)."""
    return content_fingerprint(values, parsed.organisations[0], parsed.category, parsed.outcome)


def row_fingerprint(decision: Decision) -> bytes:
    """content_fingerprint of a stored decision (its related rows selected with it)."""
    category, path = decision.category, ()
    if category is not None:
        path = (category.parent.name, category.name) if category.parent_id else (category.name,)
    values = {name: getattr(decision, name) for name in DECISION_FIELDS_FROM_FILE}
    outcome = decision.outcome.label if decision.outcome else None
    return content_fingerprint(values, decision.organisation.name, path, outcome)


def write_batch(prepared: PreparedBatch, state: ImportRunState) -> int:
    """Write one prepared batch in one transaction, with the run's record of it; return how
    many files it held."""
    _take_parsed(prepared, state)
    # What the first file of each reference said: for this batch in a real run (the database
    # holds the earlier ones), for the whole run in a dry run, which writes nothing.
    first_seen: dict = state.dry_run_firsts if state.dry_run else {}
    new = []
    # What is stored, withdrawn and redacted is read inside the batch's transaction, so that
    # an editor withdrawing or redacting a decision meanwhile is not undone by the batch
    # (SQLite's transactions take the write lock first: IMMEDIATE). The decisions are read
    # before the withdrawals: one withdrawn between the two reads is then left withdrawn.
    with transaction.atomic():
        files = [c for c in prepared.candidates if c.reference]
        stored = StoredDecisions(
            {c.reference for c in files},
            changed={c.reference for c in files if c.parsed is not None},
        )
        candidates = _leave_withdrawn(files, state)
        _redact_again([c for c in candidates if c.parsed is not None], state)
        # References given by more than one file of the batch: a later file is compared with
        # what the decision said before the first one changed it.
        counted = Counter(c.reference for c in candidates)
        repeated = {reference for reference, files in counted.items() if files > 1}
        for candidate in candidates:
            if _settled_without_writing(candidate, stored, first_seen, state):
                continue
            if candidate.reference in stored:
                if candidate.reference in repeated:
                    stored.fingerprint(candidate.reference)  # before this file's write
                _save_one(candidate, stored.row(candidate.reference), state)
            else:
                new.append(candidate)
        _insert_new(new, state)
        save_batch_record(state)
    state.saved_errors = len(state.errors)
    if state.dry_run:  # keep 32 bytes a reference, not the parsed files
        for reference, first in first_seen.items():
            if isinstance(first, Candidate):
                first_seen[reference] = first.fingerprint
    else:
        for reference in first_seen:
            state.seen.add(reference)
    return prepared.size


def _take_parsed(prepared: PreparedBatch, state: ImportRunState) -> None:
    """Note the batch's unreadable files and warnings, and take in what the parser read."""
    for problem in prepared.problems:
        if problem.kind:
            state.warn(problem)
        else:
            state.fail(problem.path, problem.reason)
    results = [result for future in prepared.parsed for result in future.result()]
    for candidate, result in zip(prepared.to_parse, results, strict=True):
        candidate.data = b""
        if isinstance(result, ParseError):
            state.fail(candidate.source.path, str(result))
            continue
        candidate.parsed, candidate.values, candidate.findings, candidate.fingerprint = result
        candidate.reference = candidate.parsed.reference
        for warning in candidate.parsed.warnings:
            state.warn(FileProblem(candidate.source.path, warning.text, warning.kind))
        if candidate.findings is None:
            _without_findings(candidate, state)


def _without_findings(candidate: Candidate, state: ImportRunState) -> None:
    """Store the candidate with no findings, and warn that they were not read in time."""
    candidate.findings = NO_FINDINGS
    seconds = settings.FINDINGS_BUDGET_SECONDS
    state.warn(
        FileProblem(candidate.source.path, NOT_READ.format(seconds=seconds), FINDINGS_NOT_READ)
    )


def _leave_withdrawn(candidates: list[Candidate], state: ImportRunState) -> list[Candidate]:
    """Count the files of withdrawn decisions as left withdrawn; return the others. (A file
    known by its hash is a stored decision's, so only the files parsed can be withdrawn.)"""
    parsed = {c.reference for c in candidates if c.parsed is not None}
    withdrawn = set(
        Withdrawal.objects.filter(reference__in=parsed).values_list("reference", flat=True)
        if parsed
        else ()
    )
    if not withdrawn:
        return candidates
    state.settle(Status.WITHDRAWN, [c for c in candidates if c.reference in withdrawn])
    return [c for c in candidates if c.reference not in withdrawn]


def _redact_again(candidates: list[Candidate], state: ImportRunState) -> None:
    """Apply the redactions of the decisions of these files to their values, before they are
    compared or stored, and re-read their findings from the redacted text; warn of a
    redacted passage that a file no longer holds."""
    references = {c.reference for c in candidates}
    redactions: dict[str, list[Redaction]] = {}
    for redaction in Redaction.objects.filter(reference__in=references) if references else ():
        redactions.setdefault(redaction.reference, []).append(redaction)
    for candidate in (c for c in candidates if c.reference in redactions):
        passages = [r.passage for r in redactions[candidate.reference]]
        values, missing = redacted_values(candidate.values, passages)
        if values != candidate.values:
            candidate.values = values
            candidate.fingerprint = parsed_fingerprint(values, candidate.parsed)
            if candidate.findings is not NO_FINDINGS:  # not read once already: not again
                try:
                    candidate.findings = findings_of_values(
                        values, candidate.parsed.outcome, deadline=findings_deadline()
                    )
                except FindingsNotRead:
                    _without_findings(candidate, state)
        for redaction in redactions[candidate.reference]:
            if redaction.passage in missing:
                date = timezone.localtime(redaction.redacted_at)
                reason = REDACTION_GONE.format(reference=candidate.reference, date=date)
                state.warn(FileProblem(candidate.source.path, reason, REDACTION_NOT_FOUND))


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
        self.fingerprints: dict[str, bytes] = {}

    def __contains__(self, reference: str) -> bool:
        return reference in self.hashes

    def row(self, reference: str) -> Decision:
        if reference not in self.rows:
            self.rows[reference] = Decision.objects.with_related().get(reference=reference)
        return self.rows[reference]

    def fingerprint(self, reference: str) -> bytes:
        """row_fingerprint of the decision as it was when first asked for: kept, since
        updating the decision changes its row in place."""
        if reference not in self.fingerprints:
            self.fingerprints[reference] = row_fingerprint(self.row(reference))
        return self.fingerprints[reference]


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
        # A file known by its hash says what the database held when the batch began, even
        # if an earlier file of this batch has changed the decision since.
        same = (first or stored.fingerprint(reference)) == (
            candidate.fingerprint or stored.fingerprint(reference)
        )
        if same:
            state.settle(Status.UNCHANGED, [candidate])
        else:
            duplicate = DUPLICATE_IN_RUN.format(reference=reference)
            state.fail(candidate.source.path, duplicate, reference)
        return True
    first_seen[reference] = candidate if candidate.parsed is not None else None
    if candidate.parsed is None or stored.hashes.get(reference) == candidate.content_hash:
        state.settle(Status.UNCHANGED, [candidate])
        return True
    return False


def _new_decision(candidate: Candidate, state: ImportRunState) -> dict:
    """The new decision's column values."""
    parsed = candidate.parsed
    return {
        "reference": parsed.reference,
        "slug": parsed.slug,
        "source_name": candidate.source.name[:MAX_SOURCE_NAME],
        "content_hash": candidate.content_hash,
        "file_fingerprint": candidate.fingerprint.hex(),
        **candidate.values,
        **finding_values(candidate.findings),
        **state.related.ids(parsed, create=True),
    }


def _insert_new(new: list[Candidate], state: ImportRunState) -> None:
    """Insert new decisions in one statement; if the database refuses it, one by one, so
    that only the decisions it refuses are lost (with their new related rows)."""
    if state.dry_run or not new:
        state.settle(Status.IMPORTED, new)
        return
    try:
        with transaction.atomic():
            rows = [_new_decision(c, state) for c in new]
            ids = insert_rows(Decision, rows, returning_ids=True)
            findings = [c.findings for c in new]
            write_finding_rows(zip(ids, findings, strict=True), state.related, replace=False)
    except DatabaseError as error:
        _refused(error, state)
        for candidate in new:
            _insert_one(candidate, state)
        return
    state.related.commit()
    state.settle(Status.IMPORTED, new)


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
        reason = f"could not be saved: {error}"
        state.fail(candidate.source.path, reason, candidate.reference)


def _insert_one(candidate: Candidate, state: ImportRunState) -> None:
    try:
        with transaction.atomic():
            decision = Decision(**_new_decision(candidate, state))
            decision.save(force_insert=True)
            write_finding_rows([(decision.pk, candidate.findings)], state.related, replace=False)
    except IntegrityError as error:
        if not _stored_meanwhile(candidate, state):
            _refused(error, state, candidate)
        return
    except DatabaseError as error:
        _refused(error, state, candidate)
        return
    state.related.commit()
    state.settle(Status.IMPORTED, [candidate])


def _stored_meanwhile(candidate: Candidate, state: ImportRunState) -> bool:
    """Whether another import, running at the same time (two terminals, an upload sent
    twice), stored the decision after this batch looked: a file saying the same is unchanged,
    not refused with the database's words; one saying something else is refused, saying why."""
    stored = Decision.objects.filter(reference=candidate.reference).values_list(
        "content_hash", "file_fingerprint"
    )
    if not stored:
        return False
    state.related.rollback()
    content_hash, fingerprint = stored[0]
    if candidate.content_hash == content_hash or candidate.fingerprint.hex() == fingerprint:
        state.settle(Status.UNCHANGED, [candidate])
    else:
        reason = STORED_MEANWHILE.format(reference=candidate.reference)
        state.fail(candidate.source.path, reason, candidate.reference)
    return True


# The columns of each field a file sets from its header and an editor corrects.
CORRECTED_COLUMNS = {
    "organisation": ("organisation_id", "organisation_names"),
    "category": ("category_id",),
    "outcome": ("outcome_id",),
    "decision_date": ("decision_date", "decision_year"),
}
# A header line a stored decision's new file lacks: (line, what it is called, its field).
HEADER_VALUES = (
    ("Category", "category", "category"),
    ("Decision", "outcome", "outcome"),
    ("Decision date", "date", "decision_date"),
)
STORED_VALUE_KEPT_TEXT = "no {line} line: the {what} already stored is kept"
CORRECTION_KEPT_TEXT = (
    "{field}: an editor's correction kept (the file says what it said when it was corrected)"
)


def _keep_stored(values: dict, existing: Decision, name: str) -> None:
    """Set the columns of field `name` in `values` back to what the stored decision has."""
    values.update({c: getattr(existing, c) for c in CORRECTED_COLUMNS[name]})


def _keep_what_the_file_lacks(values: dict, existing: Decision) -> list[tuple[str, str]]:
    """Keep the stored category, outcome and date where the new file has no line for it (a
    copy saved from the web without its header, say): no file erases them. Returns the
    (line, what) kept."""
    kept = []
    for line, what, name in HEADER_VALUES:
        column = CORRECTED_COLUMNS[name][0]
        if values[column] is None and getattr(existing, column) is not None:
            _keep_stored(values, existing, name)
            kept.append((line, what))
    return kept


def _keep_corrections(values: dict, existing: Decision) -> list[str]:
    """Keep each field an editor corrected where the changed file still says what the field
    said when it was corrected (corrections.standing_corrections); returns those fields."""
    differ = [n for n, columns in CORRECTED_COLUMNS.items()
              if values[columns[0]] != getattr(existing, columns[0])]  # fmt: skip
    if not differ:
        return []
    new = Decision(**{c: values[c] for columns in CORRECTED_COLUMNS.values() for c in columns})
    standing = [name for name in standing_corrections(existing, new) if name in differ]
    for name in standing:
        _keep_stored(values, existing, name)
    return standing


def _read_with_the_kept_outcome(candidate: Candidate, values: dict, existing: Decision) -> None:
    """Read the findings again with the outcome the decision keeps (an editor's correction,
    or the stored one where the file has none): what they are depends on it. Where they are
    not read in time, the file's stand."""
    if candidate.findings is NO_FINDINGS:
        return
    outcome = existing.outcome.label if existing.outcome_id else None
    try:
        candidate.findings = findings_of_values(values, outcome, deadline=findings_deadline())
    except FindingsNotRead:
        return
    values.update(finding_values(candidate.findings))


def _write_update(candidate: Candidate, existing: Decision, changed: dict, state) -> None:
    """Store a changed file's values (`changed`) and its source on the existing decision."""
    source = {
        "source_name": candidate.source.name[:MAX_SOURCE_NAME],
        "content_hash": candidate.content_hash,
        "file_fingerprint": candidate.fingerprint.hex(),
    }
    for name, value in {**changed, **source}.items():
        setattr(existing, name, value)
    # The same decision saved differently (line ends, encoding) only refreshes its hash,
    # leaving updated_at alone.
    fields = [*changed, *source, "updated_at"] if changed else [*source]
    existing.save(update_fields=fields)
    write_finding_rows([(existing.pk, candidate.findings)], state.related, replace=True)


def _withdrawn_meanwhile(candidate: Candidate, state: ImportRunState) -> bool:
    """Whether an editor withdrew the decision after the batch read it (on PostgreSQL, whose
    transactions do not lock first; the save then found no row to update): left withdrawn."""
    if not Withdrawal.objects.filter(reference=candidate.reference).exists():
        return False
    state.related.rollback()
    state.settle(Status.WITHDRAWN, [candidate])
    return True


def _save_one(candidate: Candidate, existing: Decision, state: ImportRunState) -> None:
    """Update an existing decision from a changed file (in a dry run, only compare)."""
    values = dict(candidate.values)
    fingerprint = candidate.fingerprint.hex()
    kept, corrections = [], []
    try:
        with transaction.atomic():
            values.update(state.related.ids(candidate.parsed, create=not state.dry_run))
            values.update(finding_values(candidate.findings))
            if existing.file_fingerprint == fingerprint:
                # What the last file said, in other bytes (line ends, encoding): the decision
                # stands as it is, an editor's corrections included.
                changed = {}
            else:
                file_outcome = values["outcome_id"]
                kept = _keep_what_the_file_lacks(values, existing)
                corrections = _keep_corrections(values, existing)
                if values["outcome_id"] != file_outcome:
                    _read_with_the_kept_outcome(candidate, values, existing)
                changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
            if not state.dry_run:
                _write_update(candidate, existing, changed, state)
    except DatabaseError as error:
        if not _withdrawn_meanwhile(candidate, state):
            _refused(error, state, candidate)
        return
    state.related.commit()
    for line, what in kept:
        reason = STORED_VALUE_KEPT_TEXT.format(line=line, what=what)
        state.warn(FileProblem(candidate.source.path, reason, STORED_VALUE_KEPT))
    for name in corrections:
        reason = CORRECTION_KEPT_TEXT.format(field=CORRECTABLE_LABELS[name])
        state.warn(FileProblem(candidate.source.path, reason, CORRECTION_KEPT))
    if changed:
        state.settle(Status.UPDATED, [candidate])
        if not state.dry_run:
            state.note_update(existing, changed, candidate.source.path)
    else:
        state.settle(Status.UNCHANGED, [candidate])

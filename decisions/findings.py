"""Findings (decisions/extraction/) stored beside their decisions: the columns the facets
count, a row per remedy and a link per cited provision. The importer calls these for the
decisions it writes; `refresh_findings` re-runs extraction over the stored archive.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from decisions.body import sections_from_body
from decisions.extraction import (
    Citation,
    Findings,
    FindingsNotRead,
    extract_findings,
    rules_fingerprint,
)
from decisions.extraction import Remedy as FoundRemedy
from decisions.extraction.remedies import PAYMENT
from decisions.inserts import insert_rows
from decisions.models import (
    CHANGED_REFERENCES_KEPT,
    REMEDY_BITS,
    Decision,
    ExtractionRun,
    Remedy,
)
from decisions.parsing import ParsedDecision
from decisions.related import RelatedRows

REFRESH_BATCH_SIZE = 500


def findings_deadline(budget: float | None = None) -> float:
    """The time.monotonic() by which one decision's findings must be read: `budget` seconds
    from now, by default the FINDINGS_BUDGET_SECONDS setting."""
    return time.monotonic() + (settings.FINDINGS_BUDGET_SECONDS if budget is None else budget)


def findings_of_parsed(parsed: ParsedDecision, *, deadline: float | None = None) -> Findings:
    """Findings of a parsed file; FindingsNotRead if `deadline` passes first."""
    sections = [(s.heading, "\n".join(p.text for p in s.paragraphs)) for s in parsed.sections]
    return extract_findings(
        outcome=parsed.outcome,
        summary=parsed.summary,
        sections=sections,
        extra=parsed.extra,
        deadline=deadline,
    )


def findings_of_values(
    values: dict, outcome: str | None, *, deadline: float | None = None
) -> Findings:
    """The same as findings_of_parsed from a decision's field values (summary, body, layout,
    extra), stored or about to be (redacted ones, say)."""
    sections = [
        (s["heading"], "\n".join(p["text"] for p in s["paragraphs"]))
        for s in sections_from_body(values["body"], values["layout"])
    ]
    return extract_findings(
        outcome=outcome,
        summary=values["summary"],
        sections=sections,
        extra=values["extra"],
        deadline=deadline,
    )


def findings_of_decision(decision: Decision, *, deadline: float | None = None) -> Findings:
    """The same as findings_of_parsed for the file the decision came from."""
    values = {name: getattr(decision, name) for name in ("summary", "body", "layout", "extra")}
    outcome = decision.outcome.label if decision.outcome_id else None
    return findings_of_values(values, outcome, deadline=deadline)


def finding_values(findings: Findings) -> dict:
    """The Decision columns that hold findings."""
    amounts = [r.amount for r in findings.remedies if r.kind == PAYMENT and r.amount is not None]
    return {
        "reason_not_investigated": findings.reason_not_investigated,
        "already_remedied": findings.already_remedied,
        "remedy_kinds": sum({REMEDY_BITS[r.kind] for r in findings.remedies}),
        "payment_total": _storable_total(amounts),
    }


def _storable_total(amounts: list[Decimal]) -> Decimal | None:
    """The payments' sum, or None where there are none, or where (a hundred payments of
    millions) it is more than the column holds: a value too long for it would be stored by
    SQLite all the same and then fail every read of the decision."""
    total = sum(amounts, Decimal(0))
    field = Decision._meta.get_field("payment_total")
    fits = total < Decimal(10) ** (field.max_digits - field.decimal_places)
    return total if amounts and fits else None


def write_finding_rows(
    written: Iterable[tuple[int, Findings]], related: RelatedRows, *, replace: bool
) -> None:
    """Store each decision's remedies and citations, given (decision id, findings) pairs
    (replacing what it had, with `replace`). Called inside the transaction that writes the
    decisions, so neither is left without the other."""
    written = list(written)
    through = Decision.citations.through
    if replace:
        ids = [decision_id for decision_id, _ in written]
        Remedy.objects.filter(decision_id__in=ids).delete()
        through.objects.filter(decision_id__in=ids).delete()
    remedies = [
        {
            "decision_id": decision_id,
            "position": position,
            "kind": remedy.kind,
            "amount": remedy.amount,
            "purpose": remedy.purpose,
        }
        for decision_id, findings in written
        for position, remedy in enumerate(findings.remedies)
    ]
    insert_rows(Remedy, remedies)
    links = [
        {"decision_id": decision_id, "provision_id": provision}
        for decision_id, findings in written
        for provision in dict.fromkeys(related.provision_ids(findings.citations))
    ]
    insert_rows(through, links)


def refresh_findings(
    *,
    batch_size: int = REFRESH_BATCH_SIZE,
    progress: Callable[[int, int, int], None] | None = None,
    command: str = "",
) -> ExtractionRun:
    """Re-run extraction over every stored decision, a batch per transaction, writing only
    the decisions whose findings changed. A decision whose findings are not read within
    FINDINGS_BUDGET_SECONDS keeps what it has, for a later run. The run's record (read,
    changed, left unread, which changed) is saved after every batch and returned; `progress`
    is called after each batch with (read, changed, total)."""
    total = Decision.objects.count()
    run = ExtractionRun.objects.create(command=command, rules=rules_fingerprint())
    read = changed = not_read = 0
    related = RelatedRows()
    last_id = 0
    while True:
        batch = list(
            Decision.objects.filter(pk__gt=last_id)
            .select_related("outcome")
            .prefetch_related("remedies", "citations__legislation")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            break
        last_id = batch[-1].pk
        different = []
        for decision in batch:
            try:
                findings = findings_of_decision(decision, deadline=findings_deadline())
            except FindingsNotRead:
                not_read += 1
                continue
            if _comparable(findings) != _comparable(stored_findings(decision)):
                different.append((decision, findings))
        if different:
            store_findings(different, related)
        read += len(batch)
        changed += len(different)
        room = CHANGED_REFERENCES_KEPT - len(run.changed_references)
        run.changed_references += [decision.reference for decision, _ in different[:room]]
        run.read, run.changed, run.not_read = read, changed, not_read
        run.save(update_fields=["read", "changed", "not_read", "changed_references"])
        if progress:
            progress(read, changed, total)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def store_findings(read: list[tuple[Decision, Findings]], related: RelatedRows) -> None:
    """Replace what the database holds for each decision with the findings read again, in
    one transaction."""
    with transaction.atomic():
        for decision, findings in read:
            Decision.objects.filter(pk=decision.pk).update(**finding_values(findings))
        write_finding_rows(
            [(decision.pk, findings) for decision, findings in read], related, replace=True
        )
    related.commit()


def stored_findings(decision: Decision) -> Findings:
    """What the database holds for a decision, in the form extraction gives (to compare)."""
    remedies = tuple(FoundRemedy(r.kind, r.amount, r.purpose) for r in decision.remedies.all())
    citations = tuple(Citation(p.legislation.name, p.section) for p in decision.citations.all())
    return Findings(
        remedies, decision.already_remedied, decision.reason_not_investigated, citations
    )


def _comparable(findings: Findings) -> tuple:
    remedies = tuple(
        (r.kind, None if r.amount is None else Decimal(r.amount).normalize(), r.purpose)
        for r in findings.remedies
    )
    return (
        remedies,
        findings.already_remedied,
        findings.reason_not_investigated,
        tuple(sorted(findings.citations)),
    )

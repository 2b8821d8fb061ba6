"""What a decision's prose says in a form that can be counted: the remedies, why a complaint
was not investigated, and the legislation cited.

`extract_findings` takes a decision's published parts and returns Findings; the importer
stores them beside the decision and `extract_decisions` re-runs it over the archive when the
rules here improve. Pure Python with no Django import.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from decisions.classification import outcome_group
from decisions.extraction.citations import Citation, extract_citations
from decisions.extraction.reasons import REASONS, reason_not_investigated
from decisions.extraction.remedies import KINDS, PURPOSES, Remedy, extract_remedies

__all__ = [
    "KINDS",
    "PURPOSES",
    "REASONS",
    "Citation",
    "Findings",
    "FindingsNotRead",
    "Remedy",
    "extract_findings",
    "rules_fingerprint",
]

# Extra header fields whose text states remedies, read as a remedy section.
REMEDY_DETAIL_FIELDS = ("remedy details", "service improvement", "service improvement details")


@dataclass(frozen=True)
class Findings:
    remedies: tuple[Remedy, ...]
    already_remedied: bool
    reason_not_investigated: str | None
    citations: tuple[Citation, ...]


# What a decision whose findings were not read stores: nothing found.
NO_FINDINGS = Findings(
    remedies=(), already_remedied=False, reason_not_investigated=None, citations=()
)


class FindingsNotRead(Exception):
    """The deadline given to extract_findings passed before all of its readers had run."""


def extract_findings(
    *,
    outcome: str | None,
    summary: str,
    sections: list[tuple[str, str]],
    extra: dict[str, str],
    deadline: float | None = None,
) -> Findings:
    """Findings of one decision from its outcome as published, summary, (heading, text)
    sections of the body and extra header fields. With a `deadline` (a time.monotonic()
    value), raise FindingsNotRead if it has passed before or after any reader (each reads in
    linear time, so none runs for long past it)."""
    _check(deadline)
    details = [
        ("Remedy details", value)
        for name, value in extra.items()
        if name.lower() in REMEDY_DETAIL_FIELDS
    ]
    fault_found = outcome is None or outcome_group(outcome) not in ("not_upheld", "closed")
    remedies = extract_remedies(extra, summary, [*details, *sections], fault_found=fault_found)
    _check(deadline)
    reason = reason_not_investigated(outcome, summary, sections)
    _check(deadline)
    body = "\n".join(text for _, text in sections)
    citations = extract_citations(f"{summary}\n{body}")
    _check(deadline)
    return Findings(
        remedies=remedies.remedies,
        already_remedied=remedies.already_remedied,
        reason_not_investigated=reason,
        citations=citations,
    )


def _check(deadline: float | None) -> None:
    # A budget of 0 gives a deadline of now, which has always passed: nothing is read.
    if deadline is not None and time.monotonic() >= deadline:
        raise FindingsNotRead


@cache
def rules_fingerprint() -> str:
    """A short fingerprint of the rules in this package (its source), recorded with each run of
    extract_decisions: two runs with the same fingerprint read the same findings."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]

"""Findings read from decision text (decisions/extraction/), measured against a hand-checked
gold set (tests/gold/, annotated as its README says), and unit cases for each rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from decisions.extraction import extract_findings
from decisions.extraction.citations import Citation, extract_citations
from decisions.parsing import parse_decision

GOLD = Path(__file__).parent / "gold"
# The targets the extraction must meet on the gold set: (precision, recall).
TARGETS = {"payments": (0.95, 0.90), "citations": (0.95, 0.90), "reasons": (0.85, 0.85)}


def findings_of_file(path: Path):
    parsed = parse_decision(path.read_bytes())
    sections = [(s.heading, "\n".join(p.text for p in s.paragraphs)) for s in parsed.sections]
    return extract_findings(
        outcome=parsed.outcome, summary=parsed.summary, sections=sections, extra=parsed.extra
    )


@dataclass
class Score:
    """Counts of items found, expected and both, summed over the gold set."""

    found: int = 0
    expected: int = 0
    right: int = 0

    def add(self, found: list, expected: list) -> None:
        """Compare two multisets of items from one decision."""
        self.found += len(found)
        self.expected += len(expected)
        self.right += sum((Counter(found) & Counter(expected)).values())

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def gold_scores() -> tuple[dict[str, Score], list[str]]:
    """Each measure's score over the gold set, and a line per disagreement (for a failure)."""
    expected_by_file = yaml.safe_load((GOLD / "expected.yaml").read_text(encoding="utf-8"))
    scores = {name: Score() for name in ("payments", "citations", "reasons", "remedy kinds",
                                         "payment purposes", "already remedied")}  # fmt: skip
    misses = []
    for name, expected in sorted(expected_by_file.items()):
        found = findings_of_file(GOLD / name)
        payments = [(Decimal(str(r["amount"])) if r.get("amount") is not None else None)
                    for r in expected["remedies"] if r["type"] == "payment"]  # fmt: skip
        found_payments = [r.amount for r in found.remedies if r.kind == "payment"]
        comparisons = {
            "payments": (
                [a.normalize() if a is not None else None for a in found_payments],
                [a.normalize() if a is not None else None for a in payments],
            ),
            "citations": (
                [(c.act, c.section) for c in found.citations],
                [tuple(c) for c in expected["citations"]],
            ),
            "reasons": (
                [found.reason_not_investigated] if found.reason_not_investigated else [],
                [expected["reason"]] if expected["reason"] else [],
            ),
            "remedy kinds": (
                sorted({r.kind for r in found.remedies}),
                sorted({r["type"] for r in expected["remedies"]}),
            ),
            "payment purposes": (
                [
                    (r.amount.normalize(), r.purpose or None)
                    for r in found.remedies
                    if r.kind == "payment" and r.amount is not None
                ],
                [
                    (Decimal(str(r["amount"])).normalize(), r.get("purpose"))
                    for r in expected["remedies"]
                    if r["type"] == "payment" and r.get("amount") is not None
                ],
            ),  # fmt: skip
            "already remedied": (
                ["yes"] if found.already_remedied else [],
                ["yes"] if expected["already_remedied"] else [],
            ),
        }
        for measure, (got, wanted) in comparisons.items():
            scores[measure].add(got, wanted)
            if Counter(got) != Counter(wanted):
                misses.append(f"{name} {measure}: found {got}, expected {wanted}")
    return scores, misses


def test_gold_set_is_large_enough_and_every_file_is_annotated():
    annotated = yaml.safe_load((GOLD / "expected.yaml").read_text(encoding="utf-8"))
    files = {path.name for path in GOLD.glob("*.txt")}
    assert set(annotated) == files
    assert len(files) >= 60
    assert all("fictional" in path.read_text(encoding="utf-8").lower()
               for path in GOLD.glob("*.txt"))  # fmt: skip


def test_extraction_meets_its_precision_and_recall_targets_on_the_gold_set(capsys):
    scores, misses = gold_scores()
    with capsys.disabled():
        print("\nExtraction on the gold set (precision / recall, items found / expected):")
        for measure, score in scores.items():
            target = TARGETS.get(measure)
            aim = f"  target ≥ {target[0]:.2f} / ≥ {target[1]:.2f}" if target else ""
            print(f"  {measure:<17} {score.precision:.3f} / {score.recall:.3f}"
                  f"  ({score.right} right of {score.found} found, {score.expected} expected){aim}")  # fmt: skip
    for measure, (precision, recall) in TARGETS.items():
        score = scores[measure]
        detail = "\n".join(m for m in misses if f" {measure}:" in m)
        assert score.precision >= precision, f"{measure} precision {score.precision}\n{detail}"
        assert score.recall >= recall, f"{measure} recall {score.recall}\n{detail}"

"""Findings read from decision text (decisions/extraction/), measured against a hand-checked
gold set (tests/gold/, annotated as its README says), and unit cases for each rule."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.extraction import extract_findings
from decisions.extraction.citations import Citation, extract_citations
from decisions.parsing import parse_decision

GOLD = Path(__file__).parent / "gold"
# The targets the extraction must meet on the gold set: (precision, recall).
TARGETS = {"payments": (0.95, 0.90), "citations": (0.95, 0.90), "reasons": (0.85, 0.85)}
# Decisions written and annotated by writers who never saw the extraction code or its output
# (each folder's README.md). Each set is measured once before any rule is changed for it; after
# that its misses may guide the rules, and a newer set is the measure of text never tuned on.
GOLD_BLIND = Path(__file__).parent / "gold_blind"
GOLD_BLIND2 = Path(__file__).parent / "gold_blind2"
GOLD_BLIND3 = Path(__file__).parent / "gold_blind3"
GOLD_BLIND4 = Path(__file__).parent / "gold_blind4"
GOLD_BLIND5 = Path(__file__).parent / "gold_blind5"
GOLD_BLIND6 = Path(__file__).parent / "gold_blind6"
# Issue 16's targets on text the rules were not tuned on, (precision, recall).
BLIND_TARGETS = {
    "payments": (0.97, 0.95),
    "payment purposes": (0.97, 0.95),
    "reasons": (0.90, 0.90),
    "citations": (0.95, 0.95),
    "remedy kinds": (None, 0.90),  # recall only
}
BLIND_MET = tuple(BLIND_TARGETS)
# The second set, at its first measurement, met these; payments and their purposes fell short.
# It has since guided the rules, and meets every target.
BLIND2_MET = tuple(BLIND_TARGETS)
# The third set, at its first measurement, met these; payments' precision and their purposes
# fell short. It has since guided the rules, and meets every target.
BLIND3_MET = tuple(BLIND_TARGETS)
# The fourth set, at its first measurement, met all but payment purposes. It has since guided
# the rules, and meets every target.
BLIND4_MET = tuple(BLIND_TARGETS)
# The fifth set, at its first measurement, met citations, reasons and remedy kinds; payments'
# precision and their purposes fell short. It has since guided the rules, and meets every target.
BLIND5_MET = tuple(BLIND_TARGETS)
# The sixth set met every target at its first measurement.
BLIND6_MET = tuple(BLIND_TARGETS)
# Each blind set's first measurement, before any rule was changed for it: a change to the
# rules may not fall below it. The first set, 2026-12-05:
BLIND_FIRST = {
    "payments": (0.962, 0.866),  # 26 right of 27 found, 30 expected
    "payment purposes": (0.961, 0.862),  # 25 of 26, 29
    "citations": (0.912, 0.912),  # 146 of 160, 160
    "reasons": (1.0, 1.0),  # 18 of 18, 18
    "remedy kinds": (1.0, 0.809),  # 51 of 51, 63
    "already remedied": (0.666, 0.8),  # 4 of 6, 5
}
# The second set, 2026-12-06, measured with the rules the first set had guided (d388d53).
BLIND2_FIRST = {
    "payments": (0.966, 0.906),  # 29 right of 30 found, 32 expected
    "payment purposes": (0.9, 0.870),  # 27 of 30, 31
    "citations": (0.994, 0.989),  # 192 of 193, 194
    "reasons": (1.0, 1.0),  # 14 of 14, 14
    "remedy kinds": (0.958, 0.922),  # 71 of 74, 77
    "already remedied": (0.666, 1.0),  # 2 of 3, 2
}
# The third set, 2026-12-06, measured with the rules the first two sets and a check on
# published decisions had guided (0e97ef1).
BLIND3_FIRST = {
    "payments": (0.931, 0.953),  # 41 right of 44 found, 43 expected
    "payment purposes": (0.928, 0.906),  # 39 of 42, 43
    "citations": (1.0, 0.989),  # 182 of 182, 184
    "reasons": (1.0, 1.0),  # 12 of 12, 12
    "remedy kinds": (0.931, 0.953),  # 82 of 88, 86
    "already remedied": (0.666, 1.0),  # 4 of 6, 4
}
# The fourth set, 2026-12-06, measured with the rules the first three sets had guided (5489fdc).
BLIND4_FIRST = {
    "payments": (0.975, 1.0),  # 39 right of 40 found, 39 expected
    "payment purposes": (0.894, 0.918),  # 34 of 38, 37
    "citations": (0.994, 1.0),  # 187 of 188, 187
    "reasons": (0.916, 0.916),  # 11 of 12, 12
    "remedy kinds": (0.960, 0.901),  # 73 of 76, 81
    "already remedied": (0.75, 0.75),  # 3 of 4, 4
}
# The fifth set, 2026-12-06, written to vary how payments' purposes are put, measured with the
# rules the first four sets had guided (8443e20).
BLIND5_FIRST = {
    "payments": (0.934, 0.955),  # 43 right of 46 found, 45 expected
    "payment purposes": (0.886, 0.866),  # 39 of 44, 45
    "citations": (1.0, 1.0),  # 219 of 219, 219
    "reasons": (1.0, 1.0),  # 10 of 10, 10
    "remedy kinds": (0.951, 0.917),  # 78 of 82, 85
    "already remedied": (1.0, 1.0),  # 2 of 2, 2
}
# The sixth set, 2026-12-06, written as investigators usually write, measured with the rules the
# first five sets had guided (0c8a2a6). No rule has been changed for it.
BLIND6_FIRST = {
    "payments": (1.0, 0.964),  # 27 right of 27 found, 28 expected
    "payment purposes": (1.0, 1.0),  # 27 of 27, 27
    "citations": (1.0, 1.0),  # 191 of 191, 191
    "reasons": (1.0, 1.0),  # 15 of 15, 15
    "remedy kinds": (0.932, 0.971),  # 69 of 74, 71
    "already remedied": (1.0, 1.0),  # 3 of 3, 3
}


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


def gold_scores(folder: Path = GOLD) -> tuple[dict[str, Score], list[str]]:
    """Each measure's score over a gold set, and a line per disagreement (for a failure)."""
    expected_by_file = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    scores = {name: Score() for name in ("payments", "citations", "reasons", "remedy kinds",
                                         "payment purposes", "already remedied")}  # fmt: skip
    misses = []
    for name, expected in sorted(expected_by_file.items()):
        found = findings_of_file(folder / name)
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


def print_scores(title: str, scores: dict[str, Score], targets: dict) -> None:
    print(f"\nExtraction on the {title} (precision / recall, items found / expected):")
    for measure, score in scores.items():
        target = targets.get(measure)
        aim = ""
        if target:
            precision = f"≥ {target[0]:.2f}" if target[0] is not None else "-"
            aim = f"  target {precision} / ≥ {target[1]:.2f}"
        counted = f"{score.right} right of {score.found} found, {score.expected} expected"
        print(f"  {measure:<17} {score.precision:.3f} / {score.recall:.3f}  ({counted}){aim}")


def test_extraction_meets_its_precision_and_recall_targets_on_the_gold_set(capsys):
    scores, misses = gold_scores()
    with capsys.disabled():
        print_scores("gold set the rules were tuned on (tests/gold/)", scores, TARGETS)
    for measure, (precision, recall) in TARGETS.items():
        score = scores[measure]
        detail = "\n".join(m for m in misses if f" {measure}:" in m)
        assert score.precision >= precision, f"{measure} precision {score.precision}\n{detail}"
        assert score.recall >= recall, f"{measure} recall {score.recall}\n{detail}"


@pytest.mark.parametrize(
    "folder",
    [GOLD_BLIND, GOLD_BLIND2, GOLD_BLIND3, GOLD_BLIND4, GOLD_BLIND5, GOLD_BLIND6],
    ids=lambda f: f.name,
)
def test_blind_gold_set_is_large_enough_and_every_file_is_annotated(folder):
    annotated = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    files = {path.name for path in folder.glob("*.txt")}
    assert set(annotated) == files
    assert len(files) >= 40
    texts = [path.read_text(encoding="utf-8").lower() for path in folder.glob("*.txt")]
    assert all("fictional" in text or "blind set" in text for text in texts)


@pytest.mark.parametrize(
    ("folder", "title", "first", "met"),
    [
        (GOLD_BLIND, "first blind set, since used to guide the rules", BLIND_FIRST, BLIND_MET),
        (GOLD_BLIND2, "second blind set, since used to guide the rules", BLIND2_FIRST, BLIND2_MET),
        (GOLD_BLIND3, "third blind set, since used to guide the rules", BLIND3_FIRST, BLIND3_MET),
        (GOLD_BLIND4, "fourth blind set, since used to guide the rules", BLIND4_FIRST, BLIND4_MET),
        (GOLD_BLIND5, "fifth blind set, since used to guide the rules", BLIND5_FIRST, BLIND5_MET),
        (GOLD_BLIND6, "sixth blind set, never tuned on", BLIND6_FIRST, BLIND6_MET),
    ],
    ids=[f"gold_blind{n}" for n in ("", "2", "3", "4", "5", "6")],
)
def test_extraction_on_a_blind_gold_set_keeps_its_targets_and_first_figures(
    capsys, folder, title, first, met
):
    """Printed beside the tuned set's figures; held to the targets it meets (`met`) and never
    below its first measurement (`first`)."""
    scores, misses = gold_scores(folder)
    with capsys.disabled():
        print_scores(f"{title} (tests/{folder.name}/)", scores, BLIND_TARGETS)
    floors = [*first.items(), *((m, BLIND_TARGETS[m]) for m in met)]
    for measure, (precision, recall) in floors:
        score = scores[measure]
        detail = "\n".join(m for m in misses if f" {measure}:" in m)
        assert score.precision >= (precision or 0), (
            f"{measure} precision {score.precision}\n{detail}"
        )
        assert score.recall >= recall, f"{measure} recall {score.recall}\n{detail}"


# --- the rules, case by case ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(Local Government Act 1974, section 24A(6), as amended)",
         [("Local Government Act 1974", "24A(6)")]),
        ("(Local Government Act 1974, section 24A (6))", [("Local Government Act 1974", "24A(6)")]),
        ("(Local Government Act 1974, section 34H(i))", [("Local Government Act 1974", "34H(1)")]),
        ("(Local Government Act 1974, sections 26(1) and 26A(1), as amended)",
         [("Local Government Act 1974", "26(1)"), ("Local Government Act 1974", "26A(1)")]),
        ("under section 17 of the Children Act 1989", [("Children Act 1989", "17")]),
        ("under section 117 Mental Health Act 1983", [("Mental Health Act 1983", "117")]),
        ("the duty in section 17 Children Act 1989", [("Children Act 1989", "17")]),
        ("Part 7 of the Housing Act 1996 applies. Under section 184 of the 1996 Act it must "
         "inquire.", [("Housing Act 1996", "Part 7"), ("Housing Act 1996", "184")]),
        ("The Care Act 2014 says so. Sections 18 and 20 of that Act set the duties.",
         [("Care Act 2014", "18"), ("Care Act 2014", "20")]),
        ("The Care Act 2014 applies. Section 9 of the same Act too.", [("Care Act 2014", "9")]),
        ("Section 9 of the Act applies.", []),
        ("Schedule 35B to the Education Act 1996", [("Education Act 1996", "Schedule 35B")]),
        ("Part 7 of the Housing Act 1996", [("Housing Act 1996", "Part 7")]),
        ("(Health and Social Care Act 2008 (Regulated Activities) Regulations 2014, regulation 9)",
         [("Health and Social Care Act 2008 (Regulated Activities) Regulations 2014",
           "Regulation 9")]),
        ("The Care Act 2014 says so. (Care Act 2014, section 9)", [("Care Act 2014", "9")]),
        ("The Care Act 2014 says so.", [("Care Act 2014", "")]),
        ("the Council’s policy, section 3 of our guidance and the section 19 duty", []),
        ("The Homelessness (Review Procedure etc.) Regulations 2018 set the timescale.",
         [("Homelessness (Review Procedure etc.) Regulations 2018", "")]),
    ],
)  # fmt: skip
def test_citations_are_found_and_written_one_way(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


# --- provisions inside a Schedule, and a regulation's number later in the sentence (issue 16) ---
# Our own sentences: a Schedule's paragraph, Part or Class is the Schedule's, not the act's; a
# regulation (article, rule) named after its instrument in the same sentence is the instrument's.

LGA = "Local Government Act 1974"
CHARGING = "Care and Support (Charging and Assessment of Resources) Regulations 2014"
GPDO = "Town and Country Planning (General Permitted Development) (England) Order 2015"


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"We rely on paragraph 1(3) of Schedule 5 to the {LGA}.", [(LGA, "Schedule 5")]),
        (f"Schedule 5, paragraph 2 of the {LGA} lets us decide.", [(LGA, "Schedule 5")]),
        (f"({LGA}, Schedule 5, paragraphs 2 and 3)", [(LGA, "Schedule 5")]),
        (f"({LGA}, paragraph 7(1) of Schedule 5)", [(LGA, "Schedule 5")]),
        ("The duty in para 9 of Schedule 2 to the Children Act 1989 applies.",
         [("Children Act 1989", "Schedule 2")]),
        (f"The shed is allowed by Schedule 2, Part 1, Class E of the {GPDO}.",
         [(GPDO, "Schedule 2")]),
        (f"It falls within Class B of Part 1 of Schedule 2 to the {GPDO}.", [(GPDO, "Schedule 2")]),
        (f"Section 26 and Schedule 5, paragraph 2 of the {LGA}.",
         [(LGA, "26"), (LGA, "Schedule 5")]),
        # a Part joined by "and" is the act's own, and so is a paragraph with no Schedule
        ("Part 7 and Schedule 2 of the Housing Act 1996 apply.",
         [("Housing Act 1996", "Part 7"), ("Housing Act 1996", "Schedule 2")]),
    ],
)  # fmt: skip
def test_a_schedules_paragraph_part_or_class_is_cited_as_the_schedule(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"The {CHARGING} provide, at regulation 8, that a home is ignored.",
         [(CHARGING, "Regulation 8")]),
        (f"Under the {CHARGING}, as the Council accepts, regulation 21 sets the limit.",
         [(CHARGING, "Regulation 21")]),
        (f"The {CHARGING} explain, in regulations 4 and 5(2), how income is treated.",
         [(CHARGING, "Regulation 4"), (CHARGING, "Regulation 5(2)")]),
        (f"The {GPDO} grants permission, by article 3, for small works.",
         [(GPDO, "Article 3")]),
        ("Under the Allocation of Housing (England) Regulations 2002, regulation 3 and "
         "regulation 4 say who may not be given a home.",
         [("Allocation of Housing (England) Regulations 2002", "Regulation 3"),
          ("Allocation of Housing (England) Regulations 2002", "Regulation 4")]),
    ],
)  # fmt: skip
def test_a_regulation_number_later_in_the_sentence_belongs_to_the_instrument(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the number belongs to the instrument named in between (an act cited whole comes last)
        (f"The {CHARGING} and the Care Planning Regulations 2010 say, in regulation 6, more.",
         [("Care Planning Regulations 2010", "Regulation 6"), (CHARGING, "")]),
        (f"The {CHARGING} refer to regulation 2 of the Care Planning Regulations 2010.",
         [("Care Planning Regulations 2010", "Regulation 2"), (CHARGING, "")]),
        # a later sentence is not the same sentence; a bare regulation names no instrument
        (f"The {CHARGING} apply. The Council relied on regulation 4.", [(CHARGING, "")]),
        ("The Council relied on regulation 4 when it refused.", []),
        # an Act's later "regulation" is not the act's; an Order's later regulation is no article
        ("The Care Act 2014 is clear, and regulation 4 says more.", [("Care Act 2014", "")]),
        (f"The {GPDO} applies, and regulation 4 says more.", [(GPDO, "")]),
        # a regulation of something else named after it
        (f"The {CHARGING} apply, as regulation 9 of those rules says.", [(CHARGING, "")]),
    ],
)  # fmt: skip
def test_a_later_regulation_number_is_not_taken_from_another_instrument_or_sentence(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


# A section's own letter set straight before the title is no word of it (Fictional sentences).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("We cannot investigate late complaints (s.26B Local Government Act 1974).",
         [(LGA, "26B")]),
        ("(s26B Local Government Act 1974)", [(LGA, "26B")]),
        ("(section 34H Local Government Act 1974)", [(LGA, "34H")]),
        ("(s. 2A Local Government Act 1974)", [(LGA, "2A")]),
        ("(ss.26B and 34D Local Government Act 1974)", [(LGA, "26B"), (LGA, "34D")]),
        ("sections 26(1) and 26A Local Government Act 1974", [(LGA, "26(1)"), (LGA, "26A")]),
        ("Part 7A Housing Act 1996", [("Housing Act 1996", "Part 7A")]),
        (f"regulation 2A {CHARGING}", [(CHARGING, "Regulation 2A")]),
        ("s.26B Local Government (Miscellaneous Provisions) Act 1976",
         [("Local Government (Miscellaneous Provisions) Act 1976", "26B")]),
    ],
)  # fmt: skip
def test_a_section_letter_before_the_title_is_the_sections_not_the_titles(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


# "s" with a space before its number, and a comma between the section and the title in
# brackets (Fictional sentences).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("under s 188(1) of the Housing Act 1996", [("Housing Act 1996", "188(1)")]),
        ("under s 26B of the Local Government Act 1974", [(LGA, "26B")]),
        ("(s.17, Children Act 1989)", [("Children Act 1989", "17")]),
        ("(section 117, Mental Health Act 1983)", [("Mental Health Act 1983", "117")]),
        ("(s 26B, Local Government Act 1974)", [(LGA, "26B")]),
        ("The Care Act 2014 says councils must meet eligible needs (s 18).",
         [("Care Act 2014", "18")]),
        # "s" ending a word is no section; nor a number before a comma outside brackets
        ("the pages 2 and 3 of the Children Act 1989", [("Children Act 1989", "")]),
        ("He wrote 3 letters, Care Act 2014 duties apply", [("Care Act 2014", "")]),
    ],
)  # fmt: skip
def test_a_section_written_s_with_a_space_or_before_a_comma_is_read(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(Care Act 2014, ss.9-10)", [("Care Act 2014", "9"), ("Care Act 2014", "10")]),
        ("sections 20–23 of the Children Act 1989",
         [("Children Act 1989", str(n)) for n in range(20, 24)]),
        # a dash with spaces is the sentence's, not a range
        ("(Local Government Act 1974, section 26B – 12 months)", [(LGA, "26B")]),
    ],
)  # fmt: skip
def test_a_range_of_sections_written_with_a_dash_is_read_as_one_with_to(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("regs 12 and 13 of the Special Educational Needs and Disability Regulations 2014",
         [("Special Educational Needs and Disability Regulations 2014", "Regulation 12"),
          ("Special Educational Needs and Disability Regulations 2014", "Regulation 13")]),
        ("(Special Educational Needs and Disability Regulations 2014, reg 12)",
         [("Special Educational Needs and Disability Regulations 2014", "Regulation 12")]),
        ("ss 17 & 20 Children Act 1989",
         [("Children Act 1989", "17"), ("Children Act 1989", "20")]),
        ("Schedule 2, para 5 to the Children Act 1989", [("Children Act 1989", "Schedule 2")]),
        ("Sch 2 to the Children Act 1989", [("Children Act 1989", "Schedule 2")]),
        # a Schedule's paragraph after a space alone is still the Schedule's
        ("Sch. 2 para 5 Children Act 1989", [("Children Act 1989", "Schedule 2")]),
        ("Schedule 2 paragraph 5 to the Children Act 1989", [("Children Act 1989", "Schedule 2")]),
    ],
)  # fmt: skip
def test_an_abbreviated_provision_without_its_full_stop_is_read(text, expected):
    assert [(c.act, c.section) for c in extract_citations(text)] == expected


def test_an_act_of_the_nineteenth_century_is_cited():
    text = "Hackney carriages are licensed under the Town Police Clauses Act 1847."
    assert [(c.act, c.section) for c in extract_citations(text)] == [
        ("Town Police Clauses Act 1847", "")
    ]


def test_a_citation_label_reads_as_a_citation():
    assert Citation("Housing Act 1996", "184").label == "Housing Act 1996, section 184"
    assert Citation("Housing Act 1996", "Part 7").label == "Housing Act 1996, Part 7"
    assert Citation("Housing Act 1996", "").label == "Housing Act 1996"


def findings_of(outcome, summary, sections=(), extra=None):
    return extract_findings(
        outcome=outcome, summary=summary, sections=list(sections), extra=extra or {}
    )


@pytest.mark.parametrize(
    "outcome, summary, reason",
    [
        ("Closed after initial enquiries", "This is because the Council has not had the chance "
         "to respond.", "premature"),
        ("Closed after initial enquiries", "We will not investigate this late complaint.",
         "out_of_time"),
        ("Closed after initial enquiries", "It is reasonable for Mr X to appeal to the tribunal.",
         "better_placed_elsewhere"),
        ("Closed after initial enquiries", "This is because there is not enough injustice to Mr X.",
         "not_enough_injustice"),
        ("Closed after initial enquiries", "This is because further investigation would not lead "
         "to a different outcome.", "unlikely_to_achieve_more"),
        ("Closed after initial enquiries - out of jurisdiction", "We cannot look at this.",
         "out_of_jurisdiction"),
        ("Premature", "The Ombudsman will not look at this yet.", "premature"),
        ("Closed after initial enquiries", "We will not investigate.", None),
        ("Upheld", "This is because the Council has not had the chance to respond.", None),
        (None, "This is because the complaint is late.", None),
    ],
)  # fmt: skip
def test_reason_not_investigated_only_for_decisions_closed_without_investigation(
    outcome, summary, reason
):
    assert findings_of(outcome, summary).reason_not_investigated == reason


def test_the_role_and_powers_section_lists_reasons_but_does_not_give_one():
    role = (
        "The Ombudsman’s role and powers",
        "We cannot investigate late complaints. There is another body better placed.",
    )
    found = findings_of("Closed after initial enquiries", "We will not investigate.", [role])
    assert found.reason_not_investigated is None


# --- reasons in other words than the common ones (issue 16) -----------------------------------
# Sentences written for these tests, not taken from any gold file.

CLOSED = "Closed after initial enquiries"


@pytest.mark.parametrize(
    "summary, reason",
    [
        # Wordings seen in real decisions (issue 16's check on published text), in our words.
        ("We will not investigate, as there is insufficient remaining injustice to Mr N.",
         "not_enough_injustice"),
        ("A legal bar stops us looking at the head teacher's decision.", "out_of_jurisdiction"),
        ("We are legally prevented from looking at the governors' actions.",
         "out_of_jurisdiction"),
        ("We cannot look at the actions of a school in dealing with a pupil's behaviour.",
         "out_of_jurisdiction"),
        ("The Council has upheld the complaint and apologised, so it would not be proportionate "
         "for us to investigate.", "unlikely_to_achieve_more"),
        # The injustice too small to justify the Ombudsman's involvement.
        ("We will not investigate. The injustice Mrs D describes is not serious enough to "
         "justify our involvement.", "not_enough_injustice"),
        ("We will not investigate because any injustice to Mr P is not significant enough to "
         "warrant our involvement.", "not_enough_injustice"),
        ("We will not investigate because any injustice is not sufficient to justify it.",
         "not_enough_injustice"),
        ("This is because any injustice to Ms V is not great enough.", "not_enough_injustice"),
        ("We will not look at this because the impact on Mr R of the late reply is minor.",
         "not_enough_injustice"),
        ("This is because the effect on Mrs T has been limited.", "not_enough_injustice"),
        ("We will not investigate because there is not enough personal injustice to Mr L.",
         "not_enough_injustice"),
        ("This is because the harm caused by the missed letter is not significant.",
         "not_enough_injustice"),
        ("This is because the delay did not cause Miss K a significant injustice.",
         "not_enough_injustice"),
        # Achieving nothing worthwhile is the guide's unlikely_to_achieve_more, not injustice.
        ("This is because we would not achieve a worthwhile outcome for the time and public "
         "money an investigation would take.", "unlikely_to_achieve_more"),
        # The body needing the first chance to respond.
        ("This is because the Council has not yet had the opportunity to respond to Mr B.",
         "premature"),
        ("We will not investigate yet. The Council must first be given the chance to put things "
         "right through its complaints procedure.", "premature"),
        ("This is because Mrs Q has not completed the Council’s complaints process.", "premature"),
        ("We will not investigate because it is too early for us to consider the complaint.",
         "premature"),
        ("This is because we expect complainants to complain to the council first.", "premature"),
        ("We will not investigate now. Mr E should let the Council consider his complaint first.",
         "premature"),
        # A court case already under way: the law bars the Ombudsman.
        ("We cannot investigate because legal proceedings have already started.",
         "out_of_jurisdiction"),
        ("This is because legal proceedings about the debt have begun.", "out_of_jurisdiction"),
        ("We will not investigate because the matter is before the county court.",
         "out_of_jurisdiction"),
        ("This is because court proceedings have been issued.", "out_of_jurisdiction"),
        ("We will not investigate because possession proceedings are ongoing.",
         "out_of_jurisdiction"),
        ("This is because the Council has already issued possession proceedings against Ms N.",
         "out_of_jurisdiction"),
        # A court as a reasonable route not yet taken is better placed elsewhere.
        ("This is because it would be reasonable for Mr H to start court proceedings.",
         "better_placed_elsewhere"),
        ("This is because Mrs J could have issued proceedings in the county court.",
         "better_placed_elsewhere"),
        # The guide's own "other": no consent, information not provided.
        ("I have not investigated because his mother has not given her consent for Mr S to "
         "complain for her.", "other"),
        ("This is because Ms C has not provided the information we asked for.", "other"),
        ("We have closed the complaint because Mr F has not replied to our requests for "
         "details.", "other"),
    ],
)  # fmt: skip
def test_reasons_written_in_other_words_are_read(summary, reason):
    assert findings_of(CLOSED, summary).reason_not_investigated == reason


@pytest.mark.parametrize(
    "summary, sections, reason",
    [
        # Court in the facts, but the reason given is lateness.
        ("Mrs A complains about evidence the Council gave to the county court in 2019. We will "
         "not investigate because she complained too late.",
         [("What happened", "Possession proceedings began in 2019 and the court made an order.")],
         "out_of_time"),
        # Court proceedings in the facts, the reason is the injustice.
        ("We will not investigate Mr G’s complaint about a late reply because the impact on "
         "him is minor.",
         [("What happened", "Court proceedings have been issued against his landlord.")],
         "not_enough_injustice"),
        # The outcome wording decides, whatever the text says.
        ("This is because court proceedings have begun.", [], "out_of_jurisdiction"),
        # The first reason stated in the summary is kept.
        ("This is because the Council has not yet had the opportunity to respond, and any "
         "injustice is not significant enough to justify our involvement.", [], "premature"),
    ],
)  # fmt: skip
def test_the_stated_reason_wins_over_the_facts_and_later_reasons(summary, sections, reason):
    outcome = CLOSED if reason != "out_of_jurisdiction" else "Not in jurisdiction"
    assert findings_of(outcome, summary, sections).reason_not_investigated == reason


def test_a_reason_no_rule_recognises_is_not_read_rather_than_guessed():
    # A court, a date and an earlier payment in the facts are not the reason for closing.
    facts = (
        "My assessment",
        "Mr W’s landlord took him to court in 2018, the reply was late, and the Council had "
        "already paid him £50 for an earlier error. Mr W’s grandmother has died.",
    )
    found = findings_of(
        CLOSED, "We will not investigate Mr W’s complaint, for the reasons below.", [facts]
    )
    assert found.reason_not_investigated is None


def test_a_reason_stated_in_the_body_is_still_read():
    assessment = (
        "My assessment",
        "Mr W has not provided the information we asked for, so we cannot consider it.",
    )
    found = findings_of(CLOSED, "We will not investigate Mr W’s complaint.", [assessment])
    assert found.reason_not_investigated == "other"


def test_payments_are_read_with_purpose_and_a_total_before_its_breakdown_is_left_out():
    action = (
        "Agreed action",
        "The Council will pay Mrs X £450: £300 for her distress and £150 for her time and "
        "trouble.\nIt will also refund the £1,250.50 care charges.",
    )
    found = findings_of("Upheld", "The Council was at fault.", [action])
    payments = [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"]
    assert payments == [
        (Decimal("300"), "distress"),
        (Decimal("150"), "time and trouble"),
        (Decimal("1250.50"), "refund"),
    ]


def test_amounts_that_are_not_remedies_are_not_payments():
    found_text = (
        "What I found",
        "Mr U paid £55. The Council charged £1,200 for care. Mr X wants the Council to pay "
        "him £5,000. The grant of £12,750 was approved.",
    )
    found = findings_of("Not upheld", "We found no fault.", [found_text])
    assert found.remedies == ()


@pytest.mark.parametrize(
    "amount", ["£1.2 million", "£1.2m", "£3 billion", "£2bn", "£1.50k", "£15 thousand", "£2K"]
)
def test_an_amount_in_thousands_millions_or_billions_is_no_payment_of_its_first_digits(amount):
    assert payments_in(f"The Council will pay Mr X {amount} for his distress.") == []


@pytest.mark.parametrize(
    "action, expected",
    [
        ("The Council will pay Mrs X £ 300 for the distress caused and 250 pounds for the time "
         "and trouble in pursuing her complaint.",
         [(Decimal(300), "distress"), (Decimal(250), "time and trouble")]),
        ("The Council should pay Mr Y GBP 200 to acknowledge the distress.",
         [(Decimal(200), "distress")]),
        ("The Council should pay Mr Y GBP1,250.50 for the distress.",
         [(Decimal("1250.50"), "distress")]),
        ("The Council should pay Mr Y 1,000 GBP for his distress.", [(Decimal(1000), "distress")]),
        ("The Council should pay Mr Y 150.50 pounds to refund the fees.",
         [(Decimal("150.50"), "refund")]),
        ("The Council should pay Mr Y £250 pounds for the distress.", [(Decimal(250), "distress")]),
        ("The Council should pay Mr Y £1,000.00 for the distress.", [(Decimal(1000), "distress")]),
        # thousands parted by a no-break or thin space, in groups of three; not by a space
        ("The Council will pay Mr Y £1\u202f000 for the lost provision.",
         [(Decimal(1000), "loss of service")]),
        ("The Council will refund Mr Y £150 100 days after this decision.",
         [(Decimal(150), "refund")]),
        ("The Council will pay Mr Y £12\u00a0500.50 for his distress.",
         [(Decimal("12500.50"), "distress")]),
        ("The Council will pay Mr Y £250 2023 for his distress.", [(Decimal(250), "distress")]),
        # a weight, and pounds without a figure, are no amounts
        ("The Council will pay Mrs X £200 for her distress; her mother lost 10 pounds in weight.",
         [(Decimal(200), "distress")]),
        ("The Council will pay £300 to Mrs X for her distress; she weighed 9 stone 4 pounds.",
         [(Decimal(300), "distress")]),
        ("The Council will pay Mr Y £250 for his distress, though he claimed thousands of pounds.",
         [(Decimal(250), "distress")]),
    ],
)  # fmt: skip
def test_an_amount_written_in_pounds_or_gbp_is_read_as_one_written_with_a_pound_sign(
    action, expected
):
    assert payments_in(action) == expected


def test_a_figure_too_large_to_be_paid_to_a_person_is_no_payment():
    # Digits run together: stored, this value would be more than the column holds.
    assert payments_in("The Council will pay Mr X £12,345,678,901 for his distress.") == []
    assert payments_in("The Council will pay Mr X £99,999,999 for his distress.") == [
        (Decimal("99999999"), "distress")]  # fmt: skip


def test_with_no_fault_found_money_in_the_facts_is_no_payment_but_money_put_right_is():
    facts = (
        "What I found",
        "The Council paid £450 a week to the care home for Mrs Y's mother. The developer paid "
        "£25,000 under a section 106 agreement.",
    )
    assert findings_of("Not upheld", "We found no fault.", [facts]).remedies == ()
    put_right = (
        "What I found",
        "The Council arranged a placement at the care home. It has since paid Mrs Y £200 for "
        "the delay in its reply.",
    )
    found = findings_of("Not upheld", "We found no fault in the care.", [put_right])
    assert [(r.kind, r.amount) for r in found.remedies] == [("payment", Decimal("200"))]


def test_a_remedy_already_provided_by_the_council_is_recorded_as_such():
    found = findings_of(
        "Closed after initial enquiries",
        "The Council has already apologised and paid Mr Y £150. This is a suitable remedy.",
    )
    assert found.already_remedied
    assert [(r.kind, r.amount) for r in found.remedies] == [
        ("apology", None), ("payment", Decimal("150"))]  # fmt: skip


def test_a_payment_stated_without_its_purpose_takes_the_purpose_given_elsewhere():
    found = findings_of(
        "Upheld",
        "Before I became involved the Council had apologised and paid Mr H £300.",
        [("What I found", "It apologised and paid Mr H £300 for the distress caused.")],
    )
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (Decimal("300"), "distress")]  # fmt: skip


@pytest.mark.parametrize(
    ("action", "kinds"),
    [
        ("make Mrs G a suitable symbolic payment to acknowledge the uncertainty.", ["payment"]),
        ("carry out a new financial assessment for Mr C.", ["reassessment"]),
        ("offer Mrs G a carer’s assessment.", ["reassessment"]),
        ("review how it monitors the delivery of EHC plans.", ["service_improvement"]),
        ("carry out a permanent repair to the pavement.", ["other"]),
        ("provide Ms D with a written apology.", ["apology"]),
    ],
)
def test_remedies_are_read_in_the_wordings_the_held_out_writers_used(action, kinds):
    found = findings_of("Upheld", "The Council was at fault.", [("Agreed action", action)])
    assert sorted({r.kind for r in found.remedies}) == kinds


# --- payments and remedy kinds in the wordings new writers use (issue 16) ----------------------


def payments_in(action: str, heading: str = "Agreed action") -> list[tuple[Decimal, str]]:
    found = findings_of("Upheld", "The Council was at fault.", [(heading, action)])
    return [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"]


def kinds_in(text: str, heading: str = "Agreed action", outcome: str = "Upheld") -> list[str]:
    found = findings_of(outcome, "The Council was at fault.", [(heading, text)])
    return sorted({r.kind for r in found.remedies})


@pytest.mark.parametrize("heading", ["Agreed action", "Analysis"])
def test_remedies_listed_with_semicolons_are_each_agreed(heading):
    # Fictional sentences: the items after the first semicolon have no "will" of their own.
    listed = (
        "The Council has agreed to apologise to Mrs Y; pay her £250 for her distress; and "
        "review its procedures."
    )
    found = findings_of("Upheld", "The Council was at fault.", [(heading, listed)])
    assert [(r.kind, r.amount, r.purpose) for r in found.remedies] == [
        ("apology", None, ""),
        ("payment", Decimal(250), "distress"),
        ("service_improvement", None, ""),
    ]
    summary_only = findings_of("Upheld", f"The Council delayed. {listed}")
    assert [r.kind for r in summary_only.remedies] == ["apology", "payment", "service_improvement"]
    more = "The Council will pay Mrs S £150 for her time and trouble; and £250 for her distress."
    assert payments_in(more, heading) == [
        (Decimal(150), "time and trouble"), (Decimal(250), "distress")]  # fmt: skip


def test_a_clause_after_a_semicolon_is_not_agreed_unless_a_list_of_remedies_goes_on():
    # What the complainant paid or wanted stays theirs, on either side of the semicolon.
    assert payments_in("Mr Z paid £100 for the report; and £250 for the survey.") == []
    assert payments_in("Mrs X wanted £900; the Council has agreed to pay her £200 for her "
                       "distress.") == [(Decimal(200), "distress")]  # fmt: skip
    assert payments_in("The Council will apologise; he wanted £500.") == []


def test_a_cancelled_charge_is_not_a_payment_but_the_money_paid_beside_it_is():
    action = (
        "The Council will withdraw the £70 penalty charge notice, return the £35 Ms R paid "
        "towards it and pay her £125 for her time and trouble."
    )
    assert payments_in(action) == [(Decimal("35"), "refund"), (Decimal("125"), "time and trouble")]
    assert "other" in kinds_in(action)
    cancelling = "The Council will cancel the parking ticket, refund Mr D’s £60 and pay him £90."
    assert payments_in(cancelling) == [(Decimal("60"), "refund"), (Decimal("90"), "")]
    assert "other" in kinds_in(cancelling)


@pytest.mark.parametrize(
    "action",
    [
        "The Council will waive the £240 in arrears on Mrs J’s account.",
        "It will write off £95 of court costs and reduce the bill by £150.",
        "It has cancelled the £80 charge and removed the £40 late fee.",
        "The Council will remit £95 of the charge.",
    ],
)
def test_amounts_waived_cancelled_or_reduced_stay_other(action):
    assert payments_in(action) == []
    assert kinds_in(action) == ["other"]


def test_a_total_broken_down_in_the_next_sentence_keeps_the_parts_with_their_purposes():
    action = (
        "The Council will pay Mr N £700. This is made up of £500 for the anxiety the delay "
        "caused him and £200 for his time and trouble in pursuing the complaint."
    )
    assert payments_in(action) == [
        (Decimal("500"), "distress"),
        (Decimal("200"), "time and trouble"),
    ]


@pytest.mark.parametrize(
    "action",
    [
        "It will pay Ms W £620, comprising £400 for lost respite and £220 for time and trouble.",
        "It will pay Ms W £620, consisting of £400 for lost respite and £220 for time and trouble.",
        "It will pay Ms W £620, being £400 for lost respite and £220 for time and trouble.",
        "It will pay Ms W £620, of which £400 is for lost respite and £220 for time and trouble.",
        "It will pay Ms W £620, split as £400 for lost respite and £220 for time and trouble.",
    ],
)
def test_a_total_and_its_breakdown_count_once_whatever_the_wording(action):
    assert payments_in(action) == [
        (Decimal("400"), "loss of service"),
        (Decimal("220"), "time and trouble"),
    ]


def test_a_breakdown_that_does_not_add_up_leaves_the_total_alone():
    action = (
        "The Council will pay Mrs P £900. This is made up of £500 for the missed care and "
        "£300 for her distress."
    )
    assert payments_in(action) == [(Decimal("900"), "")]


def test_money_already_refunded_by_the_body_is_a_payment_beside_the_agreed_one():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [
            (
                "What I found",
                "The Council has since apologised to Mr E and refunded the £45 he paid.",
            ),
            ("Agreed action", "The Council will pay Mr E £150 for his distress."),
        ],
    )
    assert [(r.kind, r.amount) for r in found.remedies] == [
        ("apology", None), ("payment", Decimal("150")), ("payment", Decimal("45"))]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council has now apologised to Mr B.", "apology"),
        ("The Council will be apologising to Mrs C in writing.", "apology"),
        ("The Council has reconsidered Ms H’s application.", "reassessment"),
        ("The Council is to reassess Mr T’s needs by the end of May.", "reassessment"),
        ("The Council will carry out a fresh assessment of the garden.", "reassessment"),
        ("The Council will review its decision on Mr V’s banding.", "reassessment"),
        ("The Council will look again at Miss O’s request for transport.", "reassessment"),
        ("The Council will remind its enforcement officers to record each visit.",
         "service_improvement"),
        ("The Council has reminded the officer concerned of the need to reply.",
         "service_improvement"),
        ("The Council will review how it handles requests for adaptations.", "service_improvement"),
        ("The Council has since changed the way it logs missed collections.",
         "service_improvement"),
        ("The Council will share the learning from this case with its housing team.",
         "service_improvement"),
        ("The Council will update the template letters it sends to landlords.",
         "service_improvement"),
        ("The Council will issue guidance to its benefits team on backdating.",
         "service_improvement"),
        ("The Council will put in place a checklist for new placements.", "service_improvement"),
        ("The Council will hold a briefing for its assessors on the duty.", "service_improvement"),
        ("The Council will check that its contractors record every missed bin.",
         "service_improvement"),
        ("The Council will arrange for the outstanding works to be finished.", "other"),
        ("The Council has completed the remedial works to the ramp.", "other"),
        ("The Council has updated Mrs Z’s records to show the correct date.", "other"),
        ("The Council has added Mr G’s address back onto the assisted collection list.", "other"),
        ("The Council will install a handrail at the property.", "other"),
        ("The Council will provide Miss A with a breakdown of the charges.", "other"),
    ],
)  # fmt: skip
def test_remedy_kinds_are_read_in_other_verb_forms_and_without_the_word_procedure(sentence, kind):
    # Stated in the section that weighs the case, not the one for remedies, and in the tense
    # the writer chose: the sentence itself has to read as a remedy.
    assert kind in kinds_in(sentence, heading="Analysis")


def test_a_remedy_done_before_the_decision_and_called_suitable_counts():
    text = (
        "Before we became involved the Council had apologised to Mr J, reminded its staff of "
        "the timescales and put his name back on the waiting list. That was a suitable remedy."
    )
    assert kinds_in(text, heading="Analysis", outcome="Closed after initial enquiries") == [
        "apology", "other", "service_improvement"]  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "The Council reviewed her case in 2021 and refused to change the banding.",
        "In 2022 the Council had reconsidered Mrs F’s application and turned it down again.",
        "The officer reminded Mr Q that the bins must be out by 7am.",
        "The Council installed the stairlift in March, two months late.",
        "Ms K says the Council should apologise and train its staff.",
        "The Council cancelled Mr L’s care package in 2020.",
    ],
)
def test_the_same_verbs_in_the_facts_are_not_remedies(sentence):
    assert kinds_in(sentence, heading="What happened") == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council has agreed to consider Mr U’s request for a grant afresh.", "reassessment"),
        ("The Council has since reopened Mrs S’s application.", "reassessment"),
        ("The Council will re-examine Miss Y’s entitlement from April 2023.", "reassessment"),
        ("The Council will arrange a fresh independent investigation at stage two.",
         "reassessment"),
        ("The Council has restored Mr W to the priority band it placed him in.", "other"),
        ("The Council will arrange for its contractor to clear the drain.", "other"),
    ],
)  # fmt: skip
def test_reassessments_and_other_actions_in_further_wordings(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


# --- further verb forms, actions already taken and general commitments (issue 16) ---------------
# Our own sentences, none taken from the blind set: reassessments in further verb forms, what the
# body had already done before or during the investigation, service improvements put as general
# commitments, and practical actions; then the same verbs in the facts, refused or asked for.


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council will look at Mr R’s request for a parking bay again.", "reassessment"),
        ("The Council has agreed to reconsider whether Ms P qualifies for help.", "reassessment"),
        ("The Council will recalculate Mrs D’s contribution from the date she moved.",
         "reassessment"),
        ("The Council will decide the question of Mr F’s school place afresh.", "reassessment"),
        ("The Council will carry out a review of its decision to end the placement.",
         "reassessment"),
        ("The Council will make sure its housing officers reply within ten days.",
         "service_improvement"),
        ("The Council will remind its team that letters must give appeal rights.",
         "service_improvement"),
        ("The Council will ensure that its contractors photograph each repair.",
         "service_improvement"),
        ("The Council will look at how it records calls from tenants.", "service_improvement"),
        ("The Council will collect the garden waste bin from Mr N’s drive.", "other"),
        ("The Council will arrange for its housing surveyor to visit Mrs B.", "other"),
        ("The Council will carry out the works to the boundary wall by June.", "other"),
        ("The Council will write to Mr H to explain how it worked out the charge.", "other"),
    ],
)  # fmt: skip
def test_remedy_kinds_in_further_verb_forms_and_general_commitments(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council has since apologised to Mrs L for the delay.", "apology"),
        ("It had already written to Mr V to apologise for the missed visits.", "apology"),
        ("During our investigation it has put Ms E back on the housing register.", "other"),
        ("The Council has fixed the faulty door entry system at the block.", "other"),
        ("It has since reminded its officers to check the file before replying.",
         "service_improvement"),
    ],
)  # fmt: skip
def test_actions_the_body_had_already_taken_are_remedies(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")
    assert kind in kinds_in(sentence, heading="Analysis", outcome="Closed after initial enquiries")


def test_a_remedy_sentence_that_asks_the_complainant_for_something_still_counts():
    text = "The Council will reconsider Mr A’s application and will ask him for his payslips."
    assert kinds_in(text, heading="Analysis") == ["reassessment"]


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2021 the Council reviewed her case and refused to move her up the list.",
        "Ms X asked the Council to apologise and to reconsider its decision.",
        "The Council says it will not reconsider the application.",
        "The Council has refused to apologise to Mr T.",
        "The Council would not look at the request again.",
        "Mrs W wants the Council to make sure its staff are trained.",
        "The crew collected the bin late and the Council fixed the lid in May.",
        "The Council recalculated Mr J’s bill in 2022 and wrote to him to explain it.",
        # The Ombudsman's own acts, or what would gain nothing, are not the body's remedies.
        "There is nothing to be gained by reinvestigating what the Council has already upheld.",
        "We will reconsider the complaint if Mr B sends the evidence he has already collected.",
        "There is no point in reassessing the matters the Council has already decided.",
    ],
)
def test_the_same_verbs_in_the_facts_refused_or_asked_for_are_not_remedies(sentence):
    assert kinds_in(sentence, heading="What happened") == []
    assert kinds_in(sentence, heading="Analysis") == []


# --- staff spoken to, suppliers told, panels, recalculations, items sent (issue 16) -------------
# Our own sentences again: further kinds of wording, and when the body had already put things right.


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The team leader has spoken to the driver about the missed round.", "service_improvement"),
        ("The Council has asked its contractor to photograph every repair it signs off.",
         "service_improvement"),
        ("The Council will check the register whenever a tenant reports a leak.",
         "service_improvement"),
        ("The Council will recalculate Mr D’s housing benefit entitlement.", "reassessment"),
        ("The Council will convene an appeal panel to hear Mrs A’s case.", "reassessment"),
        ("The Council will escalate Mr P’s complaint to stage three.", "reassessment"),
        ("The Council will then decide, with the new evidence, whether the hedge is a nuisance.",
         "reassessment"),
        ("The Council will monitor Miss E’s collections for six weeks.", "other"),
        ("The Council has added a flag to Mr C’s account so staff know to call first.", "other"),
        ("The Council has sent Mrs F a replacement food caddy.", "other"),
        ("We recommend the care provider reviews its contract terms for respite stays.",
         "service_improvement"),
    ],
)  # fmt: skip
def test_remedy_kinds_in_wordings_of_staff_suppliers_panels_and_items(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Council recalculated the charges and sent Mr O a bill for £310.",
        "Mrs J says the Council should have decided whether to prosecute.",
        "Ms T asked the Council to escalate her complaint to stage three.",
    ],
)
def test_those_wordings_in_the_facts_or_asked_for_are_not_remedies(sentence):
    assert kinds_in(sentence, heading="What happened") == []


def test_money_the_complainant_has_already_paid_does_not_make_a_remedy_already_given():
    found = findings_of(
        "Upheld", "The Council will refund the £60 Mrs J has already paid and apologise."
    )
    assert not found.already_remedied


def test_the_investigator_judging_the_remedy_recommended_is_not_a_remedy_already_given():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [("Analysis", "I consider an apology and the steps below are a proportionate remedy.")],
    )
    assert not found.already_remedied


def test_steps_the_body_took_and_called_proportionate_are_a_remedy_already_given():
    found = findings_of(
        "Closed after initial enquiries - no further action",
        "We will not investigate Mr K’s complaint about a missed collection.",
        [("Assessment", "The Council has added a note to Mr K’s file and has sent him a new bin. "
                        "These are proportionate steps to put right what went wrong.")],
    )  # fmt: skip
    assert found.already_remedied
    assert sorted({r.kind for r in found.remedies}) == ["other"]


def test_what_the_body_did_before_it_is_called_a_suitable_remedy_is_read_from_the_facts():
    found = findings_of(
        "Closed after initial enquiries - no further action",
        "We will not investigate. The Council has already apologised and refunded the fee, "
        "which is a suitable remedy.",
        [("Assessment", "In its stage two reply the Council apologised, put Mrs R back on the "
                        "rota and refunded the £80 she had been charged twice.")],
    )  # fmt: skip
    assert found.already_remedied
    assert [(r.kind, r.amount, r.purpose) for r in found.remedies] == [
        ("apology", None, ""),
        ("payment", Decimal("80"), "refund"),
        ("other", None, ""),
    ]


def test_what_the_body_paid_in_the_facts_is_no_remedy_where_nothing_was_already_put_right():
    found = findings_of(
        "Upheld",
        "The Council was at fault. It will apologise to Mr X and pay him £100 for his distress.",
        [("What happened", "In 2019 the Council paid Mr X £20 for a broken bin.")],
    )
    assert [(r.kind, r.amount) for r in found.remedies] == [
        ("apology", None), ("payment", Decimal("100"))]  # fmt: skip


def test_a_payment_for_care_that_should_have_been_received_is_for_loss_of_service():
    found = findings_of(
        "Upheld", "The Council will pay Mrs V £600 to reflect the support she should have received."
    )
    assert [(r.amount, r.purpose) for r in found.remedies] == [(Decimal("600"), "loss of service")]


# --- kinds of miss the second blind set showed (issue 16), in our own wording ------------------


def test_a_title_with_commas_inside_its_brackets_is_read_whole():
    text = "Notices are governed by the Street Works (Charges, Fees and Penalties) (England) " \
        "Regulations 2011."  # fmt: skip
    assert extract_citations(text) == (
        Citation("Street Works (Charges, Fees and Penalties) (England) Regulations 2011", ""),
    )


def test_a_section_after_as_amended_is_the_acts_too_and_its_bracketed_letter_its_own():
    text = "(Local Government Act 1974, section 26(1), as amended, section 34(B))"
    assert extract_citations(text) == (
        Citation("Local Government Act 1974", "26(1)"),
        Citation("Local Government Act 1974", "34B"),
    )


def test_an_abbreviated_section_straight_before_the_title_is_read():
    text = "It is excluded by Schedule 5 or s26(6) Local Government Act 1974."
    assert Citation("Local Government Act 1974", "26(6)") in extract_citations(text)


def test_a_payment_without_a_figure_for_a_failure_to_meet_needs_is_for_loss_of_service():
    found = findings_of("Upheld", "The Council has agreed to apologise and make a payment to "
                        "recognise its failure to meet Mr D’s care needs.")  # fmt: skip
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (None, "loss of service")]  # fmt: skip


@pytest.mark.parametrize(
    ("summary", "payments"),
    [
        ("Apologising and making a symbolic payment to Ms A would remedy her frustration.",
         [(None, "distress")]),
        ("The Council agreed to issue a refund and make a payment for the avoidable distress "
         "Mr X suffered.", [(None, "refund"), (None, "distress")]),
        ("We asked the Council to remedy the injustice by making a payment of £400 to Mrs Q.",
         [(Decimal("400"), "")]),
        ("Mrs Q asked the Council to make a payment of £400.", []),
        ("Mrs Q asked the Council for a refund.", []),
    ],
)  # fmt: skip
def test_payments_stated_in_the_summary_without_figures_or_asked_for_by_us(summary, payments):
    found = findings_of("Upheld", summary)
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == payments


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council will implement improvements to its complaints service.",
         "service_improvement"),
        ("The Council will address the failings in its handling of adaptation requests.",
         "service_improvement"),
        ("The Council has spoken to staff about recording calls.", "service_improvement"),
        ("The Council will arrange suitable temporary accommodation for Ms G.", "other"),
    ],
)  # fmt: skip
def test_improvements_in_general_words_and_services_arranged(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


def test_what_an_officer_recommended_in_the_facts_is_no_remedy():
    found = findings_of(
        "Upheld", "Mr B complained the Council did not make adaptations an occupational "
        "therapist recommended. The Council will apologise.")  # fmt: skip
    assert sorted({r.kind for r in found.remedies}) == ["apology"]


def test_a_closed_decision_where_the_body_has_since_apologised_was_already_remedied():
    found = findings_of(
        "Closed after initial enquiries",
        "We will not investigate. The Council has since apologised to Mr V and there is "
        "insufficient remaining injustice to justify our involvement.",
    )
    assert found.already_remedied
    assert found.reason_not_investigated == "not_enough_injustice"


@pytest.mark.parametrize(
    ("action", "payments"),
    [
        # "his benefit" is his good, not a state benefit: the part after it is still paid.
        ("The Council will pay Mrs E £900. This is made up of £700 for the tuition Z missed, to be "
         "used for his benefit, and £200 for her distress.",
         [(Decimal("700"), "loss of service"), (Decimal("200"), "distress")]),
        ("The Council will pay Mr J the £640 it owes him for the support he paid for himself.",
         [(Decimal("640"), "refund")]),
        ("The Council will pay Ms R £200 a month for the four months of respite she missed, a "
         "total of £800.", [(Decimal("800"), "loss of service")]),
        ("If the review panel finds Mrs D should have had a place on the bus, the Council will "
         "reimburse her reasonable travel costs.", [(None, "refund")]),
        ("The Council will stop Mr P’s housing benefit of £95 a week from April.", []),
    ],
)  # fmt: skip
def test_payments_in_further_wordings(action, payments):
    assert payments_in(action) == payments


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council will hold C’s annual review within six weeks.", "reassessment"),
        ("The Council will carry out an anti-social behaviour case review with the police.",
         "reassessment"),
        ("The Council has agreed to make a change to its decision letters.", "service_improvement"),
        ("The Council will update its council tax web page to explain discounts.",
         "service_improvement"),
        ("The Council has corrected the report it shared with the school.", "other"),
    ],
)  # fmt: skip
def test_reviews_held_and_changes_named_as_nouns(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


@pytest.mark.parametrize(
    ("outcome", "text"),
    [
        ("Upheld", "The panel will consider the evidence and give full written reasons."),
        ("Upheld", "It will send us a copy."),
        ("Upheld", "Councils must make suitable arrangements for pupils to travel to school."),
        ("Closed after initial enquiries", "The Council is better placed to put things right "
         "if it finds it was at fault, for example by looking again at the decision."),
        ("Closed after initial enquiries", "It would be premature to investigate before the "
         "Council has completed its review of the assessment."),
    ],
)  # fmt: skip
def test_what_might_be_done_or_is_asked_of_others_is_no_remedy(outcome, text):
    assert kinds_in(text, heading="Analysis", outcome=outcome) == []


def test_a_remedy_added_to_the_bodys_own_is_not_already_given_but_the_bodys_part_counts():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [
            ("Analysis", "At stage two the Council apologised to Mr F, corrected his record and "
                         "paid him £100. It also changed its letter template. That was a suitable "
                         "remedy as far as it went, but it does not reflect the whole injustice."),
            ("Agreed action", "The Council will pay Mr F a further £200 for his distress."),
        ],
    )  # fmt: skip
    assert not found.already_remedied
    kinds = sorted({r.kind for r in found.remedies})
    assert kinds == ["apology", "other", "payment", "service_improvement"]
    assert sorted(r.amount for r in found.remedies if r.kind == "payment") == [100, 200]


def test_what_the_body_also_did_before_the_complaint_came_to_us_is_part_of_its_remedy():
    found = findings_of(
        "Closed after initial enquiries - no further action",
        "We will not investigate, because the Council has already put matters right.",
        [("Assessment", "Before Mr T came to us the Council apologised and refunded the £60 fee. "
                        "It also reminded its cashiers to check for duplicate payments.")],
    )  # fmt: skip
    assert found.already_remedied
    assert sorted({r.kind for r in found.remedies}) == [
        "apology", "payment", "service_improvement"]  # fmt: skip


# --- kinds of miss the third blind set showed (issue 16), in our own wording -------------------


@pytest.mark.parametrize(
    ("action", "payments"),
    [
        ("The Council will pay Mr F £300 a month for the five months he went without respite "
         "(£1,500 in total).", [(Decimal("1500"), "loss of service")]),
        ("The Council will credit Mrs K’s account with £90 for the visits that were missed.",
         [(Decimal("90"), "refund")]),
        ("The Council will refund the £200 deposit and the overpaid charges of £1,310.50.",
         [(Decimal("200"), "refund"), (Decimal("1310.50"), "refund")]),
        ("The Council will pay Mr B £400. This replaces the £150 it offered earlier.",
         [(Decimal("400"), "")]),
        ("The Council will pay Ms H £800 to make up the wages she lost.",
         [(Decimal("800"), "refund")]),
        ("The Council will change its booking system so that residents get a receipt when they "
         "pay.", []),
    ],
)  # fmt: skip
def test_payments_by_rate_credit_overpaid_charge_replaced_offer_and_lost_wages(action, payments):
    assert payments_in(action) == payments


def test_an_offer_the_complainant_refused_is_no_payment():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [("Analysis", "At stage two the Council offered Mr B £150, which he refused."),
         ("Agreed action", "The Council will pay Mr B £400 for his distress.")],
    )  # fmt: skip
    assert [r.amount for r in found.remedies if r.kind == "payment"] == [Decimal("400")]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The Council will reopen the file if Mr S provides the missing invoices.", []),
        ("The Council will complete the repairs and review its repairs policy.",
         ["other", "service_improvement"]),
        ("The Council will pay the backdated award of £600.", ["payment"]),
        ("The Council will offer Mr Y a new appeal hearing.", ["reassessment"]),
        ("The Council will update how it records missed bins.", ["service_improvement"]),
        ("The Council has added a weekly check of its register.", ["service_improvement"]),
        ("The Council will tell Mr and Mrs W in writing whether it considers the noise a "
         "statutory nuisance.", ["reassessment"]),
    ],
)  # fmt: skip
def test_conditional_joined_adjectival_and_noun_wordings_read_as_their_kind(sentence, kinds):
    assert kinds_in(sentence, heading="Analysis") == kinds


@pytest.mark.parametrize(
    "text",
    [
        "The Council has already cancelled the fine, but it has not refunded the fee.",
        "The Council has already agreed not to charge the fee.",
    ],
)
def test_a_partial_step_or_an_agreement_is_not_a_remedy_already_given(text):
    found = findings_of("Upheld", "The Council was at fault.", [("Analysis", text)])
    assert not found.already_remedied


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        ("(Local Government Act 1974, section 26(6)(a) and (c), as amended)",
         ["26(6)(a)", "26(6)(c)"]),
        ("See section 26A(1) and (2) of the Local Government Act 1974.", ["26A(1)", "26A(2)"]),
    ],
)  # fmt: skip
def test_a_bracket_alone_after_and_is_a_further_subsection(text, sections):
    assert [c.section for c in extract_citations(text)] == sections


# --- kinds of miss the fourth blind set showed (issue 16), in our own wording ------------------


def test_an_allowance_that_should_have_been_received_is_money_lost():
    assert payments_in(
        "The Council will pay Mrs G £2,150, being the allowance she should have received since May."
    ) == [(Decimal("2150"), "refund")]


def test_an_amount_named_in_passing_leaves_the_purpose_to_the_one_paid():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [("What happened", "It paid Mr P £100 for his time and trouble."),
         ("Agreed action", "The Council will pay Mr P a further £300, on top of the £100 it has "
                           "already paid, to acknowledge his distress.")],
    )  # fmt: skip
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (Decimal("300"), "distress"), (Decimal("100"), "time and trouble")]  # fmt: skip
    assert not found.already_remedied  # the agreed action still pays more


@pytest.mark.parametrize(
    "text",
    [
        "Whether £200 is a fair offer is a matter for the Housing Ombudsman.",
        "She says the Council offered her £300, which she considers far too low.",
    ],
)
def test_an_offer_weighed_or_thought_too_low_is_no_payment(text):
    found = findings_of("Closed after initial enquiries", "We will not investigate.",
                        [("Assessment", text)])  # fmt: skip
    assert [r for r in found.remedies if r.kind == "payment"] == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council will not seek to recover the overpayment from Mr L.", "other"),
        ("The Council will issue a reminder to its planning officers about site notices.",
         "service_improvement"),
        ("The Council will review how many applications it decided late last year.",
         "service_improvement"),
        ("The Council will set out to us what action it will take to clear the backlog.",
         "service_improvement"),
        ("The Council will approach the landlord to ask whether he will repair the fence.",
         "other"),
        ("The Council will issue the grant approval within two weeks.", "other"),
        ("The Council will consider and decide whether to take enforcement action.",
         "reassessment"),
    ],
)  # fmt: skip
def test_remedy_kinds_in_the_fourth_sets_kinds_of_wording(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


def test_a_date_already_corrected_is_a_remedy_already_given():
    found = findings_of(
        "Upheld: maladministration, no injustice",
        "The Council was at fault.",
        [("Agreed action", "The Council has already corrected Mr V’s priority date.")],
    )
    assert found.already_remedied
    assert [r.kind for r in found.remedies] == ["other"]


def test_matters_in_ongoing_care_proceedings_are_out_of_jurisdiction():
    summary = "We will not investigate, as the matters are part of care proceedings in the court."
    found = findings_of("Closed after initial enquiries", summary)
    assert found.reason_not_investigated == "out_of_jurisdiction"


def test_a_code_of_practice_named_after_its_act_is_not_the_act():
    text = ("The Mental Capacity Act 2005 Code of Practice says so. Section 1 of the Mental "
            "Capacity Act 2005 sets out the principles.")  # fmt: skip
    assert extract_citations(text) == (Citation("Mental Capacity Act 2005", "1"),)
    assert extract_citations("See the Mental Capacity Act 2005 Code of Practice.") == ()


# --- kinds of miss the fifth blind set showed (issue 16), in our own wording -------------------


@pytest.mark.parametrize(
    ("action", "payments"),
    [
        ("The Council will pay Mrs D £180. This is to recognise the time and effort she spent "
         "chasing the repair.", [(Decimal("180"), "time and trouble")]),
        ("To recognise that worry, the Council will pay Mr K £200.",
         [(Decimal("200"), "distress")]),
        ("The Council will pay £250 to Mr B and £250 to Mrs B for their distress.",
         [(Decimal("250"), "distress"), (Decimal("250"), "distress")]),
        ("The Council will pay Ms N £150 to recognise the strain this placed on her.",
         [(Decimal("150"), "distress")]),
        ("The Council will pay Mr F £30 for each missed visit.", [(Decimal("30"), "")]),
        ("The Council will pay Mr F £30 for each of the 10 missed visits (£300) to recognise the "
         "care he went without.", [(Decimal("300"), "loss of service")]),
        ("The Council will write to other tenants in the block and refund any charges they were "
         "charged.", []),
    ],
)  # fmt: skip
def test_payments_with_purposes_put_apart_shared_or_by_rate(action, payments):
    assert payments_in(action) == payments


def test_a_refund_the_body_had_asked_its_agents_to_make_counts():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [("Analysis", "When Mr V complained, it asked the agents to refund the £210 in fees he "
                      "had paid."),
         ("Agreed action", "The Council has already apologised and refunded the fees. It will "
                           "pay Mr V £100 for his time and trouble.")],
    )  # fmt: skip
    assert sorted(r.amount for r in found.remedies if r.kind == "payment") == [100, 210]
    assert not found.already_remedied


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Council will confirm in writing that the therapy is now being delivered.", "other"),
        ("The Council has also issued her badge.", "other"),
        ("The Council will arrange short breaks for C in line with his plan.", "other"),
        ("The Council will give written guidance to its fostering team on uplifts.",
         "service_improvement"),
        ("The Council will review, within three months, how defects are added to its programme.",
         "service_improvement"),
        ("The Council will start a new section 42 enquiry into the concerns.", "reassessment"),
    ],
)  # fmt: skip
def test_remedy_kinds_in_the_fifth_sets_kinds_of_wording(sentence, kind):
    assert kind in kinds_in(sentence, heading="Analysis")


def test_arranging_a_fresh_therapy_assessment_is_a_reassessment_only():
    kinds = kinds_in("The Council will arrange a fresh occupational therapy assessment.")
    assert kinds == ["reassessment"]


# --- hostile text is read, and read sensibly (issue 16: linear time) ---------------------------
# Timing lives in scripts/bench_extraction.py (`make bench-findings`); these check what comes out.

HOSTILE_SIZE = 20_000


def repeated(unit: str, size: int = HOSTILE_SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize(
    "text",
    [
        repeated("Act of Parliament and Regulations of Council and Order of State "),
        repeated("Local Government Act and Care Act of "),
        repeated("Care (Health and Social) of Local Act "),
        "A" * HOSTILE_SIZE,
        repeated("AbC-"),
        repeated("(Care (of (Local "),
        repeated("£"),
    ],
)
def test_hostile_capitals_without_a_year_cite_nothing(text):
    assert extract_citations(text) == ()


def test_a_title_before_a_long_run_of_capitals_is_the_only_citation():
    text = "The Housing Act 1996 " + repeated("of Foo and Bar and Baz ")
    assert extract_citations(text) == (Citation("Housing Act 1996", ""),)


def test_a_long_run_of_capitals_before_a_title_is_read_as_one_name():
    run = "Foo and Bar of " * (HOSTILE_SIZE // 15)
    assert extract_citations(run + "Care Act 2014") == (Citation(f"{run}Care Act 2014", ""),)


def test_titles_among_provision_lists_are_each_read():
    unit = "s1, s2 of the Foo Act 1996 and Part 7 of the Bar Act 2004. "
    found = extract_citations(repeated(unit))
    assert found == (
        Citation("Foo Act 1996", "1"),
        Citation("Foo Act 1996", "2"),
        Citation("Bar Act 2004", "Part 7"),
    )


# Pieces of text around titles: title ends and years, the breaks the title reader restarts
# after (full stops, "etc.", semicolons, colons), brackets, joiners and capitals.
TITLE_PIECES = ["Act", "Regulations", "Order", "Rules", "1974", "2014", " ", " ", ".", "etc",
                "etc.", "(", ")", ",", "and", "of", "the", "Local", "\n", ";", ":", "B", "s.26",
                "Care", "ContAct", "(Regulated Activities)", "The", "’s", "-", "Mr X"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(pieces=st.lists(st.sampled_from(TITLE_PIECES), max_size=40))
def test_titles_read_from_the_breaks_before_title_ends_are_those_of_every_run(pieces):
    """_titles reads only the runs before each title end, from the last break before it: it
    must find what trying ACT at the start of every run of the text finds."""
    from decisions.extraction import citations

    def every_run(text: str) -> list[re.Match]:
        found, end = [], 0
        for run in citations.RUN.finditer(text):
            start = run.start()
            if start < end or not text.endswith(citations._TITLE_ENDS, start, run.end()):
                continue
            inside_a_word = start and text[start - 1].isalnum()
            if inside_a_word and (first := citations.FIRST_PIECE.match(text, start)):
                start = first.end()
            if match := citations.ACT.match(text, start):
                end = match.end()
                found.append(match)
        return found

    text = "".join(pieces)
    spans = [(m.span(), m.groups()) for m in citations._titles(text)]
    assert spans == [(m.span(), m.groups()) for m in every_run(text)]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        (repeated("£"), []),
        ("The Council will pay £" + "1" * HOSTILE_SIZE + "k.", []),
        ("The Council will pay £1" + repeated(",000", HOSTILE_SIZE) + "m.", []),
        ("The Council will pay £1." + "5" * HOSTILE_SIZE + "k.", []),  # £1.5…k: thousands
        (repeated("The Council will pay £1 and £2, "), [Decimal("1"), Decimal("2")]),
    ],
)
def test_hostile_amounts_are_read_as_the_short_ones_are(text, amounts):
    found = findings_of("Upheld", "The Council was at fault.", [("Agreed action", text)])
    assert [r.amount for r in found.remedies if r.kind == "payment"] == amounts


def test_thousands_of_distinct_amounts_are_each_a_payment_but_the_one_total():
    # £1 … £N in one sentence: only £3 is the sum of amounts next to it (£1 + £2); any later
    # £k is less than the two before it together (2k - 3) and than any after it.
    count = 2_000
    text = "The Council will pay " + " ".join(f"£{i}" for i in range(1, count + 1)) + "."
    found = findings_of("Upheld", "The Council was at fault.", [("Agreed action", text)])
    expected = [Decimal(i) for i in range(1, count + 1) if i != 3]
    assert [r.amount for r in found.remedies if r.kind == "payment"] == expected


def test_a_reason_after_a_long_sentence_without_a_stop_is_read():
    text = (
        repeated("the council looked at the file and wrote to Mr X ") + " as the complaint is late."
    )
    found = findings_of("Closed after initial enquiries - no further action", text, [])
    assert found.reason_not_investigated == "out_of_time"


# --- linear work, counted -------------------------------------------------------------------
# Every reader of a decision's text does work in proportion to it: counted as the Python and
# built-in calls it makes (sys.setprofile), so no wall clock decides. A reader that searched
# again from every position, or looped over every pair of amounts or lines, would make about
# sixteen times the calls on four times the text; a linear one makes about four times.
# (Backtracking inside one regular-expression call is not counted here: the benchmark,
# scripts/bench_extraction.py, times each reader on the same kinds of text up to 1 MB.)

import sys  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from decisions.extraction.reasons import reason_not_investigated  # noqa: E402
from decisions.extraction.remedies import extract_remedies  # noqa: E402
from decisions.search.similar import distinctive_words  # noqa: E402

SMALL, LARGE = 25_000, 100_000
LINEAR_WITHIN = 6  # the calls on LARGE at most this many times those on SMALL
PARSED_FILE_HEADER = (
    "Wrenmoor District Council (21 000 001)\nCategory : Adult care services > Charging\n"
    "Decision : Upheld\nDecision date : 14 Mar 2022\nThe Ombudsman's final decision:\n"
    "Summary: The Council delayed the review.\nThe complaint\n"
)


def _cut(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_prose(size: int) -> dict[str, str]:
    return {
        "capitals joined by of/and": _cut("Act of Parliament and Regulations of Council ", size),
        "amounts in one sentence": "pay " + " ".join(f"£{i}" for i in range(1, size))[:size],
        "section numbers": "sections " + ", ".join(str(i) for i in range(1, size))[:size],
        "sentences": _cut("The Council will pay Mr X £300 and apologise as it was late. ", size),
    }  # fmt: skip


def hostile_files(size: int) -> dict[str, str]:
    sentence = "The Council will pay Mr X £300 (Care Act 2014, section 14). "
    lines = [f"{'.'.join(['1'] * (n % 60 + 1))}. {sentence}" for n in range(size // 100)]
    return {
        "one long line": PARSED_FILE_HEADER + _cut(sentence, size),
        "nested numbering": PARSED_FILE_HEADER + "\n".join(lines),
        "list lines": PARSED_FILE_HEADER + "\n".join(f"- item {n};" for n in range(size // 12)),
        "spaces above the reference": "a" + " " * size + "(b)\n" + PARSED_FILE_HEADER + "- x",
    }


def prose_readers(text: str) -> dict:
    paragraphs = [{"text": text, "marker": "-", "level": 0}]
    decision = SimpleNamespace(
        summary="", sections=[{"heading": "The complaint", "paragraphs": paragraphs}]
    )
    return {
        "citations": lambda: extract_citations(text),
        "remedies": lambda: extract_remedies({}, "", [("Agreed action", text)], fault_found=True),
        "reasons": lambda: reason_not_investigated("Closed after initial enquiries", text, []),
        "similar words": lambda: distinctive_words(decision),
    }


def calls_made(call) -> int:
    """How many Python functions and built-in functions `call` calls, all told."""
    count = 0

    def counted(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(counted)
    try:
        call()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("name", list(hostile_prose(100)))
def test_each_findings_reader_does_work_in_proportion_to_its_text(name):
    small = prose_readers(hostile_prose(SMALL)[name])
    large = prose_readers(hostile_prose(LARGE)[name])
    for reader in small:
        work = calls_made(small[reader]), calls_made(large[reader])
        assert work[1] <= LINEAR_WITHIN * max(work[0], 1), (reader, work)


@pytest.mark.parametrize("name", list(hostile_files(100)))
def test_the_parser_does_work_in_proportion_to_the_file(name):
    small = calls_made(lambda: parse_decision(hostile_files(SMALL)[name]))
    large = calls_made(lambda: parse_decision(hostile_files(LARGE)[name]))
    assert large <= LINEAR_WITHIN * small, (small, large)


def test_the_real_sample_decision_reads_as_a_person_would_read_it():
    """The one real decision in the repository (sample_data/): closed, no remedy of the body's
    (the Ombudsman declines to reinvestigate what the Council already upheld), the reason, and
    the two provisions it cites."""
    sample = Path(__file__).parent.parent / "sample_data" / "newham-20-003-494.txt"
    found = findings_of_file(sample)
    assert (found.remedies, found.already_remedied) == ((), False)
    assert found.reason_not_investigated == "unlikely_to_achieve_more"
    assert found.citations == (
        Citation("Local Government Act 1974", "24A(6)"),
        Citation("Local Government Act 1974", "34B(8)"),
    )


def test_sentences_end_at_a_line_end_or_after_a_full_stop_before_the_next_word():
    from decisions.extraction.wording import sentences

    text = "First line\r\n\nIt paid £100. It then apologised; and said so.  \n (Second) line.\n…"
    assert sentences([text, "", "One. Two"]) == [
        "First line", "It paid £100.", "It then apologised;", "and said so.", "(Second) line.",
        "…", "One.", "Two"]  # fmt: skip


def gold_sentences() -> list[str]:
    """Every sentence of every gold set and the real sample, as the remedies reader splits them."""
    from decisions.extraction.remedies import _sentences

    paths = [*Path(__file__).parent.glob("gold*/*.txt")]
    paths.append(Path(__file__).parent.parent / "sample_data" / "newham-20-003-494.txt")
    sentences = []
    for path in paths:
        parsed = parse_decision(path.read_bytes())
        texts = [parsed.summary] + [
            "\n".join(p.text for p in s.paragraphs) for s in parsed.sections
        ]
        sentences += _sentences(texts)
    return sentences


def test_each_gate_passes_every_sentence_its_pattern_matches():
    """A gated pattern skips text without its words: on every sentence of the gold sets it
    must find what the pattern alone finds."""
    from decisions.extraction import remedies

    gates = [v for v in vars(remedies).values() if isinstance(v, remedies.Gated)]
    assert len(gates) >= 3
    assert all(word == word.lower() for gate in gates for word in gate.words)
    sentences = gold_sentences()
    assert len(sentences) > 5_000
    for gate in gates:
        for sentence in sentences:
            assert bool(gate.search(sentence)) == bool(gate.pattern.search(sentence)), sentence
            assert len(list(gate.finditer(sentence))) == len(list(gate.pattern.finditer(sentence)))
        # The gate of many sentences at once answers as the gate of each.
        assert gate.could_match_each(sentences) == [gate.could_match(s) for s in sentences]


@pytest.mark.parametrize(
    "sentence",
    ["The Council HAS apologised.", "It haſ since apologised.", "It HAD reminded staff."],
)
def test_the_gate_of_what_the_body_has_done_passes_every_case_of_its_words(sentence):
    """IGNORECASE lets the long s stand for "s", and its lower case is itself: "haſ" must
    pass the gate as "has" does."""
    from decisions.extraction.remedies import DONE, _done

    assert DONE.pattern.search(sentence)
    assert DONE.could_match(sentence) and _done(sentence)


def test_the_gate_of_many_texts_answers_as_the_gate_of_each():
    """Texts joined to be searched at once: a word is not found across two of them, nor is one
    lost where a letter's lower case is longer than the letter ("İ")."""
    from decisions.extraction.wording import Gated

    gate = Gated(re.compile("unused"), ("remed", " is to ", "right"))
    texts = ["", "It is", "to be remedied.", "", "İİ put it right", "REMEDY", "no", "İs to "]
    assert gate.could_match_each(texts) == [gate.could_match(text) for text in texts]
    assert gate.could_match_each(texts) == [False, False, True, False, True, True, False, False]
    assert gate.could_match_each([]) == []


# --- an amount beside a benefit, a fee or a tax the body pays (issue 17, a tester's files) ----


@pytest.mark.parametrize(
    "action, payments",
    [
        (
            "The Council will pay Mr X the housing benefit he should have received and £150 "
            "for his time and trouble.",
            [(Decimal("150"), "time and trouble")],
        ),
        (
            "The Council will pay Ms W the outstanding housing benefit of £1,240 and £150 for "
            "her distress.",
            [(Decimal("1240"), ""), (Decimal("150"), "distress")],
        ),
        (
            "The Council will pay £1,500 for the benefit of Y’s education, and £250 to Mrs X "
            "for her distress.",
            [(Decimal("1500"), ""), (Decimal("250"), "distress")],
        ),
        (
            "The Council will pay £1,800 to Mrs X to be used for Y’s educational benefit, to "
            "acknowledge the lost education, and £300 for her distress.",
            [(Decimal("1800"), "loss of service"), (Decimal("300"), "distress")],
        ),
        (
            "The Council will pay the care home fees of £3,200 that Mrs Y incurred and pay Mr X "
            "£250 for his distress.",
            [(Decimal("3200"), ""), (Decimal("250"), "distress")],
        ),
        (
            "The Council will refund Mr X the council tax of £420 it wrongly took and pay him "
            "£100 for his distress.",
            [(Decimal("420"), "refund"), (Decimal("100"), "distress")],
        ),
        (
            "The Council will credit Mr X's council tax account with £200 for his distress.",
            [(Decimal("200"), "distress")],
        ),
    ],
)
def test_an_amount_the_body_pays_beside_a_benefit_fee_or_tax_it_also_pays_is_a_payment(
    action, payments
):
    assert payments_in(action) == payments


@pytest.mark.parametrize(
    "action",
    [
        "The Council charged Mr X fees of £300 for the care.",
        "The Council will pay Mr X £100 for his distress, and the care home fees of £3,000 "
        "remain due.",
        "The Council paid for the respite care, but Mr X was charged fees of £300.",
    ],
)
def test_a_fee_or_charge_the_paying_verb_does_not_govern_is_still_no_payment(action):
    assert all(amount not in (Decimal("300"), Decimal("3000")) for amount, _ in payments_in(action))


@pytest.mark.parametrize(
    "extra, kinds",
    [
        (
            {"Remedy": "Financial redress: Avoidable distress/time and trouble",
             "Service improvement": "Training"},
            ["payment", "service_improvement"],
        ),
        ({"Service improvement": "Procedure or policy change/review"},
         ["payment", "service_improvement"]),
        ({"Remedy": "Financial redress: Avoidable distress/time and trouble",
          "Service improvement": "None"}, ["payment"]),
    ],
)  # fmt: skip
def test_a_service_improvement_header_field_is_a_remedy_beside_the_remedy_field(extra, kinds):
    found = findings_of(
        "Upheld",
        "There was fault. The Council will pay £200.",
        [("Agreed action", "The Council will pay Mr J £200 for his distress.")],
        extra,
    )
    assert sorted({r.kind for r in found.remedies}) == kinds


def test_two_equal_payments_for_different_things_are_two_payments():
    action = (
        "The Council will:\n"
        "- pay Mrs F £200 to acknowledge the avoidable distress and uncertainty caused;\n"
        "- pay Mrs F £200 for the time and trouble she was put to in pursuing her complaint."
    )
    assert payments_in(action) == [
        (Decimal("200"), "distress"),
        (Decimal("200"), "time and trouble"),
    ]


def test_one_payment_stated_again_with_its_purposes_told_apart_is_one_payment():
    found = findings_of(
        "Upheld",
        "The Council will pay Mrs F £200 for her distress and time and trouble.",
        [("Agreed action", "The Council will pay Mrs F £200 for her distress and time and "
                           "trouble. The £200 is to acknowledge her distress.")],
    )  # fmt: skip
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (Decimal("200"), "distress and time and trouble")
    ]


def test_an_amount_with_one_figure_of_pence_is_read_whole():
    assert payments_in("The Council will pay Mr X £50.5 for his time and trouble.") == [
        (Decimal("50.5"), "time and trouble")
    ]


@pytest.mark.parametrize(
    "action",
    ["The Council will say sorry to Mr X.", "The Council will express its regret to Mrs Y."],
)
def test_saying_sorry_or_expressing_regret_is_an_apology(action):
    assert kinds_in(action) == ["apology"]


@pytest.mark.parametrize(
    "facts",
    [
        "The Council paid the care home £780 a week for Mrs R’s care.",
        "The Council failed to record a payment of £412 Mr P made.",
        "The Council refunded £500 to the care home in 2021.",
    ],
)
def test_money_in_the_facts_of_an_upheld_decision_is_no_payment(facts):
    found = findings_of(
        "Upheld",
        "There was fault by the Council. It has agreed to apologise and review its procedures.",
        [("What I found", facts),
         ("Agreed action", "The Council will apologise to Mrs R and review its procedures.")],
    )  # fmt: skip
    assert [r for r in found.remedies if r.kind == "payment"] == []
    assert {r.kind for r in found.remedies} >= {"apology", "service_improvement"}


@pytest.mark.parametrize(
    "heading", ["Recommended action", "Recommended actions", "Steps the Council has agreed to take"]
)
def test_a_recommended_action_section_holds_remedies_put_as_a_list(heading):
    action = (
        "- Apologise to Mr X.\n- Pay Mr X £150 for his time and trouble.\n- Review its procedures."
    )
    found = findings_of("Upheld", "The Council was at fault.", [(heading, action)])
    assert {r.kind for r in found.remedies} == {"apology", "payment", "service_improvement"}
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (Decimal("150"), "time and trouble")
    ]


@pytest.mark.parametrize(
    "action, payments",
    [
        ("The Council will pay Mrs B £50 a week for 12 weeks for the respite she missed.",
         [(Decimal("600"), "loss of service")]),
        ("It will pay Mr C £25 a week for the 30 weeks he was without support.",
         [(Decimal("750"), "loss of service")]),
        ("The Council will pay Ms R £1,050 for the 21 nights in bed and breakfast (£50 a night).",
         [(Decimal("1050"), "")]),
        ("The Council will pay Mr and Mrs H £300 each for their distress.",
         [(Decimal("300"), "distress"), (Decimal("300"), "distress")]),
        ("The Council will pay £100 to each of Mrs J’s three children for their distress.",
         [(Decimal("100"), "distress")] * 3),
        ("The Council will pay Mr T a further £100, making £250 in total.",
         [(Decimal("100"), "")]),
        ("The Council will consider whether to reimburse any of the £9,600 she paid.", []),
        ("The Council will decide Ms U’s application for a discretionary housing payment of "
         "£1,500.", []),
        ("The Council will cancel the £75 enforcement fees and credit his council tax account "
         "with £150 for his time and trouble.", [(Decimal("150"), "time and trouble")]),
    ],
)  # fmt: skip
def test_rates_people_paid_each_running_totals_and_sums_still_undecided(action, payments):
    assert payments_in(action) == payments


@pytest.mark.parametrize(
    "summary, reason",
    [
        ("We will not investigate because the Council has not yet sent its final response.",
         "premature"),
        ("We will not investigate. Mr X should first put his complaint to the Council.",
         "premature"),
        ("We will not investigate: the Council is still looking at her complaint.", "premature"),
        ("We will not investigate because Mrs Y did not complain to us within 12 months.",
         "out_of_time"),
        ("We will not investigate because Mr Z left it too long to complain.", "out_of_time"),
        ("We will not investigate. Mr K can appeal to the Planning Inspectorate.",
         "better_placed_elsewhere"),
        ("We will not investigate because the police are the appropriate body to consider this.",
         "better_placed_elsewhere"),
        ("We will not investigate because Mr D has not lost out in any significant way.",
         "not_enough_injustice"),
        ("We will not investigate as the delay did not affect Ms P enough.",
         "not_enough_injustice"),
    ],
)  # fmt: skip
def test_reasons_not_investigated_in_the_wordings_other_investigators_use(summary, reason):
    assert findings_of("Closed after initial enquiries", summary).reason_not_investigated == reason


@pytest.mark.parametrize(
    "action, payments",
    [
        ("The Council will reimburse the cost of the journeys Mr R paid for, £312 in total.",
         [(Decimal("312"), "refund")]),
        ("The Council will refund the respite charges, which Mrs A paid, of £640.",
         [(Decimal("640"), "refund")]),
        ("Mr U paid £55 for the permit. The Council will pay him £100 for his time and trouble.",
         [(Decimal("100"), "time and trouble")]),
    ],
)  # fmt: skip
def test_what_the_complainant_paid_is_a_payment_where_it_is_given_back(action, payments):
    assert payments_in(action) == payments


def test_a_payment_without_an_amount_stated_twice_once_with_its_purpose_is_one_payment():
    found = findings_of(
        "Upheld",
        "The Council has agreed to apologise and make a symbolic payment.",
        [("Agreed action", "The Council will make a symbolic payment to Mrs K to recognise her "
                           "frustration and distress.")],
    )  # fmt: skip
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (None, "distress")
    ]


@pytest.mark.parametrize(
    "action, kinds",
    [
        ("The Council will tell Mr S it is sorry for the delay.", ["apology"]),
        ("The Council will issue a briefing note to its social workers about carers’ "
         "assessments.", ["service_improvement"]),
        ("The Council will check whether it has charged any other people in the same way.",
         ["service_improvement"]),
    ],
)  # fmt: skip
def test_remedy_kinds_in_other_wordings(action, kinds):
    assert kinds_in(action) == kinds


def test_a_remedy_added_to_what_the_body_had_already_done_is_not_already_remedied():
    found = findings_of(
        "Upheld",
        "There was fault. In addition to the action it has already taken, the Council has "
        "agreed to apologise to Mrs Q and pay her £75.",
    )
    assert not found.already_remedied


def test_a_charge_the_body_has_since_cancelled_and_refunded_is_already_remedied():
    found = findings_of(
        "Not upheld",
        "The Council was not at fault. It has since cancelled the PCN and refunded the £35.",
    )
    assert found.already_remedied


def test_a_payments_purpose_ends_where_the_next_action_starts():
    action = ("The Council will pay £150 to Mrs L’s estate for the distress caused and refund the "
              "estate the £2,046 it overcharged.")  # fmt: skip
    assert payments_in(action) == [(Decimal("150"), "distress"), (Decimal("2046"), "refund")]
    plain = "The Council will pay £150 to Mrs L’s estate and refund the estate the £2,046."
    assert payments_in(plain) == [(Decimal("150"), ""), (Decimal("2046"), "refund")]


def test_without_a_remedy_section_the_summary_and_the_findings_give_every_payment_once():
    found = findings_of(
        "Upheld",
        "The Council was at fault. It has agreed to refund £310 in fees.",
        [("What I found", "The Council has agreed to refund the £310 fees and pay Miss Z £100 "
                          "for her time and trouble.")],
    )  # fmt: skip
    assert sorted((r.amount, r.purpose) for r in found.remedies if r.kind == "payment") == [
        (Decimal("100"), "time and trouble"), (Decimal("310"), "refund")
    ]  # fmt: skip
    parts = findings_of(
        "Upheld",
        "The Council was at fault. It has agreed to pay Miss Z £250.",
        [("What I found", "The Council will pay Miss Z £150 for her distress and £100 for her "
                          "time and trouble.")],
    )  # fmt: skip
    assert sorted((r.amount, r.purpose) for r in parts.remedies if r.kind == "payment") == [
        (Decimal("100"), "time and trouble"), (Decimal("150"), "distress")
    ]  # fmt: skip


def test_a_matter_a_court_is_now_considering_is_out_of_jurisdiction():
    summary = ("We will not investigate Mrs A’s complaint because the matter is now being "
               "considered by the family court in care proceedings.")  # fmt: skip
    assert findings_of("Closed after initial enquiries", summary).reason_not_investigated == (
        "out_of_jurisdiction"
    )


# --- faults found by the h31 tester -----------------------------------------------------------


@pytest.mark.parametrize(
    "fact",
    [
        "The Council paid Mrs W £95 a week instead of £128 a week for 60 weeks.",
        "The Council paid the care home £600 a week for 10 weeks while it assessed her.",
        "The Council had already paid the care home £2,400 for March when he moved out.",
        "The Council paid £450 to the nursing home for the respite week.",
    ],
)
def test_the_facts_money_at_a_rate_or_to_a_provider_is_no_payment_already_made(fact):
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [
            ("What I found", f"{fact} The Council has already apologised to Mrs W."),
            ("Agreed action", "The Council will pay Mrs W £250 for her distress."),
        ],
    )
    assert [(r.amount, r.purpose) for r in found.remedies if r.kind == "payment"] == [
        (Decimal("250"), "distress")]  # fmt: skip
    assert not found.already_remedied


def test_money_the_body_had_already_paid_a_provider_is_no_remedy_already_given():
    found = findings_of(
        "Upheld",
        "The Council was at fault.",
        [
            ("What I found", "The Council had already paid the care home £2,400 for March."),
            ("Agreed action", "The Council will apologise to Mrs X."),
        ],
    )
    assert [r.kind for r in found.remedies] == ["apology"]
    assert not found.already_remedied


@pytest.mark.parametrize(
    ("action", "payments"),
    [
        ("- pay Mr X £250 to acknowledge his distress;\n- pay Mrs X £250 to acknowledge her "
         "distress.", [(Decimal("250"), "distress")] * 2),
        ("The Council will pay Mr X £150 for his distress. It will also pay Mrs X £150 for her "
         "distress.", [(Decimal("150"), "distress")] * 2),
        ("The Council will pay Mr X £150 for his distress and a further £150 to his wife.",
         [(Decimal("150"), "distress")] * 2),
        ("The Council will pay Mr X £200 for his time and trouble.\n- The Council will pay his "
         "daughter, Ms Y, £200 for her time and trouble.",
         [(Decimal("200"), "time and trouble")] * 2),
        ("The Council will pay Mr X £200 for his distress. The Council will pay Mr X the £200 "
         "within a month.", [(Decimal("200"), "distress")]),
    ],
)  # fmt: skip
def test_the_same_amount_paid_to_two_people_named_is_two_payments(action, payments):
    assert payments_in(action.replace("\n", " ")) == payments


@pytest.mark.parametrize(
    ("action", "payments"),
    [
        ("The Council will: - refund the £300 Mrs Y was overcharged; - pay Mrs Y £200 for her "
         "distress; and - pay Mrs Y £100 for her time and trouble.",
         [(Decimal("300"), "refund"), (Decimal("200"), "distress"),
          (Decimal("100"), "time and trouble")]),
        # Paid for what its parts are paid for: still their total.
        ("The Council will pay Mrs Y £300 for her distress and time and trouble: £200 for her "
         "distress and £100 for her time and trouble.",
         [(Decimal("200"), "distress"), (Decimal("100"), "time and trouble")]),
    ],
)  # fmt: skip
def test_an_amount_paid_for_something_else_is_no_total_of_the_amounts_it_adds_up_to(
    action, payments
):
    assert payments_in(action) == payments


@pytest.mark.parametrize(
    "summary",
    [
        "This is because the report has been used in care proceedings, which are ongoing in the "
        "family court.",
        "This is because the matter is part of ongoing court proceedings.",
        "This is because the family court is currently considering the matter.",
        "This is because the matter is the subject of live court proceedings.",
        "This is because the Council has applied to the court for a care order and the case has "
        "not yet concluded.",
        "This is because the issue is being decided in the family court.",
        "This is because the courts are dealing with the matter.",
    ],
)
def test_a_court_case_under_way_in_other_words_is_out_of_jurisdiction(summary):
    found = findings_of("Closed after initial enquiries", f"We will not investigate. {summary}")
    assert found.reason_not_investigated == "out_of_jurisdiction"


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("We will not investigate Mrs D’s complaint about the care her late husband received. "
         "There is not enough evidence of fault.", "unlikely_to_achieve_more"),
        ("We will not investigate Mr X’s complaint about the Council’s late payment of his "
         "housing benefit. It is unlikely we would find fault.", "unlikely_to_achieve_more"),
        ("We will not investigate Mr X’s complaint about a statement the Council gave to the "
         "county court. We could not add to the Council’s own investigation.",
         "unlikely_to_achieve_more"),
        ("We will not investigate Ms P’s complaint about her tribunal bundle request. The "
         "injustice caused is not significant enough to justify our involvement.",
         "not_enough_injustice"),
        # The reason given after it still counts, in the words that only suggest one.
        ("We will not investigate Mr B’s complaint about his car. He complained to us too late.",
         "out_of_time"),
    ],
)  # fmt: skip
def test_a_word_in_what_the_complaint_is_about_gives_way_to_the_reason_stated(summary, reason):
    found = findings_of("Closed after initial enquiries", summary)
    assert found.reason_not_investigated == reason


@pytest.mark.parametrize(
    ("action", "kinds"),
    [
        ("The Council will send Mr V a written apology.", ["apology"]),
        ("The Council will give Mr X a written apology.", ["apology"]),
        ("The Council will send Mrs X a copy of its apology letter.", ["apology"]),
        ("The Council will send Mrs X a written explanation of its decision.", ["other"]),
    ],
)
def test_an_apology_sent_or_given_in_writing_is_no_other_action(action, kinds):
    assert kinds_in(action) == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Care Act 2014 says councils must meet eligible needs (section 18).",
         [("Care Act 2014", "18")]),
        ("The Housing Grants, Construction and Regeneration Act 1996 says the council must pay "
         "the grant (section 34).",
         [("Housing Grants, Construction and Regeneration Act 1996", "34")]),
        ("Under the Housing Act 1996 councils must give reasonable preference to some people "
         "(section 166A(3)).", [("Housing Act 1996", "166A(3)")]),
        # Another sentence's bracket is not the act's.
        ("The Care Act 2014 applies. Councils must meet eligible needs (section 18).",
         [("Care Act 2014", "")]),
    ],
)  # fmt: skip
def test_a_section_in_brackets_later_in_the_sentence_is_the_acts(text, expected):
    assert extract_citations(text) == tuple(Citation(a, s) for a, s in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regulation 9 of the Care and Support (Assessment) Regulations 2014 applies. Regulation "
         "4 of the same Regulations says assessors must be trained.",
         [("Care and Support (Assessment) Regulations 2014", "Regulation 9"),
          ("Care and Support (Assessment) Regulations 2014", "Regulation 4")]),
        ("The Homelessness (Review Procedure etc.) Regulations 2018 set out the procedure. Under "
         "regulation 9 of those regulations the time limit is eight weeks.",
         [("Homelessness (Review Procedure etc.) Regulations 2018", "Regulation 9")]),
        # Those Regulations are not an act named before them.
        ("The Care Act 2014 applies. Regulation 4 of those Regulations says so.",
         [("Care Act 2014", "")]),
    ],
)  # fmt: skip
def test_a_regulation_of_regulations_named_before_is_theirs(text, expected):
    assert extract_citations(text) == tuple(Citation(a, s) for a, s in expected)


def test_a_sum_remitted_is_no_payment_but_the_money_paid_beside_it_is():
    action = "The Council will remit £95 of the charge and pay Mr X £100 for his time and trouble."
    assert payments_in(action) == [(Decimal("100"), "time and trouble")]


@pytest.mark.parametrize(
    "action",
    [
        "The Council will pay Mr X £1,500, less the £250 it has already paid him.",
        "The Council will pay Mr X £1,500 minus the £250 it has already offered.",
    ],
)
def test_a_sum_deducted_from_a_payment_is_no_payment_of_its_own(action):
    assert payments_in(action) == [(Decimal("1500"), "")]


def test_an_amount_paid_beside_a_relatives_takes_their_shared_purpose():
    action = "The Council will pay Mrs X £250 and her son £100 for the distress caused."
    assert payments_in(action) == [(Decimal("250"), "distress"), (Decimal("100"), "distress")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sections 20 to 23 of the Children Act 1989 deal with looked after children.",
         [("Children Act 1989", n) for n in ("20", "21", "22", "23")]),
        ("Regulations 3 to 5 of the Care and Support (Assessment) Regulations 2014 apply.",
         [("Care and Support (Assessment) Regulations 2014", f"Regulation {n}")
          for n in ("3", "4", "5")]),
        # Too wide to list: its two ends.
        ("Sections 1 to 200 of the Housing Act 1996 apply.",
         [("Housing Act 1996", "1"), ("Housing Act 1996", "200")]),
    ],
)  # fmt: skip
def test_a_range_of_sections_is_each_section_of_it(text, expected):
    assert extract_citations(text) == tuple(Citation(a, s) for a, s in expected)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("The Council will pay Mr S £650 towards the cost of replacing the belongings he lost and "
         "£150 for his distress.", [("650", ""), ("150", "distress")]),
        ("The Council will pay Mrs A £500 to reflect the rent she lost and £200 for her distress.",
         [("500", ""), ("200", "distress")]),
        ("The Council will pay Mrs A £400 for the period she spent in unsuitable accommodation "
         "and £150 for her time and trouble.", [("400", ""), ("150", "time and trouble")]),
        ("The Council will pay Mrs A £250 for the distress caused by the notice and £100 for her "
         "time and trouble.", [("250", "distress"), ("100", "time and trouble")]),
        # A total with its breakdown: the parts, once neither is lost.
        ("The Council will pay Miss C a total of £1,050, made up of £750 for the nine weeks she "
         "and her children spent in unsuitable accommodation and £300 for her distress.",
         [("750", ""), ("300", "distress")]),
    ],
)  # fmt: skip
def test_the_words_about_a_payment_do_not_make_the_next_one_in_its_list_unpaid(action, expected):
    assert payments_in(action) == [(Decimal(a), p) for a, p in expected]


def test_a_list_of_sums_the_complainant_paid_stays_unpaid():
    action = (
        "Mr U paid £300 for the rent and £200 for the deposit, and the Council will pay him £100 "
        "for his distress."
    )
    assert payments_in(action) == [(Decimal("100"), "distress")]


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("Mr D complains the Council refused his request to backdate his housing benefit claim "
         "as late. We will not investigate his complaint because he has a right of appeal to the "
         "tribunal.", "better_placed_elsewhere"),
        ("Mr G complains about a delay due to the Council's late response. We will not "
         "investigate because the injustice is not significant enough to warrant it.",
         "not_enough_injustice"),
        ("Mrs E complained her neighbour's tree is too late to cut back as the season has "
         "passed. We cannot investigate as the complaint is premature.", "premature"),
    ],
)  # fmt: skip
def test_the_as_or_due_to_of_the_complaint_told_is_not_its_reason(summary, reason):
    assert findings_of(CLOSED, summary).reason_not_investigated == reason


@pytest.mark.parametrize(
    "summary",
    [
        "We will not investigate Mrs X's complaint. I have seen no good reason why Mrs X could "
        "not have complained to us sooner.",
        "We will not investigate. Mr Y could have complained to the Ombudsman earlier.",
    ],
)
def test_a_complaint_that_could_have_come_to_us_sooner_is_out_of_time(summary):
    assert findings_of(CLOSED, summary).reason_not_investigated == "out_of_time"


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("We will not investigate Mrs K's complaint about her former job at the Council. It is "
         "about a personnel issue.", "out_of_jurisdiction"),
        ("We will not investigate Mr J's complaint about a tree. It is not a good use of public "
         "money to investigate.", "unlikely_to_achieve_more"),
        ("We will not investigate. It would not be an appropriate use of our resources.",
         "unlikely_to_achieve_more"),
    ],
)  # fmt: skip
def test_a_personnel_issue_and_a_poor_use_of_public_money_are_reasons(summary, reason):
    assert findings_of(CLOSED, summary).reason_not_investigated == reason


@pytest.mark.parametrize(
    "action",
    [
        "Within one month the care provider will arrange for all care staff to receive "
        "refresher training in pressure care.",
        "The Council will arrange for its housing officers to receive training on its "
        "homelessness duties.",
        "The provider will arrange for support workers to be reminded of the need to record "
        "each visit.",
    ],
)
def test_staff_arranged_to_be_trained_is_one_service_improvement(action):
    assert kinds_in(action) == ["service_improvement"]


def test_work_arranged_for_a_contractor_to_do_is_still_another_action():
    assert kinds_in("The Council will arrange for a contractor to repair the fence.") == ["other"]

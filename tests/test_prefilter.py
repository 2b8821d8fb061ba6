"""The RE2 prefilter of the readers' largest patterns (decisions/extraction/prefilter.py): it
must never rule out a text that its pattern matches, so every answer stays the pattern's own."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.extraction import citations, reasons, remedies, wording
from decisions.extraction.prefilter import CATEGORIES, Prefiltered, case_variants
from decisions.findings import findings_of_parsed
from decisions.generation import write_decisions
from decisions.parsing import parse_decision
from tests.test_extraction import gold_sentences

EVERY_CHARACTER = "".join(
    chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
)


def span(match: re.Match | None) -> tuple[int, int] | None:
    return match and match.span()


def prefiltered_patterns() -> list[Prefiltered]:
    found = [wording for _kind, wording in remedies.KIND_WORDINGS]
    found += [citations.BEFORE_TITLE, wording.WANTED, remedies.ALREADY_PAID, remedies.ALREADY_SINCE]
    found += [cue for _reason, cue in reasons.CUES + reasons.STATED_CUES]
    return found


def test_search_each_answers_as_search_of_each_text():
    """Asked of texts joined first: none found where no text holds a match, and each text's
    own answer where one may."""
    paid = remedies.ALREADY_PAID
    texts = ["Mr X complained.", "It has since refunded £40.", "", "It had paid."]
    assert [span(m) for m in paid.search_each(texts)] == [span(paid.search(t)) for t in texts]
    assert [span(m) for m in paid.search_each(texts[:1])] == [None]
    assert list(paid.search_each([])) == []


def test_every_prefiltered_reader_pattern_has_a_looser_form_and_finds_what_it_alone_finds():
    patterns = prefiltered_patterns()
    assert all(isinstance(p, Prefiltered) for p in patterns)
    assert all(p.looser is not None for p in patterns)  # else it would filter nothing
    sentences = gold_sentences()
    assert len(sentences) > 5_000
    for prefiltered in patterns:
        for sentence in sentences:
            found = [m.span() for m in prefiltered.finditer(sentence)]
            assert found == [m.span() for m in prefiltered.pattern.finditer(sentence)], sentence
            # and up to a point inside it, as the readers ask (the window before a title)
            middle = len(sentence) // 2
            assert span(prefiltered.search(sentence, 0, middle)) == span(
                prefiltered.pattern.search(sentence, 0, middle)
            )


def all_findings(paths) -> list:
    return [findings_of_parsed(parse_decision(path.read_bytes())) for path in paths]


def test_findings_are_the_same_with_the_prefilter_and_without(tmp_path, monkeypatch):
    """Every finding of the gold sets, the real sample and generated decisions, read with the
    prefilter and with every pattern asked directly."""
    tests = Path(__file__).parent
    write_decisions(300, 7, tmp_path)
    paths = [*tests.glob("gold*/*.txt"), *sorted(tmp_path.rglob("*.txt"))]
    paths.append(tests.parent / "sample_data" / "newham-20-003-494.txt")
    with_prefilter = all_findings(paths)
    monkeypatch.setattr(Prefiltered, "could_match", lambda self, *args: True)
    assert all_findings(paths) == with_prefilter
    assert sum(bool(f.remedies) for f in with_prefilter) > 100  # the readers were exercised


@pytest.mark.parametrize("category", sorted(CATEGORIES, key=str))
def test_each_looser_class_holds_every_character_python_gives_its_category(category):
    python_class = {"CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s", "CATEGORY_DIGIT": r"\d"}[
        str(category)
    ]
    members = "".join(re.findall(python_class, EVERY_CHARACTER))
    assert len(members) > 20
    assert re2.fullmatch(f"[{CATEGORIES[category]}]*", members)


@pytest.mark.parametrize("letter", ["i", "k", "s", "K", "S", "é", "σ", "ß", "’", "1"])
def test_case_variants_are_every_character_python_ignorecase_lets_stand_for_it(letter):
    python_variants = set(re.findall(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE))
    assert {chr(c) for c in case_variants([ord(letter)])} >= python_variants
    assert letter in python_variants


# Small patterns with each construct the translation handles, including those it loosens
# (assertions, lookarounds, anchors, \W, negated classes) and the odd case folds.
CONSTRUCTS = [
    r"\bre-?do\b",
    r"\bapologi[sz]\w*",
    r"(?:\w+ ){0,2}?review(?! of)",
    r"(?<=[.;])\s+(?=[A-Z])",
    r"[^.;]{0,10}?\bbut\b",
    r"\d+(?:\.\d\d)?\s*pounds?$",
    r"^the\W+\S+",
    r"s.i(?=k)",
    r"[a-c]{2,}|[^x-z\s]k",
    r"(?i:kiss)|(?-i:Ski)",
    r"(?>ab|a)c",
    r"x*+y",
]
ALPHABET = "abcdeikrsvwxyz -.;,’'KSI£10\n\tıſİKé"


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(CONSTRUCTS),
    ignorecase=st.booleans(),
    text=st.text(alphabet=ALPHABET, max_size=30),
    bounds=st.tuples(st.integers(0, 32), st.integers(0, 32)),
)
def test_a_prefiltered_pattern_answers_as_the_pattern_does_with_any_bounds(
    pattern, ignorecase, text, bounds
):
    compiled = re.compile(pattern, re.IGNORECASE if ignorecase else 0)
    prefiltered = Prefiltered(compiled)
    assert prefiltered.looser is not None
    pos, endpos = bounds
    expected = compiled.search(text, pos, endpos)
    assert span(prefiltered.search(text, pos, endpos)) == span(expected)
    expected_all = [m.span() for m in compiled.finditer(text, pos, endpos)]
    assert [m.span() for m in prefiltered.finditer(text, pos, endpos)] == expected_all
    assert span(prefiltered.match(text, pos, endpos)) == span(compiled.match(text, pos, endpos))


def test_a_pattern_whose_looser_form_is_not_worked_out_is_asked_directly():
    back_reference = Prefiltered(re.compile(r"(\w)\1"))
    assert back_reference.looser is None
    assert back_reference.search("a book").span() == (3, 5)


def test_the_prefilter_rules_out_a_sentence_that_states_no_remedy():
    """Not a promise about answers, but the point of the thing: it must actually filter."""
    improvement = dict(remedies.KIND_WORDINGS)[remedies.SERVICE_IMPROVEMENT]
    assert not improvement.could_match("Mrs X complained about the noise from next door.")
    assert improvement.could_match("The Council will review its procedures for noise.")

"""What a person types into the search box, read into a structure both databases translate.

Several words must all match; "a quoted phrase" matches those words in order; OR between
two terms matches either, and so does a lower-case or (people write "noise or smell" and mean
either), though inside quotes "or" is a word of the phrase; -word (or NOT word) leaves out
decisions that have it. Anything else typed (brackets, stars, colons, SQL, control
characters) is only ever read as words, never as syntax. Pure Python with no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 500

# PostgreSQL's English stop words (the Snowball list), left out on both databases alike so a
# query means the same on each.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just
    don should now""".split()  # noqa: SIM905 (a word list reads better as text)
)

TOKEN = re.compile(r'-?"[^"]*"?|\S+')
# Quotation marks a phone or a word processor types for ": each makes a phrase the same way.
QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″＂", '"'))
WORD = re.compile(r"[^\W_]+")
LONE_OR = "“or” needs a word on each side, so it was left out."
LONE_NOT = "“NOT” needs a word after it, so it was left out."
LONE_AND = "“AND” needs a word on each side, so it was left out."
NOTHING_TO_SEARCH = "The search has no word to search for, so every decision is listed."
LEFT_OUT = "“{}” {} to search for, so it was left out."
TOO_COMMON = "is too common"


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of words that must come in order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[tuple[Term, ...], ...] = ()  # every clause must match; a clause is an OR
    excluded: tuple[Term, ...] = ()
    notes: tuple[str, ...] = ()  # what a person should be told about how the query was read

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded


def parse_query(text: str) -> ParsedQuery:
    """Read the search box's text. Never raises; what cannot be used is explained in notes."""
    notes = []
    # Letters typed full-width ("ｃｏｕｎｃｉｌ") or with a separate accent ("cafe" + U+0301)
    # as the one letter they show, as the decisions' text has them.
    # The quotation marks first: NFKC makes "″" two primes.
    text = unicodedata.normalize("NFKC", (text or "").translate(QUOTES))
    text = "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)
    if len(text) > MAX_QUERY_LENGTH:
        # Cut at the last space before the limit, so that no word is searched for cut short.
        cut = text[: MAX_QUERY_LENGTH + 1]
        text = cut[: cut.rfind(" ")] if " " in cut else text[:MAX_QUERY_LENGTH]
        notes.append(
            f"Only the words in the first {MAX_QUERY_LENGTH} characters of the search were used."
        )
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next, negate_next, lone_or, and_next, lone_and = False, False, False, False, False
    for token in TOKEN.findall(text):
        if token.lower() == "or":  # any case: "noise or smell" means either, as OR does
            lone_or |= not clauses
            join_next = bool(clauses)
            continue
        if token in ("AND", "NOT"):
            negate_next = token == "NOT"
            lone_and |= token == "AND" and not (clauses or excluded)
            and_next |= token == "AND"
            continue
        negative = negate_next or (token.startswith("-") and len(token) > 1)
        term, note = _term(token.lstrip("-") if token.startswith("-") else token, token)
        negate_next = False
        if note:
            notes.append(note)
        # A word left out, or one to leave out, keeps an or waiting for the next term:
        # "parking or the bus" is parking or bus.
        if term is None:
            continue
        and_next = False
        if negative:
            excluded.append(term)
            continue
        if join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    # An or, or a NOT ("care NOT"), still waiting for its word at the end.
    waiting = (
        (LONE_OR, lone_or or join_next),
        (LONE_NOT, negate_next),
        (LONE_AND, lone_and or and_next),
    )
    notes += [note for note, due in waiting if due]
    if not (clauses or excluded or notes) and text.strip():  # "-", or nothing else said why
        notes.append(NOTHING_TO_SEARCH)
    # Each note once, however often the query gave cause for it ("the the the").
    notes = list(dict.fromkeys(notes))
    return ParsedQuery(tuple(tuple(clause) for clause in clauses), tuple(excluded), tuple(notes))


def _term(token: str, typed: str) -> tuple[Term | None, str]:
    """A term from one token (`typed` with any "-" before it), or None and why it was left
    out."""
    phrase = token.startswith('"')
    words = tuple(word.lower() for word in WORD.findall(token))
    if not words:
        return None, "" if typed == "-" else LEFT_OUT.format(typed, "has no letters or digits")
    if not phrase and len(words) == 1 and words[0] in STOP_WORDS:
        return None, LEFT_OUT.format(words[0], TOO_COMMON)
    if not phrase and len(words) > 1:
        # "self-funding" or "24A(6)" is read as the phrase of its parts.
        return Term(words), ""
    if phrase and all(word in STOP_WORDS for word in words):
        return None, LEFT_OUT.format(" ".join(words), TOO_COMMON)
    return Term(words), ""

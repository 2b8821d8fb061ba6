"""The passage of a decision that a list of results shows for a search, with the words it
matched marked: the same code and the same answer on both databases. Pure Python, no Django.

Why not the databases' own (PostgreSQL's ts_headline, FTS5's snippet()): ts_headline parses
all the text it is given, about 1 µs a word, so a page whose words are only in the decisions'
bodies cost 14 to 40 ms in snippets at 100,000 (docs/performance.md); and the two chose
different passages. Here a regular expression finds only the words that could match, each is
checked by stemming it as the database's index does (Snowball's English stemmer for
PostgreSQL, Porter's for SQLite's FTS5), and the passage is cut around the best of them.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice, takewhile

import re2
import snowballstemmer

from decisions.search.query import STOP_WORDS, WORD, ParsedQuery

# About 40 words, as each database's own snippets gave: a passage and its context before.
PASSAGE_CHARACTERS = 240
CONTEXT_CHARACTERS = 60
JOIN = " … "
CUT = "…"
GAP_CHARACTERS = 40
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.case_sensitive = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    stem: str
    follows: bool  # on from the match before it, nothing but stop words between (a phrase)


def passages(
    summaries: dict[int, str],
    bodies: Callable[[list[int]], dict[int, str]],
    parsed: ParsedQuery,
    stemmer: str,
    start: str,
    stop: str,
) -> dict[int, str]:
    """{id: passage} for each decision, matched words between start and stop. The passage
    comes from the summary when the summary holds every part of the query (it is the
    decision's own account of itself), else from the whole text: bodies(ids) is asked only
    for those decisions' bodies."""
    finder = _Finder(parsed, stemmer)
    found = {
        pk: finder.from_summary(summary or "", start, stop) for pk, summary in summaries.items()
    }
    rest = [pk for pk, passage in found.items() if passage is None]
    texts = bodies(rest) if rest else {}
    for pk in rest:
        found[pk] = finder.from_text(summaries[pk] or "", texts.get(pk) or "", start, stop)
    return found


def marked(text: str, parsed: ParsedQuery, stemmer: str, start: str, stop: str) -> str:
    """The whole text with each of the query's terms where it stands between start and stop
    (_Finder.as_terms): the same words its passage in a list of results marks."""
    finder = _finder(parsed, stemmer)
    pieces, done = [], 0
    for match in finder.as_terms(list(finder.matches(text))):
        pieces += [text[done : match.start], start, text[match.start : match.end], stop]
        done = match.end
    return "".join(pieces) + text[done:]


# A decision page marks each paragraph in turn: one finder a query, kept by each thread (a
# stemmer is not thread-safe), rather than one a paragraph (50 µs each).
_kept = threading.local()
FINDERS_KEPT = 16


def _finder(parsed: ParsedQuery, stemmer: str) -> _Finder:
    finders = _kept.__dict__.setdefault("finders", {})
    key = (parsed, stemmer)
    if key not in finders:
        if len(finders) >= FINDERS_KEPT:
            finders.clear()
        finders[key] = _Finder(parsed, stemmer)
    return finders[key]


class _Finder:
    def __init__(self, parsed: ParsedQuery, stemmer: str):
        self._stemmer = snowballstemmer.stemmer(stemmer)  # one per search: not thread-safe
        self._stems: dict[str, str] = {}

        # Each part of the query (a clause: terms, any of which will do), each term as the stems
        # of its words, in order; stop words are in no index, so they are never marked.
        def stems(term) -> tuple[str, ...]:
            return tuple(self.stem(word) for word in term.words if word not in STOP_WORDS)

        clauses = ([each for each in map(stems, clause) if each] for clause in parsed.clauses)
        self.clauses = [clause for clause in clauses if clause]
        self.terms = [term for clause in self.clauses for term in clause]
        self._alone = {term[0] for term in self.terms if len(term) == 1}
        self._phrases = [term for term in self.terms if len(term) > 1]
        wanted = {stem for clause in self.clauses for term in clause for stem in term}
        # A stemmer changes only a word's ending, so each word that stems to one of these
        # starts with the stem less its last letter ("happy" is happi, "dying" die).
        prefixes = sorted({stem[: max(1, len(stem) - 1)] for stem in wanted})
        # RE2 scans for them about ten times as fast as Python's re (a DFA, not a backtracker),
        # in the text's UTF-8 (matches()).
        pattern = f"(?:{'|'.join(map(re2.escape, prefixes))})[\\pL\\pN]*"
        self._candidates = re2.compile(pattern.encode(), _RE2_OPTIONS) if prefixes else None
        self._wanted = wanted

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            folded = "".join(
                ch for ch in unicodedata.normalize("NFKD", word.lower())
                if not unicodedata.combining(ch)
            )  # fmt: skip
            stem = self._stems[word] = self._stemmer.stemWord(folded)
        return stem

    def matches(self, text: str) -> Iterator[Match]:
        """The words of text that match, in order, found as they are asked for."""
        if self._candidates is None:
            return
        # Scanned as bytes, each match's place counted in characters on from the last one's:
        # given the text itself, the binding counted each match's place from the text's start,
        # a third of a snippet's cost for a word found far into a decision (docs/performance.md).
        raw = text.encode()
        previous = None
        read = counted = 0  # bytes read so far, and the characters they hold
        for candidate in self._candidates.finditer(raw):
            begin, finish = candidate.span()
            word = raw[begin:finish].decode()
            start = counted + len(raw[read:begin].decode())
            end = start + len(word)
            read, counted = finish, end
            if start and text[start - 1].isalnum():  # inside a longer word
                continue
            stem = self.stem(word)
            if stem in self._wanted:
                gap = text[previous.end : start] if previous else "x"
                # Between the words of a phrase, only stop words: a few at most.
                follows = len(gap) < GAP_CHARACTERS and all(
                    word.lower() in STOP_WORDS for word in WORD.findall(gap)
                )
                previous = Match(start, end, stem, follows)
                yield previous

    def as_terms(self, found: list[Match]) -> list[Match]:
        """The matches that are the query's terms where they stand, the ones marked: a word
        searched for alone wherever it is, a phrase's words only where they are the phrase
        ("special" in "special educational needs" is marked, in "special arrangements" it is
        not), as FTS5's highlight() marks them. (PostgreSQL's ts_headline marks a phrase's
        words wherever they are, which showed a search for a phrase as matching text that
        does not hold it.)"""
        if not self._phrases:
            return found  # every match is a word searched for alone
        held = [match.stem in self._alone for match in found]
        for term in self._phrases:
            width = len(term)
            for first in range(len(found) - width + 1):
                if _held_at(found, first, term):
                    held[first : first + width] = [True] * width
        return [match for match, kept in zip(found, held, strict=True) if kept]

    def from_summary(self, summary: str, start: str, stop: str) -> str | None:
        """The summary's passage if the summary holds every part of the query, else None."""
        in_summary = list(self.matches(summary))
        if in_summary and all(any(_holds(in_summary, t) for t in c) for c in self.clauses):
            return self.cut(summary, iter(in_summary), start, stop)
        return None

    def from_text(self, summary: str, body: str, start: str, stop: str) -> str:
        text = f"{summary}\n\n{body}" if summary and body else summary or body
        return self.cut(text, self.matches(text), start, stop)

    def cut(self, text: str, matches: Iterator[Match], start: str, stop: str) -> str:
        """The best one or two passages of text around the matches, matches marked: the first
        that holds the most of the query's terms (a phrase only with its words in order), then
        the most of its different words. Reading stops at the first that holds them all."""
        found: list[Match] = []
        windows: list[_Window] = []
        complete = (len(self.terms), len(self._wanted))
        for match in chain(matches, [None]):
            if match is not None:
                found.append(match)
            # Each passage is weighed once every match that could fall inside it is known.
            while len(windows) < len(found) and (
                match is None or _begin(found[len(windows)]) + PASSAGE_CHARACTERS < match.start
            ):
                windows.append(_window(found, len(windows), self.terms))
                if _merit(windows[-1]) == complete:
                    return _shown(text, [windows[-1]], self.as_terms(found), start, stop)
        if not windows:  # matched by its reference or organisation: the text's opening
            return _shown(text, [_Window(0, PASSAGE_CHARACTERS, frozenset(), frozenset())], [],
                          start, stop)  # fmt: skip
        best = max(windows, key=lambda window: (*_merit(window), -window.begin))
        chosen = [best]
        more = [
            window for window in windows
            if window.terms - best.terms and (window.end <= best.begin or window.begin >= best.end)
        ]  # fmt: skip
        if more:
            chosen.append(max(more, key=lambda w: (*_merit(w, best.terms), -w.begin)))
        chosen.sort(key=lambda window: window.begin)
        return _shown(text, chosen, self.as_terms(found), start, stop)


def _holds(found: list[Match], term: tuple[str, ...]) -> bool:
    """Whether the matches hold the term's words one after another in the text."""
    return any(_held_at(found, first, term) for first in range(len(found) - len(term) + 1))


def _held_at(found: list[Match], first: int, term: tuple[str, ...]) -> bool:
    """Whether the term's words are found[first], found[first + 1], … one after another."""
    return all(
        found[first + k].stem == stem and (k == 0 or found[first + k].follows)
        for k, stem in enumerate(term)
    )


@dataclass(frozen=True)
class _Window:
    begin: int
    end: int
    terms: frozenset  # the query's terms it holds
    stems: frozenset


def _begin(match: Match) -> int:
    """Where a passage round the match starts: a little before it, or the text's own start
    when that is nearly as close ("…C complained" would cut "Mr C" in two)."""
    begin = match.start - CONTEXT_CHARACTERS
    return begin if begin > CONTEXT_CHARACTERS else 0


def _window(found: list[Match], first: int, terms: list) -> _Window:
    """The passage that starts a little before found[first]."""
    begin = _begin(found[first])
    end = begin + PASSAGE_CHARACTERS
    inside = list(takewhile(lambda match: match.end <= end, islice(found, first, None)))
    held = frozenset(term for term in terms if _holds(inside, term))
    return _Window(begin, end, held, frozenset(match.stem for match in inside))


def _merit(window: _Window, already: frozenset = frozenset()) -> tuple[int, int]:
    return len(window.terms - already), len(window.stems)


def _shown(text: str, windows: list[_Window], found: list[Match], start: str, stop: str) -> str:
    """The windows' passages joined, each widened to whole words, with its matches marked,
    white space made single, and a cut shown at either end that is not the text's own."""
    shown = JOIN.join(_passage(text, w.begin, w.end, found, start, stop) for w in windows)
    return shown.replace(f"{CUT}{JOIN}", JOIN).replace(f"{JOIN}{CUT}", JOIN)


def _passage(text: str, begin: int, end: int, found: list[Match], start: str, stop: str) -> str:
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    end = min(end, len(text))
    while end < len(text) and not text[end].isspace():
        end += 1
    pieces, at = [], begin
    for match in found:
        if match.start >= begin and match.end <= end:
            pieces += [text[at : match.start], start, text[match.start : match.end], stop]
            at = match.end
    pieces.append(text[at:end])
    shown = " ".join("".join(pieces).split())
    return f"{CUT if begin > 0 else ''}{shown}{CUT if end < len(text) else ''}"

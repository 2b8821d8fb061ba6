"""A fast test that one of the readers' largest patterns cannot match a text, so that Python's
backtracking engine is only asked where it might. No Django import.

Python's `re` tries every branch of an alternation at every position, so a pattern of fifty
branches costs tens of microseconds a sentence even where nothing matches, which is most
sentences. RE2 (google-re2) runs a pattern as an automaton, in time linear in the text whatever
its branches. RE2 has no lookarounds and its \\b and \\w are ASCII-only, so it is not given the
pattern itself but a looser one built from Python's own parse of it: every assertion (\\b,
lookarounds, anchors) is dropped, and every character class is widened to all the characters
Python could match with it, case-folding included. That looser pattern matches wherever the
original does, and more, so "RE2 finds nothing" proves "Python finds nothing"; otherwise
Python decides as before. Answers are unchanged by construction; tests/test_prefilter.py
also checks them against the pattern alone.
"""

from __future__ import annotations

import _sre
import re
import sys
from collections.abc import Iterator
from functools import cache, cached_property

# Python's private parser of its own patterns (re/_parser.py, re/_constants.py): the
# looser pattern must follow Python's reading of the original exactly.
from re import _constants as sre
from re import _parser as sre_parser
from re._casefix import _EXTRA_CASES

import re2

ANY_CHARACTER = r"[\x{0}-\x{10FFFF}]"
# What Python's \w, \s and \d match in a str pattern, as RE2 classes (tests check every code
# point): \w is str.isalnum() or "_", \s is str.isspace(), \d a Unicode decimal digit.
CATEGORIES = {
    sre.CATEGORY_WORD: r"\p{L}\p{N}_",
    sre.CATEGORY_SPACE: r"\t\n\x{b}\f\r\x{1c}-\x{1f} \x{85}\p{Z}",
    sre.CATEGORY_DIGIT: r"\p{Nd}",
}
WIDEST_RANGE_FOLDED = 256  # a wider range under IGNORECASE is taken as any character
RE2_OPTIONS = re2.Options()
RE2_OPTIONS.max_mem = 64 << 20  # the readers' largest patterns need more than RE2's 8 MB


class Unsupported(Exception):
    """A pattern with a construct whose looser form is not worked out (a back-reference)."""


class Screened:
    """A pattern asked only where `could_match`, a cheaper test of the text, allows: search,
    match and finditer answer as the pattern's own wherever they ask it."""

    pattern: re.Pattern

    def could_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """False only where the pattern cannot match text[pos:endpos]."""
        raise NotImplementedError

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return (
            self.pattern.search(text, pos, endpos) if self.could_match(text, pos, endpos) else None
        )

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return (
            self.pattern.match(text, pos, endpos) if self.could_match(text, pos, endpos) else None
        )

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        if self.could_match(text, pos, endpos):
            return self.pattern.finditer(text, pos, endpos)
        return iter(())


class Prefiltered(Screened):
    """`pattern`, passed over wherever its looser RE2 form finds nothing in the text searched."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern

    @cached_property
    def looser(self) -> re2._Regexp | None:
        # Built on first use, so that importing the readers stays cheap. Compiled from UTF-8
        # and given UTF-8 (as google-re2 encodes a str anyway): its wrapper's search of a str
        # also maps each offset back to characters, which took half the time of the test.
        try:
            return re2.compile(looser_pattern(self.pattern).encode(), RE2_OPTIONS)
        except (Unsupported, re2.error):
            return None

    def could_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self.looser is None:
            return True
        # The looser pattern asserts nothing about what lies around it, so a slice will do.
        searched = text[pos:endpos] if pos or endpos < len(text) else text
        return self.looser.search(searched.encode()) is not None

    def search_each(self, texts: list[str]) -> Iterator[re.Match | None]:
        """search of each text, lazily. The RE2 form is asked once, of the texts joined (it
        finds whatever it finds in any one of them), rather than of each text: for a pattern
        that most lists of sentences hold no match of."""
        if not self.could_match("\n".join(texts)):
            return iter([None] * len(texts))
        return (self.pattern.search(text) for text in texts)


def looser_pattern(pattern: re.Pattern) -> str:
    """An RE2 pattern that matches every string `pattern` matches somewhere in it."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.LOCALE | re.ASCII):
        raise Unsupported("only str patterns with Unicode matching")
    parsed = sre_parser.parse(pattern.pattern, pattern.flags)
    return _sequence(list(parsed), pattern.flags)


def _sequence(items: list, flags: int) -> str:
    return "".join(_item(op, value, flags) for op, value in items)


def _item(op, value, flags: int) -> str:  # noqa: C901 (one case per construct of the parser)
    folded = bool(flags & re.IGNORECASE)
    if op is sre.LITERAL:
        return _class([value], folded)
    if op is sre.NOT_LITERAL:
        return _class([value], folded, negated=True)
    if op is sre.ANY:
        return ANY_CHARACTER if flags & re.DOTALL else r"[^\n]"
    if op is sre.IN:
        return _set(value, folded)
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(list(branch), flags) for branch in value[1]) + ")"
    if op is sre.SUBPATTERN:
        _group, added, removed, inner = value
        return "(?:" + _sequence(list(inner), (flags | added) & ~removed) + ")"
    if op is sre.ATOMIC_GROUP:  # backtracking into it can only add matches
        return "(?:" + _sequence(list(value), flags) + ")"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, most, inner = value
        bound = "" if most == sre.MAXREPEAT else str(most)
        return f"(?:{_sequence(list(inner), flags)}){{{least},{bound}}}"
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return ""  # dropped: the looser pattern asserts nothing
    raise Unsupported(f"{op}")


def _set(items: list, folded: bool) -> str:
    """A class from the parser's items: literals, ranges, categories, perhaps negated."""
    negated = bool(items) and items[0][0] is sre.NEGATE
    characters: list[int] = []
    ranges: list[tuple[int, int]] = []
    categories = []
    for op, value in items[1:] if negated else items:
        if op is sre.LITERAL:
            characters.append(value)
        elif op is sre.RANGE:
            low, high = value
            if not folded:
                ranges.append(value)
            elif high - low <= WIDEST_RANGE_FOLDED:
                characters.extend(range(low, high + 1))
            else:
                return ANY_CHARACTER
        elif op is sre.CATEGORY and value in CATEGORIES and not negated:
            categories.append(CATEGORIES[value])
        else:  # \W, \S, \D, or a category in a negated class: any character is looser
            return ANY_CHARACTER
    body = "".join(categories) + "".join(rf"\x{{{a:x}}}-\x{{{b:x}}}" for a, b in ranges)
    return _class(characters, folded, negated=negated, extra=body)


def _class(characters: list[int], folded: bool, *, negated: bool = False, extra: str = "") -> str:
    if folded:
        characters = sorted(case_variants(characters))
    body = extra + "".join(rf"\x{{{c:x}}}" for c in characters)
    if not body:
        return "[^\\x{0}-\\x{10FFFF}]" if not negated else ANY_CHARACTER
    return f"[{'^' if negated else ''}{body}]"


def case_variants(characters: list[int]) -> set[int]:
    """Every character Python's IGNORECASE lets stand for one of these: those whose lower case
    is the lower case of one of them, or one of Python's extra cases for it (the dotless i and
    long s, say)."""
    lowered = set()
    for character in characters:
        low = _sre.unicode_tolower(character)
        lowered.add(low)
        lowered.update(_EXTRA_CASES.get(low, ()))
    variants = set(lowered) | set(characters)
    for low in lowered:
        variants.update(_upper_to_lower().get(low, ()))
    return variants


@cache
def _upper_to_lower() -> dict[int, list[int]]:
    """For each lower-case character, every other character whose lower case it is (built
    once, by going through every code point: 0.1 s). Built whole before it is kept, so that
    a thread never sees it half-built."""
    tolower = _sre.unicode_tolower
    reverse: dict[int, list[int]] = {}
    for code in range(sys.maxunicode + 1):
        low = tolower(code)
        if low != code:
            reverse.setdefault(low, []).append(code)
    return reverse

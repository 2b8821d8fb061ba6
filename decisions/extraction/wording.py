"""The words around a finding that change what it means, shared by the readers of remedies
and payments: a decision's sentences, what someone wanted or asked for (no remedy), and a
pattern gated by words each of its matches holds. Pure Python with no Django import.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from itertools import accumulate

from decisions.extraction.prefilter import Prefiltered, Screened

# Where a line's sentences end. Lines are parted first, by str.split: an alternative "|\n+"
# here kept the regex engine from skipping ahead to the punctuation, and took half again as long.
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(“\"‘'-•])")

# Asked of most sentences, and found in few: its RE2 form rules most out first.
WANTED = Prefiltered(
    re.compile(
        r"\b(?:wants?|wanted|asks?|asked|would like|seeks?|sought)\b"
        r"|\b(?:says?|said|feels?|felt|believes?|believed|thinks?|thought) (?:that )?"
        r"(?:the \w+|it|they) should\b",
        re.I,
    )
)

# "It has asked its supplier to …" is the body acting, not someone wanting something; nor is
# "We asked the Council to …" (the Ombudsman proposing a remedy).
BODY_ASKS = re.compile(r" (?:its|their) ")

BODY_WILL_ASK = re.compile(
    r"\b(?:to|will|should|must|would|shall|not|it|the (?:\w+ )?Council)\s+$", re.IGNORECASE
)

OMBUDSMAN_ASKS = re.compile(r"\b(?:we|I|the Ombudsman)\s+(?:[\w’']+\s+)?$", re.IGNORECASE)


class Gated(Screened):
    """A pattern each of whose matches holds one of `words` (in lower case). Text with none of
    them is passed over by a substring test, many times faster than the expression: most
    sentences of a decision never reach it. tests/test_extraction.py checks every gate against
    every sentence of the gold sets."""

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...]):
        if any("\n" in word for word in words):
            raise ValueError("could_match_each joins texts with line breaks")
        self.pattern, self.words = pattern, words

    def could_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        low = text.lower()  # the whole text: a word found outside the bounds only opens more
        return any(word in low for word in self.words)

    def could_match_each(self, texts: list[str]) -> list[bool]:
        """could_match of each text, in one pass: each word is looked for with str.find in
        the texts joined, rather than in each text in turn (most texts hold none of the words,
        and testing every word in every text cost most of the gate)."""
        joined = "\n".join(texts).lower()  # no word holds a line break: none spans two texts
        starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
        if len(joined) != starts[-1] - 1:  # a letter whose lower case is longer ("İ")
            lowered = [text.lower() for text in texts]
            joined = "\n".join(lowered)
            starts = list(accumulate((len(low) + 1 for low in lowered), initial=0))
        found = [False] * len(texts)
        for word in self.words:
            at = joined.find(word)
            while at != -1:
                index = bisect_right(starts, at) - 1
                found[index] = True
                at = joined.find(word, starts[index + 1])  # from the next text on
        return found

    def search_each(self, texts: list[str]) -> list[re.Match | None]:
        """search of each text, the gate tested on them all at once."""
        return [
            self.pattern.search(text) if may else None
            for text, may in zip(texts, self.could_match_each(texts), strict=True)
        ]


def sentences(texts: list[str]) -> list[str]:
    return [
        s.strip()
        for text in texts
        for line in text.split("\n")
        for s in SENTENCE_END.split(line)
        if s.strip()
    ]


def wish(sentence: str, end: int | None = None) -> re.Match | None:
    """Where the sentence turns to what someone wanted or asked for ("Ms X asked the Council to
    apologise"), before `end`; None if it does not. The body asking its own staff or suppliers,
    or the Ombudsman asking the body ("We asked the Council to pay £500"), is no wish."""
    for match in WANTED.finditer(sentence, 0, len(sentence) if end is None else end):
        start = match.start()
        if BODY_ASKS.match(sentence, match.end()):
            continue
        if OMBUDSMAN_ASKS.search(sentence, max(0, start - 30), start):
            continue
        if BODY_WILL_ASK.search(sentence, max(0, start - 30), start):
            continue
        return match
    return None

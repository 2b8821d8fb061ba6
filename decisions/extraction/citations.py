"""Legislation cited in a decision: the act (or regulations, order) and the section.

"(Local Government Act 1974, sections 26(1) and 26A(1), as amended)" and "under section 17 of
the Children Act 1989" both name sections of an act. The same provision written differently
("24A (6)", "34H(i)") comes out the same, so that it is one entry in the archive.
Pure Python with no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from decisions.extraction.prefilter import Prefiltered

# A title is capitalised words, joined by a few small words or a comma, ending in "Act",
# "Regulations", "Order" or "Rules" and a year. Brackets may hold part of it: "Local Government
# (Miscellaneous Provisions) Act 1976". "the" never joins, so "under the Care Act 2014" does
# not take in "under the".
_WORD = r"[A-Z][\w’'\-]*"
_JOINER = r"(?:and|of|for|on|to|in|with|by)"
# Inside brackets "etc." may stand too, and commas: "Homelessness (Review Procedure etc.)
# Regulations 2018", "(Penalty Charges, Adjudication and Enforcement)".
_BRACKETED = rf"\((?:{_WORD}|{_JOINER})(?:,?\s+(?:{_WORD}|{_JOINER}|etc\.?))*\)"
_PIECE = rf"(?:{_WORD}|{_BRACKETED})"
# Regulations made under an act may carry its title: "Health and Social Care Act 2008
# (Regulated Activities) Regulations 2014".
_YEAR = r"(?:18|19|20)\d\d"
_UNDER_ACT = rf"\s+Act\s+{_YEAR}(?:\s+{_PIECE})+?\s+(?:Regulations|Order|Rules)"
_LINK = rf"(?:\s+|,\s+)(?:{_JOINER}\s+)*"
ACT = re.compile(
    rf"(?P<name>{_PIECE}(?:{_LINK}{_PIECE})*?"
    rf"(?:{_UNDER_ACT}|\s+(?:Act|Regulations|Order|Rules)))\s+(?P<year>{_YEAR})\b"
)
# A run of pieces as ACT's name links them, taken whole. A title can only start in one, and
# only one ending in "Act" (or "Regulations" …) and a year can hold one: that word is the
# run's last, as a year is no piece. Trying ACT at every capital of a long run would read the
# rest of the run from each (quadratic in the run); trying it once per such run is linear.
RUN = re.compile(rf"{_PIECE}(?:{_LINK}{_PIECE})*+")
# A run's first piece and the link after it: a run that starts inside a word ("s.26B Local
# Government Act 1974", where "B" is the section's letter) starts its title at the next piece.
FIRST_PIECE = re.compile(rf"{_PIECE}{_LINK}")
_TITLE_ENDS = ("Act", "Regulations", "Order", "Rules")
# Where a title can end: every title ends in one of those words and its year.
TITLE_END_YEAR = re.compile(rf"(?:{'|'.join(_TITLE_ENDS)})\s+{_YEAR}\b")
# Capitalised words that start sentences rather than titles.
NOT_TITLE_STARTS = frozenset(
    """The Under In By As And Also See Our This That These Both Following Its Their His Her
    Section Sections Part Regulation Paragraph Schedule Guidance Statutory Since When Where
    While If Within Through However So Then Government's Council's Ombudsman's""".split()  # noqa: SIM905
)

# One provision: "section 24A(6)", "s.17", "Part 7", "Schedule 35B", "regulation 10".
_NUMBER = r"\d+[A-Za-z]{0,3}(?:\s?\([0-9A-Za-z]{1,4}\))*"
# An abbreviation without its full stop is one only as a word before its number: "s 188(1)",
# "s17", "ss 17 & 20", "regs 12 and 13", "para 5", "Sch 2".
_KIND = (
    r"(?P<kind>sections?|ss?\.|schedules?|sch\.|parts?|regulations?|regs?\.|"
    r"articles?|paragraphs?|paras?\.|rules?|\b(?:ss?|sch|regs?|paras?)(?=\s?\d))"
)
# A bracket alone after "and" is a further subsection of the provision before it: "section
# 26(6)(a) and (c)", "section 26A(1) and (2)".
_FURTHER = r"\([0-9a-z]{1,4}\)"
PROVISION = re.compile(
    rf"(?:{_KIND}\s*)?(?P<number>{_NUMBER})|(?P<further>{_FURTHER})", re.IGNORECASE
)
# A Schedule's Class ("Schedule 2, Part 1, Class A") is listed but is no provision of its own.
_CLASS = r"class\s+[A-Z]{1,2}\b"
_ITEM = rf"(?:(?:{_KIND.replace('?P<kind>', '')}\s*)?{_NUMBER}|{_CLASS}|{_FURTHER})"
# "of" joins only a Schedule: "paragraph 5(2) of Schedule 5"; "to" or a dash only a range's last
# number: "sections 20 to 23", "ss.9-10".
_SEPARATOR = (
    r"(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*,\s*and\s+|\s+of\s+(?=sch)|\s+to\s+(?=\d)|[-–](?=\d)"
    # a space alone before a paragraph or Part, as in "Sch. 2 para 5", "Schedule 2 paragraph 5"
    r"|\s+(?=(?:paragraphs?|paras?|parts?)\b\.?\s?\d))"
)
# What joins a range's two ends: "sections 20 to 23", "ss.9-10", "sections 20–23".
RANGE_WORDS = ("to", "-", "–")
# The widest range of provisions written out one by one; a wider one keeps its two ends.
WIDEST_RANGE = 20
PROVISION_LIST = (
    rf"(?:{_KIND.replace('?P<kind>', '')}\s*{_NUMBER}|{_CLASS})(?:{_SEPARATOR}{_ITEM})*"
)
# After the title: "Act 1974, section 24A(6)" or "Act 1996 (section 184)" or "Act 1996 Part 7".
AFTER_TITLE = re.compile(rf"\s*(?:,|\()?\s*(?P<list>{PROVISION_LIST})", re.IGNORECASE)
# And on after "as amended": "(Local Government Act 1974, section 24A(6), as amended, section
# 34(B))".
AFTER_AMENDED = re.compile(rf"\s*,\s*as amended\s*,\s*(?P<list>{PROVISION_LIST})", re.IGNORECASE)
# Before it: "section 17 of the Children Act 1989", "Part 7 of the Housing Act 1996",
# "section 117 Mental Health Act 1983" (no "of"), or an
# abbreviated section set straight before the title ("s26(6) Local Government Act 1974").
# Tried at every start of up to 200 characters before each title, and seldom there: its RE2 form
# rules most out first.
BEFORE_TITLE = Prefiltered(
    re.compile(
        rf"(?P<list>{PROVISION_LIST})\s+(?:(?:of|to)\s+)?(?:the\s+)?$"
        rf"|\b(?P<short>s\.?\s?{_NUMBER})\s+(?:the\s+)?$"
        # In brackets, a comma may part them: "(s.17, Children Act 1989)".
        rf"|\((?P<bracketed>{PROVISION_LIST})\s*,\s*$",
        re.IGNORECASE,
    )
)

# A regulation, article or rule named later in the same sentence as its instrument: "The …
# Regulations 2014 say, at regulation 15, …". Read up to the sentence's end, the next title or
# LATER_WINDOW characters, whichever comes first.
LATER_WINDOW = 250
LATER_KINDS = {
    "Regulations": re.compile(
        rf"\b(?:regulations?|regs?\.)\s*{_NUMBER}(?:{_SEPARATOR}{_ITEM})*", re.I
    ),
    "Order": re.compile(rf"\barticles?\s*{_NUMBER}(?:{_SEPARATOR}{_ITEM})*", re.I),
    "Rules": re.compile(rf"\brules?\s*{_NUMBER}(?:{_SEPARATOR}{_ITEM})*", re.I),
}
# A section of an act in brackets later in the same sentence: "The Care Act 2014 says
# councils must meet eligible needs (section 18)."
LATER_BRACKETED_SECTION = re.compile(
    rf"(?<=\()(?:sections?|ss?\.|s(?=\s?\d))\s*{_NUMBER}(?:{_SEPARATOR}{_ITEM})*(?=\))", re.I
)
SENTENCE_END = re.compile(r"[.;:](?:\s|$)")
# "The Mental Capacity Act 2005 Code of Practice" is guidance, not the act.
CODE_AFTER = re.compile(r"\s+Code of Practice\b", re.IGNORECASE)
# A provision "of", "to", "under" or "in" something is that thing's, not the instrument's before it.
OF_ANOTHER = re.compile(r"\s*(?:of|to|under|in)\b", re.I)

# A provision of an act named before by its title: "section 184 of the 1996 Act", "s.10 of
# that Act", "sections 18 and 20 of the same Act". Not "of the Act": which act a decision
# means by that is not always the last one it named. The words after the provisions are
# found first, and the provisions just before them: a search for the whole at every position
# of a decision cost 0.7 ms. Case-sensitive and starting with a word, so that the search
# skips ahead to each "of " (6 µs a decision, against 80 µs ignoring case).
# Regulations too: "Regulation 4 of the same Regulations", "regulation 9 of those regulations".
BACK_REFERENCE = re.compile(
    rf"of (?:that|this|those|these|the same|the (?P<year>{_YEAR})) (?P<kind>Act|[Rr]egulations)\b"
)
PROVISIONS_BEFORE = re.compile(rf"(?P<list>{PROVISION_LIST})\s+$", re.IGNORECASE)

TITLE_END = re.compile(rf"\b(?P<kind>Act|Regulations) {_YEAR}$")

KIND_NAMES = {
    "s": "",
    "section": "",
    "sch": "Schedule",
    "schedule": "Schedule",
    "part": "Part",
    "reg": "Regulation",
    "regulation": "Regulation",
    "article": "Article",
    "paragraph": "paragraph",
    "para": "paragraph",
    "rule": "Rule",
}
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}


@dataclass(frozen=True, order=True)
class Citation:
    act: str  # "Local Government Act 1974"
    section: str  # "24A(6)", "Part 7", "Schedule 2", or "" for the act as a whole

    @property
    def label(self) -> str:
        if not self.section:
            return self.act
        if self.section[0].isdigit():
            return f"{self.act}, section {self.section}"
        return f"{self.act}, {self.section}"


def extract_citations(text: str) -> tuple[Citation, ...]:
    """Every provision of legislation `text` cites, each once, in order of first mention.
    An act named with no section anywhere in the text is cited as a whole (section "")."""
    found: dict[Citation, None] = {}
    whole_acts: dict[str, None] = {}
    titles = list(_titles(text))
    for index, match in enumerate(titles):
        act = _act_name(match.group("name"), match.group("year"))
        if act is None or CODE_AFTER.match(text, match.end()):
            continue  # no title, or the title of a code of practice under the act
        sections = _sections_before(text[max(0, match.start() - 200) : match.start()])
        after = AFTER_TITLE.match(text, match.end())
        if after:
            sections += _sections(after.group("list"))
            if more := AFTER_AMENDED.match(text, after.end()):
                sections += _sections(more.group("list"))
                after = more
        following = titles[index + 1].start() if index + 1 < len(titles) else len(text)
        sections += _sections_later(text, act, after.end() if after else match.end(), following)
        for section in sections:
            found[Citation(act, section)] = None
        if not sections:
            whole_acts[act] = None
    found.update(dict.fromkeys(_back_references(text, titles)))
    cited_acts = {citation.act for citation in found}
    for act in whole_acts:
        if act not in cited_acts:
            found[Citation(act, "")] = None
    return tuple(found)


def _back_references(text: str, titles: list[re.Match]) -> list[Citation]:
    """The provisions cited of an act (or regulations) named before by its title ("section 184
    of the 1996 Act", "s.10 of that Act", "Regulation 4 of those Regulations"): the last of its
    kind titled before the reference, of its year if it gives one."""
    named = [
        (title.start(), _act_name(title.group("name"), title.group("year"))) for title in titles
    ]
    acts = [
        (start, act, end["kind"]) for start, act in named if act and (end := TITLE_END.search(act))
    ]
    cited = []
    for reference in BACK_REFERENCE.finditer(text) if acts else ():
        year, kind = reference.group("year"), reference.group("kind").capitalize()
        meant = [act for start, act, its_kind in acts
                 if start < reference.start() and its_kind == kind
                 and (not year or act.endswith(year))]  # fmt: skip
        listed = PROVISIONS_BEFORE.search(text, max(0, reference.start() - 100), reference.start())
        if meant and listed:
            sections = _sections(listed.group("list"))
            cited += [Citation(meant[-1], section) for section in sections]
    return cited


def _titles(text: str) -> Iterator[re.Match]:
    """What `ACT.finditer(text)` finds, in time linear in `text`: every start inside a run
    ends at the run's one possible title end, so the run's first start is the only one to try.
    Only the runs up to each title end and year are read, from the last break before it."""
    end = 0
    scanned = 0  # runs are read on from here: the end of the last one read, or a break
    for candidate in TITLE_END_YEAR.finditer(text):
        if candidate.end() <= end:
            continue  # inside a title found ("… Act 2008 (…) Regulations 2014")
        for run in RUN.finditer(text, _after_last_break(text, scanned, candidate.start())):
            start, scanned = run.span()
            if start >= end and text.endswith(_TITLE_ENDS, start, scanned):
                inside_a_word = start and text[start - 1].isalnum()
                if inside_a_word and (first := FIRST_PIECE.match(text, start)):
                    start = first.end()
                if match := ACT.match(text, start):
                    end = match.end()
                    yield match
            if scanned > candidate.start():
                break  # the run that holds the candidate's title end


def _after_last_break(text: str, start: int, end: int) -> int:
    """Just after the last character between `start` and `end` that no run (nor title) holds,
    or `start`: runs are the same read from there as from the start of the text. A full stop
    is one, but in "etc." (which a bracketed part of a title may hold)."""
    cut = max(text.rfind(";", start, end), text.rfind(":", start, end))
    stop = text.rfind(".", max(start, cut + 1), end)
    while stop != -1 and text.endswith("etc", 0, stop):
        stop = text.rfind(".", max(start, cut + 1), stop)
    return max(start, cut + 1, stop + 1)


def _act_name(name: str, year: str) -> str | None:
    words = name.replace("’", "'").split()
    while words and words[0].rstrip(",") in NOT_TITLE_STARTS:
        words.pop(0)
    if len(words) < 2:  # only "Act" left: "The Act 1974" is no title
        return None
    return f"{' '.join(words)} {year}"


def _sections_before(text: str) -> list[str]:
    # "of the" must come straight before the title; the list is the words before that.
    before = re.search(r"(?:the\s+)?$", text)
    match = BEFORE_TITLE.search(text[: before.end()] if before else text)
    if not match:
        return []
    return _sections(match.group("list") or match.group("short") or match.group("bracketed"))


def _sections_later(text: str, act: str, start: int, following: int) -> list[str]:
    """A regulation (article, rule) of the instrument `act` named after its title, in the same
    sentence and before the next title: "The … Regulations 2014 say, at regulation 15, …";
    for an act, a section in brackets there ("… must meet eligible needs (section 18).")."""
    kind = act.rsplit(" ", 2)[-2]
    pattern = LATER_KINDS.get(kind)
    if pattern is None and kind != "Act":
        return []
    window = text[start : min(following, start + LATER_WINDOW)]
    if pattern is None:
        if "(s" not in window and "(S" not in window:
            return []  # most acts have no bracketed section after them: a substring test
        pattern = LATER_BRACKETED_SECTION
    end = SENTENCE_END.search(window)
    window = window[: end.start()] if end else window
    sections = []
    for listed in pattern.finditer(window):
        if not OF_ANOTHER.match(window, listed.end()):
            sections += _sections(listed.group())
    return sections


def _sections(listed: str) -> list[str]:
    """The provisions of a list such as "sections 26(1) and 26A(1)" or "section 508B and
    Schedule 35B": each item's kind is the last kind named before it. A paragraph, Part or
    Class joined to a Schedule by a comma or "of" is the Schedule's: only the Schedule counts."""
    groups: list[list[tuple[str, str]]] = []
    kind, previous_end = "", 0
    for item in PROVISION.finditer(listed):
        named = item.group("kind")
        if named:
            kind = (
                ""
                if named.lower() in ("s", "s.", "ss.")
                else KIND_NAMES.get(named.lower().rstrip(".s"), "")
            )
        joined_by_and = (
            "and" in listed[previous_end : item.start()]
            or "&" in listed[previous_end : item.start()]
        )
        if not groups or (named and joined_by_and):
            groups.append([])
        number = item.group("number")
        if number is None:  # a further subsection: the last one's number, its last bracket swapped
            if not groups[-1]:
                continue
            kind, before = groups[-1][-1]
            number = re.sub(r"\([^()]*\)$", "", before) + item.group("further")
        elif groups[-1] and listed[previous_end : item.start()].strip() in RANGE_WORDS:
            groups[-1] += _between(*groups[-1][-1], number)  # "sections 20 to 23": 21 and 22
        groups[-1].append((kind, number))
        previous_end = item.end()
    sections = []
    for group in groups:
        in_schedule = any(kind == "Schedule" for kind, _ in group)
        for kind, number in group:
            if not (in_schedule and kind in ("paragraph", "Part")):
                sections.append(_normalised(kind, number))
    return sections


def _between(kind: str, first: str, last: str) -> list[tuple[str, str]]:
    """The provisions a range ("sections 20 to 23") leaves unwritten between its ends, where
    both are plain numbers and the range is not too wide to list."""
    if not (first.isdigit() and last.isdigit()) or int(last) - int(first) > WIDEST_RANGE:
        return []
    return [(kind, str(number)) for number in range(int(first) + 1, int(last))]


def _normalised(kind: str, number: str) -> str:
    """ "24a (6)" -> "24A(6)"; a roman numeral in the first bracket is a subsection number
    mistyped ("34H(i)" -> "34H(1)"); a capital letter alone in brackets straight after the
    digits is the section's own letter ("34(B)" -> "34B", as decisions often write 34B)."""
    number = re.sub(r"\s+", "", number)
    number = re.sub(r"^(\d+)\(([A-Z])\)", r"\1\2", number)
    head, _, brackets = number.partition("(")
    head = head.upper()
    if brackets:
        first, _, rest = brackets.partition(")")
        first = ROMAN.get(first, first)
        number = f"{head}({first}){rest}"
    else:
        number = head
    return f"{kind} {number}" if kind else number

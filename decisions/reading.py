"""A decision's text laid out for reading and citing: each section with an anchor, each
paragraph with its published number and an anchor of its own, and lists as lists.

Paragraph anchors are ``p-N``: N counts the decision's paragraphs from 1, in order, across
sections (the summary is not one of them). They come from the text's structure alone, so the
same text imported again gives the same anchors and a link to ``#p-12`` keeps leading to the
same paragraph. A paragraph is a top-level numbered line ("1.", numbered as published, which
restarts in each section), a compact file's top-level "- " item, or an unmarked line. These
belong to the paragraph above them instead, and take no number:

- bullets ("•"), lettered, roman and indented items: a list in the paragraph;
- compact "- " items that carry on a list the paragraph opened with a colon (each begins in
  lower case or ends like a list item: ";", ", or", "and");
- a bracketed line after a paragraph, such as "(Local Government Act 1974, section 26)";
- the unmarked lines a paragraph quotes after its colon (a letter, to its closing); every one
  of them where the paragraph is marked ("1.", "- "), as the text's own paragraphs then are;
- the entries of a "Key to names used" block, which is one paragraph: a list;
- the rows of a table pasted with tabs between its columns: one table, in the paragraph that
  introduces it ("The charges were:") or in a paragraph of its own.

Changing these rules would move anchors, so they are part of how the archive is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.safestring import SafeString
from django.utils.text import slugify

from decisions.body import is_key_to_names
from decisions.parsing import REPORT_SUMMARY, heading_key
from decisions.search.engine import mark_terms
from decisions.search.query import ParsedQuery

# "1.", "2)", and the nested numbering some reports use: "1.1", "2.3.".
_NUMBER = r"\d{1,3}(?:[.)]|(?:\.\d{1,3})+\.?)|\(\d{1,3}\)"
NUMBERED = re.compile(rf"^(?:{_NUMBER})$")
ORDERED = re.compile(rf"^(?:{_NUMBER}|\(?[a-z]\)|\(?[ivx]{{1,4}}\)|[a-zA-Z][.)]|[ivx]{{1,4}}\.)$")
# How an item of a list ends when more of the list follows.
LIST_ITEM_END = re.compile(r"(?:[;,]|\b(?:and|or))$")
# Ids the decision page gives other parts of itself, which a heading's anchor must not take.
PAGE_IDS = frozenset(
    {"summary-heading", "contents-heading", "findings", "findings-heading", "similar"}
    | {"similar-heading", "same-organisation", "same-organisation-heading"}
)
PARAGRAPH_ANCHOR = re.compile(r"^p-\d+$")
FIGURE = re.compile(r"\d")


@dataclass
class Text:
    html: SafeString
    text: str
    is_list: ClassVar[bool] = False


@dataclass
class Item:
    marker: str  # as published; shown for ordered items, bullets are drawn by the page
    html: SafeString
    lists: list[ItemList] = field(default_factory=list)


@dataclass
class ItemList:
    ordered: bool
    level: int
    items: list[Item] = field(default_factory=list)
    continues: bool = False  # compact "- " items carrying on their paragraph's list
    is_list: ClassVar[bool] = True


@dataclass
class Table:
    """Rows of a table pasted as text, a tab between columns: the first row is the table's
    header when it holds no figure and a later row does ("Period<tab>Weekly charge")."""

    rows: list[list[SafeString]]
    texts: list[list[str]]
    is_list: ClassVar[bool] = False
    is_table: ClassVar[bool] = True

    def add(self, cells: list[str], parsed: ParsedQuery) -> None:
        self.texts.append(cells)
        self.rows.append([mark_terms(cell, parsed) for cell in cells])

    @property
    def header(self) -> list[SafeString]:
        has_figure = [any(FIGURE.search(cell) for cell in row) for row in self.texts]
        return self.rows[0] if len(self.rows) > 1 and not has_figure[0] and any(has_figure) else []

    @property
    def body(self) -> list[list[SafeString]]:
        return self.rows[1:] if self.header else self.rows


@dataclass
class CitedParagraph:
    number: int  # the paragraph's place in the decision, for its anchor
    marker: str = ""  # its number as published ("1."), empty when it has none
    parts: list[Text | ItemList | Table] = field(default_factory=list)
    key_to_names: bool = False
    marked: bool = False  # begun by a published marker ("1.", "- ")
    quoting: bool = False  # its last lines quote what it introduced with a colon

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass
class ReadingSection:
    heading: str
    anchor: str
    paragraphs: list[CitedParagraph]
    heading_html: SafeString  # the heading, the search's words marked as in its paragraphs


def readable_sections(decision, parsed: ParsedQuery) -> list[ReadingSection]:
    """The decision's sections for its page: anchors for headings and paragraphs, lists as
    lists, and the words of `parsed` (the search that led here) marked."""
    sections, anchors, count = [], set(), 0
    for number, section in enumerate(decision.sections, 1):
        anchor = slugify(section["heading"]) or f"part-{number}"
        if anchor in PAGE_IDS or PARAGRAPH_ANCHOR.match(anchor):
            anchor = f"part-{number}"
        while anchor in anchors:
            anchor += f"-{number}"
        anchors.add(anchor)
        paragraphs = cited_paragraphs(
            section["paragraphs"], parsed, first=count + 1, key=is_key_to_names(section["heading"])
        )
        count += len(paragraphs)
        heading_html = mark_terms(section["heading"], parsed)
        sections.append(ReadingSection(section["heading"], anchor, paragraphs, heading_html))
    return sections


def summary_is_a_section(decision) -> bool:
    """Whether the decision's summary is its "Report summary" block (a public report with no
    "Summary:" line), which the page shows as a section already: not twice."""
    return any(
        heading_key(section["heading"]) == REPORT_SUMMARY
        and decision.summary == " ".join(line["text"] for line in section["paragraphs"])
        for section in decision.sections
    )


def cited_paragraphs(
    lines: list[dict], parsed: ParsedQuery, *, first: int, key: bool = False
) -> list[CitedParagraph]:
    """A section's lines ({marker, level, text}) gathered into paragraphs numbered from
    `first`; under "Key to names used" (`key`) every line is an entry of one list."""
    paragraphs: list[CitedParagraph] = []

    def start(marker: str = "") -> CitedParagraph:
        paragraphs.append(CitedParagraph(first + len(paragraphs), marker, key_to_names=key))
        return paragraphs[-1]

    for line in lines:
        marker, level, text = line["marker"], line["level"], line["text"]
        current = paragraphs[-1] if paragraphs else None
        if not key and level == 0 and marker in ("", "-") and "\t" in text.strip():
            _add_table_row(current, start, text, parsed)  # its cells marked one by one
            continue
        html = mark_terms(text, parsed)
        if key:
            add_item(current or start(), 1, "", html)
        elif level > 0:
            add_item(current or start(), level, marker, html)
        elif NUMBERED.match(marker) or current is None:
            paragraph = start(marker if NUMBERED.match(marker) else "")
            paragraph.marked = bool(marker)
            _add_top_level(paragraph, marker, text, html)
        else:
            _add_unnumbered(current, start, marker, text, html)
    return paragraphs


def _add_unnumbered(current: CitedParagraph, start, marker: str, text: str, html: SafeString):
    """A top-level line without a published number: its own paragraph, or part of the one
    above it (a list's item, a quotation, a citation)."""
    if marker == "-" and carries_on_list(current, text):
        add_item(current, 1, marker, html).continues = True
    elif not marker and (current.quoting or _introduces(current)):
        current.parts.append(Text(html, text))  # what a paragraph ending in ":" quotes
        # Where the text's own paragraphs are marked, the quotation's every unmarked line is
        # the paragraph's: a letter's closing, a table's rows, not paragraphs of their own.
        current.quoting = current.marked
    elif marker == "-" or (not marker and not text.startswith("(")):
        paragraph = start()
        paragraph.marked = marker == "-"
        paragraph.parts.append(Text(html, text))
    elif not marker:
        current.parts.append(Text(html, text))  # a citation line closing the paragraph
    else:
        add_item(current, 1, marker, html)  # a top-level bullet belongs to its paragraph


def _add_table_row(current: CitedParagraph | None, start, text: str, parsed: ParsedQuery):
    """A row of a table pasted as text goes into the table the lines above began; a table's
    first row belongs to the paragraph that introduces it ("The charges were:"), or begins a
    paragraph of its own."""
    cells = [cell.strip() for cell in text.strip().split("\t")]
    last = current.parts[-1] if current and current.parts else None
    if not isinstance(last, Table):
        last = Table([], [])
        (current if current and _introduces(current) else start()).parts.append(last)
    last.add(cells, parsed)


def _introduces(paragraph: CitedParagraph) -> bool:
    """Whether the paragraph ends by introducing what follows ("The Code says:")."""
    last = paragraph.parts[-1] if paragraph.parts else None
    return isinstance(last, Text) and last.text.rstrip().endswith(":")


def _add_top_level(paragraph: CitedParagraph, marker: str, text: str, html: SafeString):
    if marker and not NUMBERED.match(marker) and marker != "-":
        add_item(paragraph, 1, marker, html)  # a section that opens with bullets
    else:
        paragraph.parts.append(Text(html, text))


def carries_on_list(paragraph: CitedParagraph, text: str) -> bool:
    """Whether a compact "- " line is an item of the list its paragraph has opened: after
    "...if we believe:", "- it is unlikely we could add to ..., or"."""
    last = paragraph.parts[-1] if paragraph.parts else None
    opened = (isinstance(last, Text) and last.text.endswith(":")) or (
        isinstance(last, ItemList) and last.continues
    )
    return opened and (text[:1].islower() or bool(LIST_ITEM_END.search(text)))


def add_item(paragraph: CitedParagraph, level: int, marker: str, html: SafeString) -> ItemList:
    """Put an item in the paragraph's lists at `level` (1 or deeper), under the last item of
    a shallower list when there is one; return the list it went into."""
    parts: list = paragraph.parts
    while parts and isinstance(parts[-1], ItemList) and parts[-1].level < level:
        parts = parts[-1].items[-1].lists
    ordered = bool(ORDERED.match(marker))
    last = parts[-1] if parts else None
    if not (isinstance(last, ItemList) and last.level == level and last.ordered == ordered):
        last = ItemList(ordered, level)
        parts.append(last)
    last.items.append(Item(marker, html))
    return last

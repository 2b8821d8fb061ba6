"""A decision's text as stored: the body as plain lines plus a small layout, and back.

The body keeps each heading and paragraph on a line of its own, paragraphs indented two
spaces a level with their published marker, and a blank line between sections; it is what
full-text search indexes. The layout says what each line is, so the structure comes back
exactly without storing the text twice. Pure Python with no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    marker: str = ""  # as published: "1.", "-", "•", "a)"; empty for an unmarked line
    level: int = 0  # 0 top level, 1 under a numbered paragraph, 2 below that


@dataclass(frozen=True)
class Section:
    heading: str  # empty for paragraphs that come before the first heading
    paragraphs: tuple[Paragraph, ...]


def render_body(sections: tuple[Section, ...]) -> str:
    """The sections as plain text: a heading or a paragraph per line, a blank line between
    sections. Paragraphs are indented two spaces a level and keep their published marker."""
    blocks = []
    for section in sections:
        lines = [section.heading] if section.heading else []
        for paragraph in section.paragraphs:
            indent = "  " * paragraph.level
            marker = f"{paragraph.marker} " if paragraph.marker else ""
            lines.append(f"{indent}{marker}{paragraph.text}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


HEADING = "h"


def body_layout(sections: tuple[Section, ...]) -> list:
    """What each non-blank line of render_body() is: HEADING, or [level, marker] for a
    paragraph. With the body it gives back the sections, without storing the text twice."""
    layout = []
    for section in sections:
        if section.heading:
            layout.append(HEADING)
        layout += [[paragraph.level, paragraph.marker] for paragraph in section.paragraphs]
    return layout


# A public report's "Key to names used" block, and one of its entries: "Mr X - the
# complainant", "Officer A – a manager", "Mrs Y<tab>His mother" (a name, a dash, a tab or a
# colon, then a role; short, as the parser's headings are, which is how it reads them).
KEY_TO_NAMES = re.compile(r"^key to names(?: used)?\s*:?$", re.IGNORECASE)
NAME_ENTRY = re.compile(r"^\S[^\t:–—]{0,50}?(?:\s[-–—]\s|\t|:\s|\s{3,})\s*\S.*$")
NAME_ENTRY_WORDS = 14


def is_key_to_names(heading: str) -> bool:
    return bool(KEY_TO_NAMES.match(heading.strip()))


def is_name_entry(line: str) -> bool:
    """Whether a line under "Key to names used" is one of its entries rather than a heading."""
    return bool(NAME_ENTRY.match(line.strip())) and len(line.split()) <= NAME_ENTRY_WORDS


def sections_from_body(body: str, layout: list) -> list[dict]:
    """Rebuild [{heading, paragraphs: [{marker, level, text}]}] from a body and its layout.
    A body edited by hand so that it no longer fits its layout is read as plain paragraphs.
    The parser reads an unmarked "Mr X - the complainant" line as a heading (it is short and
    unpunctuated); under "Key to names used" such lines are read back as the key's entries,
    here rather than in the parser so that decisions already imported read the same."""
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) != len(layout):
        layout = [[0, ""]] * len(lines)
    sections: list[dict] = []
    for line, entry in zip(lines, layout, strict=True):
        in_key = sections and is_key_to_names(sections[-1]["heading"])
        if entry == HEADING and in_key and is_name_entry(line):
            entry = [0, ""]
        if entry == HEADING:
            sections.append({"heading": line, "paragraphs": []})
            continue
        level, marker = entry
        if not sections:
            sections.append({"heading": "", "paragraphs": []})
        text = line[2 * level + (len(marker) + 1 if marker else 0) :]
        sections[-1]["paragraphs"].append({"marker": marker, "level": level, "text": text})
    return sections

"""A decision's text as stored: the body as plain lines plus a small layout, and back.

The body keeps each heading and paragraph on a line of its own, paragraphs indented two
spaces a level with their published marker, and a blank line between sections; it is what
full-text search indexes. The layout says what each line is, so the structure comes back
exactly without storing the text twice. Pure Python with no Django import.
"""

from __future__ import annotations

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


def sections_from_body(body: str, layout: list) -> list[dict]:
    """Rebuild [{heading, paragraphs: [{marker, level, text}]}] from a body and its layout.
    A body edited by hand so that it no longer fits its layout is read as plain paragraphs."""
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) != len(layout):
        layout = [[0, ""]] * len(lines)
    sections: list[dict] = []
    for line, entry in zip(lines, layout, strict=True):
        if entry == HEADING:
            sections.append({"heading": line, "paragraphs": []})
            continue
        level, marker = entry
        if not sections:
            sections.append({"heading": "", "paragraphs": []})
        text = line[2 * level + (len(marker) + 1 if marker else 0) :]
        sections[-1]["paragraphs"].append({"marker": marker, "level": level, "text": text})
    return sections

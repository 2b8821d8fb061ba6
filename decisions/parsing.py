"""Turn one decision file (bytes) into a ParsedDecision, or raise ParseError.

Pure Python with no Django import, so it can be fuzzed and reused. The format and its
variants, and what is refused, are described in docs/importing.md.
"""

from __future__ import annotations

import codecs
import html
import quopri
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from decisions.body import KEY_TO_NAMES, Paragraph, Section, render_body
from decisions.categories import PARENT_NAMES
from decisions.classification import split_organisations

# Real decisions are under 200 KB; public reports rarely pass 100 KB. Anything larger is not
# a decision statement. The limit applies to the file and to its text as UTF-8, and keeps
# every accepted decision within PostgreSQL's 1 MB limit on the words of one tsvector.
MAX_FILE_BYTES = 1_000_000
# The longest values stored for these fields (the models use the same numbers).
MAX_ORGANISATION_LINE = 500  # the whole line, which may name several bodies
MAX_ORGANISATION_NAME = 300
MAX_CATEGORY_NAME = 200
MAX_OUTCOME_LABEL = 200
MAX_DECISION_MAKER = 200

DECISION_HEADING = "The Ombudsman's final decision:"
TOO_LARGE = f"file is larger than the {MAX_FILE_BYTES:,}-byte limit for a decision"

# What a file can be warned about, by kind: a short code that stays the same whatever the
# wording, so that an import can count its warnings by kind, and what the kind means.
NOT_UTF8 = "not-utf8"
PAGE_TEXT_SKIPPED = "page-text-skipped"
FOOTER_SKIPPED = "page-footer-skipped"
HEADER_LINE_IGNORED = "header-line-ignored"
NO_SUMMARY = "no-summary"
NO_CATEGORY = "no-category"
NO_OUTCOME = "no-outcome"
NO_DECISION_DATE = "no-decision-date"
SEVERAL_CATEGORIES = "several-categories"
WARNING_KINDS = {
    SEVERAL_CATEGORIES: "a Category line naming several: the first recorded",
    NOT_UTF8: "not UTF-8: read as Windows-1252",
    PAGE_TEXT_SKIPPED: "page text above the organisation line, skipped",
    FOOTER_SKIPPED: "page text below the signature, skipped",
    HEADER_LINE_IGNORED: "a header line that is not a field, ignored",
    NO_SUMMARY: "no 'Summary:' line",
    NO_CATEGORY: "no Category line: category not recorded",
    NO_OUTCOME: "no Decision line: outcome not recorded",
    NO_DECISION_DATE: "no Decision date line: date not recorded",
}
MISSING_FIELD_KINDS = {
    "category": NO_CATEGORY,
    "decision": NO_OUTCOME,
    "decision date": NO_DECISION_DATE,
}


class ParseError(ValueError):
    """The file is not a decision we can read. `line` is 1-based, or None for the whole file."""

    def __init__(self, reason: str, line: int | None = None):
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line else reason)

    def __reduce__(self):
        # Made again from its reason and line when it comes back from the parsing process.
        return type(self), (self.reason, self.line)


@dataclass(frozen=True)
class ParseWarning:
    """Something odd about a file that did not stop it being read: a kind from WARNING_KINDS
    and the text saying what, in this file."""

    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ParsedDecision:
    reference: str  # "20 003 494"
    organisation_name: str  # the organisation line as published, may name several bodies
    organisations: tuple[str, ...]  # the bodies named, first is the organisation complained about
    category: tuple[str, ...] | None  # ("Parent", "Sub") or ("Single",); None if not recorded
    outcome: str | None
    decision_date: date | None
    summary: str
    sections: tuple[Section, ...]
    decision_maker: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def slug(self) -> str:
        return self.reference.replace(" ", "-")

    @property
    def body(self) -> str:
        """The text under the decision heading as plain lines, headings kept as their own lines."""
        return render_body(self.sections)


# --- bytes to lines -----------------------------------------------------------------------

# Control characters other than tab and line ends; a text file has none or almost none.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _characters(first: int, last: int) -> str:
    return "".join(map(chr, range(first, last + 1)))


# What a page copied from the web carries unseen: soft hyphens, zero-width spaces and joiners,
# direction marks, byte-order marks inside the text. Dropped, so "Coun\u00adcil" is "Council".
INVISIBLE_CHARACTERS = (
    "\u00ad\ufeff" + _characters(0x200B, 0x200F) + _characters(0x202A, 0x202E)
    + _characters(0x2060, 0x2064)
)  # fmt: skip
# Spaces of other widths, read as a space (the non-breaking space most often).
OTHER_SPACE_CHARACTERS = "\u00a0\u202f\u205f\u3000" + _characters(0x2000, 0x200A)
# Unicode's own line and paragraph separators, read as line ends.
LINE_SEPARATOR_CHARACTERS = "\u2028\u2029\x85"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
OTHER_SPACES = re.compile(f"[{OTHER_SPACE_CHARACTERS}]")
UNICODE_LINE_BREAK = re.compile(f"[{LINE_SEPARATOR_CHARACTERS}]")
UNSEEN = INVISIBLE_CHARACTERS + OTHER_SPACE_CHARACTERS + LINE_SEPARATOR_CHARACTERS
# The ligatures a PDF's text holds ("ﬁnd", "oﬃcer"), as their letters: searched for, and named
# (a body, a category), as typed.
LIGATURE_CHARACTERS = _characters(0xFB00, 0xFB06)
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
    | {"\ufb05": "st", "\ufb06": "st"}
)
LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


def decode(data: bytes) -> tuple[str, list[ParseWarning]]:
    """Decode a file's bytes to text, returning (text, warnings)."""
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(TOO_LARGE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise ParseError("file claims to be UTF-16 but is not valid UTF-16") from error
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ParseError("binary file: it contains NUL bytes, so it is not text")
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError as error:
            raise ParseError(f"file looks like {encoding.upper()} but is not valid") from error
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    # Windows-1252 files, and files that mix it with UTF-8 line by line.
    lines = [
        _decode_line(line) for line in LINE_BREAK_BYTES.split(data.removeprefix(codecs.BOM_UTF8))
    ]
    return "\n".join(lines), [ParseWarning(NOT_UTF8, "not UTF-8: read as Windows-1252")]


# UTF-16 saved without a byte-order mark (as `iconv -t UTF-16LE` and some export tools write
# it): an English text's letters are each one byte and a NUL, so a NUL every other byte.
UTF16_NUL_SHARE_AT_LEAST = 0.7


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order of a file without a byte-order mark, or None if it is not one:
    most of its even bytes NUL (big-endian) or most of its odd ones (little-endian), and
    hardly any of the others."""
    if len(data) % 2 or len(data) < 4:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= UTF16_NUL_SHARE_AT_LEAST * half and others <= 0.01 * half:
            return encoding
    return None


def _decode_line(line: bytes) -> str:
    # Byte by byte, so that a line mixing the two (a UTF-8 ’ pasted beside a Windows-1252 £)
    # reads both right.
    return line.decode("utf-8", errors=WINDOWS_1252_BYTES)


def _windows_1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """A codec error handler: the bytes that are not UTF-8, read as Windows-1252 (which leaves
    five bytes undefined: those are read as Latin-1)."""
    wrong = error.object[error.start : error.end]
    return "".join(_windows_1252_byte(wrong[i : i + 1]) for i in range(len(wrong))), error.end


def _windows_1252_byte(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


WINDOWS_1252_BYTES = "decisions-windows-1252-bytes"
codecs.register_error(WINDOWS_1252_BYTES, _windows_1252_bytes)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not the other breaks str.splitlines knows), tidy each line."""
    # Word's manual line break (vertical tab) joins lines of one paragraph; its page break
    # (form feed) ends one. Neither is dropped: words on either side would run together.
    text = text.lstrip("\ufeff").replace("\x0b", " ").replace("\x0c", "\n")
    if len(CONTROL_CHARACTERS.findall(text[:10_000])) > 10:
        raise ParseError("binary file: it is full of control characters, so it is not text")
    text = unicodedata.normalize("NFC", CONTROL_CHARACTERS.sub("", text))
    # Looked for one by one first: `in` takes a microsecond where each pattern's scan of the
    # text took fifty, and most files hold none of them.
    if any(character in text for character in UNSEEN):
        text = OTHER_SPACES.sub(" ", UNICODE_LINE_BREAK.sub("\n", INVISIBLE.sub("", text)))
    if any(ligature in text for ligature in LIGATURE_CHARACTERS):  # "oﬃcer", from a PDF
        text = text.translate(LIGATURES)
    if "**" in text:  # "**The complaint**": a heading made bold by hand or in Markdown
        text = text.replace("**", "")
    lines = [line.rstrip() for line in LINE_BREAK.split(text)]
    return _unquoted(lines) if "\n>" in text else lines


# An email that quotes the decision it replies to puts "> " before each of its lines.
QUOTE_MARK = re.compile(r"^(?:>[ \t]?)+")
QUOTED_SHARE_AT_LEAST = 0.6


def _unquoted(lines: list[str]) -> list[str]:
    """The lines without an email's quotation marks, where most of them are quoted."""
    filled = [line for line in lines if line]
    quoted = sum(line.startswith(">") for line in filled)
    if quoted < QUOTED_SHARE_AT_LEAST * len(filled):
        return lines
    return [QUOTE_MARK.sub("", line) for line in lines]


# --- the header -----------------------------------------------------------------------------

REFERENCE_SHAPE = re.compile(r"^([0-9]{2})\s+([0-9]{3})\s+([0-9]{3})$")
# A reference typed with its label in the brackets: "(Ref: 21 004 517)", "(Our ref 21 …)".
REFERENCE_LABEL = re.compile(
    r"^(?:(?:our|case|complaint)\s+)?ref(?:erence)?\.?(?:\s+(?:no\.?|number))?\s*[:.]?\s*", re.I
)
# A reference as a person types it (in the search box, the admin, a command): 20 003 494,
# 20003494 or 20-003-494.
TYPED_REFERENCE = re.compile(r"^\s*([0-9]{2})[\s-]*([0-9]{3})[\s-]*([0-9]{3})\s*$")
# "Name : value", or "Name<tab>value" as a table copied from a web page gives it.
HEADER_FIELD = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z '’/&_-]{0,40}?)(?:\s*:\s*|\t+\s*)(?P<value>.*)$"
)
CORE_FIELDS = {"category", "decision", "decision date"}
# Other names a core field is given by hand: each is read as the field it names.
FIELD_ALIASES = {
    "date": "decision date", "date of decision": "decision date",
    "outcome": "decision", "final decision": "decision",
}  # fmt: skip
# Every name a core field is given (FIELD_ALIASES included), as a pattern.
_CORE_FIELD_NAME = r"category|decision(?: date)?|date(?: of decision)?|outcome|final decision"
# A core field with a dash where the colon goes: "Category – Housing > Homelessness".
CORE_FIELD_DASHED = re.compile(
    rf"^(?P<name>{_CORE_FIELD_NAME})\s+[–—-]\s+(?P<value>\S.*)$", re.IGNORECASE
)
# A core field's name alone on its line, its value on the next, as a page of two columns is
# copied: "Category" / "Housing > Homelessness".
CORE_FIELD_LABEL = re.compile(rf"^(?:{_CORE_FIELD_NAME})\s*:?$", re.IGNORECASE)
CORE_FIELD_LABEL_AT_MOST = len("date of decision :")
# How a Category or Decision line ends when it is wrapped onto the next: "… regulation >",
# "Adult care services /" (another mark after a parent: PARENT_AND_SUB), "… conduct and".
CORE_VALUE_GOES_ON = re.compile(r"(?:[>&,–\-/»›|]|\b(?:and|of|for|to|the|after|out))$", re.I)
# The core fields run together on one line, wide gaps between them: split before each name.
FIELDS_ON_ONE_LINE = re.compile(
    r"(?:\s{2,}|\t)(?=(?:category|decision(?: date)?|date(?: of decision)?)\s*:)", re.IGNORECASE
)
# Extra fields known to start a new header line; any other "Name : value" line that follows
# one of these continues it (remedies are listed one per line as "Financial redress: ...").
# In the order a page shows them (PostgreSQL's jsonb keeps a decision's fields in an order of
# its own): these first, then any other by name.
EXTRA_FIELD_ORDER = (
    "remedy", "remedies", "remedy details", "service improvement", "service improvement details",
    "compliance status", "compliance", "fictional",
)  # fmt: skip
KNOWN_EXTRA_FIELDS = set(EXTRA_FIELD_ORDER)


def extra_in_order(extra: dict[str, str]) -> dict[str, str]:
    """A decision's extra header fields in one order on either database: the known ones as
    listed above, then the rest by name."""
    place = {name: index for index, name in enumerate(EXTRA_FIELD_ORDER)}

    def order(name: str) -> tuple:
        key = field_key(name)
        return (place.get(key, len(place)), key)

    return {name: extra[name] for name in sorted(extra, key=order)}


def normalise_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


# "The Ombudsmen's final decision:" heads a decision made jointly with the Parliamentary and
# Health Service Ombudsman.
DECISION_HEADING_LINE = re.compile(
    r"^\s*the\s+ombuds(?:man|men)['’]s\s+final\s+decision\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)


def reference_line(line: str) -> tuple[str, str] | None:
    r"""(name, reference) of a line that ends in a parenthesised reference, as the regular
    expression ^(.*?)\s*\(([^()]*)\)$ would match it, but in linear time: that expression
    re-reads a long run of spaces from each of its characters."""
    if not line.endswith(")"):
        return None
    opening = line.rfind("(")  # a reference holds no bracket, so it follows the last "("
    if opening < 0 or ")" in line[opening + 1 : -1]:
        return None
    return line[:opening].rstrip(), line[opening + 1 : -1]


# An email saved whole, its text still in the encoding it was sent in.
QUOTED_PRINTABLE = re.compile(rb"content-transfer-encoding:\s*quoted-printable", re.IGNORECASE)
QUOTED_PRINTABLE_HEAD = 5_000

# An email's header lines above a forwarded decision: "Subject: LGSCO final decision (22 008
# 015)" ends in a reference too, but names no body.
EMAIL_HEADER_LINE = re.compile(r"^(?:subject|re|fwd?|from|to|sent|cc|bcc)\s*:", re.IGNORECASE)


def find_reference_line(header: list[str]) -> tuple[int, str, str]:
    """Return (index, name, reference) of the first line that ends in a parenthesised reference
    (an email's Subject line is no organisation line)."""
    malformed = None
    for index, line in enumerate(header):
        found = reference_line(line.strip())
        if not found or EMAIL_HEADER_LINE.match(line.strip()):
            continue
        name, reference = found
        reference = reference.strip()
        shape = REFERENCE_SHAPE.match(reference) or (
            reference[:1].isalpha() and REFERENCE_SHAPE.match(REFERENCE_LABEL.sub("", reference))
        )
        if shape:
            if name.strip(" -–—:"):
                return index, name.strip(), " ".join(shape.groups())
            # "London Borough of Wrenmoor" / "(20 003 494)": the reference wrapped onto a line
            # of its own; parse_decision takes the name from the line above.
            if index and _names_a_body(header[index - 1].strip()):
                return index, "", " ".join(shape.groups())
            raise ParseError("the reference has no organisation name before it", line=index + 1)
        if malformed is None and any(ch.isdigit() for ch in reference):
            malformed = (index, reference)
    if malformed:
        raise ParseError(
            f"malformed reference ({malformed[1]}): expected two digits, three digits and three "
            "digits, like (20 003 494)",
            line=malformed[0] + 1,
        )
    _refuse_a_reference_not_at_the_end(header)
    raise ParseError(
        f"no organisation line: no line ending in a reference such as (20 003 494) "
        f"before {DECISION_HEADING!r}"
    )


# A reference where the organisation line has one, but not in brackets at the line's end:
# "Wrenmoor District Council (21 004 592).", "… [21 004 592]", "… 21 004 592".
REFERENCE_ANYWHERE = re.compile(r"(?<!\d)\d{2} \d{3} \d{3}(?!\d)")


def _refuse_a_reference_not_at_the_end(header: list[str]) -> None:
    """Say what is wrong with a line that holds a reference, when no line ends in one: only
    the failing file's header is searched."""
    for index, line in enumerate(header):
        text = " ".join(line.split())
        found = REFERENCE_ANYWHERE.search(text)
        if not found or EMAIL_HEADER_LINE.match(text):
            continue
        reference, after = found[0], text[found.end() :]
        if text[found.start() - 1 : found.start()] == "(" and after.startswith(")"):
            wrong = f"is followed by {after[1:].strip()!r}"
        else:
            wrong = "is not in round brackets at the end of the line"
        raise ParseError(
            f"the reference {reference} {wrong}: the organisation line must be the body's name "
            f"then the reference in brackets, as in 'Name of the council ({reference})'",
            line=index + 1,
        )


def _names_a_body(line: str) -> bool:
    """Whether a line above a reference standing alone could be the organisation's name: not
    a field, a label ("Complaint reference:"), a sentence or the web page's own text."""
    return (
        0 < len(line) <= MAX_ORGANISATION_NAME
        and not line.endswith((".", ":", ";", "?", "!"))
        and not HEADER_FIELD.match(line)
        and not is_furniture(line)
    )


@dataclass
class HeaderFields:
    values: dict[str, str] = field(default_factory=dict)  # name as first published -> value
    names: dict[str, str] = field(default_factory=dict)  # lower-case name -> name as published
    lines: dict[str, int] = field(default_factory=dict)  # lower-case name -> 1-based line
    ignored: list[int] = field(default_factory=list)

    def add(self, name: str, value: str, line: int) -> str:
        """Record a field; an extra field given twice (two Remedy lines) keeps both values."""
        key = field_key(name)
        if key in self.names:
            if key in CORE_FIELDS and name_agrees(self.values[self.names[key]], value):
                return self.names[key]  # "Decision : Upheld" and "Outcome : Upheld"
            if key in CORE_FIELDS:
                raise ParseError(f"the {name!r} header line appears twice", line=line)
            name = self.names[key]
            self.values[name] += "\n" + value
        else:
            self.names[key], self.values[name], self.lines[key] = name, value, line
        return name


def field_key(name: str) -> str:
    """A header field's name as compared: lower case, single spaces (for a hyphen or an
    underscore too, as a spreadsheet's column names have them: "Decision_date"), straight
    apostrophes, and another name for a core field ("Date") as that field's."""
    key = " ".join(name.lower().replace("’", "'").replace("_", " ").replace("-", " ").split())
    return FIELD_ALIASES.get(key, key)


def name_agrees(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def read_header_fields(numbered: list[tuple[int, str]]) -> HeaderFields:
    """The header's fields from its (1-based line number, line) pairs."""
    reader = HeaderReader()
    for number, whole in numbered:
        # "Back to top" and the like are the web page's, in the header as in the body.
        if not whole.strip() or is_furniture(whole):
            continue
        for line in FIELDS_ON_ONE_LINE.split(whole.strip()):
            reader.read(line.strip(), number)
    reader.end_label()
    return reader.fields


@dataclass
class HeaderReader:
    fields: HeaderFields = field(default_factory=HeaderFields)
    current: str | None = None  # the field the last line was part of, as first published
    label: tuple[str, int] | None = None  # a core field's name alone on its line, and where

    def read(self, line: str, number: int) -> None:
        dashed = ("–" in line or "—" in line or " - " in line) and CORE_FIELD_DASHED.match(line)
        match = dashed or HEADER_FIELD.match(line)
        key = match and field_key(match["name"])
        known = key in CORE_FIELDS or key in KNOWN_EXTRA_FIELDS
        if self._labelled(line, number, known):
            return
        fields, current = self.fields, self.current
        continues = current and field_key(current) not in CORE_FIELDS
        if match and (known or not continues):
            value = " ".join(match["value"].split())
            self.current = fields.add(" ".join(match["name"].split()), value, number)
        elif continues:
            fields.values[current] += "\n" + " ".join(line.split())
        elif _wraps(fields, current, line):  # "Category : … regulation >" / "Noise"
            fields.values[current] += " " + " ".join(line.split())
        else:
            fields.ignored.append(number)

    def _labelled(self, line: str, number: int, known: bool) -> bool:
        """Whether the line is a core field's name alone ("Category"), or the value under
        one: a page of two columns copied as text."""
        alone = len(line) <= CORE_FIELD_LABEL_AT_MOST and CORE_FIELD_LABEL.match(line)
        if alone or (self.label and known):
            self.end_label()
            if alone:
                self.label = (line.rstrip(" :"), number)
                return True
            return False
        if self.label:
            name, at = self.label
            self.current, self.label = self.fields.add(name, " ".join(line.split()), at), None
            return True
        return False

    def end_label(self) -> None:
        """A name alone with no value under it is a field given empty."""
        if self.label:
            self.fields.add(self.label[0], "", self.label[1])
            self.label = None


def _wraps(fields: HeaderFields, current: str | None, line: str) -> bool:
    """Whether `line` goes on from a Category or Decision line wrapped before it: that line
    stopped on ">", "and" and the like, or this one starts in lower case or with ">"."""
    if not current or field_key(current) not in ("category", "decision"):
        return False
    value = fields.values[current]
    return bool(CORE_VALUE_GOES_ON.search(value)) or line[:1].islower() or line[:1] == ">"


MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {name: number for number, full in enumerate(MONTH_NAMES, 1) for name in (full, full[:3])}
MONTHS["sept"] = 9
# 29 Sep 2020, 5th March, 2021, 5th of March 2021, 05-Mar-2021, and the listing's 03-Feb-22.
DATE_SHAPE = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -]+([A-Za-z]+)\.?,?[ -]+(\d{4}|\d{2})$"
)
# The same date typed by hand, day first as in the UK: 05/03/2021, 5.3.2021, 05-03-2021.
NUMERIC_DATE_SHAPE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
# The month first, as a US page or a person may write it: March 5, 2021.
MONTH_FIRST_SHAPE = re.compile(r"^([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")
# As a database or a spreadsheet writes it: 2021-03-05, 2021/03/05.
ISO_DATE_SHAPE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
# What may stand round a date without changing it: its weekday ("Tuesday 5 March 2023") and a
# note after it ("3 Feb 2022 (amended 5 Feb 2022)").
WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,? ", re.I
)
NOTE_AFTER = re.compile(r"\s*\([^()]*\)$")
# A time of day after the date, as a spreadsheet or a database exports it: "2021-03-05
# 00:00:00", "5 Mar 2021 14:30".
TIME_AFTER = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?$", re.I)
FIRST_DECISION_YEAR = 1974  # the Local Government Ombudsman was created in 1974


def _date_parts(text: str) -> tuple[int, int | None, str] | None:
    """(day, month, year as written) of a date in any of the shapes above; month None for a
    month name not known; None for no shape."""
    text = " ".join(re.sub("[\u2010-\u2015\u2212]", "-", text).split())
    text = WEEKDAY.sub("", NOTE_AFTER.sub("", text))
    if ":" in text:
        text = TIME_AFTER.sub("", text)
    text = text.rstrip(".")  # "5 March 2021.": a sentence's full stop typed after it
    if match := DATE_SHAPE.match(text):
        return int(match[1]), MONTHS.get(match[2].lower()), match[3]
    if match := MONTH_FIRST_SHAPE.match(text):
        return int(match[2]), MONTHS.get(match[1].lower()), match[3]
    if match := NUMERIC_DATE_SHAPE.match(text):
        return int(match[1]), int(match[2]), match[3]
    if match := ISO_DATE_SHAPE.match(text):
        return int(match[3]), int(match[2]), match[1]
    return None


def parse_decision_date(text: str, line: int) -> date:
    parts = _date_parts(text)
    if parts is None or parts[1] is None:
        # "5 Marhc 2021": the shape is right, the month's name is not one.
        unknown = f" ({_month_written(text)!r} is no month)" if parts else ""
        raise ParseError(
            f"malformed decision date {text!r}{unknown}: expected a date like 29 Sep 2020",
            line=line,
        )
    day, month, written_year = parts
    year = int(written_year)
    latest = date.today() + timedelta(days=1)  # a decision of tomorrow, in another time zone
    if len(written_year) == 2:  # the listing's short year: this century's, unless still to come
        year += 2000 if 2000 + year <= latest.year else 1900
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise ParseError(_impossible_date(text, day, month, year), line=line) from error
    if year < FIRST_DECISION_YEAR:
        raise ParseError(
            f"decision date {text!r} is outside the years the Ombudsman has existed", line=line
        )
    if value > latest:
        raise ParseError(f"decision date {text!r} is in the future", line=line)
    return value


def _month_written(text: str) -> str:
    """The word of a date that stands for its month: its first word of letters that is not a
    weekday or an ordinal's ending."""
    words = re.findall(r"[A-Za-z]+", WEEKDAY.sub("", " ".join(text.split())))
    return next((w for w in words if w.lower() not in ("st", "nd", "rd", "th", "of")), text)


def _impossible_date(text: str, day: int, month: int, year: int) -> str:
    """Why a date cannot be, and what to write: "03/25/2021" is the month first, as in the US,
    where a date in figures is read day first."""
    reason = f"impossible decision date {text!r}"
    if month > 12 and day <= 12:
        try:
            meant = date(year, day, month)
        except ValueError:
            return reason
        written = f"{meant.day} {meant:%b %Y}"
        if text.lstrip()[:4].isdigit():  # 2021-25-03: the year first, then the month
            return f"{reason}: there is no month {month}; for {written} write {meant:%Y-%m-%d}"
        return (
            f"{reason}: there is no month {month} (a date in figures is read day first, as in "
            f"the UK); if the month comes first, as in the US, write it as {written}"
        )
    return reason


def _parent_pattern(name: str) -> str:
    """A parent's name as a pattern: any spacing, either apostrophe, "and" or "&"."""
    words = [re.escape(word).replace("'", "['’]") for word in name.split()]
    return r"\s+".join("(?:and|&)" if word == "and" else word for word in words)


# A known parent and its subcategory parted by another mark than " > ", as typed or copied
# from elsewhere: "Adult care services - Charging", "… / …", "…: …", "… » …", "… › …". Only
# after a known parent's name (the longest first: "Planning and development" before
# "Planning"), so a single-level category holding a dash or a slash is never cut.
PARENT_AND_SUB = re.compile(
    r"^\s*(?P<parent>"
    + "|".join(_parent_pattern(name) for name in sorted(PARENT_NAMES, key=len, reverse=True))
    + r")\s*[-–—/\\:|,»›→]\s*(?P<sub>.*)$",
    re.IGNORECASE,
)


def parse_category(text: str) -> tuple[str, ...] | None:
    if ">" not in text:
        if parted := PARENT_AND_SUB.match(text):
            text = f"{parted['parent']} > {parted['sub']}"
    elif "->" in text:  # an arrow typed "Housing -> Homelessness"
        text = text.replace("->", ">")
    parts = [" ".join(part.split()) for part in text.split(">")]
    parts = [part for part in parts if part]
    if not parts:
        return None
    return (parts[0], " > ".join(parts[1:])) if len(parts) > 1 else (parts[0],)


# --- the body -------------------------------------------------------------------------------

# Bullets include Word's second and third levels as its text copy gives them: "o" and the
# Wingdings square (\uf0a7), beside its first level's Symbol-font dot (\uf0b7). Its lettered
# and roman lists give "a.<tab>", "A)<tab>", "iv.<tab>": a tab after, never a space, which
# would take "s. 188" or "p. 12" at a wrapped line's start.
MARKED_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[-•·▪◦*–●\uf0b7\uf0a7o]|\d{1,3}(?:\.\d{1,3})+\.?(?=\s+[^a-z\s])|\d{1,3}[.)]"
    r"|\(?[a-z]\)|\(\d{1,3}\)|(?:[a-zA-Z]|[ivx]{1,4})\.(?=\t)|[A-Z]\)(?=\t)"
    r"|\(?[ivx]{1,4}\))\s+(?P<text>\S.*)$"
)
# "Summary: …", or "Summary" alone on its line with the text on the next.
SUMMARY_LINE = re.compile(r"^summary\s*(?:(?::|\s[-\u2013\u2014])\s*(?P<text>.*))?$", re.IGNORECASE)
# A public report opens with a block of this name instead of a "Summary:" line.
REPORT_SUMMARY = "report summary"
# "Investigator's decision on behalf of the Ombudsman", "… of the Ombudsmen" (a decision made
# with the Parliamentary and Health Service Ombudsman), "Assistant Ombudsman's decision".
# The Ombudsman's titles over the years: "the Local Government and Social Care Ombudsman"
# (also with "&"), "the Local Government Ombudsman", "the Local Commissioner", and a joint
# decision's "… and the Health Service Ombudsman".
_OMBUDSMAN = (
    r"(?:(?:local government (?:(?:and|&) social care )?)?ombudsm[ae]n|local commissioner)"
    r"(?: and the (?:parliamentary and )?health service ombudsman)?"
)
SIGNATURE = re.compile(
    rf"(?:(?:decision|report) (?:on behalf )?of the {_OMBUDSMAN}"
    r"|^(?:the )?(?:assistant |deputy )?ombudsman['’]s (?:final )?decision)\.?$",
    re.IGNORECASE,
)
# A report signed by name, the title on the line below: "Michael King" / "Local Government
# and Social Care Ombudsman", "Anne Marsh" / "Local Commissioner".
OMBUDSMAN_TITLE = re.compile(rf"^(?:deputy |assistant )?{_OMBUDSMAN}$", re.IGNORECASE)
SIGNED_NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss)\.? )?[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}$")
KNOWN_HEADINGS = {
    normalise_apostrophes(heading).lower()
    for heading in (
        "The complaint",
        "What I have investigated",
        "What I have and have not investigated",
        "The Ombudsman’s role and powers",
        "How I considered this complaint",
        "What I found",
        "Background",
        "Legal and administrative background",
        "Relevant law and guidance",
        "Analysis",
        "Conclusions",
        "Agreed action",
        "Recommendations",
        "Final decision",
        "Parts of the complaint that I did not investigate",
        "Report summary",
        "Key to names used",
        "Decision",
        "Findings",
        "Investigation",
        "Law and guidance",
        "Action",
        "Agreed actions",
        "Recommended action",
        "Recommendation",
        "Remedy",
        "Remedies",
        "What should happen",
        "Conclusion",
        "Assessment",
        "My assessment",
        "What happened",
        "Relevant law",
        "Introduction",
        "Finding",
    )
}
# "Agreed action (within one month):" is the heading "Agreed action".
HEADING_ASIDE = re.compile(r"\s*(?:\([^()]*\))?\s*:?$")
FURNITURE = {"back to top", "print this page", "share this page"}
FURNITURE_LENGTH_AT_MOST = 20


# What a printed or PDF copy repeats on every page, on a line of its own: "Page 2 of 4", a
# bare page number ("3", "- 3 -"), the running header "Final decision 22 011 208", Word's
# "-----Page Break-----", a browser's print header ("22/05/2023, 14:32 …") and footer
# ("https://www.lgo.org.uk/… 1/2"). In the body, a date alone on its line too (LONE_DATE): in
# the header it is a field's value ("Decision date" / "14 March 2023").
PAGE_FURNITURE = re.compile(
    r"(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|-?\s*\d{1,3}\s*-?"
    r"|(?:final\s+decision|decision|report)\s+\d{2}\s\d{3}\s\d{3}"
    r"|-{3,}\s*page\s+break\s*-{3,}"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\b.*"
    r"|https?://\S+\s+\d{1,3}/\d{1,3})",
    re.IGNORECASE,
)
PAGE_FURNITURE_LENGTH_AT_MOST = 40
# What each of those lines starts with: a digit, "-", "Page", "Final decision", "Decision",
# "Report", "http".
PAGE_FURNITURE_FIRST = frozenset("0123456789-pPfFdDrRhH")
LONG_FURNITURE_STARTS = ("http", "---")
DIGITS = "0123456789"
LONE_DATE = re.compile(
    rf"\d{{1,2}}\s+(?:{'|'.join(name[:3] for name in MONTH_NAMES)})[a-z]*\.?\s+\d{{4}}", re.I
)


def is_furniture(line: str, *, dates: bool = False) -> bool:
    """A line of the web page's own ("Back to top", "Back to top ↑", "[Print this page]"), or
    one a printed or PDF copy repeats on every page (PAGE_FURNITURE); with `dates`, a date
    alone on its line too (in the body, where it is a printed page's running header)."""
    text = line.strip()
    if len(text) > PAGE_FURNITURE_LENGTH_AT_MOST:  # most lines: a test or two, then done
        if text.startswith(LONG_FURNITURE_STARTS) or (text[0] in DIGITS and "/" in text[:6]):
            return PAGE_FURNITURE.fullmatch(text) is not None  # a URL, a break, a print header
        return False
    if len(text) <= FURNITURE_LENGTH_AT_MOST and (
        " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split()) in FURNITURE
    ):
        return True
    if text[:1] not in PAGE_FURNITURE_FIRST:  # a heading ("The complaint"): no pattern tried
        return False
    return PAGE_FURNITURE.fullmatch(text) is not None or (
        dates and LONE_DATE.fullmatch(text) is not None
    )


# What a title never holds: a tab, a wide gap between columns, or a sum of money.
TABLE_ROW = re.compile(r"\t| {3,}|£")


# No heading is longer, even with a note in brackets: "Agreed action (within one month of the
# date of my final decision):". A paragraph's line is not read as one.
HEADING_CHARACTERS_AT_MOST = 120


def heading_key(heading: str) -> str:
    """A heading as the known ones are listed: "Agreed action (within one month):" is
    "agreed action"."""
    key = normalise_apostrophes(heading.strip()).lower()
    # Only a heading ending in a bracket or a colon has either to take off (a search from
    # each position of every line for them was a third of the parser's time).
    return HEADING_ASIDE.sub("", key, count=1) if key.endswith((")", ":")) else key


def looks_like_a_title(text: str) -> bool:
    """An unmarked line that is short and reads like a title, not a sentence (a heading where
    a section can start; a known heading is one anywhere: _known_heading)."""
    return (
        len(text) <= 80
        and text[0].isupper()
        and text[-1] not in ".,;:)"
        and not text.startswith(("(", "“", '"'))
        and len(text.split()) <= 10
        # A row of a table pasted as text ("Distress<tab>£200"), not a title.
        and not TABLE_ROW.search(text)
    )


def indent_level(indent: str, marker: str) -> int:
    width = len(indent.expandtabs(4))
    level = max(0, (width - 2) // 2) if width else 0
    # "a)", "(a)" and "(iv)" open sub-items, published without indent in the compact layout;
    # "(1)" numbers a paragraph, as "1." does.
    if level == 0 and (marker[0].isalpha() or (marker[0] == "(" and marker[1:2].isalpha())):
        return 1
    return min(level, 3)


@dataclass
class BodyReader:
    summary_lines: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[Paragraph]]] = field(default_factory=list)
    in_summary: bool = False
    saw_summary: bool = False
    # What the last line was: "" (none yet), "summary", "heading", "paragraph" (a marked
    # one) or "text" (an unmarked one).
    last: str = ""
    # The last "N." paragraph's number at each level of the current section (None for one
    # numbered otherwise, "6.4."): kept as they come, not searched for again on each line.
    numbered: dict[int, int | None] = field(default_factory=dict)

    def add(self, line: str) -> None:
        summary = SUMMARY_LINE.match(line.strip())
        if summary and not self.saw_summary and not self.sections:
            self.saw_summary = self.in_summary = True
            if summary["text"]:
                self.summary_lines.append(summary["text"])
            self.last = "summary"
            return
        marked = MARKED_LINE.match(line)
        text = line.strip()
        if marked and self.in_summary and not self.summary_lines:
            self.summary_lines.append(marked["text"].strip())  # "Summary:" then "- text"
        elif marked and marked["marker"][0].isdigit() and _known_heading(marked["text"]):
            self._heading(marked["text"])  # "1. The complaint": a numbered heading
        elif marked and marked["marker"][0] in NUMBERS_OR_BRACKET and self._wrapped_before(marked):
            # "… at paragraph" / "6.4. It says …"; "… aged" / "14. He …"; "… section 188" /
            # "(1) of the Housing Act …"
            self._number_goes_on_above(text)
        elif marked:
            level = indent_level(marked["indent"], marked["marker"])
            self._paragraph(Paragraph(marked["text"].strip(), marked["marker"], level))
            self.last = "paragraph"
        elif self._starts_section(text):
            self._heading(text)
        elif self.in_summary and not (self.summary_lines and ends_sentence(self.summary_lines[-1])):
            self._summary_goes_on(text)
        elif self.last in ("paragraph", "text") and _goes_on(self._last_text(), text):
            self._paragraph_goes_on(text)  # a paragraph wrapped onto the next line
        else:
            self._paragraph(Paragraph(text))
            self.last = "text"

    def _wrapped_before(self, marked: re.Match) -> bool:
        """Whether a numbered line, or one starting "(1)" or "(a)", goes on from the summary
        or the paragraph above."""
        if self.in_summary:
            previous = self.summary_lines[-1]
        elif self.last in ("paragraph", "text"):
            previous = self._last_text()
        else:
            return False
        if previous[-1:] in FINISHED:  # most numbered lines: the one above ended its sentence
            return False
        if marked["marker"][0] == "(":  # a provision's subsection: "section 188" / "(1) …"
            return (
                marked["marker"][1:2].isdigit()
                and previous[-1:].isalnum()
                and PROVISION_ENDS.search(previous[-30:]) is not None
            )
        return previous.endswith(NUMBER_FOLLOWS) or self._number_goes_on(marked, previous)

    def _number_goes_on(self, marked: re.Match, previous: str) -> bool:
        """Whether a line starting "27." is the rest of a sentence hard-wrapped before a
        figure ("… within" / "27. days", "… paid £" / "27."), not paragraph 27: the text
        above stopped mid-sentence on a word a figure follows, or 27 is no later than the
        last paragraph's number; never the number after the last. A paragraph numbered
        further on after a line that did not end its sentence ("… as follows" / "5. I asked
        …") is still one."""
        marker = marked["marker"]
        if not (marker[-1] == "." and marker[:-1].isdigit()) or marker == "1." or "\t" in previous:
            return False
        number = int(marker[:-1])
        level = indent_level(marked["indent"], marker)
        last = 0 if self.in_summary else self.numbered.get(level, 0)
        if last is not None and number == last + 1:
            return False  # the next paragraph, or a list's next item ("… and" / "2. pay …")
        if FIGURE_FOLLOWS.search(previous[-20:]) or GOES_ON_AFTER.search(previous[-20:]):
            return True
        return last is not None and number <= last

    def _number_goes_on_above(self, text: str) -> None:
        if self.in_summary:
            self._summary_goes_on(text)
        else:
            self._paragraph_goes_on(text)

    def _paragraph_goes_on(self, text: str) -> None:
        last = self.sections[-1][1][-1]
        self.sections[-1][1][-1] = replace(last, text=joined_text(last.text, text))

    def _summary_goes_on(self, text: str) -> None:
        """The summary wrapped onto the next line, or given on the line below "Summary"."""
        if self.summary_lines:
            self.summary_lines[-1] = joined_text(self.summary_lines[-1], text)
        else:
            self.summary_lines.append(text)

    def _starts_section(self, text: str) -> bool:
        """Whether an unmarked line is a heading. A known one always is (after "Summary" with
        its text still to come, none is). Another title-like line is only where a section
        can start: after the summary, a heading or a paragraph that ended its sentence; not
        inside a quoted letter, a table or a wrapped paragraph, a report's summary or its key
        to names."""
        if self.in_summary and not self.summary_lines:
            return False
        if _known_heading(text):
            return True
        if not looks_like_a_title(text):
            return False
        if self.in_summary and self.summary_lines and _goes_on(self.summary_lines[-1], text):
            return False  # the summary wrapped mid-sentence: "… handling of the" / "Council's …"
        # A report's summary block and its key to names hold lines, not sections.
        current = self.sections[-1][0] if self.sections else ""
        if heading_key(current) == REPORT_SUMMARY or KEY_TO_NAMES.match(current):
            return False
        if self.last == "paragraph":
            return ends_sentence(self._last_text())
        if self.last == "text" and _is_citation(self._last_text()):
            return True  # "(Housing Act 1996, section 189B)" closes its paragraph, as a "." does
        return self.last in ("", "summary", "heading")

    def _last_text(self) -> str:
        return self.sections[-1][1][-1].text if self.sections and self.sections[-1][1] else ""

    def _heading(self, text: str) -> None:
        self.in_summary = False
        self.sections.append((text.strip().rstrip(":"), []))
        self.numbered = {}
        self.last = "heading"

    def _paragraph(self, paragraph: Paragraph) -> None:
        self.in_summary = False
        if not self.sections:
            self.sections.append(("", []))
        self.sections[-1][1].append(paragraph)
        marker = paragraph.marker
        if marker[:1].isdigit():
            number = marker[:-1]
            self.numbered[paragraph.level] = int(number) if number.isdigit() else None


# The end of a sentence, a quotation or a citation: what a paragraph ends with before a
# heading. Not a colon: what follows one (a letter, a list) belongs to it.
SENTENCE_ENDS = (".", "!", "?", ")", "]", '"', "”", "’", ";")
# The last word of a line that stops in the middle of a sentence: the next line goes on.
GOES_ON_AFTER = re.compile(
    r"\b(?:a|an|the|of|in|on|at|to|for|from|by|with|and|or|but|that|which|who|her|his|their"
    r"|its|is|was|were|be|been|not|as|than|under|into|about|because|if|when|where"
    r"|Mr|Mrs|Ms|Miss|Mx|Dr)$|[,–\-£€$]$",
    re.IGNORECASE,
)
# The abbreviations a line may stop on in the middle of a sentence ("e.g.", "para.", "No.").
ABBREVIATION_ENDS = re.compile(
    r"(?:^|[\s(])(?:e\.g|i\.e|etc|cf|viz|approx|para|paras|No|Nos|s|ss|ref|art|reg|Mr|Mrs|Ms|Dr|St)\.$"
)
# The last word of a line that a figure goes on from mid-sentence, besides GOES_ON_AFTER's:
# "… her son was aged" / "14. He …", "… in week" / "23.".
FIGURE_FOLLOWS = re.compile(
    r"\b(?:aged|age|weeks?|days?|months?|years?|within|about|around|over|nearly|almost|only"
    r"|least|some|paid|pay|cost|costs|total|totalling|No|number)$",
    re.IGNORECASE,
)
# The last word of a line that a number goes on from: "… set out at paragraph" / "6.4. It".
NUMBER_FOLLOWS = tuple(
    f"{start}{word}"
    for word in ("section", "sections", "paragraph", "paragraphs", "regulation", "regulations")
    + ("page", "pages", "schedule", "part", "article", "clause", "rule")
    for start in (" ", "(")
) + tuple(
    f" {word.capitalize()}" for word in ("section", "paragraph", "regulation", "schedule", "part")
)


# What a line ends on when the next one starts with the subsection of the provision it
# names, wrapped before its bracket: "… under section 188" / "(1) of the Housing Act 1996".
PROVISION_ENDS = re.compile(
    r"\b(?:sections?|s|ss|paragraphs?|paras?|regulations?|reg|schedule|part|article|clause|rule)"
    r"\.?\s+\d{1,4}[A-Z]{0,2}$",
    re.IGNORECASE,
)
NUMBERS_OR_BRACKET = frozenset("0123456789(")
# The last character of a text that a sentence, or what a colon introduces, ended: the next
# line starts anew (SENTENCE_ENDS, and ":"); "" for no text.
FINISHED = frozenset(SENTENCE_ENDS) | {":", ""}
# A date wrapped between its day and its month, or its month and its year.
_MONTH = "(?:" + "|".join(name.capitalize() for name in MONTH_NAMES) + ")"
DATE_WRAPPED = re.compile(rf"\b\d{{1,2}}\n{_MONTH}\b|\b{_MONTH}\n\d{{4}}\b")


def joined_text(before: str, after: str) -> str:
    """Two parts of a line wrapped in two, with a space between; none after a word broken at
    a hyphen ("investi-" / "gation", "Stoke-on-" / "Trent"), whose hyphen is kept."""
    before = before.rstrip()
    if before[-1:] == "-" and before[-2:-1].isalpha() and after[:1].isalpha():
        return before + after
    return f"{before} {after}"


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_ENDS)


def _goes_on(previous: str, text: str) -> bool:
    """Whether `text` continues the paragraph `previous`, hard-wrapped: it stopped mid-sentence
    (or after a colon) and this line starts in lower case, or it stopped on a word that cannot
    end one or inside a bracket."""
    previous = previous.rstrip()
    if not previous or "\t" in previous or "\t" in text:
        return False  # a row of a table pasted with tabs goes on from nothing
    if ends_sentence(previous):
        # A line in lower case after a bracket, or in lower case or a number after an
        # abbreviation: "(ref. 3/0412)" / "for a side extension …", "e.g." / "on grounds of
        # …", "para." / "9 below" (after a full stop or ";" a line in lower case may be an
        # unmarked list's next item; after a bracketed citation line, too).
        first = text[:1]
        if previous.endswith(")"):
            return first.islower() and not previous.startswith("(")
        return (first.islower() or first.isdigit()) and bool(ABBREVIATION_ENDS.search(previous))
    if previous.endswith(":"):  # "… because it is premature:" / "the Council has not …"
        return text[:1].islower()
    if previous.rfind("(") > previous.rfind(")"):  # "(Local" / "Government Act 1974 …)"
        return True
    if DATE_WRAPPED.search(f"{previous[-12:]}\n{text[:12]}"):  # "On 25" / "March 2013, …"
        return True
    return text[:1].islower() or GOES_ON_AFTER.search(previous) is not None


def _is_citation(text: str) -> bool:
    """A line that is a bracketed citation, whole: "(Local Government Act 1974, section 26)"."""
    return text.startswith("(") and text.endswith(")") and text.count("(") == text.count(")")


def _known_heading(text: str) -> bool:
    text = text.strip()
    return len(text) <= HEADING_CHARACTERS_AT_MOST and heading_key(text) in KNOWN_HEADINGS


# A page saved from a browser may end with the site's footer ("Contact us", "Privacy notice",
# "© …") below the signature: a few short lines, none of them prose or a paragraph.
FOOTER_LINES_AT_MOST = 12
FOOTER_LINE_CHARACTERS_AT_MOST = 80


def _footer_below_signature(content: list[str]) -> int:
    """How many lines at the end of the body follow its last signature and are page footer
    (0 if none are, or if any of them could be the decision's own text). Read from the end:
    most bodies end with the signature itself, or with prose, and are ruled out at once."""
    for below, line in enumerate(reversed(content[-(FOOTER_LINES_AT_MOST + 1) :])):
        line = line.strip()
        if SIGNATURE.search(line):
            return below
        if (
            len(line) > FOOTER_LINE_CHARACTERS_AT_MOST
            or MARKED_LINE.match(line)
            or line.endswith((".", "!", "?", ";", ":", ")"))
        ):
            return 0
    return 0


# The spaced layout: most of a body's numbered paragraphs and bullets have a blank line
# before them, and at least this many do.
SPACED_MARKED_LINES_AT_LEAST = 3


def joined_where_wrapped(lines: list[str]) -> list[str]:
    """The body's lines with those hard-wrapped in the spaced layout joined again. There a
    blank line stands between every two lines the page gave, so a line with none above it is
    the rest of the line above: "  1. … its effect on Mrs" / "     B’s home. It …". A line
    that could start a section or a list goes on only from a line stopped mid-sentence."""
    # Lines come right-stripped (split_lines): a blank one is "". Counted in C, first.
    if lines.count("") < SPACED_MARKED_LINES_AT_LEAST:
        return lines  # the compact layout
    if not any(above and below for above, below in zip(lines, lines[1:])):  # noqa: B905
        return lines  # no two lines together: nothing wrapped
    marked = [i for i, line in enumerate(lines) if line and MARKED_LINE.match(line)]
    after_blank = [i for i in marked if i and not lines[i - 1].strip()]
    if len(after_blank) < max(SPACED_MARKED_LINES_AT_LEAST, 0.8 * len(marked)):
        return lines
    joined: list[str] = []
    for line in lines:
        above = joined[-1].strip() if joined else ""
        text = line.strip()
        if text and above and _wrapped_from(above, text, line):
            joined[-1] = joined_text(joined[-1], text)
        else:
            joined.append(line)
    return joined


def _wrapped_from(above: str, text: str, line: str) -> bool:
    if "\t" in text or "\t" in above:
        return False  # the rows of a table pasted with tabs stand together, unspaced
    if any(is_furniture(part) or SIGNATURE.search(part) for part in (above, text)):
        return False
    if _known_heading(text) or _known_heading(above) or SUMMARY_LINE.match(text):
        return False
    if MARKED_LINE.match(line) or looks_like_a_title(above):
        return not ends_sentence(above) and not above.endswith(":")
    return True


# A body hard-wrapped at a width (an email's 72 or 76 characters, a PDF's line) has no longer
# line but the odd link, and most of its lines near that width.
HARD_WRAP_WIDTH_AT_MOST = 110
HARD_WRAPPED_LINES_AT_LEAST = 20  # a decision of 3,000 characters wrapped at 100 has 30
LONGER_LINES_AT_MOST = 0.05
NEAR_WIDTH_SHARE_AT_LEAST = 0.4
NEAR_WIDTH = 20  # characters short of the width that still count as near it
# How much shorter than the width a PDF's line may stop, its letters being of other widths.
WRAP_SLACK = 10


def joined_where_hard_wrapped(lines: list[str]) -> list[str]:
    """The body's lines with those of a paragraph hard-wrapped at a width joined again (an
    email quoting a decision, a copy from a PDF): a line goes on from the one above when the
    first word would not have fitted there. Headings, signatures, marked lines and what a
    printed page repeats never go on from anything."""
    lengths = [len(line) for line in lines if line]
    longer = sum(n > HARD_WRAP_WIDTH_AT_MOST for n in lengths)
    if len(lengths) < HARD_WRAPPED_LINES_AT_LEAST or longer > LONGER_LINES_AT_MOST * len(lengths):
        return lines  # most files: a line of a paragraph is longer than any wrap
    width = max(n for n in lengths if n <= HARD_WRAP_WIDTH_AT_MOST)
    if sum(n >= width - NEAR_WIDTH for n in lengths) < NEAR_WIDTH_SHARE_AT_LEAST * len(lengths):
        return lines
    joined: list[str] = []
    above = ""  # the last line as wrapped, what is measured
    for line in lines:
        text = line.strip()
        if text and above and _hard_wrapped_from(above, joined[-1], line, width):
            joined[-1] = joined_text(joined[-1], text)
        elif not is_furniture(line, dates=True):  # a page's running header: read across
            joined.append(line)
        above = line if not text or not is_furniture(line, dates=True) else above
    return joined


def _hard_wrapped_from(above: str, paragraph: str, line: str, width: int) -> bool:
    """Whether `line` is the rest of `paragraph`, whose last line as wrapped was `above`."""
    text = line.strip()
    if (
        "\t" in line
        or MARKED_LINE.match(line)
        or is_furniture(line, dates=True)
        or (text[0].isupper() and _known_heading(text))  # not "… of the final" / "decision:"
        or SUMMARY_LINE.match(text)
        or (_may_sign(text) and SIGNATURE.search(text))
    ):
        return False
    if paragraph.count("(") > paragraph.count(")"):
        return True  # "… Traffic Orders (Procedure)" / "(England and Wales) Regulations 1996)"
    needed = len(above) + 1 + len(text.split()[0])  # the first word put on the line above
    if ends_sentence(above) and _is_citation(text):
        return False  # "(Local Government Act 1974, section 26)": a line of its own, whole
    if (ends_sentence(above) and (text.startswith("(") or looks_like_a_title(text))) or (
        above.endswith(":") and not text[:1].islower()
    ):
        # After a finished sentence, a citation line ("(Local Government Act 1974 …)") or a
        # heading; after a colon, what it introduces ("The letter said:" / "Dear Mr M"):
        # unless it is a line of the width whose first word could not have fitted.
        return needed > width and len(line) >= width - NEAR_WIDTH
    return needed > width - WRAP_SLACK


# Below the signature, a copy from a Word or PDF file may keep the footnotes (an email its
# disclaimer): kept under this heading, the signature still the decision maker.
NOTES_HEADING = "Notes"
NOTES_LINES_AT_MOST = 12


def _may_sign(text: str) -> bool:
    """Whether a line could be a signature: every one names an Ombudsman or a Commissioner."""
    return any(word in text for word in ("mbudsm", "MBUDSM", "ommissioner", "OMMISSIONER"))


def _signs(text: str, content: list[str], below: int) -> bool:
    """Whether `text`, with `below` lines under it, is the signature: a line of its own, or a
    report's Ombudsman's title under the name that signs it ("Michael King" / "Local …")."""
    if SIGNATURE.search(text):
        return True
    above = content[-below - 2].strip() if len(content) > below + 1 else ""
    return bool(OMBUDSMAN_TITLE.match(text) and SIGNED_NAME.match(above))


def _notes_below_signature(content: list[str]) -> list[str]:
    """The lines below the decision's signature, taken off `content` (none where the last
    line, or none of the last few, is a signature: the signature is then read as before)."""
    tail = content[-(NOTES_LINES_AT_MOST + 1) : -1]
    for below, line in enumerate(reversed(tail), 1):
        text = line.strip()
        # The length and a substring first: searching each line for the signature cost 0.02 ms.
        if len(text) <= MAX_DECISION_MAKER and _may_sign(text) and _signs(text, content, below):
            notes = content[-below:]
            del content[-below:]
            return notes
    return []


def read_body(lines: list[str]) -> tuple[str, tuple[Section, ...], str, list[ParseWarning]]:
    """Return (summary, sections, decision maker, warnings) from the lines after the heading."""
    lines = joined_where_hard_wrapped(joined_where_wrapped(lines))
    content = [line for line in lines if line.strip() and not is_furniture(line, dates=True)]
    warnings = []
    footer = _footer_below_signature(content)
    if footer:
        del content[-footer:]
        skipped = f"skipped {footer} line(s) of page text below the signature"
        warnings.append(ParseWarning(FOOTER_SKIPPED, skipped))
    decision_maker = ""
    notes = _notes_below_signature(content)
    last = content[-1].strip() if content else ""
    if SIGNATURE.search(last) and len(last) <= MAX_DECISION_MAKER:
        decision_maker = content.pop().strip()
    elif (
        len(content) > 1
        and OMBUDSMAN_TITLE.match(last)
        and SIGNED_NAME.match(name := content[-2].strip())
    ):
        decision_maker = f"{name}, {last}"
        del content[-2:]
    reader = BodyReader()
    for line in content:
        reader.add(line)
    sections = tuple(Section(heading, tuple(paragraphs)) for heading, paragraphs in reader.sections)
    if notes:
        sections += (Section(NOTES_HEADING, tuple(Paragraph(line.strip()) for line in notes)),)
    summary = " ".join(reader.summary_lines).strip()
    if not reader.saw_summary:
        report = [
            p for s in sections if heading_key(s.heading) == REPORT_SUMMARY for p in s.paragraphs
        ]
        summary = " ".join(p.text for p in report)
    if not summary and not reader.saw_summary:
        warnings.append(ParseWarning(NO_SUMMARY, "no 'Summary:' line"))
    return summary, sections, decision_maker, warnings


# --- the whole file -------------------------------------------------------------------------


def parse_decision(data: bytes | str) -> ParsedDecision:
    """Parse one decision file. Raise ParseError naming the line and the reason if it is not one."""
    if (
        isinstance(data, bytes)
        and b"quoted-printable" in data[:QUOTED_PRINTABLE_HEAD].lower()  # in C, before a pattern
        and QUOTED_PRINTABLE.search(data[:QUOTED_PRINTABLE_HEAD])
    ):
        data = quopri.decodestring(data)  # an email saved whole: "Council=E2=80=99s", "=C2=A3500"
    text, warnings = decode(data) if isinstance(data, bytes) else (data, [])
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ParseError(TOO_LARGE)
    if text.lstrip("\ufeff \r\n").startswith("%PDF-"):
        raise ParseError("a PDF file, not text: copy or export its text to a .txt file first")
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise ParseError("empty file")
    heading_index = next(
        (i for i, line in enumerate(lines) if DECISION_HEADING_LINE.match(line)), None
    )
    if heading_index is None:
        raise ParseError(f"no decision text: the line {DECISION_HEADING!r} is missing")
    org_index, organisation_name, reference = find_reference_line(lines[:heading_index])
    _refuse_a_second_decision(lines, heading_index)
    # "London Borough of" / "Newham (20 003 494)": a name wrapped onto the reference's line.
    name_start = org_index
    if org_index and (
        not organisation_name or _name_wrapped(lines[org_index - 1].strip(), organisation_name)
    ):
        above = " ".join(lines[org_index - 1].split())
        organisation_name = joined_text(above, organisation_name) if organisation_name else above
        name_start -= 1
    # The Category, Decision and date lines put above the organisation line are read there.
    above = _core_fields_above(lines, name_start)
    if any(line.strip() for line in lines[:above]):
        skipped = f"skipped {above} line(s) of page text above the organisation line"
        warnings.append(ParseWarning(PAGE_TEXT_SKIPPED, skipped))
    header = [*range(above, name_start), *range(org_index + 1, heading_index)]
    fields = read_header_fields([(index + 1, lines[index]) for index in header])
    warnings += [
        ParseWarning(HEADER_LINE_IGNORED, f"line {number}: ignored header line")
        for number in fields.ignored
    ]
    core = _core_fields(fields, warnings)
    organisations = split_organisations(organisation_name)
    _refuse_overlong(organisation_name, organisations[0], org_index + 1, fields, core)

    after_heading = DECISION_HEADING_LINE.match(lines[heading_index])["rest"]
    # A printed copy repeats the organisation line, or another line of the header, at the top
    # of each page: never body text.
    repeated = {lines[i].strip() for i in (org_index, *header)} - {""}
    body_lines = [
        line
        for line in ([after_heading] if after_heading else []) + lines[heading_index + 1 :]
        if line.strip() not in repeated
    ]
    summary, sections, decision_maker, body_warnings = read_body(body_lines)
    if not summary and not sections:
        raise ParseError(
            f"header with no body: nothing follows {DECISION_HEADING!r}", line=heading_index + 1
        )
    return ParsedDecision(
        reference=reference,
        organisation_name=organisation_name,
        organisations=organisations,
        summary=summary,
        sections=sections,
        decision_maker=decision_maker,
        extra={
            name: value
            for name, value in fields.values.items()
            if field_key(name) not in CORE_FIELDS
        },
        warnings=tuple(warnings + body_warnings),
        **core,
    )


def _core_fields_above(lines: list[str], name_start: int) -> int:
    """Where the lines just above the organisation line stop being core header fields
    (Category, Decision, Decision date, blank lines between them): `name_start` if none are."""
    start = name_start
    for index in range(name_start - 1, -1, -1):
        line = lines[index].strip()
        match = HEADER_FIELD.match(line)
        if match and field_key(match["name"]) in CORE_FIELDS:
            start = index
        elif line:
            break
    return start


# The end of a line that breaks an organisation's name: the name goes on, on the next line.
NAME_GOES_ON = re.compile(r"(?:\b(?:of|and|for|upon|on|the)|[&,–-])$", re.IGNORECASE)
# What is left of a name wrapped before its last words: "… and Ashby Fenwick County" /
# "Council (22 011 999)". No body is called only this.
NAME_ENDING_ONLY = re.compile(
    r"^(?:(?:county|borough|district|city|metropolitan|town|parish|combined|unitary)\s+)*"
    r"(?:council|authority|ltd\.?|limited|plc|llp|trust|board|commissioner|partnership)$",
    re.IGNORECASE,
)


def _name_wrapped(above: str, name: str) -> bool:
    """Whether the organisation's name began on the line above its reference: that line stops
    where a name goes on, or the reference's line holds only a name's last word(s)."""
    if not above or HEADER_FIELD.match(above) or DECISION_HEADING_LINE.match(above):
        return False
    return bool(NAME_GOES_ON.search(above) or NAME_ENDING_ONLY.match(name.strip()))


# A second decision's heading, as its own line (not "The Ombudsman's final decision is …"),
# a header's length below its organisation line.
SECOND_DECISION_HEADING = re.compile(
    r"^\s*the\s+ombuds(?:man|men)['’]s\s+final\s+decision\s*:", re.I
)
HEADER_LINES_AT_MOST = 12


def _refuse_a_second_decision(lines: list[str], heading_index: int) -> None:
    """Refuse a file holding two decisions, one after the other: a second organisation line
    (one ending in a reference) and a second decision heading below it. Read as one, the first
    decision took the second's findings and the second was lost."""
    organisation_line = None
    for index in range(heading_index + 1, len(lines)):
        found = reference_line(lines[index].strip())
        if found and REFERENCE_SHAPE.match(found[1].strip()):
            organisation_line = index
        elif (
            organisation_line is not None
            and index - organisation_line <= HEADER_LINES_AT_MOST
            and SECOND_DECISION_HEADING.match(lines[index])
        ):
            raise ParseError(
                "a second decision starts here: one decision a file (split the file)",
                line=organisation_line + 1,
            )


def _refuse_overlong(line_text: str, name: str, line: int, fields: HeaderFields, core: dict):
    """Refuse values too long to store, the same way on every database."""
    limits = [
        (line_text, MAX_ORGANISATION_LINE, "the organisation line", line),
        (name, MAX_ORGANISATION_NAME, "the organisation's name", line),
        (core["outcome"] or "", MAX_OUTCOME_LABEL, "the decision", fields.lines.get("decision")),
    ]
    limits += [
        (part, MAX_CATEGORY_NAME, "a category name", fields.lines.get("category"))
        for part in core["category"] or ()
    ]
    for value, limit, what, number in limits:
        if len(value) > limit:
            raise ParseError(f"{what} is longer than {limit} characters", line=number)


def _core_fields(fields: HeaderFields, warnings: list[ParseWarning]) -> dict:
    # "Housing &gt; Homelessness", copied from a page's source.
    by_key = {field_key(name): html.unescape(value) for name, value in fields.values.items()}
    # "Adult care services > Charging; Housing > Homelessness": a decision has one category.
    first, _, others = by_key.get("category", "").partition(";")
    category = parse_category(first)
    if category and others.strip():
        line = fields.lines["category"]
        text = f"line {line}: several categories: only the first, {first.strip()}, is recorded"
        warnings.append(ParseWarning(SEVERAL_CATEGORIES, text))
    outcome = by_key.get("decision") or None
    decision_date = None
    if by_key.get("decision date"):
        decision_date = parse_decision_date(by_key["decision date"], fields.lines["decision date"])
    for label, value in (
        ("category", category),
        ("decision", outcome),
        ("decision date", decision_date),
    ):
        if value is None:
            # A line given with nothing after its colon is said to be empty, not missing.
            given = "empty" if label in fields.lines else "no"
            text = f"{given} {label.capitalize()} line: {label} not recorded"
            warnings.append(ParseWarning(MISSING_FIELD_KINDS[label], text))
    return {"category": category, "outcome": outcome, "decision_date": decision_date}


def typed_reference_slug(text: str) -> str | None:
    """The slug of a reference as typed ("20 003 494" gives "20-003-494"), or None."""
    match = TYPED_REFERENCE.match(text)
    return "-".join(match.groups()) if match else None

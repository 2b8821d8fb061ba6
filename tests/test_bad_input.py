"""The catalogue of broken and hostile input (docs/importing.md, "Bad input, catalogued").

Each case runs `import_decisions` on one good file and the bad input together, and checks the
exit status, that a message names the bad file with the reason, and that the database holds
the good decision and nothing from the bad input."""

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from decisions.models import Category, Decision, Organisation, Outcome
from decisions.parsing import parse_decision
from tests.factories import decision_text

pytestmark = pytest.mark.django_db

GOOD = decision_text(reference="21 000 001", organisation="Goodwell District Council")


def bad_text(**fields) -> str:
    """A decision from a body whose name shows up nowhere else, so that any trace of it in the
    database would be seen."""
    return decision_text(reference="21 999 999", organisation="Hostile Borough Council", **fields)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def zip_file(folder: Path, name: str, entries: dict, compress=zipfile.ZIP_DEFLATED) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", compress) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


def zip_bomb(where: Path) -> Path:
    """One entry of 1.1 GB of zeros: about a megabyte of zip, refused from its directory."""
    path = where / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("bomb.txt", "w", force_zip64=True) as entry,
    ):
        block = bytes(1 << 20)
        for _ in range(1100):
            entry.write(block)
    return path


def symlink_in(folder: Path) -> None:
    os.symlink(write(folder.parent, "outside.txt", bad_text()), folder / "link.txt")


def linked_folder_in(folder: Path, beside: Path) -> None:
    write(beside, "inside-the-link.txt", bad_text())
    os.symlink(beside, folder / "linked-folder")


def damaged_zip(where: Path, name: str, method: int) -> Path:
    """A zip whose directory reads well but whose entry's compressed data is damaged: the
    decompressor's own error (zlib's, lzma's), not zipfile's."""
    path = zip_file(where, name, {"damaged.txt": GOOD_BAD}, method)
    data = bytearray(path.read_bytes())
    start = data.find(b"damaged.txt") + len(b"damaged.txt") + 20
    for at in range(start, start + 40):
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def zip_with_a_false_utf8_name(where: Path) -> Path:
    """An entry's name flagged as UTF-8 that is Latin-1, as some Windows and Java tools write."""
    path = zip_file(where, "badname.zip", {"décision.txt": GOOD_BAD})
    path.write_bytes(path.read_bytes().replace("décision".encode(), b"d\xe9cisionX"))
    return path


def pipe_in(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")  # opened, it would wait for a writer for ever


def same_reference_twice(folder: Path) -> None:
    write(folder, "a-first.txt", bad_text(summary="What the first file says."))
    write(folder, "b-second.txt", bad_text(summary="Something else entirely."))


GOOD_BAD = bad_text()
HEADER = GOOD_BAD.split("The Ombudsman's final decision:")[0]
# Each case: a function of (the batch folder, a folder beside it) that makes the bad input,
# returning a path to import as well as the folder (or None when it is inside the folder).
BUILDERS = {
    "empty": lambda f, x: write(x, "empty.txt", b""),
    "blank lines only": lambda f, x: write(x, "blank.txt", "\n \n\t\n"),
    "binary (an image)": lambda f, x: write(
        x, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    ),
    "NUL bytes in text": lambda f, x: write(x, "nul.txt", GOOD_BAD[:100] + "\x00" + GOOD_BAD[100:]),
    "control characters": lambda f, x: write(x, "controls.txt", bytes(range(1, 32)) * 40),
    "truncated header": lambda f, x: write(x, "cut.txt", GOOD_BAD[:60]),
    "header only": lambda f, x: write(
        x, "header.txt", HEADER + "The Ombudsman's final decision:\n"
    ),
    "no organisation line": lambda f, x: write(x, "noorg.txt", GOOD_BAD.split("\n", 1)[1]),
    "reference with letters": lambda f, x: write(
        x, "letters.txt", GOOD_BAD.replace("21 999 999", "21 9A9 999")
    ),
    "reference without a name": lambda f, x: write(
        x, "noname.txt", GOOD_BAD.replace("Hostile Borough Council (", "(")
    ),
    "31 February": lambda f, x: write(x, "feb.txt", bad_text(decision_date="31 Feb 2021")),
    "a date in another shape": lambda f, x: write(
        x, "iso.txt", bad_text(decision_date="early Feb 2021")
    ),
    "category line twice": lambda f, x: write(
        x, "twice.txt", GOOD_BAD.replace("Category : ", "Category : Trees\nCategory : ", 1)
    ),
    "organisation name too long": lambda f, x: write(
        x,
        "long.txt",
        decision_text(reference="21 999 999", organisation="Hostile " * 50 + "Council"),
    ),
    "20 MB of text": lambda f, x: write(x, "huge.txt", GOOD_BAD + "word " * 4_000_000),
    "a single 5 MB line": lambda f, x: write(x, "line.txt", "x" * 5_000_000),
    "a web page saved as text": lambda f, x: write(
        x, "page.txt", "<!DOCTYPE html><html><body><h1>Decision</h1></body></html>"
    ),
    "not a .txt file": lambda f, x: write(x, "notes.pdf", b"%PDF-1.4"),
    "no such path": lambda f, x: x / "missing.txt",
    "not really a zip": lambda f, x: write(x, "fake.zip", b"PK\x03\x04 this is not a zip"),
    "zip bomb": lambda f, x: zip_bomb(x),
    "zip entry escaping with ../": lambda f, x: zip_file(
        x, "escape.zip", {"ok.txt": GOOD_BAD, "../../etc/evil.txt": GOOD_BAD}
    ),
    "zip inside a zip": lambda f, x: zip_file(
        x, "nested.zip", {"ok.txt": GOOD_BAD, "inner.zip": b"PK\x05\x06" + bytes(18)}
    ),
    "symbolic link in a folder": lambda f, x: symlink_in(f),
    "symbolic link to a folder": linked_folder_in,
    "a named pipe in a folder": lambda f, x: pipe_in(f),
    "damaged deflate data in a zip": lambda f, x: damaged_zip(x, "d.zip", zipfile.ZIP_DEFLATED),
    "damaged LZMA data in a zip": lambda f, x: damaged_zip(x, "l.zip", zipfile.ZIP_LZMA),
    "a zip entry's name falsely marked UTF-8": lambda f, x: zip_with_a_false_utf8_name(x),
    "a zip entry with a drive letter": lambda f, x: zip_file(
        x, "drive.zip", {"C:\\Windows\\x.txt": GOOD_BAD}
    ),
    "one reference twice with different text": lambda f, x: same_reference_twice(f),
}


@dataclass(frozen=True)
class Case:
    name: str
    named: str  # the file the message must name
    reason: str  # part of the message
    also_good: str | None = None  # a reference the bad input rightly adds too


CASES = [
    Case("empty", "empty.txt", "empty file"),
    Case("blank lines only", "blank.txt", "empty file"),
    Case("binary (an image)", "image.txt", "binary file"),
    Case("NUL bytes in text", "nul.txt", "binary file: it contains NUL bytes"),
    Case("control characters", "controls.txt", "binary file: it is full of control characters"),
    Case("truncated header", "cut.txt", "no decision text"),
    Case("header only", "header.txt", "header with no body"),
    Case("no organisation line", "noorg.txt", "no organisation line"),
    Case("reference with letters", "letters.txt", "malformed reference (21 9A9 999)"),
    Case("reference without a name", "noname.txt", "the reference has no organisation name"),
    Case("31 February", "feb.txt", "impossible decision date '31 Feb 2021'"),
    Case("a date in another shape", "iso.txt", "malformed decision date 'early Feb 2021'"),
    Case("category line twice", "twice.txt", "the 'Category' header line appears twice"),
    Case("organisation name too long", "long.txt", "longer than 300 characters"),
    Case("20 MB of text", "huge.txt", "larger than the 1,000,000-byte limit"),
    Case("a single 5 MB line", "line.txt", "larger than the 1,000,000-byte limit"),
    Case("a web page saved as text", "page.txt", "no decision text"),
    Case("not a .txt file", "notes.pdf", "not a .txt file or .zip of them"),
    Case("no such path", "missing.txt", "no such file or directory"),
    Case("not really a zip", "fake.zip", "not a readable zip file"),
    Case("zip bomb", "bomb.zip", "zip refused, nothing imported from it: the zip would expand"),
    Case("zip entry escaping with ../", "escape.zip", "nothing imported from it: entry '../"),
    Case("zip inside a zip", "nested.zip", "is an archive inside the zip"),
    Case("symbolic link in a folder", "link.txt", "symbolic link: not followed"),
    Case("symbolic link to a folder", "linked-folder", "symbolic link: not followed"),
    Case("a named pipe in a folder", "pipe.txt", "not a regular file"),
    Case("damaged deflate data in a zip", "d.zip:damaged.txt", "cannot be read from the zip"),
    Case("damaged LZMA data in a zip", "l.zip:damaged.txt", "cannot be read from the zip"),
    Case("a zip entry's name falsely marked UTF-8", "badname.zip", "not a readable zip file"),
    Case("a zip entry with a drive letter", "drive.zip", "has an unsafe path"),
    # The first of the two is a good file: it imports; the second, which differs, is refused.
    Case(
        "one reference twice with different text", "b-second.txt", "was already read", "21 999 999"
    ),
]


def run_import(*paths) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_decisions", *map(str, paths), stdout=out, stderr=err)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_by_name_and_leaves_only_the_good_files(tmp_path, case):
    folder, beside = tmp_path / "batch", tmp_path / "beside"
    folder.mkdir()
    beside.mkdir()
    write(folder, "0-good.txt", GOOD)
    extra = BUILDERS[case.name](folder, beside)
    status, out, err = run_import(folder, *([extra] if extra else []))

    assert status == 1, err
    [line] = [line for line in err.splitlines() if case.named in line]
    assert line.startswith("error: ") and case.reason in line, line
    good = {"21 000 001", *([case.also_good] if case.also_good else [])}
    assert set(Decision.objects.values_list("reference", flat=True)) == good
    if not case.also_good:
        assert not Organisation.objects.filter(name__startswith="Hostile").exists()
    assert Category.objects.count() == 2  # Housing > Homelessness, from the good file
    assert list(Outcome.objects.values_list("label", flat=True)) == ["Upheld"]
    assert out.strip().endswith(f"failed: {err.count('error: ')}")


def test_the_same_file_given_twice_counts_once_and_then_as_unchanged(tmp_path):
    path = write(tmp_path, "one.txt", GOOD)
    status, out, err = run_import(path, path)
    assert (status, err) == (0, "")
    assert out.strip() == "imported: 1, updated: 0, unchanged: 1, failed: 0"
    assert Decision.objects.count() == 1


def test_mixed_encodings_are_read_line_by_line_with_a_warning(tmp_path):
    text = GOOD.replace("took too long", "took too long (caf\u00e9)")
    data = text.encode("utf-8").replace("caf\u00e9".encode(), "caf\u00e9".encode("cp1252"))
    assert "Mr X\u2019s".encode() in data  # a UTF-8 line stays UTF-8
    status, out, err = run_import(write(tmp_path, "mixed.txt", data))
    assert status == 0 and "warning: " in err and "mixed.txt" in err
    decision = Decision.objects.get()
    assert "(caf\u00e9)" in decision.body and "Mr X\u2019s" in decision.summary


def test_utf16_without_a_byte_order_mark_is_read_not_refused_as_binary(tmp_path):
    # A NUL every other byte, as UTF-16 has them: this was refused as a binary file.
    status, out, err = run_import(write(tmp_path, "utf16.txt", GOOD.encode("utf-16-le")))
    assert (status, err) == (0, "")
    assert Decision.objects.get().summary == parse_decision(GOOD).summary


def test_a_zip_entrys_name_cannot_write_to_the_terminal(tmp_path):
    """A control character in a name (an escape sequence, a line end) is written as its
    escape: no name can clear the screen or fake a line of the report."""
    hostile = "\x1b[2J\x1b[32mall good.txt: fine\nimported: 500, failed: 0\n.txt"
    path = zip_file(tmp_path, "hostile.zip", {hostile: bad_text(decision_date="31 Feb 2021")})
    status, out, err = run_import(path)
    assert status == 1 and "\x1b" not in err and err.count("\n") == 1
    assert "\\x1b[2J\\x1b[32mall good.txt: fine\\nimported: 500" in err


def test_an_empty_folder_is_a_warning_not_silence(tmp_path):
    (tmp_path / "empty").mkdir()
    status, out, err = run_import(tmp_path / "empty")
    assert status == 0
    assert "a folder holding no .txt file" in err and "empty" in err

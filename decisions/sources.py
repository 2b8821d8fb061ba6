"""Find decision files under paths: single files, folders walked for *.txt, and zips.

Each file comes back with its bytes (never more than the size limit + 1), or as a
FileProblem saying why it cannot be read. Nothing here touches the database.
"""

from __future__ import annotations

import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from decisions.parsing import MAX_FILE_BYTES

NOT_FOUND = "no such file or directory"
NOT_A_DECISION_FILE = "not a .txt file or .zip of them"
SYMLINK_SKIPPED = "symbolic link: not followed"
NOT_A_REGULAR_FILE = "not a regular file (a pipe or a device, say): skipped"
EMPTY_FOLDER = "a folder holding no .txt file"
EMPTY_FOLDER_KIND = "empty-folder"
BAD_ZIP = "not a readable zip file"
EMPTY_ZIP = "an empty zip: it holds no files"
ONLY_MACOS_ZIP = "an empty zip: it holds only what macOS adds beside files (__MACOSX/, ._*)"
# Folders are walked for .txt files; a zip among them is named, not opened unasked.
ZIP_IN_FOLDER = "a zip in a folder: not opened (give the zip's own path to import it)"
ZIP_IN_FOLDER_KIND = "zip-in-folder"
# A zip holding any of these is refused whole, with nothing imported from it: it was not
# made by exporting decisions, and what else it holds cannot be trusted.
UNSAFE_ZIP_ENTRY = "has an unsafe path (absolute or with '..')"
NESTED_ARCHIVE = "is an archive inside the zip (unpack it first)"
ZIP_TOO_LARGE = "the zip would expand to {size:,} bytes, over the {limit:,}-byte limit"
ZIP_TOO_MANY = "the zip holds {count:,} entries, over the {limit:,}-entry limit"
ZIP_REFUSED = "zip refused, nothing imported from it: {reason}"
MAX_ZIP_EXPANDED_BYTES = 1_000_000_000
MAX_ZIP_ENTRIES = 200_000
TOO_LARGE = f"file is larger than the {MAX_FILE_BYTES:,}-byte limit for a decision"
NOT_TEXT_IN_ZIP = "not a .txt file: skipped"
# The one thing found that is only a warning (see parsing.WARNING_KINDS for the others).
NOT_TEXT_IN_ZIP_KIND = "not-text-in-zip"
WARNING_KINDS = {
    NOT_TEXT_IN_ZIP_KIND: "an entry of a zip that is not a .txt file, skipped",
    EMPTY_FOLDER_KIND: "a folder given that holds no .txt file",
    ZIP_IN_FOLDER_KIND: "a zip in a folder given, not opened",
}
ARCHIVE_SUFFIXES = {".zip", ".gz", ".tar", ".7z", ".rar", ".bz2", ".xz"}
# What macOS adds beside each file it copies to a zip or to a shared drive: "__MACOSX/x.txt"
# and "._x.txt" hold the file's Finder data, never a decision.
MACOS_FOLDER = "__MACOSX"
MACOS_PREFIX = "._"


@dataclass(frozen=True)
class FileProblem:
    """A file that failed, or a warning about one (which has a kind: see WARNING_KINDS)."""

    path: str
    reason: str
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class SourceFile:
    """One file to import: where it came from and its bytes (at most the size limit + 1)."""

    path: str
    name: str
    data: bytes


def iter_sources(paths: Iterable[str | Path]) -> Iterator[SourceFile | FileProblem]:
    """Yield each decision file under the given paths, or a FileProblem for what cannot be read.
    Folders are walked for *.txt in name order; a .zip yields its *.txt entries."""
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            yield FileProblem(shown(path), NOT_FOUND)
        elif path.is_dir():
            yield from _walk_folder(path)
        elif not path.exists():
            yield FileProblem(shown(path), NOT_FOUND)
        elif path.suffix.lower() == ".zip":
            yield from _zip_entries(path)
        elif path.suffix.lower() == ".txt":
            yield _disk_file(path)
        else:
            yield FileProblem(shown(path), NOT_A_DECISION_FILE)


def shown(path: str | Path) -> str:
    """A path as text that every database, report and terminal takes. A byte of a file's name
    that is not UTF-8 (Latin-1 from an old Windows share, say) is written as \\xe9: Python
    keeps it as a lone surrogate, which no database stores and no UTF-8 output can print.
    A control character (a line end, an escape sequence in a hostile zip's entry name) is
    written as \\x1b too, so that no name can clear a terminal or fake a line of a report."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _disk_file(path: Path) -> SourceFile | FileProblem:
    try:
        # Opening a named pipe would wait for a writer for ever.
        if not stat.S_ISREG(path.stat().st_mode):
            return FileProblem(shown(path), NOT_A_REGULAR_FILE)
        with path.open("rb") as handle:
            return SourceFile(shown(path), shown(path.name), handle.read(MAX_FILE_BYTES + 1))
    except OSError as error:
        return cannot_read(path, error)


def _walk_folder(folder: Path) -> Iterator[SourceFile | FileProblem]:
    """The folder's *.txt files, in name order. A folder that cannot be read, or a symbolic
    link to one, is said, never passed over without a word; so is a folder with no file."""
    unreadable: list[OSError] = []
    found = said = False
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        said |= bool(unreadable)
        yield from _unreadable(unreadable)
        linked = sorted(d for d in dirs if Path(root, d).is_symlink())
        yield from (FileProblem(shown(Path(root, d)), SYMLINK_SKIPPED) for d in linked)
        said |= bool(linked)
        dirs[:] = sorted(d for d in dirs if d != MACOS_FOLDER and d not in linked)
        for name in sorted(files):
            path = Path(root, name)
            if name.lower().endswith(".zip") and not _macos_metadata((name,)):
                said = True
                yield FileProblem(shown(path), ZIP_IN_FOLDER, ZIP_IN_FOLDER_KIND)
            if not name.lower().endswith(".txt") or _macos_metadata((name,)):
                continue
            found = True
            if path.is_symlink():
                yield FileProblem(shown(path), SYMLINK_SKIPPED)
            else:
                yield _disk_file(path)
    said |= bool(unreadable)
    yield from _unreadable(unreadable)
    if not found and not said:
        yield FileProblem(shown(folder), EMPTY_FOLDER, EMPTY_FOLDER_KIND)


def _unreadable(errors: list[OSError]) -> Iterator[FileProblem]:
    """The folders os.walk could not read since last asked (it only calls back with them)."""
    yield from (cannot_read(error.filename, error) for error in errors)
    errors.clear()


def cannot_read(path: str | Path, error: OSError) -> FileProblem:
    return FileProblem(shown(path), f"cannot be read: {error.strerror or error}")


def _zip_entries(path: Path) -> Iterator[SourceFile | FileProblem]:
    try:
        archive = zipfile.ZipFile(path)
    # An entry's name marked UTF-8 that is not (some Windows and Java tools write these).
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as error:
        yield FileProblem(shown(path), f"{BAD_ZIP} ({error})")
        return
    with archive:
        entries = sorted(
            (info for info in archive.infolist() if not info.is_dir()),
            key=lambda info: info.filename,
        )
        refusal = _zip_refusal(entries)
        if refusal:
            yield FileProblem(shown(path), ZIP_REFUSED.format(reason=refusal))
            return
        if not entries:
            yield FileProblem(shown(path), EMPTY_ZIP)
            return
        found = False
        for info in entries:
            entry_path = f"{shown(path)}:{shown(info.filename)}"
            if _macos_metadata(_entry_path(info).parts):
                continue
            found = True
            if not info.filename.lower().endswith(".txt"):
                yield FileProblem(entry_path, NOT_TEXT_IN_ZIP, NOT_TEXT_IN_ZIP_KIND)
            elif info.file_size > MAX_FILE_BYTES:
                yield FileProblem(entry_path, TOO_LARGE)
            else:
                yield _zip_entry(archive, info, entry_path)
        if not found:
            yield FileProblem(shown(path), ONLY_MACOS_ZIP)


def _entry_path(info: zipfile.ZipInfo) -> PurePosixPath:
    """A zip entry's path, its parts parted by "/" (a zip made on Windows may use "\\")."""
    return PurePosixPath(info.filename.replace("\\", "/"))


def _macos_metadata(parts: tuple[str, ...]) -> bool:
    return MACOS_FOLDER in parts[:-1] or parts[-1].startswith(MACOS_PREFIX)


def _zip_refusal(entries: list[zipfile.ZipInfo]) -> str | None:
    """Why a whole zip is refused, judged from its directory before anything is read. The
    sizes it declares bind: zipfile reads no more of an entry than its declared size."""
    if len(entries) > MAX_ZIP_ENTRIES:
        return ZIP_TOO_MANY.format(count=len(entries), limit=MAX_ZIP_ENTRIES)
    expanded = sum(info.file_size for info in entries)
    if expanded > MAX_ZIP_EXPANDED_BYTES:
        return ZIP_TOO_LARGE.format(size=expanded, limit=MAX_ZIP_EXPANDED_BYTES)
    for info in entries:
        entry = _entry_path(info)
        if entry.is_absolute() or PureWindowsPath(info.filename).drive or ".." in entry.parts:
            return f"entry {info.filename!r} {UNSAFE_ZIP_ENTRY}"
        if entry.suffix.lower() in ARCHIVE_SUFFIXES:
            return f"entry {info.filename!r} {NESTED_ARCHIVE}"
    return None


def _zip_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str):
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    # Damaged compressed data fails in the decompressor's own error, not zipfile's.
    except (
        OSError, zipfile.BadZipFile, EOFError, RuntimeError, ValueError, zlib.error,
        lzma.LZMAError,
    ) as error:  # fmt: skip
        return FileProblem(path, f"cannot be read from the zip: {error}")
    return SourceFile(path, PurePosixPath(info.filename).name, data)

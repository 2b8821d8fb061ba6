"""Files uploaded to the admin's import page: the form, the size limit, and saving the files
to a temporary folder from which the one import service (importing.import_paths) reads them
exactly as it reads files named on the command line."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.conf import settings

UPLOAD_COMMAND = "admin upload"  # an upload's ImportRun.command


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (as Django's documentation shows)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.zip"}))
        # An empty file is the importer's to report, by name, while the rest import.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        # None when there are none, so that a missing upload is "required", not an empty list.
        return [super(MultipleFileField, self).clean(item, initial) for item in items or [None]]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label="Decision files",
        help_text="One or more .txt decision files, or .zip files of them.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Dry run: read and check the files and report what would happen, changing nothing",
    )


def upload_too_large(request) -> str | None:
    """Why a request is too large to take, judged from its declared length before any of it
    is read; None if it is not."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    limit = settings.IMPORT_UPLOAD_MAX_BYTES
    if length <= limit:
        return None
    return (
        f"The upload is {length / 1_048_576:,.1f} MB and the limit is "
        f"{limit / 1_048_576:,.0f} MB. Upload the files in smaller zips, or import them on "
        "the server with the import_decisions command (see the README)."
    )


@contextmanager
def saved_uploads(files) -> Iterator[tuple[Path, list[Path]]]:
    """Save each uploaded file, in chunks, under its own name in a new temporary folder; yield
    the folder and the files' paths, and remove the folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="archive-upload-") as name:
        folder = Path(name)
        paths = []
        for upload in files:
            path = _unused_path(folder, safe_file_name(upload.name))
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            paths.append(path)
        yield folder, paths


def safe_file_name(name: str) -> str:
    """The last part of an uploaded file's name, with nothing that could leave the folder or
    upset a terminal."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip().lstrip(".")
    return base[:200] or "upload"


def _unused_path(folder: Path, name: str) -> Path:
    path, number = folder / name, 1
    while path.exists():
        number += 1
        stem, dot, suffix = name.rpartition(".")
        path = folder / (f"{stem} ({number}).{suffix}" if dot else f"{name} ({number})")
    return path

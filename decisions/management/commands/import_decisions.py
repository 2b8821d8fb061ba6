import shlex
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from decisions.database_errors import database_problem
from decisions.importing import import_paths


class Command(BaseCommand):
    help = (
        "Import decision files: each PATH is a .txt file, a folder (searched recursively for "
        "*.txt) or a .zip of them. Re-importing unchanged files changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or .zip")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read, parse and compare with the database, but write nothing",
        )

    def handle(self, *args, paths, dry_run, **options):
        show_progress = self.stderr.isatty()
        try:
            report = import_paths(
                paths,
                dry_run=dry_run,
                command=shlex.join(["import_decisions", *paths]),
                progress=self._show_progress if show_progress else None,
            )
        except DatabaseError as error:  # read-only, disk full, unreachable
            raise CommandError(
                f"{database_problem(error) or 'database error'} ({error})"
            ) from error
        if show_progress:
            self.stderr.write("")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"error: {error}"))
        if dry_run:
            self.stderr.write("dry run: nothing was written")
        self.stdout.write(report.summary_line)
        if report.failed:
            sys.exit(1)

    def _show_progress(self, done: int) -> None:
        self.stderr.write(f"\r{done:,} files read…", ending="")
        self.stderr.flush()

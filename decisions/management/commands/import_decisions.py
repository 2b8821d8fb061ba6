import shlex
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import pluralize
from django.urls import NoReverseMatch, reverse

from decisions.database_errors import database_problem
from decisions.importing import PARSERS, ImportReport, import_paths
from decisions.sources import shown

INTERRUPTED = (
    "interrupted: the batches written before it are kept whole, and nothing of the one being "
    "written; run the same command again to import the rest (what was imported counts as "
    "unchanged)"
)


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
            help="read, parse and compare with the database, but write no decision",
        )

    def handle(self, *args, paths, dry_run, **options):
        show_progress = self.stderr.isatty()
        try:
            report = import_paths(
                paths,
                dry_run=dry_run,
                command=shlex.join(
                    ["import_decisions", *(["--dry-run"] if dry_run else []), *map(shown, paths)]
                ),
                progress=self._show_progress if show_progress else None,
                parsers=PARSERS,
            )
        except DatabaseError as error:  # read-only, disk full, unreachable
            raise CommandError(
                f"{database_problem(error) or 'database error'} ({error})"
            ) from error
        except KeyboardInterrupt:  # Ctrl-C: a line saying where things stand, not a traceback
            raise CommandError(INTERRUPTED) from None
        if show_progress:
            self.stderr.write("")
        self._summarise_warnings(report)
        for decision in report.left_withdrawn:
            self.stderr.write(f"withdrawn: {decision.path}: {decision.reference} left withdrawn")
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"error: {error}"))
        if dry_run:
            self.stderr.write("dry run: no decision was written")
        self.stdout.write(report.summary_line)
        if report.failed:
            sys.exit(1)

    def _summarise_warnings(self, report: ImportReport) -> None:
        """A line per kind of warning, with its count and one example; the run keeps them all."""
        if not report.warning_count:
            return
        groups = report.warning_groups
        count, kinds = report.warning_count, len(groups)
        self.stderr.write(
            f"{count:,} warning{pluralize(count)} of {kinds} kind{pluralize(kinds)}; "
            f"all of them are in import run {report.run_id}{self._run_page(report.run_id)}"
        )
        for group in groups:
            self.stderr.write(f"warning: {group.count:,} × {group.kind}: {group.description}")
            self.stderr.write(f"  for example {group.example}")

    def _run_page(self, run_id: int) -> str:
        try:
            return f" ({reverse('admin:decisions_importrun_change', args=[run_id])})"
        except NoReverseMatch:  # a site without the admin
            return ""

    def _show_progress(self, done: int) -> None:
        self.stderr.write(f"\r{done:,} files read…", ending="")
        self.stderr.flush()

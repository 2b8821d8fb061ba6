import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.urls import reverse

from decisions.database_errors import database_problem
from decisions.findings import REFRESH_BATCH_SIZE, refresh_findings
from decisions.search import refresh_statistics


class Command(BaseCommand):
    help = (
        "Re-read remedies, reasons for not investigating and legislation cited from every "
        "stored decision's text (after the extraction rules improve), without re-importing "
        "the files. Only decisions whose findings change are written, a batch at a time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REFRESH_BATCH_SIZE,
            help=f"decisions read and written per transaction (default {REFRESH_BATCH_SIZE})",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        started = time.monotonic()
        try:
            run = refresh_findings(
                batch_size=batch_size,
                progress=self._progress,
                command=f"extract_decisions --batch-size {batch_size}",
            )
        except DatabaseError as error:  # read-only, disk full, unreachable
            raise CommandError(
                f"{database_problem(error) or 'database error'} ({error})"
            ) from error
        if run.changed:
            refresh_statistics()
        seconds = time.monotonic() - started
        rate = f", {run.read / seconds:,.0f} decisions/s" if seconds and run.read else ""
        unread = (
            f", not read in time (left for a later run): {run.not_read}" if run.not_read else ""
        )
        self.stdout.write(
            f"decisions read: {run.read}, changed: {run.changed}{unread} ({seconds:.1f} s{rate})"
        )
        shown = ", ".join(run.changed_references[:10])
        more = f" and {run.changed - 10:,} more" if run.changed > 10 else ""
        if run.changed:
            self.stdout.write(f"changed: {shown}{more}")
        record = reverse("admin:decisions_extractionrun_change", args=[run.pk])
        self.stdout.write(f"rules {run.rules}; recorded as findings run {run.pk} ({record})")

    def _progress(self, read: int, changed: int, total: int) -> None:
        self.stderr.write(f"{read:,} of {total:,} read, {changed:,} changed")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from decisions.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Copy the whole archive to FILE: a SQLite database file (made with SQLite's online "
        "backup, safe while the site runs), or a pg_dump custom-format file on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if file.exists():
            raise CommandError(f"{file} exists already: choose a new name")
        try:
            backup(connection, file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backed up to {file} ({file.stat().st_size:,} bytes)")

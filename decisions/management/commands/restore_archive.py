from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from decisions.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the archive's database with a copy made by backup_archive. Stop the site "
        "first: everything in the database now is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            restore(connection, file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored from {file}")

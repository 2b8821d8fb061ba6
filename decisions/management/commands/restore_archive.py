from pathlib import Path

from django.core.management import call_command
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
        # A backup made by an earlier version of the archive is brought up to this one's
        # schema, with the search machinery that comes with it.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"restored from {file}")

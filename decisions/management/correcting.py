"""What the withdraw, reinstate and redact commands share: a reference as published, a
required reason, who is making the change, and one way of reporting a refusal."""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from decisions.corrections import CorrectionError, Editor
from decisions.database_errors import database_problem


class CorrectionCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("reference", help='the reference as published, e.g. "20 003 494"')
        parser.add_argument(
            "--reason", required=True, help="why: recorded with the change (and shown publicly)"
        )
        parser.add_argument(
            "--by",
            default="",
            help="who is making the change, for the record (default: your login name)",
        )

    def handle(self, *args, reference, reason, by, **options):
        editor = Editor(name=by or _login_name())
        try:
            message = self.change(reference, reason, editor, **options)
        except CorrectionError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:  # read-only, disk full, unreachable
            raise CommandError(
                f"{database_problem(error) or 'database error'} ({error})"
            ) from error
        self.stdout.write(message)

    def change(self, reference: str, reason: str, editor: Editor, **options) -> str:
        """Make the change through decisions.corrections and say what was done."""
        raise NotImplementedError


def _login_name() -> str:
    try:
        return f"{getpass.getuser()} (terminal)"
    except OSError:  # no login name in this environment
        return "terminal"

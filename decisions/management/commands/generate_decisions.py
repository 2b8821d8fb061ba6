from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from decisions.generation import MAX_INDEX, write_decisions


class Command(BaseCommand):
    help = (
        "Write fictional LGSCO decision files for demos, tests and benchmarks. Every file is "
        "marked 'Fictional' in its header; the same --seed always gives the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=300, help="how many decision files to write (default 300)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="which collection to write (default 1)"
        )
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="DIR",
            help="folder to write into, created if missing; at most 1,000 files per subfolder",
        )

    def handle(self, *args, count, seed, out, **options):
        if not 0 <= count <= MAX_INDEX:
            raise CommandError(f"--count must be between 0 and {MAX_INDEX:,}")
        written = write_decisions(count, seed, out)
        self.stdout.write(f"wrote {written} fictional decisions to {out}")

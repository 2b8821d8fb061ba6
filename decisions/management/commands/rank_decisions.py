import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from decisions.search.ranking import index_for_ranking


class Command(BaseCommand):
    help = (
        "Bring the ranking index (decisions/search/ranking.py) in step with the database, "
        "building it if it is missing: after a deploy with an empty SEARCH_RANKING_DIR, or "
        "when searches say the database ranks because the index is too far behind. An import "
        "does this itself when it ends."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default=None,
            help="one database alias (default: the primary and every replica)",
        )

    def handle(self, *args, database, **options):
        if not settings.SEARCH_RANKING_DIR:
            raise CommandError("SEARCH_RANKING_DIR is off: the database ranks every search")
        started = time.monotonic()
        if not index_for_ranking(database):
            raise CommandError(
                "the ranking index could not be brought in step (the warning above says why); "
                "until it is, the database ranks searches"
            )
        took = time.monotonic() - started
        self.stdout.write(
            f"The ranking index in {settings.SEARCH_RANKING_DIR} is in step ({took:.1f} s)."
        )

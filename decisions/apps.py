from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = "Ombudsman decisions"

    def ready(self) -> None:
        post_migrate.connect(restore_search_index, sender=self)


def restore_search_index(sender, using, plan=None, **kwargs) -> None:
    """A later migration that rebuilds the decision table (SQLite does) drops its triggers."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from decisions.search import ensure_search_index

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("decisions", "0002_search_index") in applied:
        ensure_search_index(connection)

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = "Ombudsman decisions"

    def ready(self) -> None:
        post_migrate.connect(restore_search_index, sender=self)


def restore_search_index(sender, using, plan=None, **kwargs) -> None:
    """A later migration that rebuilds a table (SQLite does) drops its triggers: those of the
    search index, of the archive's version and of the ranking index's change log; a restore of
    an older backup, PostgreSQL's words table's."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from decisions.search import ensure_search_index
    from decisions.search.ranking import ensure_change_log
    from decisions.search.version import ensure_version_tracking

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("decisions", "0002_search_index") in applied:
        ensure_search_index(connection)
    if ("decisions", "0005_archive_version") in applied:
        ensure_version_tracking(connection)
    if ("decisions", "0024_text_change_log") in applied:
        ensure_change_log(connection)
    if ("decisions", "0025_search_words_table") in applied and connection.vendor == "postgresql":
        from decisions.search import postgresql

        postgresql.ensure_words(connection)

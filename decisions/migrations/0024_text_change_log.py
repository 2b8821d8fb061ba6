"""The change log that keeps the ranking index in step (decisions/search/ranking.py): a row for
every decision inserted, deleted, or whose words change, written by the database's triggers."""

from django.db import migrations


def create_change_log(apps, schema_editor):
    from decisions.search import ranking

    ranking.create_change_log(schema_editor.connection)


def drop_change_log(apps, schema_editor):
    from decisions.search import ranking

    ranking.drop_change_log(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0023_former_names")]

    operations = [migrations.RunPython(create_change_log, drop_change_log)]

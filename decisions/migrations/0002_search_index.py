"""The full-text index, built per database (FTS5 on SQLite, a tsvector + GIN on PostgreSQL)."""

from django.db import migrations

from decisions.search import create_search_index, drop_search_index


def create(apps, schema_editor):
    create_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

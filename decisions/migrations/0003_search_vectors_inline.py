"""On PostgreSQL, keep each decision's tsvector inline in the table instead of in TOAST."""

from django.db import migrations


def store_inline(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from decisions.search import postgresql

        postgresql.store_vectors_inline(connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_search_index")]

    operations = [migrations.RunPython(store_inline, migrations.RunPython.noop)]

"""On PostgreSQL, index each decision's text with '.', ',', '@', '/', ':', '<' and '>' read as
spaces, as FTS5 and a query's words part it (search/postgresql.py, parted()): "£4,516.87" and
web addresses are found as written. Every vector is computed again: a rewrite of the table, a few
minutes at 100,000 decisions."""

from django.db import migrations


def part_vectors(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from decisions.search import postgresql

        postgresql.create_index(connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0020_reference_help_text")]

    operations = [migrations.RunPython(part_vectors, migrations.RunPython.noop)]

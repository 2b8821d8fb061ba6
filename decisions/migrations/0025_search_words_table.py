"""On PostgreSQL, a narrow table of each decision's words (its tsvector again, out of
line) with a GIN index of its own, kept by triggers: the matches of words without a phrase
are found from it without reading the decision table's pages (search/postgresql.py, WORDS).
A copy of every vector: a minute or so at 100,000 decisions."""

from django.db import migrations


def create_words(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from decisions.search import postgresql

        postgresql.create_words(connection)


def drop_words(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from decisions.search import postgresql

        postgresql.drop_words(connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0024_text_change_log")]

    operations = [migrations.RunPython(create_words, drop_words)]

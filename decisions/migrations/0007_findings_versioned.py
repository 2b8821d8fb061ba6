"""The findings tables change the archive's version too (search/version.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from decisions.search.version import create_version_tracking

    create_version_tracking(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0006_findings")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

# Each import warning becomes a row of its own (ImportWarning), saved with its batch, instead
# of one list kept in memory for the whole run and saved at its end: a run's memory then stays
# flat however many files warn (about 14% of generated files do).

import django.db.models.deletion
from django.db import migrations, models

from decisions.migrations._editors import let_editors

BATCH = 5_000


def warnings_to_rows(apps, schema_editor):
    ImportRun = apps.get_model("decisions", "ImportRun")
    ImportWarning = apps.get_model("decisions", "ImportWarning")
    for run in ImportRun.objects.exclude(warning_list=[]).iterator():
        rows = [
            ImportWarning(
                run=run,
                path=warning["path"] if len(warning["path"]) <= 1000 else "…" + warning["path"][-999:],
                kind=warning.get("kind", ""),
                reason=warning["reason"],
            )
            for warning in run.warning_list
        ]
        ImportWarning.objects.bulk_create(rows, batch_size=BATCH)


def rows_to_warnings(apps, schema_editor):
    ImportRun = apps.get_model("decisions", "ImportRun")
    for run in ImportRun.objects.filter(warnings__isnull=False).distinct().iterator():
        run.warning_list = list(run.warnings.order_by("id").values("path", "reason", "kind"))
        run.save(update_fields=["warning_list"])


def editors_read_warnings(apps, schema_editor):
    """The Editors group (0013), which reads the rest of the audit trail, reads these too."""
    let_editors(apps, "view_importwarning")


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0015_decision_by_remedy_covers_fictional"),
    ]

    operations = [
        migrations.RenameField(model_name="importrun", old_name="warnings", new_name="warning_list"),
        migrations.CreateModel(
            name="ImportWarning",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(max_length=1000)),
                ("kind", models.CharField(help_text="See import_record.WARNING_KINDS.", max_length=40)),
                ("reason", models.TextField()),
                ("run", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="warnings", to="decisions.importrun")),
            ],
            options={
                "ordering": ["run", "id"],
                "indexes": [models.Index(fields=["run", "kind"], name="import_warning_by_kind")],
            },
        ),
        migrations.RunPython(warnings_to_rows, rows_to_warnings),
        migrations.RemoveField(model_name="importrun", name="warning_list"),
        migrations.RunPython(editors_read_warnings, migrations.RunPython.noop),
    ]

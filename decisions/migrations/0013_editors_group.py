"""The "Editors" group: the staff who may withdraw, reinstate and redact decisions, correct
their fields and read the audit trail. Add a person to it in the admin (Users)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# (model, codenames) the group is given.
PERMISSIONS = {
    "decision": [
        "view_decision",
        "change_decision",
        "add_decision",
        "withdraw_decision",
        "redact_decision",
    ],
    "organisation": ["view_organisation"],
    "category": ["view_category"],
    "outcome": ["view_outcome"],
    "withdrawal": ["view_withdrawal"],
    "redaction": ["view_redaction"],
    "changerecord": ["view_changerecord"],
    "importrun": ["view_importrun"],
    "importedfile": ["view_importedfile"],
}


def create_editors(apps, schema_editor):
    # Permissions are otherwise made after all migrations have run; this one needs them now.
    app_config = apps.get_app_config("decisions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for model, codenames in PERMISSIONS.items():
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="decisions",
                content_type__model=model,
                codename__in=codenames,
            )
        )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0012_corrections_and_audit_trail"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]

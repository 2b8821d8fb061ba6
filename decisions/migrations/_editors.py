"""For migrations that give the Editors group (0013) the right to read a new audit record.
(Django's migration loader skips modules whose names start with an underscore.)"""

from django.contrib.auth.management import create_permissions


def let_editors(apps, *codenames: str) -> None:
    """Add these permissions of the decisions app to the Editors group, if it exists."""
    # Permissions are otherwise made after all migrations have run; these need them now.
    app_config = apps.get_app_config("decisions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(
        content_type__app_label="decisions", codename__in=codenames
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.add(*granted)

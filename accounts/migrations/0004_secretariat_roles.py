# The Secretariat's roles (accounts.roles) as Django groups holding their permissions.
# Later changes to the roles reach the database through the post-migrate handler
# (accounts.apps.keep_roles_in_step); this migration creates them on the first run. Going
# back leaves the groups and who holds them: nothing a person was given is lost.

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts.roles import sync_roles

    # Permissions are normally created after the last migration; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    # Not strict: a permission that a later migration adds reaches the role after the run.
    sync_roles(apps=apps, using=schema_editor.connection.alias, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_named_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("delivery", "0003_named_permissions"),
        ("outbox", "0004_more_delivery_kinds"),
        ("participants", "0003_named_permissions"),
        ("planning", "0003_named_permissions"),
        ("proposals", "0004_named_permissions"),
        ("reporting", "0003_named_permissions"),
        ("webinars", "0007_named_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

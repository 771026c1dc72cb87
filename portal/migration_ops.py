"""Operations that migrations share when a model moves from one app to another.

A moved model keeps its table and rows (the state moves, the table is then renamed);
its content type moves with it, keeping its id, so that the permissions, admin log
entries and outbox rows that point at it keep pointing at it.
"""

from django.db import migrations


def move_content_types(*, from_app: str, to_app: str, models: list[str]) -> migrations.RunPython:
    """Relabel the content types of ``models`` (lower-case names) from one app to the other."""

    def relabel(source: str, target: str):
        def run(apps, schema_editor):
            content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
            taken = set(content_types.filter(app_label=target, model__in=models).values_list("model", flat=True))
            content_types.filter(app_label=source, model__in=[m for m in models if m not in taken]).update(
                app_label=target
            )

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))

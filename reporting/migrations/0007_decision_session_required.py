"""Every decision now has its Session (0006): the old number goes and the session is required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_decision_session_as_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="committeedecision", name="session_number"),
        migrations.RemoveField(model_name="historicalcommitteedecision", name="session_number"),
        migrations.AlterField(
            model_name="committeedecision",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="reporting.session",
                verbose_name="session",
            ),
        ),
    ]

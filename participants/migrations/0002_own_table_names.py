# The moved tables (and their many-to-many tables) take the participants app's names.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("webinars", "0006_models_moved_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="campaign", table=None),
        migrations.AlterModelTable(name="networkmember", table=None),
        migrations.AlterModelTable(name="registration", table=None),
    ]

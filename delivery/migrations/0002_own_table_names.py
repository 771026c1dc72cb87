# The moved tables (and their many-to-many tables) take the delivery app's names.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_initial"),
        ("webinars", "0006_models_moved_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="expertinvitation", table=None),
    ]

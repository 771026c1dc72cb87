# A list that shows a group's drafts to the Secretariat records a reading too.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0005_draft_readings_by_the_secretariat'),
    ]

    operations = [
        migrations.AlterField(
            model_name='draftreading',
            name='place',
            field=models.CharField(choices=[('page', "The proposal's page"), ('history', "The proposal's history"), ('list', "The list of the group's answers"), ('admin', 'The administration')], max_length=10, verbose_name='where'),
        ),
    ]

# What an expert says of their availability when accepting: the scheduling screen names a date outside it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0004_languages_delivered_and_costs'),
    ]

    operations = [
        migrations.AddField(
            model_name='expertinvitation',
            name='availability_note',
            field=models.CharField(blank=True, max_length=500, verbose_name='note on availability'),
        ),
        migrations.AddField(
            model_name='expertinvitation',
            name='available_from',
            field=models.DateField(blank=True, null=True, verbose_name='available from'),
        ),
        migrations.AddField(
            model_name='expertinvitation',
            name='available_until',
            field=models.DateField(blank=True, null=True, verbose_name='available until'),
        ),
        migrations.AddConstraint(
            model_name='expertinvitation',
            constraint=models.CheckConstraint(condition=models.Q(('available_from__isnull', True), ('available_until__isnull', True), ('available_until__gte', models.F('available_from')), _connector='OR'), name='expert_availability_in_order', violation_error_message='The last day of availability comes on or after the first.'),
        ),
    ]

# From the plan to a delivered webinar: dates, closures, calendar entries, delivered languages and costs.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0003_named_permissions'),
        ('webinars', '0009_dates_closures_and_suggestion_review'),
    ]

    operations = [
        migrations.CreateModel(
            name='DeliveredLanguage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_interpreted_live', models.BooleanField(default=False, verbose_name='interpreted live')),
                ('has_recording', models.BooleanField(default=False, verbose_name='recording in this language')),
                ('has_summary', models.BooleanField(default=False, verbose_name='summary in this language')),
                ('has_slides', models.BooleanField(default=False, verbose_name='slides in this language')),
                ('language', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='webinars.language', verbose_name='language')),
                ('webinar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='delivered_languages', to='webinars.webinar', verbose_name='webinar')),
            ],
            options={
                'verbose_name': 'language delivered',
                'verbose_name_plural': 'languages delivered',
                'ordering': ['webinar', 'language__order', 'language__code'],
                'constraints': [models.UniqueConstraint(fields=('webinar', 'language'), name='delivered_language_once_per_webinar')],
            },
        ),
        migrations.CreateModel(
            name='WebinarCosts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('expert_fee', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name="expert's fee")),
                ('interpretation', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name='interpretation')),
                ('platform', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name='platform')),
                ('other', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name='other costs')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('recorded_at', models.DateTimeField(auto_now=True, verbose_name='recorded at')),
                ('webinar', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='costs', to='webinars.webinar', verbose_name='webinar')),
            ],
            options={
                'verbose_name': 'actual costs',
                'verbose_name_plural': 'actual costs',
                'constraints': [models.CheckConstraint(condition=models.Q(('expert_fee__gte', 0), ('interpretation__gte', 0), ('other__gte', 0), ('platform__gte', 0)), name='webinar_costs_not_negative', violation_error_message='Costs cannot be negative.')],
            },
        ),
    ]

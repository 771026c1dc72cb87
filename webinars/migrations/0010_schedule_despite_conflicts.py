# Scheduling despite conflicts: the permission (given to the Programme manager), and the record of the conflicts accepted and why.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('webinars', '0009_dates_closures_and_suggestion_review'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='webinar',
            options={'ordering': ['-starts_at', 'title'], 'permissions': [('schedule_webinar', 'Schedule, postpone, cancel or mark webinars held'), ('record_followup', 'Record the follow-up of held webinars: materials, summary, answers'), ('send_survey', 'Send the feedback survey of a webinar'), ('schedule_despite_conflicts', 'Schedule a webinar on a date with conflicts, giving the reason')], 'verbose_name': 'webinar', 'verbose_name_plural': 'webinars'},
        ),
        migrations.AddField(
            model_name='webinar',
            name='date_conflicts_accepted',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='conflicts of its date accepted'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='date_conflicts_accepted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='conflicts accepted at'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='date_conflicts_accepted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='conflicts accepted by'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='date_conflicts_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='why the date was kept despite its conflicts'),
        ),
    ]

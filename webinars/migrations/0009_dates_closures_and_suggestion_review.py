# From the plan to a delivered webinar: dates, closures, calendar entries, delivered languages and costs.

import django.core.validators
from django.db import migrations, models


def to_be_scheduled_back_to_planned(apps, schema_editor):
    """Going back to a schema without "to be scheduled": such a webinar is planned again
    (its date still to come), before the status column narrows."""
    Webinar = apps.get_model("webinars", "Webinar")
    Webinar.objects.filter(status="to_be_scheduled").update(status="planned")


class Migration(migrations.Migration):

    dependencies = [
        ('webinars', '0008_postponed_webinars'),
    ]

    operations = [
        migrations.CreateModel(
            name='Closure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('title_ar', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_zh_hans', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_fr', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_ru', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_es', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('kind', models.CharField(choices=[('holiday', 'Official holiday'), ('session', 'Committee session'), ('other', 'Other closure')], default='holiday', max_length=10, verbose_name='kind')),
                ('starts_on', models.DateField(verbose_name='first day')),
                ('ends_on', models.DateField(verbose_name='last day')),
            ],
            options={
                'verbose_name': 'closure',
                'verbose_name_plural': 'closures',
                'ordering': ['starts_on', 'title'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='webinar',
            name='webinar_dated_when_scheduled',
        ),
        migrations.AddField(
            model_name='feedback',
            name='suggestion_review',
            field=models.CharField(choices=[('pending', 'Not reviewed yet'), ('published', 'Published'), ('hidden', 'Not published')], default='pending', help_text="A suggested topic is shown on the webinar's public page once the Secretariat publishes it.", max_length=10, verbose_name='topic suggestion on the public page'),
        ),
        migrations.AddField(
            model_name='region',
            name='capitals',
            field=models.JSONField(blank=True, default=list, help_text='Cities whose office hours a webinar for this region should fall in, each with its time zone: [{"city": "Nairobi", "time_zone": "Africa/Nairobi"}, ...].', verbose_name='capitals'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='calendar_sequence',
            field=models.PositiveIntegerField(default=0, editable=False, help_text="Goes up with every change of date or status, so that people's calendars follow.", verbose_name='calendar version'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='marked_held_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='marked held at'),
        ),
        migrations.AddField(
            model_name='webinar',
            name='planned_period',
            field=models.CharField(blank=True, help_text='While the date is to be announced: a month (2027-03) or a quarter (2027-Q2).', max_length=7, validators=[django.core.validators.RegexValidator('^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$', 'Give a month as 2027-03 or a quarter as 2027-Q2.')], verbose_name='planned period'),
        ),
        migrations.AlterField(
            model_name='webinar',
            name='status',
            field=models.CharField(choices=[('planned', 'Planned'), ('to_be_scheduled', 'To be scheduled'), ('scheduled', 'Scheduled'), ('postponed', 'Postponed'), ('held', 'Held'), ('cancelled', 'Cancelled')], default='planned', max_length=16, verbose_name='status'),
        ),
        migrations.AddConstraint(
            model_name='webinar',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'to_be_scheduled', 'postponed', 'cancelled']), ('starts_at__isnull', False), _connector='OR'), name='webinar_dated_when_scheduled', violation_error_message='A scheduled or held webinar needs a start date and time.'),
        ),
        migrations.AddConstraint(
            model_name='closure',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='closure_ends_after_it_starts', violation_error_message='A closure ends on or after its first day.'),
        ),
        # Last, so that going back it runs first.
        migrations.RunPython(migrations.RunPython.noop, reverse_code=to_be_scheduled_back_to_planned),
    ]

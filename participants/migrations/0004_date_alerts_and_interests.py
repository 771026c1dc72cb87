# From the plan to a delivered webinar: dates, closures, calendar entries, delivered languages and costs.

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('participants', '0003_named_permissions'),
        ('webinars', '0009_dates_closures_and_suggestion_review'),
    ]

    operations = [
        migrations.AddField(
            model_name='networkmember',
            name='languages',
            field=models.JSONField(blank=True, default=list, help_text='Webinars given in any of these languages; none chosen: every language.', verbose_name='languages of interest'),
        ),
        migrations.AddField(
            model_name='networkmember',
            name='last_digest_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='The next digest tells of the webinars scheduled since then.', null=True, verbose_name='last digest sent at'),
        ),
        migrations.CreateModel(
            name='DateAlert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                ('language', models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], default='en', max_length=10, verbose_name='preferred language')),
                ('consented_at', models.DateTimeField(verbose_name='consented at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='asked at')),
                ('told_at', models.DateTimeField(blank=True, null=True, verbose_name='told at')),
                ('webinar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='date_alerts', to='webinars.webinar', verbose_name='webinar')),
            ],
            options={
                'verbose_name': 'request to be told the date',
                'verbose_name_plural': 'requests to be told the date',
                'ordering': ['created_at'],
                'constraints': [models.UniqueConstraint(models.F('webinar'), django.db.models.functions.text.Lower('email'), name='date_alert_unique_email_per_webinar', violation_error_message='This address will already be told the date of this webinar.')],
            },
        ),
    ]

# The network digest records when it first found each webinar open for registration.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('participants', '0004_date_alerts_and_interests'),
        ('webinars', '0009_dates_closures_and_suggestion_review'),
    ]

    operations = [
        migrations.CreateModel(
            name='DigestListing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('listed_at', models.DateTimeField(db_index=True, verbose_name='open for registration since')),
                ('webinar', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='digest_listing', to='webinars.webinar', verbose_name='webinar')),
            ],
            options={
                'verbose_name': 'webinar in the network digest',
                'verbose_name_plural': 'webinars in the network digest',
                'ordering': ['listed_at'],
            },
        ),
    ]

# From the plan to a delivered webinar: dates, closures, calendar entries, delivered languages and costs.

import django.core.validators
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0003_named_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='annualplan',
            name='interpretation_cost_per_language',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), help_text='What interpreting a webinar into one more language costs, beyond its first language.', max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='interpretation per language'),
        ),
        migrations.AddField(
            model_name='historicalannualplan',
            name='interpretation_cost_per_language',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), help_text='What interpreting a webinar into one more language costs, beyond its first language.', max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='interpretation per language'),
        ),
        migrations.AddField(
            model_name='planentry',
            name='estimated_expert_fee',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name="estimated expert's fee"),
        ),
        migrations.AddField(
            model_name='planentry',
            name='estimated_interpretation',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='estimated interpretation'),
        ),
        migrations.AddField(
            model_name='planentry',
            name='estimated_platform',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='estimated platform'),
        ),
    ]

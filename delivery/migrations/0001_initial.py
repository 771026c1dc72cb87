# The delivery app takes its models over from the webinars app, rows and all.

import django.db.models.deletion
import portal.states
from django.conf import settings
from django.db import migrations, models

from portal.migration_ops import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('webinars', '0005_experts_campaigns_followup'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The models move from the webinars app with their tables and rows: only the state is
        # created here; the tables take this app's name in the next migration.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExpertInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('invited', 'Invited'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='invited', max_length=10, verbose_name='state')),
                        ('message', models.TextField(blank=True, verbose_name='message to the expert')),
                        ('decline_reason', models.TextField(blank=True, verbose_name='reason for declining')),
                        ('invited_at', models.DateTimeField(auto_now_add=True, verbose_name='invited at')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('expert', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='webinars.expert', verbose_name='expert')),
                        ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by')),
                        ('webinar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expert_invitations', to='webinars.webinar', verbose_name='webinar')),
                    ],
                    options={
                        'db_table': 'webinars_expertinvitation',
                        'verbose_name': 'expert invitation',
                        'verbose_name_plural': 'expert invitations',
                        'ordering': ['-invited_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('state', 'invited')), fields=('expert', 'webinar'), name='expert_invitation_one_open', violation_error_message='This expert already has an open invitation for this webinar.')],
                    },
                    bases=(portal.states.StateMachineMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
        move_content_types(from_app="webinars", to_app="delivery", models=["expertinvitation"]),
    ]

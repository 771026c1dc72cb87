# The participants app takes its models over from the webinars app, rows and all.

import django.db.models.deletion
import django.db.models.functions.text
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
                    name='Campaign',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('include_network', models.BooleanField(default=True, help_text='Confirmed members whose interests, regions and language match the choices below.', verbose_name="members of the participants' network")),
                        ('languages', models.JSONField(blank=True, default=list, help_text='Only people whose preferred language is one of these; none chosen: every language.', verbose_name='languages')),
                        ('include_series_participants', models.BooleanField(default=True, help_text="People who attended an earlier part of this webinar's series.", verbose_name='past participants of the same series')),
                        ('include_topic_participants', models.BooleanField(default=False, help_text='People who attended a webinar on the same topic or in the same scope area.', verbose_name='past participants of related webinars')),
                        ('subject', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, verbose_name='subject')),
                        ('subject_ar', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('subject_zh_hans', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('subject_en', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('subject_fr', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('subject_ru', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('subject_es', models.CharField(blank=True, help_text="Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language.", max_length=200, null=True, verbose_name='subject')),
                        ('introduction', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", verbose_name='introduction')),
                        ('introduction_ar', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('introduction_zh_hans', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('introduction_en', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('introduction_fr', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('introduction_ru', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('introduction_es', models.TextField(blank=True, help_text="A short text placed before the webinar's details. Plain text.", null=True, verbose_name='introduction')),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('sending', 'Being sent'), ('sent', 'Sent')], default='draft', max_length=10, verbose_name='state')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('sent_count', models.PositiveIntegerField(default=0, verbose_name='messages queued')),
                        ('test_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='last test sent at')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('regions', models.ManyToManyField(blank=True, help_text='Members following any of these regions; none chosen: every member.', related_name='campaigns', to='webinars.region', verbose_name='regions')),
                        ('scope_areas', models.ManyToManyField(blank=True, help_text='Members interested in any of these areas; none chosen: every member.', related_name='campaigns', to='webinars.scopearea', verbose_name='areas of interest')),
                        ('sent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sent by')),
                        ('webinar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='campaigns', to='webinars.webinar', verbose_name='webinar promoted')),
                    ],
                    options={
                        'db_table': 'webinars_campaign',
                        'verbose_name': 'campaign',
                        'verbose_name_plural': 'campaigns',
                        'ordering': ['-created_at'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('state', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='campaign_sent_has_date')],
                    },
                    bases=(portal.states.StateMachineMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='NetworkMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('language', models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], default='en', max_length=10, verbose_name='preferred language')),
                        ('state', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('confirmed', 'Confirmed'), ('unsubscribed', 'Unsubscribed')], default='pending', max_length=12, verbose_name='state')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='joined at')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed at')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed at')),
                        ('consented_at', models.DateTimeField(blank=True, help_text='When the person last agreed, on the sign-up form, to the use of their data.', null=True, verbose_name='consented at')),
                        ('regions', models.ManyToManyField(blank=True, related_name='network_members', to='webinars.region', verbose_name='regions')),
                        ('scope_areas', models.ManyToManyField(blank=True, related_name='network_members', to='webinars.scopearea', verbose_name='areas of interest')),
                    ],
                    options={
                        'db_table': 'webinars_networkmember',
                        'verbose_name': 'network member',
                        'verbose_name_plural': "participants' network",
                        'ordering': ['email'],
                        'indexes': [models.Index(fields=['state', 'language'], name='network_state_language_idx')],
                        'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='network_member_unique_email', violation_error_message='This address is already in the network.'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'confirmed'), _negated=True), ('confirmed_at__isnull', False), _connector='OR'), name='network_member_confirmed_has_date')],
                    },
                    bases=(portal.states.StateMachineMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('country', models.CharField(help_text='Two-letter country code (ISO 3166-1).', max_length=2, verbose_name='country')),
                        ('organisation', models.CharField(blank=True, max_length=255, verbose_name='organisation')),
                        ('participant_type', models.CharField(choices=[('government', 'Government'), ('ip_office', 'Intellectual property office'), ('academia', 'Academia'), ('private_sector', 'Private sector'), ('civil_society', 'Civil society'), ('other', 'Other')], default='other', max_length=20, verbose_name='type of participant')),
                        ('language', models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], default='en', max_length=10, verbose_name='preferred language')),
                        ('questions', models.TextField(blank=True, verbose_name='questions in advance')),
                        ('time_zone', models.CharField(blank=True, help_text="The participant's own time zone (such as Africa/Nairobi); messages show the time there too.", max_length=64, verbose_name='time zone')),
                        ('consented_at', models.DateTimeField(help_text='When the person last registered and agreed to the use of their data; the waiting list follows it.', verbose_name='consented at')),
                        ('state', models.CharField(choices=[('registered', 'Registered'), ('waitlisted', 'On the waiting list'), ('cancelled', 'Cancelled')], default='registered', max_length=12, verbose_name='state')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled at')),
                        ('has_attended', models.BooleanField(default=False, verbose_name='attended')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='registered at')),
                        ('webinar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='webinars.webinar', verbose_name='webinar')),
                    ],
                    options={
                        'db_table': 'webinars_registration',
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                        'ordering': ['created_at'],
                        'indexes': [models.Index(fields=['webinar', 'state'], name='registration_webinar_state_idx')],
                        'constraints': [models.UniqueConstraint(models.F('webinar'), django.db.models.functions.text.Lower('email'), name='registration_unique_email_per_webinar', violation_error_message='This address is already registered for this webinar.'), models.CheckConstraint(condition=models.Q(('country__regex', '^[A-Z]{2}$')), name='registration_country_iso2')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types(from_app="webinars", to_app="participants", models=["campaign", "networkmember", "registration"]),
    ]

# From the plan to a delivered webinar: dates, closures, calendar entries, delivered languages and costs.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0005_webinar_change_kinds'),
    ]

    operations = [
        migrations.AddField(
            model_name='notice',
            name='calendar',
            field=models.TextField(blank=True, help_text="An iCalendar file sent with the message, so that the person's calendar follows the webinar.", verbose_name='calendar entry'),
        ),
        migrations.AlterField(
            model_name='notice',
            name='kind',
            field=models.CharField(choices=[('network_confirmation', "Confirm joining the participants' network"), ('proposal_submitted', 'Proposal received'), ('proposal_withdrawn', 'Proposal withdrawn'), ('coordinator_invitation', 'Invitation to the portal'), ('password_reset', 'Password reset'), ('cycle_draft_ready', "Next year's consultation is ready for review"), ('cycle_invitation', 'Invitation to answer the consultation'), ('cycle_reminder', 'Reminder before the deadline'), ('cycle_summary', 'Summary of the answers received'), ('proposal_outcome', "What became of the group's proposals"), ('registration_confirmed', 'Registration confirmed'), ('registration_waitlisted', 'On the waiting list'), ('webinar_reminder', 'Reminder before a webinar'), ('feedback_survey', 'Feedback survey after a webinar'), ('registration_cancelled', 'Registration cancelled'), ('registration_promoted', 'A place freed up: registration confirmed'), ('expert_invitation', 'Invitation to give a webinar'), ('expert_answer', 'An expert answered an invitation'), ('campaign', 'Promotion of a webinar'), ('materials_available', 'Materials of a webinar available'), ('webinar_cancelled', 'A webinar was cancelled'), ('webinar_postponed', 'A webinar was postponed'), ('webinar_moved', 'A webinar has a new date'), ('webinar_date_set', 'The date of a webinar is set: registration is open'), ('survey_reminder', 'Reminder of the feedback survey'), ('recording_available', 'The recording of a webinar is available'), ('network_digest', 'Digest of newly scheduled webinars')], max_length=40, verbose_name='kind'),
        ),
    ]

# The participants' network, registrations and campaigns moved to the participants app,
# expert invitations to the delivery app. Their tables stay: only the state leaves here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("webinars", "0005_experts_campaigns_followup"),
        ("participants", "0001_initial"),
        ("delivery", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Campaign"),
                migrations.DeleteModel(name="ExpertInvitation"),
                migrations.DeleteModel(name="NetworkMember"),
                migrations.DeleteModel(name="Registration"),
            ],
            database_operations=[],
        ),
    ]

"""Proposals record the webinars they became (Proposal.webinars), from the plans published before.

Publishing now writes it; plans published earlier said it only through their entries. Reversing
leaves the records: they say what happened.
"""

from django.db import migrations


def record_webinars(apps, schema_editor):
    PlanEntry = apps.get_model("planning", "PlanEntry")
    Through = apps.get_model("proposals", "Proposal").webinars.through
    wanted = set(
        PlanEntry.objects.filter(webinar__isnull=False, proposals__isnull=False).values_list(
            "proposals__pk", "webinar_id"
        )
    )
    have = set(Through.objects.values_list("proposal_id", "webinar_id"))
    Through.objects.bulk_create(
        [Through(proposal_id=proposal_id, webinar_id=webinar_id) for proposal_id, webinar_id in sorted(wanted - have)]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0005_plan_comments_and_sharing"),
        ("proposals", "0007_series_across_years"),
    ]

    operations = [migrations.RunPython(record_webinars, migrations.RunPython.noop)]

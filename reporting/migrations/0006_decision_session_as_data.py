"""A decision's session becomes a row of Session instead of a bare number.

Each session number in use gets a Session; its dates are not known here, so both are the
day of the first decision taken at it (the demo loader and the Secretariat put in the real
dates). Reversible: going back writes the numbers again.
"""

import django.db.models.deletion
from django.db import migrations, models


def sessions_from_numbers(apps, schema_editor):
    Session = apps.get_model("reporting", "Session")
    CommitteeDecision = apps.get_model("reporting", "CommitteeDecision")
    HistoricalCommitteeDecision = apps.get_model("reporting", "HistoricalCommitteeDecision")
    sessions = {}
    for decision in CommitteeDecision.objects.order_by("decided_on", "pk"):
        number = decision.session_number
        if number not in sessions:
            sessions[number] = Session.objects.filter(number=number).first() or Session.objects.create(
                number=number, starts_on=decision.decided_on, ends_on=decision.decided_on
            )
        decision.session = sessions[number]
        decision.save(update_fields=["session"])
    for record in HistoricalCommitteeDecision.objects.all():
        session = sessions.get(record.session_number) or Session.objects.filter(number=record.session_number).first()
        if session is not None:
            HistoricalCommitteeDecision.objects.filter(pk=record.pk).update(session=session.pk)


def numbers_from_sessions(apps, schema_editor):
    CommitteeDecision = apps.get_model("reporting", "CommitteeDecision")
    HistoricalCommitteeDecision = apps.get_model("reporting", "HistoricalCommitteeDecision")
    Session = apps.get_model("reporting", "Session")
    numbers = dict(Session.objects.values_list("pk", "number"))
    for decision in CommitteeDecision.objects.all():
        CommitteeDecision.objects.filter(pk=decision.pk).update(session_number=numbers[decision.session_id])
    for record in HistoricalCommitteeDecision.objects.exclude(session__isnull=True):
        HistoricalCommitteeDecision.objects.filter(pk=record.pk).update(
            session_number=numbers.get(record.session_id, 1)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0005_committee_report"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="committeedecision", name="decision_session_positive"),
        migrations.RenameField(model_name="committeedecision", old_name="session", new_name="session_number"),
        migrations.RenameField(model_name="historicalcommitteedecision", old_name="session", new_name="session_number"),
        migrations.AlterField(
            model_name="committeedecision",
            name="session_number",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="session number"),
        ),
        migrations.AlterField(
            model_name="historicalcommitteedecision",
            name="session_number",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="session number"),
        ),
        migrations.AddField(
            model_name="committeedecision",
            name="session",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="reporting.session",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommitteedecision",
            name="session",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="reporting.session",
                verbose_name="session",
            ),
        ),
        migrations.RunPython(sessions_from_numbers, numbers_from_sessions),
    ]

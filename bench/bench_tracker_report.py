"""The report on the implementation of a decision (the tracker's report body and annex) written to DOCX.

The data: the demo's decision of the eighteenth session as the follow-up report CDIP/24/8
tells it (nine measures under six paragraphs, their events at the nineteenth to
twenty-third sessions, references of the four kinds), loaded in a transaction that is
rolled back. Figure, in seconds:

- ``tracker_report_docx_s``: build the ReportDocument (the decision, its paragraphs,
  measures, events, references and the annex, read from the database) and write it as
  DOCX, in English, once after one warm-up of python-docx.

Goal: under 10 s (it is a few dozen pages at most).
"""

import time


def run(report):
    from django.db import transaction
    from django.utils import timezone, translation

    from demo import data
    from demo.management.commands.load_demo import DemoLoader
    from reporting.exports import render_document
    from reporting.models import CommitteeDecision
    from reporting.tracker_report import build_tracker_report

    with transaction.atomic():
        try:
            with translation.override("en"):
                DemoLoader(timezone.localdate()).load_reporting()
            decision = CommitteeDecision.objects.get(session__number=data.DECISION["session"])
            render_document(build_tracker_report(decision, language="en"), "docx")  # warm up python-docx

            started = time.perf_counter()
            content, _type, _extension = render_document(build_tracker_report(decision, language="en"), "docx")
            elapsed = time.perf_counter() - started
            assert content.startswith(b"PK"), "the DOCX is not a zip"
            report("tracker_report_docx_s", elapsed, "s")
        finally:
            transaction.set_rollback(True)

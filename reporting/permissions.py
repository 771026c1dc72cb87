"""Who may read the Secretariat's dashboard and the report to the committee, and who may keep it.

A kept report is what was sent to the committee: keeping one is the reporting officer's
(or the programme manager's) act, not every reader's. Each block of the dashboard shows
the data of one part of the programme, so it is shown to those whose roles let them read
that data elsewhere in the portal, and to nobody else.
"""

from __future__ import annotations

from portal.permissions import has_permission

# Each block of the dashboard and the permission its data needs.
DASHBOARD_SECTIONS = {
    "cycle": "proposals.view_proposal",  # the consultation and who has not answered
    "plan": "planning.view_annualplan",  # the plan against its capacity
    "webinars": "webinars.view_webinar",  # this month's webinars with places taken
    "followups": "webinars.view_material",  # held webinars whose follow-up is overdue
    "actions": "reporting.view_followupaction",  # overdue follow-up actions of committee measures
    "outbox": "outbox.view_notice",  # messages that failed
}


def dashboard_sections(user) -> frozenset[str]:
    """The blocks of the dashboard this person may read; the others are neither shown nor read."""
    return frozenset(section for section, perm in DASHBOARD_SECTIONS.items() if has_permission(user, perm))


def can_keep_annual_report(user) -> bool:
    """Keeping a report records it as sent to the committee: a decision, not a reading."""
    return has_permission(user, "reporting.keep_annual_report")


def can_download_kept_report(user) -> bool:
    return has_permission(user, "reporting.view_reportsnapshot")


def can_edit_committee_report(user, report=None) -> bool:
    """Writing the report's texts is the reporting officer's; a final report is frozen for everyone."""
    return has_permission(user, "reporting.change_committeereport") and (report is None or report.is_editable)


def can_finalise_committee_report(user, report) -> bool:
    """Finalising freezes the report with its data: the text the committee will read."""
    return has_permission(user, "reporting.finalise_committeereport") and report.can_change_state("final")


def can_submit_committee_report(user, report) -> bool:
    return has_permission(user, "reporting.submit_committeereport") and report.can_change_state("submitted")

"""The Secretariat's roles: Django groups holding named permissions, defined here and kept in step.

A real Secretariat has several people with different jobs: the programme manager commits
the Secretariat to the groups (approves the consultation, publishes the plan), the
programme officers run the cycle and the webinars, communications promote them, the
reporting officer answers to the committee, and others only read. Each role is a group of
the same name; ``sync_roles`` gives it exactly the permissions below, on every ``migrate``
(a data migration creates the groups, a post-migrate handler keeps them in step with this
file), so the code and the database never disagree. A person may hold several roles.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


def _model_perms(label: str, *actions: str) -> tuple[str, ...]:
    """``app.model`` with actions: ("webinars.topic", "view", "add") -> the two permissions."""
    app_label, model = label.split(".")
    return tuple(f"{app_label}.{action}_{model}" for action in actions)


def _read(*labels: str) -> tuple[str, ...]:
    return tuple(perm for label in labels for perm in _model_perms(label, "view"))


def _edit(*labels: str) -> tuple[str, ...]:
    return tuple(perm for label in labels for perm in _model_perms(label, "view", "add", "change"))


REFERENCE_DATA = (
    "webinars.language",
    "webinars.region",
    "webinars.regionalgroup",
    "webinars.memberstate",  # the groups' composition and each country's region
    "webinars.scopearea",
    "webinars.closure",  # holidays and session weeks the scheduling screen avoids
)
CATALOGUE = ("webinars.topic", "webinars.series", "webinars.webinar", "webinars.material", "webinars.answeredquestion")
TRACKER = (
    "reporting.committeedecision",
    "reporting.measure",
    "reporting.documentreference",
    "reporting.followupaction",
)

EVERY_ROLE = ("reporting.view_dashboard",)

READ_ONLY = (
    *EVERY_ROLE,
    "reporting.view_annual_report",
    *_read(*REFERENCE_DATA, *CATALOGUE, "webinars.expert"),
    *_read("proposals.consultationcycle", "proposals.candidatetopic", "proposals.proposal"),
    *_read("proposals.staterequest"),  # member states' requests to their group, and the group's decisions
    *_read("planning.annualplan", "planning.planentry", "planning.proposalmerge", "planning.synergysuggestion"),
    *_read("planning.plancomment"),
    *_read(*TRACKER, "reporting.reportsnapshot"),
    *_read("reporting.committeereport", "reporting.webinaraccount", "reporting.session"),
    *_read("similarity.concept", "similarity.term"),  # the thesaurus that explains suggestions
)

PROGRAMME_OFFICER = (
    *READ_ONLY,
    # the consultation and the review of its answers
    *_edit("proposals.consultationcycle", "proposals.candidatetopic", "proposals.coordinator"),
    *_edit("proposals.delegate"),  # member states' delegates, made and invited like coordinators
    "proposals.review_proposal",
    "planning.change_synergysuggestion",
    # the draft plan
    *_edit("planning.annualplan", "planning.planentry"),
    "planning.run_solver",
    "planning.share_annualplan",  # the draft plan to the groups for their comments
    # the thesaurus behind the shared subjects shown with a suggestion; the encoder's vectors
    *_edit("similarity.concept", "similarity.term"),
    "similarity.delete_term",  # a term that names its subject by accident
    "similarity.view_textvector",
    # the catalogue, the experts and each webinar's delivery
    *_edit(*REFERENCE_DATA, *CATALOGUE, "webinars.expert"),
    "webinars.delete_closure",  # a closure entered by mistake
    "webinars.schedule_webinar",
    "webinars.record_followup",
    "webinars.send_survey",
    "webinars.view_feedback",
    "webinars.change_feedback",  # publishes or hides suggested topics on the public page
    "delivery.view_expertinvitation",
    "delivery.invite_expert",
    # registrations and attendance, and who asked to be told a date
    *_model_perms("participants.registration", "view", "change"),
    "participants.view_datealert",
    "participants.record_attendance",
    # the outbox: read it, send a failed message again; whether the mail server is down
    *_model_perms("outbox.notice", "view", "change"),
    "outbox.view_mailserver",
)

PROGRAMME_MANAGER = (
    *PROGRAMME_OFFICER,
    # keeps a webinar's date despite its conflicts (a holiday, a weekend...), giving the reason
    "webinars.schedule_despite_conflicts",
    "proposals.approve_consultationcycle",
    "planning.publish_annualplan",
    "proposals.view_draft_proposal",
    # people: staff and coordinators, and their invitations to set a password
    *_model_perms("accounts.user", "view", "add", "change"),
    "accounts.invite_user",
    "accounts.give_roles",
    "auth.view_group",
    "reporting.keep_annual_report",
    "reporting.submit_committeereport",  # the report to the committee goes out under the manager's authority
)

COMMUNICATIONS = (
    *EVERY_ROLE,
    *_read("webinars.webinar", "webinars.topic", "webinars.series", *REFERENCE_DATA),
    *_model_perms("participants.networkmember", "view", "change"),
    *_edit("participants.campaign"),
    "participants.send_campaign",
    "participants.view_registration",
    "outbox.view_notice",
    "outbox.view_mailserver",
)

REPORTING_OFFICER = (
    *READ_ONLY,
    "reporting.keep_annual_report",
    # the annual report to the committee: written, corrected and finalised here, submitted by the manager
    *_model_perms("reporting.committeereport", "view", "add", "change"),
    *_model_perms("reporting.webinaraccount", "view", "change"),
    "reporting.finalise_committeereport",
    *_model_perms("reporting.committeedecision", "view", "add", "change"),
    *_model_perms("reporting.measure", "view", "add", "change"),
    *_model_perms("reporting.documentreference", "view", "add", "change", "delete"),
    *_model_perms("reporting.followupaction", "view", "add", "change", "delete"),
    "webinars.view_feedback",
    "webinars.change_feedback",  # publishes or hides suggested topics on the public page
    "participants.view_registration",
)


@dataclass(frozen=True)
class Role:
    name: str  # the group's name, stable: the database keys on it
    label: str
    description: str
    permissions: tuple[str, ...]


ROLES = (
    Role(
        "Programme manager",
        _("Programme manager"),
        _("Approves each consultation, publishes the annual plan and gives people their roles."),
        PROGRAMME_MANAGER,
    ),
    Role(
        "Programme officer",
        _("Programme officer"),
        _(
            "Runs the consultation, reviews the answers, drafts the plan, and delivers the webinars: "
            "experts, dates, registrations, follow-up and survey."
        ),
        PROGRAMME_OFFICER,
    ),
    Role(
        "Communications",
        _("Communications"),
        _("Looks after the participants' network and promotes the webinars with campaigns."),
        COMMUNICATIONS,
    ),
    Role(
        "Reporting officer",
        _("Reporting officer"),
        _("Writes and keeps the annual report and keeps the tracker of committee decisions."),
        REPORTING_OFFICER,
    ),
    Role(
        "Read-only",
        _("Read-only"),
        _("Reads the dashboard, the plans and the reports; changes nothing."),
        READ_ONLY,
    ),
)
ROLES_BY_NAME = {role.name: role for role in ROLES}


def sync_roles(*, apps=None, using: str = "default", strict: bool = True) -> None:
    """Give each role's group exactly its permissions (creating the group if needed).

    ``apps`` is a migration's app registry when called from a migration. A permission the
    code names but the database lacks is an error (a model or migration is missing), unless
    ``strict`` is off: the database is then migrated only part of the way, and the roles
    get what exists so far.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {perm for role in ROLES for perm in role.permissions}
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
        if f"{app_label}.{codename}" in wanted
    }
    unknown = wanted - set(found)
    if unknown and strict:
        raise LookupError(f"Roles name permissions that do not exist: {', '.join(sorted(unknown))}")
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.set([found[perm] for perm in set(role.permissions) if perm in found])

"""Who may open what: every URL of the portal and every admin action, walked by three people.

An anonymous visitor, the coordinator of another regional group, and a member of the
Secretariat who holds no permission and no role try every named URL pattern of the portal
(``URLS`` says what kind of page each one is), every page of the admin, and every admin
action. None of them may read what only a role may read (the secret markers planted in the
sample data) or change anything: the database is compared before and after every request.

A new view cannot be added without a row: ``test_every_named_url_of_the_portal_has_a_row``
fails until ``URLS`` says what kind of page it is.

The sample data are built once for the module inside a transaction that is rolled back at
the end; each test runs in a savepoint of its own, so every test starts from the same rows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

from accounts.models import User
from accounts.tests.factories import SecretariatFactory, UserFactory
from delivery.tests.factories import DeliveredLanguageFactory, ExpertInvitationFactory, WebinarCostsFactory
from outbox.models import Notice
from outbox.tests.factories import MailServerFactory, NoticeFactory
from participants.models import NetworkMember
from participants.tests.factories import (
    CampaignFactory,
    DateAlertFactory,
    DigestListingFactory,
    NetworkMemberFactory,
    RegistrationFactory,
)
from planning.tests.factories import (
    AnnualPlanFactory,
    PlanCommentFactory,
    PlanEntryFactory,
    ProposalMergeFactory,
    SynergySuggestionFactory,
    submitted_proposal,
)
from portal.permissions import permission_label
from proposals.models import ConsultationCycle, DraftReading, Proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    DelegateFactory,
    ProposalFactory,
    ProposalPartFactory,
    StateRequestFactory,
)
from reporting.tests.factories import (
    CommitteeDecisionFactory,
    CommitteeReportFactory,
    DecisionItemFactory,
    DecisionParagraphFactory,
    DocumentReferenceFactory,
    FollowUpActionFactory,
    MeasureEventFactory,
    MeasureFactory,
    ReportSnapshotFactory,
    WebinarAccountFactory,
)
from similarity.tests.factories import ConceptFactory, TermFactory, TextVectorFactory
from webinars.models import Material, Webinar
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    ClosureFactory,
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    MemberStateFactory,
    RegionalGroupFactory,
    SeriesFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

# --- The people -------------------------------------------------------------------------

ANONYMOUS = "anonymous"
COORDINATOR = "coordinator"  # of group B; the sample's proposals belong to group A
STAFF = "staff_no_permission"  # SecretariatFactory(): staff, no permission, no role
PEOPLE = (ANONYMOUS, COORDINATOR, STAFF)
OUTSIDERS = (ANONYMOUS, COORDINATOR)

# --- What only a role may read ----------------------------------------------------------

MARKERS = {
    "campaign subject": "Secret campaign subject qv7k",
    "draft proposal title": "Secret draft proposal title zx4m",
    "feedback comment": "Secret useful comment hj2p",
    "registrant e-mail": "secret.registrant.wq9d@example.org",
    "expert e-mail": "secret.expert.lp3c@example.org",
    "notice body": "Secret notice body rt6n",
    "group's comment on the draft plan": "Secret group comment mv8s",
    "member state's request": "Secret state request title ks3w",
}

# --- The kinds of page ------------------------------------------------------------------

PUBLIC = "public"  # anyone may read it
SIGNED_LINK = "signed link"  # a token in the path: a forged one gets the "link not valid" page (400)
COORDINATOR_PAGE = "coordinator page"  # visitors log in; a coordinator sees their own group only
SECRETARIAT = "secretariat"  # staff holding the row's permissions; visitors log in at the portal
ACCOUNT = "account"  # log in and out, passwords, language
DELEGATE_PAGE = "delegate page"  # visitors log in; a member state's delegates and its group's coordinators only

LOGIN = "a redirect to the portal's login"  # stands for a status in ``Row.expect``
LINK_NOT_VALID_PAGE = re.compile(r"link[_-]?(not[_-]?valid|invalid)")
GET, POST, GET_POST = ("GET",), ("POST",), ("GET", "POST")


def _nothing(sample) -> dict:
    return {}


@dataclass(frozen=True)
class Row:
    """One named URL: what kind of page it is and how to call it with the sample data."""

    kind: str
    perms: tuple[str, ...] = ()
    kwargs: Callable[[SimpleNamespace], dict] = _nothing
    query: Callable[[SimpleNamespace], dict] = _nothing
    methods: tuple[str, ...] = GET
    # What a person allowed to act would POST: if the guard is missing, the POST changes something.
    data: Callable[[SimpleNamespace], dict] = _nothing
    # A coordinator page about the coordinator's own group (no other group's object in the URL).
    is_coordinators_own: bool = False
    # ACCOUNT pages: the statuses each person may get.
    expect: dict | None = None
    # Text the page must never show (a form a forged link must not open).
    never_shows: tuple[str, ...] = ()


def public(**options) -> Row:
    return Row(PUBLIC, **options)


def signed_link(**options) -> Row:
    return Row(SIGNED_LINK, methods=GET_POST, **options)


def coordinator_page(**options) -> Row:
    return Row(COORDINATOR_PAGE, **options)


def delegate_page(**options) -> Row:
    return Row(DELEGATE_PAGE, **options)


def secretariat(*perms: str, **options) -> Row:
    return Row(SECRETARIAT, perms=perms, **options)


def account(**options) -> Row:
    return Row(ACCOUNT, **options)


def everyone(*statuses) -> dict:
    return dict.fromkeys(PEOPLE, set(statuses))


OWN_ACCOUNT = {ANONYMOUS: {LOGIN}, COORDINATOR: {200}, STAFF: {200}}
NEW_PASSWORD = {"new_password1": "An-intruder-9271", "new_password2": "An-intruder-9271"}
PASSWORD_FORM = ('name="new_password1"',)


def forged(payload) -> str:
    """A token shaped like the portal's, signed with a key that is not the portal's."""
    return signing.dumps(payload, key="not the portal's secret key", salt="forged")


def _cycle(s):
    return {"cycle_id": s.cycle.pk}


def _draft(s):
    return {"pk": s.draft.pk}


def _held_slug(s):
    return {"slug": s.held.slug}


def _scheduled_slug(s):
    return {"slug": s.scheduled.slug}


def _report_years(s):
    return {"first_year": s.report_year, "last_year": s.report_year}


URLS: dict[str, Row] = {
    # accounts and the language switcher
    "set_language": account(query=lambda s: {"language": "fr", "next": "/"}, expect=everyone(204, 302)),
    # For the proxy and the monitoring: the same answer whoever asks (200, or 503 when a check fails).
    "healthz": account(expect=everyone(200, 503)),
    "accounts:account": account(expect=OWN_ACCOUNT),
    "accounts:password_change": account(expect=OWN_ACCOUNT),
    "accounts:login": account(expect=everyone(200, 302)),
    "accounts:logout": account(methods=POST, expect=everyone(200, 302)),
    "accounts:password_reset": account(expect=everyone(200)),
    "accounts:password_reset_done": account(expect=everyone(200)),
    "accounts:password_reset_confirm": account(
        kwargs=lambda s: {"uidb64": s.victim_uid, "token": "cr7x1q-0f2e9c1b6d4a8e3f5a7c"},
        methods=GET_POST,
        data=lambda s: NEW_PASSWORD,
        expect=everyone(200, 400),
        never_shows=PASSWORD_FORM,
    ),
    "accounts:invitation": account(
        kwargs=lambda s: {"uidb64": s.victim_uid, "token": "cr7x1q-0f2e9c1b6d4a8e3f5a7c"},
        methods=GET_POST,
        data=lambda s: NEW_PASSWORD,
        expect=everyone(200, 400),
        never_shows=PASSWORD_FORM,
    ),
    # webinars: the public catalogue
    "webinars:topic_list": public(),
    "webinars:webinar_detail": public(kwargs=_held_slug),
    "webinars:webinar_ics": public(kwargs=_scheduled_slug),
    "webinars:material_download": public(kwargs=lambda s: {"pk": s.material.pk}),
    "webinars:series_detail": public(kwargs=lambda s: {"slug": s.series.slug}),
    "webinars:calendar_feed": public(),
    "webinars:materials_feed": public(),
    # participants: registration and the network (public, signed links), campaigns (Secretariat)
    "participants:webinar_register": public(kwargs=_scheduled_slug),
    "participants:webinar_registered": public(kwargs=_scheduled_slug),
    # "Tell me when the date is set": a public form (the POST is walked in participants/tests/test_date_alerts.py)
    "participants:date_alert": public(kwargs=_scheduled_slug),
    "participants:date_alert_sent": public(kwargs=_scheduled_slug),
    "participants:registration_cancel": signed_link(
        kwargs=lambda s: {"token": forged({"r": s.registration.pk, "a": "x"})}
    ),
    "participants:network_join": public(),
    "participants:network_join_sent": public(),
    "participants:network_confirm": signed_link(kwargs=lambda s: {"token": forged({"m": s.member.pk})}),
    "participants:network_unsubscribe": signed_link(
        kwargs=lambda s: {"token": forged({"m": s.member.pk})},
        data=lambda s: {"List-Unsubscribe": "One-Click"},
    ),
    "participants:network_preferences": signed_link(
        kwargs=lambda s: {"token": forged({"m": s.member.pk})},
        data=lambda s: {"name": "Intruder", "language": "fr"},
    ),
    "participants:campaign_opt_out": signed_link(
        kwargs=lambda s: {"token": forged({"a": "x", "r": s.registration.pk})},
        data=lambda s: {"List-Unsubscribe": "One-Click"},
    ),
    "participants:campaign_list": secretariat("participants.view_campaign"),
    "participants:campaign_create": secretariat(
        "participants.add_campaign",
        kwargs=lambda s: {"webinar_id": s.scheduled.pk},
        methods=GET_POST,
        data=lambda s: {"subject_en": "Written by an intruder", "include_network": "on"},
    ),
    "participants:campaign_detail": secretariat("participants.view_campaign", kwargs=lambda s: {"pk": s.campaign.pk}),
    "participants:campaign_edit": secretariat(
        "participants.change_campaign",
        kwargs=lambda s: {"pk": s.campaign.pk},
        methods=GET_POST,
        data=lambda s: {"subject_en": "Changed by an intruder", "include_network": "on"},
    ),
    "participants:campaign_send_test": secretariat(
        "participants.change_campaign",
        kwargs=lambda s: {"pk": s.campaign.pk},
        methods=POST,
        data=lambda s: {"lang": "en"},
    ),
    "participants:campaign_send": secretariat(
        "participants.send_campaign", kwargs=lambda s: {"pk": s.campaign.pk}, methods=GET_POST
    ),
    "participants:promotion_kit": secretariat(
        "participants.view_campaign", kwargs=lambda s: {"webinar_id": s.scheduled.pk}
    ),
    "participants:promotion_card": public(kwargs=_scheduled_slug),
    # delivery: the survey, experts, follow-up
    "delivery:survey_thanks": public(),
    "delivery:survey_year_results": secretariat("webinars.view_feedback", kwargs=lambda s: {"year": s.report_year}),
    "delivery:survey_results_this_year": secretariat("webinars.view_feedback"),
    "delivery:survey_results": secretariat("webinars.view_feedback", kwargs=lambda s: {"pk": s.held.pk}),
    "delivery:survey_answer": signed_link(
        kwargs=lambda s: {"token": forged({"w": s.held.pk, "r": "x", "s": "participant"})},
        data=lambda s: {"overall_rating": "5", "useful": "Written by an intruder"},
    ),
    "delivery:expert_answer": signed_link(
        kwargs=lambda s: {"token": forged({"i": s.invitation.pk, "e": "x"})},
        data=lambda s: {"answer": "accept"},
    ),
    "delivery:suggestion_list": secretariat("webinars.change_feedback"),
    "delivery:suggestion_review": secretariat(
        "webinars.change_feedback",
        kwargs=lambda s: {"pk": s.feedback.pk, "decision": "publish"},
        methods=POST,
    ),
    "delivery:webinar_schedule": secretariat(
        "webinars.schedule_webinar",
        kwargs=_scheduled_slug,
        methods=GET_POST,
        # Moving the scheduled webinar would tell its registrant.
        data=lambda s: {
            "date": (timezone.localdate() + timedelta(days=45)).isoformat(),
            "time": "14:00",
            "time_zone": "Europe/Zurich",
            "despite_conflicts": "Moved by an intruder",
            "action": "schedule",
        },
    ),
    "delivery:expert_roster": secretariat("webinars.view_expert"),
    "delivery:expert_detail": secretariat("webinars.view_expert", kwargs=lambda s: {"expert_id": s.expert.pk}),
    "delivery:expert_suggestions": secretariat("webinars.view_expert", kwargs=lambda s: {"webinar_id": s.scheduled.pk}),
    "delivery:expert_invite": secretariat(
        "delivery.invite_expert",
        kwargs=lambda s: {"webinar_id": s.scheduled.pk},
        methods=POST,
        data=lambda s: {"expert": s.other_expert.pk, "message": "Sent by an intruder"},
    ),
    "delivery:expert_invitation_withdraw": secretariat(
        "delivery.invite_expert", kwargs=lambda s: {"invitation_id": s.invitation.pk}, methods=POST
    ),
    "delivery:followup_list": secretariat("webinars.view_material"),
    "delivery:followup_detail": secretariat("webinars.view_material", kwargs=_held_slug),
    "delivery:followup_add_material": secretariat(
        "webinars.record_followup",
        kwargs=lambda s: {"slug": s.held.slug, "kind": Material.Kind.SLIDES},
        methods=POST,
        data=lambda s: {"title": "Deck of an intruder", "url": "https://example.org/deck.pdf", "publish": "on"},
    ),
    "delivery:followup_publish_material": secretariat(
        "webinars.record_followup",
        kwargs=lambda s: {"slug": s.held.slug, "pk": s.unpublished_material.pk},
        methods=POST,
    ),
    "delivery:followup_withdraw_material": secretariat(
        "webinars.record_followup", kwargs=lambda s: {"slug": s.held.slug, "pk": s.material.pk}, methods=POST
    ),
    "delivery:followup_save_summary": secretariat(
        "webinars.record_followup", kwargs=_held_slug, methods=POST, data=lambda s: {"en": "Summary of an intruder"}
    ),
    "delivery:followup_add_answer": secretariat(
        "webinars.record_followup",
        kwargs=_held_slug,
        methods=POST,
        data=lambda s: {"language": "en", "question": "Who?", "answer": "An intruder.", "publish": "on"},
    ),
    "delivery:followup_no_open_questions": secretariat(
        "webinars.record_followup", kwargs=_held_slug, methods=POST, data=lambda s: {"value": "1"}
    ),
    "delivery:followup_announce": secretariat("webinars.record_followup", kwargs=_held_slug, methods=POST),
    "delivery:followup_save_languages": secretariat(
        "webinars.record_followup",
        kwargs=_held_slug,
        methods=POST,
        data=lambda s: {
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": str(s.held.languages.first().pk),
            "languages-0-has_slides": "on",
        },
    ),
    "delivery:followup_save_costs": secretariat(
        "webinars.record_followup",
        kwargs=_held_slug,
        methods=POST,
        data=lambda s: {
            "costs-expert_fee": "99999",
            "costs-interpretation": "0",
            "costs-platform": "0",
            "costs-other": "0",
            "costs-notes": "Written by an intruder",
        },
    ),
    # proposals: the coordinators' pages (the proposal in the URL is group A's draft)
    "proposals:dashboard": coordinator_page(is_coordinators_own=True),
    "proposals:adopt": coordinator_page(
        kwargs=lambda s: {"cycle_pk": s.cycle.pk},
        methods=GET_POST,
        data=lambda s: {"candidate_topics": [s.candidate.pk], "action": "save"},
        is_coordinators_own=True,
    ),
    "proposals:propose": coordinator_page(
        kwargs=lambda s: {"cycle_pk": s.cycle.pk},
        methods=GET_POST,
        data=lambda s: {"title": "Proposed by an intruder", "action": "save"},
        is_coordinators_own=True,
    ),
    "proposals:detail": coordinator_page(kwargs=_draft),
    "proposals:edit": coordinator_page(
        kwargs=_draft, methods=GET_POST, data=lambda s: {"title": "Changed by an intruder", "action": "save"}
    ),
    "proposals:submit": coordinator_page(kwargs=_draft, methods=GET_POST),
    "proposals:withdraw": coordinator_page(kwargs=_draft, methods=GET_POST),
    "proposals:move_part": coordinator_page(kwargs=_draft, methods=POST, data=lambda s: {"position": "1", "to": "2"}),
    "proposals:history": coordinator_page(kwargs=_draft),
    # the webinars a group asked for (the held one answers group A's proposal) and their results
    "proposals:group_webinars": coordinator_page(is_coordinators_own=True),
    "proposals:group_webinar_results": coordinator_page(kwargs=_held_slug),
    # a member state's delegate (the request in the URL is group A's state's)
    "proposals:delegate_home": delegate_page(),
    "proposals:state_request_new": delegate_page(
        kwargs=lambda s: {"cycle_pk": s.cycle.pk}, methods=GET_POST, data=lambda s: {"title": "Sent by an intruder"}
    ),
    "proposals:state_request": delegate_page(kwargs=lambda s: {"pk": s.state_request.pk}),
    "proposals:state_request_take": delegate_page(kwargs=lambda s: {"pk": s.state_request.pk}, methods=POST),
    "proposals:state_request_decline": delegate_page(
        kwargs=lambda s: {"pk": s.state_request.pk}, methods=POST, data=lambda s: {"reason": "By an intruder"}
    ),
    # planning: the Secretariat's review and plan
    "planning:cycle_list": secretariat("proposals.view_proposal"),
    "planning:cycle_review": secretariat("proposals.view_proposal", kwargs=_cycle),
    "planning:proposal_compare": secretariat(
        "proposals.view_proposal",
        kwargs=_cycle,
        query=lambda s: {"a": s.submitted_a.pk, "b": s.submitted_b.pk},
    ),
    "planning:proposal_review": secretariat(
        "proposals.review_proposal",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "proposal_id": s.submitted_a.pk},
        methods=POST,
    ),
    "planning:proposal_decline": secretariat(
        "proposals.review_proposal",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "proposal_id": s.submitted_a.pk},
        methods=POST,
        data=lambda s: {"reason": "Declined by an intruder"},
    ),
    "planning:proposal_series": secretariat(
        "proposals.review_proposal",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "proposal_id": s.submitted_a.pk},
        methods=POST,
        data=lambda s: {"series": ""},
    ),
    "planning:proposal_distinct": secretariat(
        "proposals.review_proposal",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "proposal_id": s.submitted_a.pk},
        methods=POST,
        data=lambda s: {"reason": "Marked by an intruder"},
    ),
    "planning:proposal_merge": secretariat(
        "proposals.review_proposal",
        kwargs=_cycle,
        methods=POST,
        data=lambda s: {"proposals": [s.submitted_a.pk, s.submitted_b.pk], "lead": s.submitted_a.pk},
    ),
    "planning:synergy_list": secretariat("proposals.view_proposal", kwargs=_cycle),
    "planning:synergy_refresh": secretariat("proposals.review_proposal", kwargs=_cycle, methods=POST),
    "planning:synergy_decide": secretariat(
        "proposals.review_proposal",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "suggestion_id": s.suggestion.pk, "decision": "dismiss"},
        methods=POST,
    ),
    "planning:plan_detail": secretariat("planning.view_annualplan", kwargs=_cycle),
    "planning:plan_start": secretariat(
        "planning.add_annualplan", kwargs=lambda s: {"cycle_id": s.closed_cycle.pk}, methods=POST
    ),
    "planning:plan_solve": secretariat("planning.run_solver", kwargs=_cycle, methods=POST),
    "planning:plan_publish": secretariat("planning.publish_annualplan", kwargs=_cycle, methods=POST),
    "planning:plan_share": secretariat(
        "planning.share_annualplan",
        kwargs=_cycle,
        methods=POST,
        data=lambda s: {"comments_until": (timezone.localdate() + timedelta(days=40)).isoformat()},
    ),
    # the draft plan shared with the groups (shared in the sample) and group A's comment on it
    "plan_comments:plan": coordinator_page(
        kwargs=lambda s: {"plan_id": s.plan.pk},
        methods=GET_POST,
        data=lambda s: {"text": "Written by an intruder"},
        is_coordinators_own=True,
    ),
    "plan_comments:comment_edit": coordinator_page(
        kwargs=lambda s: {"pk": s.plan_comment.pk}, methods=GET_POST, data=lambda s: {"text": "Changed by an intruder"}
    ),
    "planning:entry_move": secretariat(
        "planning.change_annualplan",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "entry_id": s.entry.pk},
        methods=POST,
        data=lambda s: {"position": "2"},
    ),
    "planning:entry_edit": secretariat(
        "planning.change_annualplan",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "entry_id": s.entry.pk},
        methods=GET_POST,
        data=lambda s: {"title": "Changed by an intruder", "region": s.entry.region_id},
    ),
    "planning:entry_add": secretariat(
        "planning.change_annualplan", kwargs=_cycle, methods=POST, data=lambda s: {"proposal": s.submitted_a.pk}
    ),
    "planning:entry_remove": secretariat(
        "planning.change_annualplan",
        kwargs=lambda s: {"cycle_id": s.cycle.pk, "entry_id": s.entry.pk},
        methods=POST,
    ),
    # reporting: the Secretariat's dashboard and annual report
    "reporting:dashboard": secretariat("reporting.view_dashboard"),
    "reporting:annual_report": secretariat("reporting.view_annual_report", query=_report_years),
    "reporting:annual_report_keep": secretariat(
        "reporting.keep_annual_report",
        kwargs=_report_years,
        methods=POST,
        data=lambda s: {"fmt": "csv", "language": "en"},
    ),
    "reporting:annual_report_export": secretariat(
        "reporting.view_annual_report", kwargs=lambda s: {**_report_years(s), "fmt": "csv"}
    ),
    "reporting:kept_report_download": secretariat(
        "reporting.view_reportsnapshot", kwargs=lambda s: {"pk": s.snapshot.pk}
    ),
    # reporting: the annual report to the committee (a draft: every action would change it)
    "reporting:committee_report_list": secretariat("reporting.view_committeereport"),
    "reporting:committee_report_create": secretariat(
        "reporting.add_committeereport",
        methods=GET_POST,
        data=lambda s: {
            "year": 2031,
            "symbol": "CDIP/99/9",
            "session": s.committee_report.session_id,
            "dated_on": "2031-12-01",
            "original_language": "en",
        },
    ),
    "reporting:committee_report_detail": secretariat(
        "reporting.view_committeereport", kwargs=lambda s: {"pk": s.committee_report.pk}
    ),
    "reporting:committee_report_edit": secretariat(
        "reporting.change_committeereport",
        kwargs=lambda s: {"pk": s.committee_report.pk},
        methods=GET_POST,
        data=lambda s: {
            "symbol": "CDIP/99/8",
            "session": s.committee_report.session_id,
            "dated_on": "2031-12-01",
            "original_language": "en",
            "introduction_en": "Written by an intruder",
        },
    ),
    "reporting:committee_report_finalise": secretariat(
        "reporting.finalise_committeereport", kwargs=lambda s: {"pk": s.committee_report.pk}, methods=POST
    ),
    "reporting:committee_report_submit": secretariat(
        "reporting.submit_committeereport", kwargs=lambda s: {"pk": s.final_committee_report.pk}, methods=POST
    ),
    "reporting:committee_report_export": secretariat(
        "reporting.view_committeereport", kwargs=lambda s: {"pk": s.committee_report.pk, "fmt": "xlsx"}
    ),
    # tracker: the public pages of the committee's decisions
    "tracker:decision_list": public(),
    "tracker:decision_detail": public(kwargs=lambda s: {"pk": s.decision.pk}),
    "tracker:decision_annex": public(kwargs=lambda s: {"pk": s.decision.pk, "fmt": "xlsx"}),
    "tracker:decision_report": public(kwargs=lambda s: {"pk": s.decision.pk, "fmt": "docx"}),
}


# --- Walking the URL patterns -------------------------------------------------------------


def walk(patterns, namespace=None):
    """(namespace, name) of every named pattern, through includes and the language prefix."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace, pattern.name


WALKED = set(walk(get_resolver().url_patterns))
PORTAL_URL_NAMES = {f"{ns}:{name}" if ns else name for ns, name in WALKED if not (ns or "").startswith("admin")}
ADMIN_URL_NAMES = sorted(name for ns, name in WALKED if ns == "admin")


# --- The sample data ----------------------------------------------------------------------


def build_sample() -> SimpleNamespace:
    s = SimpleNamespace()
    now = timezone.now()
    english = LanguageFactory(code="en")
    # Group A sorts first, so a staff page that shows "the first group" shows A's draft.
    s.group_a = RegionalGroupFactory(code="a-group", order=0)
    s.group_b = RegionalGroupFactory(code="b-group", order=1)
    s.coordinator_a = CoordinatorFactory(group=s.group_a, user=UserFactory(username="coordinator-a"))
    s.coordinator = CoordinatorFactory(group=s.group_b, user=UserFactory(username="coordinator-b"))
    s.staff = SecretariatFactory(username="staff-without-permission")
    s.victim_uid = urlsafe_base64_encode(force_bytes(s.coordinator_a.user.pk))

    # The catalogue: a held and a scheduled webinar of one series.
    s.series = SeriesFactory()
    s.held = HeldWebinarFactory(series=s.series, series_position=1, topic=s.series.topic)
    s.scheduled = WebinarFactory(series=s.series, series_position=2, topic=s.series.topic)
    s.report_year = timezone.localtime(s.held.starts_at).year
    s.expert = ExpertFactory(email=MARKERS["expert e-mail"])
    s.other_expert = ExpertFactory()
    s.held.experts.add(s.expert)
    s.material = MaterialFactory(
        webinar=s.held, kind=Material.Kind.SLIDES, url="", file=ContentFile(b"%PDF-1.4 slides", name="deck.pdf")
    )
    s.unpublished_material = MaterialFactory(
        webinar=s.held, title="Recording not yet published", is_published=False, published_at=None
    )
    s.answer = AnsweredQuestionFactory(webinar=s.held)
    s.feedback = FeedbackFactory(
        webinar=s.held, useful=MARKERS["feedback comment"], expert_rating=5, topic_suggestion="Patent pools"
    )

    # People outside the Secretariat.
    s.registration = RegistrationFactory(webinar=s.scheduled, email=MARKERS["registrant e-mail"])
    s.attendee = RegistrationFactory(webinar=s.held)
    s.member = NetworkMemberFactory(state=NetworkMember.State.CONFIRMED, confirmed_at=now)
    s.campaign = CampaignFactory(webinar=s.scheduled, subject_en=MARKERS["campaign subject"])
    s.invitation = ExpertInvitationFactory(expert=s.expert, webinar=s.scheduled)

    # The consultation: an open cycle with group A's submitted answer and draft, group B's answer.
    s.cycle = ConsultationCycleFactory()
    s.candidate = CandidateTopicFactory(cycle=s.cycle)
    s.submitted_a = submitted_proposal(s.cycle, group=s.group_a, title="Patents for universities")
    s.submitted_b = submitted_proposal(s.cycle, group=s.group_b, title="Copyright for museums")
    s.draft = ProposalFactory(
        cycle=s.cycle,
        group=s.group_a,
        state=Proposal.State.DRAFT,
        shape=Proposal.Shape.SERIES,
        title=MARKERS["draft proposal title"],
        created_by=s.coordinator_a.user,
    )
    ProposalPartFactory(proposal=s.draft, position=1, title="First part")
    ProposalPartFactory(proposal=s.draft, position=2, title="Second part")
    # A member of the Secretariat who may read drafts read this one (group A sees it in the history).
    DraftReading.objects.create(
        proposal=s.draft, reader=SecretariatFactory(username="draft-reader"), place=DraftReading.Place.PAGE
    )
    # A member state of group A, its delegate and its request to the group.
    s.state_a = MemberStateFactory(group=s.group_a)
    s.delegate_a = DelegateFactory(member_state=s.state_a, user=UserFactory(username="delegate-a"))
    s.state_request = StateRequestFactory(
        cycle=s.cycle, member_state=s.state_a, created_by=s.delegate_a.user, title=MARKERS["member state's request"]
    )
    s.suggestion = SynergySuggestionFactory(cycle=s.cycle, proposals=[s.submitted_a, s.submitted_b])
    s.merge = ProposalMergeFactory(
        lead=ProposalFactory(cycle=s.cycle, group=s.group_b, state=Proposal.State.SUBMITTED, submitted_at=now),
        members=[ProposalFactory(cycle=s.cycle, group=s.group_b, state=Proposal.State.SUBMITTED, submitted_at=now)],
    )
    s.plan = AnnualPlanFactory(
        year=s.cycle.target_year, cycle=s.cycle, shared_at=now, comments_until=timezone.localdate() + timedelta(days=20)
    )
    s.entry = PlanEntryFactory(plan=s.plan)
    PlanEntryFactory(plan=s.plan)
    s.plan_comment = PlanCommentFactory(
        plan=s.plan, group=s.group_a, entry=s.entry, text=MARKERS["group's comment on the draft plan"]
    )
    # The held webinar answers group A's proposal: its full survey results are group A's to read.
    PlanEntryFactory(plan=AnnualPlanFactory(year=s.cycle.target_year - 1), webinar=s.held).proposals.add(s.submitted_a)
    # A closed cycle without a plan (plan_start would make one), and one ready to approve.
    s.closed_cycle = ConsultationCycleFactory(
        target_year=s.cycle.target_year - 5,
        state=ConsultationCycle.State.CLOSED,
        opens_at=now - timedelta(days=400),
        deadline_at=now - timedelta(days=300),
    )
    submitted_proposal(s.closed_cycle, group=s.group_b, title="Trademarks for small firms")
    s.upcoming_cycle = ConsultationCycleFactory(
        target_year=s.cycle.target_year + 1,
        state=ConsultationCycle.State.DRAFT,
        opens_at=now + timedelta(days=1),
        deadline_at=now + timedelta(days=30),
    )
    CandidateTopicFactory(cycle=s.upcoming_cycle)

    # Reporting and the outbox.
    s.decision = CommitteeDecisionFactory()
    measure = MeasureFactory(decision=s.decision)
    DocumentReferenceFactory(measure=measure)
    FollowUpActionFactory(measure=measure)
    MeasureEventFactory(measure=measure)
    DecisionItemFactory(decision=s.decision)
    DecisionParagraphFactory(decision=s.decision)
    s.snapshot = ReportSnapshotFactory(first_year=s.report_year, last_year=s.report_year)
    s.committee_report = CommitteeReportFactory(year=s.report_year)
    WebinarAccountFactory(report=s.committee_report, webinar=s.held)
    s.final_committee_report = CommitteeReportFactory(year=s.report_year - 1, state="final")
    MailServerFactory()
    s.notice = NoticeFactory(
        body=MARKERS["notice body"], state=Notice.State.FAILED, attempts=3, last_error="mail server down"
    )

    # The admin's other models, so that every change, delete and history page has an object.
    ClosureFactory()
    DateAlertFactory(webinar=s.scheduled)
    DigestListingFactory(webinar=s.scheduled)
    DeliveredLanguageFactory(webinar=s.held, language=english)
    WebinarCostsFactory(webinar=s.held)
    s.concept = ConceptFactory()
    TermFactory(concept=s.concept)
    TextVectorFactory(of=s.concept)
    Group.objects.get_or_create(name="A role for the access walk")
    seen = {"user_agent": "pytest", "http_accept": "text/html", "path_info": "/en/admin/login/"}
    AccessAttempt.objects.create(**seen, username="someone", get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen, username="someone")
    AccessFailureLog.objects.create(**seen, username="someone")
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    CrontabSchedule.objects.create(minute="0", hour="6")
    SolarSchedule.objects.create(event="sunrise", latitude="46.2", longitude="6.1")
    ClockedSchedule.objects.create(clocked_time=now)
    PeriodicTask.objects.create(
        name="access walk", task="proposals.tasks.advance_consultation_cycles", interval=interval
    )
    assert english.pk
    return s


@pytest.fixture(scope="module")
def sample(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_sample()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages and throttles are cached: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def client_for(person: str, sample) -> Client:
    client = Client(raise_request_exception=False)
    user = {COORDINATOR: sample.coordinator.user, STAFF: sample.staff}.get(person)
    if user is not None:
        client.force_login(user)
    return client


# --- Looking at an answer ---------------------------------------------------------------

SKIPPED_APPS = {"sessions", "axes"}  # a login's own bookkeeping, not data


def _snapshot_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.app_label not in SKIPPED_APPS
    ]


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a digest of every row."""
    state = {}
    for model in _snapshot_models():
        # Binary columns come back from PostgreSQL as memoryviews, whose repr is their address.
        rows = [
            tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
            for row in model._base_manager.order_by("pk").values_list()
        ]
        state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:12])
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    changes = []
    for label in sorted(before):
        if before[label] != after[label]:
            count_before, count_after = before[label][0], after[label][0]
            rows = f"{count_before} -> {count_after} rows" if count_before != count_after else "rows changed"
            changes.append(f"{label} ({rows})")
    return changes


def body_of(response) -> str:
    # The test client closes a streamed response once it is read, keeping the database
    # connection; closing it again here would close the test's own connection.
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return content.decode("utf-8", errors="replace")


def markers_in(text: str) -> list[str]:
    lowered = text.lower()
    return [name for name, marker in MARKERS.items() if marker.lower() in lowered]


def location_path(response) -> str:
    return urlsplit(response.get("Location", "")).path


def portal_login() -> str:
    return reverse("accounts:login")


def describe(response) -> str:
    text = f"{response.status_code}"
    if response.status_code in (301, 302, 303, 307, 308):
        text += f" to {location_path(response)}"
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        text += f" ({exc_info[0].__name__}: {exc_info[1]})"
    return text


@dataclass
class Visit:
    """One request, with what the database and the page showed."""

    method: str
    response: object
    body: str
    changes: list[str]
    notices_written: int

    @classmethod
    def make(cls, client, method: str, url: str, data: dict | None = None) -> Visit:
        before, notices = snapshot(), Notice.objects.count()
        response = client.get(url, data) if method == "GET" else client.post(url, data or {})
        body = body_of(response)
        return cls(method, response, body, changed_tables(before, snapshot()), Notice.objects.count() - notices)

    @property
    def status(self) -> int:
        return self.response.status_code

    def problems(self, *, may_show: tuple[str, ...] = ()) -> list[str]:
        found = []
        shown = [name for name in markers_in(self.body) if name not in may_show]
        if shown:
            found.append(f"{self.method} {describe(self.response)}: shows {', '.join(shown)}")
        if self.changes:
            found.append(f"{self.method} {describe(self.response)}: changed {', '.join(self.changes)}")
        if self.notices_written:
            found.append(f"{self.method} {describe(self.response)}: wrote {self.notices_written} outbox row(s)")
        return found


# --- The table against the walk ---------------------------------------------------------


def test_every_named_url_of_the_portal_has_a_row():
    missing = sorted(PORTAL_URL_NAMES - URLS.keys())
    gone = sorted(URLS.keys() - PORTAL_URL_NAMES)
    assert not missing and not gone, (
        f"Add a row to URLS in {__file__} for each new URL name, saying what kind of page it is "
        f"(PUBLIC, SIGNED_LINK, COORDINATOR_PAGE, SECRETARIAT with its permissions, ACCOUNT): {missing}. "
        f"Remove the rows of names that no longer exist: {gone}."
    )


def test_every_secretariat_row_names_a_permission():
    assert [name for name, row in URLS.items() if row.kind == SECRETARIAT and not row.perms] == []


# --- Every URL, every person --------------------------------------------------------------


def url_of(name: str, row: Row, sample) -> str:
    return reverse(name, kwargs=row.kwargs(sample))


def expected_problem(row: Row, person: str, visit: Visit) -> str | None:
    """What is wrong with the status of this answer, or None."""
    status, response = visit.status, visit.response
    if row.kind == PUBLIC:
        return None if status == 200 else "a public page should answer 200"
    if row.kind == SIGNED_LINK:
        templates = [t.name for t in response.templates if t.name and LINK_NOT_VALID_PAGE.search(t.name)]
        if status == 400 and templates:
            return None
        return 'a forged link should get the "link not valid" page with 400'
    if row.kind == ACCOUNT:
        allowed = row.expect[person]
        if status in allowed or (LOGIN in allowed and status == 302 and location_path(response) == portal_login()):
            return None
        return f"expected {sorted(map(str, allowed))}"
    if person == ANONYMOUS:
        if status == 302 and location_path(response) == portal_login():
            return None
        return f"a visitor should be sent to the portal's login ({portal_login()})"
    if row.kind == DELEGATE_PAGE:
        return None if status in (403, 404) else "only the state's delegates and its group may open it (403 or 404)"
    if row.kind == COORDINATOR_PAGE:
        if person == COORDINATOR:
            if row.is_coordinators_own:
                return None if status == 200 else "the coordinator should see their own group's page (200)"
            return None if status == 404 else "another group's proposal should be a 404 to a coordinator"
        return None if status in (403, 404) else "staff without proposals.view_proposal should get 403 (or 404)"
    # SECRETARIAT
    if person == COORDINATOR:
        return None if status == 403 else "a coordinator should get 403"
    if status != 403:
        return f"staff without {', '.join(row.perms)} should get 403"
    with translation.override("en"):
        unnamed = [perm for perm in row.perms if escape(permission_label(perm)) not in visit.body]
    return f"the 403 page should name the missing permission(s) {unnamed}" if unnamed else None


def _row_params():
    return [
        pytest.param(name, person, id=f"{name}-{person}")
        for name in sorted(PORTAL_URL_NAMES | URLS.keys())
        for person in PEOPLE
    ]


@pytest.mark.parametrize(("name", "person"), _row_params())
def test_url_gives_nothing_away_and_changes_nothing(sample, name, person):
    row = URLS.get(name)
    if row is None:
        pytest.fail(f"{name} has no row in URLS: add one saying what kind of page it is.")
    client = client_for(person, sample)
    url = url_of(name, row, sample)
    problems = []
    for method in row.methods:
        if method == "POST" and row.is_coordinators_own and person == COORDINATOR:
            continue  # their own group's answer: a coordinator may write it
        if method == "GET":
            visit = Visit.make(client, "GET", url, row.query(sample))
        else:
            visit = Visit.make(client, "POST", url, row.data(sample))
        wrong = expected_problem(row, person, visit)
        if wrong:
            problems.append(f"{method} answered {describe(visit.response)}: {wrong}")
        problems += visit.problems()
        problems += [f"{method} shows {text}" for text in row.never_shows if text in visit.body]
    assert not problems, f"{name} as {person}:\n" + "\n".join(problems)


def test_every_forged_link_gets_the_one_link_not_valid_page(sample):
    client = Client(raise_request_exception=False)
    pages = {}
    for name, row in sorted(URLS.items()):
        if row.kind == SIGNED_LINK:
            response = client.get(url_of(name, row, sample))
            names = {template.name for template in response.templates if template.name}
            pages[name] = tuple(sorted(found for found in names if LINK_NOT_VALID_PAGE.search(found)))
    assert len(set(pages.values())) == 1 and () not in pages.values(), pages


# --- The admin: every page ------------------------------------------------------------------


@dataclass(frozen=True)
class AdminUrl:
    """How to call one admin URL, and what staff without any permission may get."""

    args: Callable[[SimpleNamespace], list] = lambda s: []
    query: Callable[[SimpleNamespace], dict] = _nothing
    methods: tuple[str, ...] = GET_POST
    data: Callable[[SimpleNamespace], dict] = _nothing
    staff: frozenset = frozenset({403})
    # None: an outsider gets a redirect to a login, 403, 404 or 405; else these statuses.
    outsiders: frozenset | None = None


def _attendance_report(s) -> dict:
    csv = f"email,name\n{s.attendee.email},Someone\n".encode()
    return {"attendance-report": SimpleUploadedFile("attendance.csv", csv, content_type="text/csv")}


ADMIN_SITE_URLS = {
    "index": AdminUrl(methods=GET, staff=frozenset({200})),
    "app_list": AdminUrl(methods=GET, staff=frozenset({403, 404})),
    "login": AdminUrl(methods=GET, staff=frozenset({200, 302}), outsiders=frozenset({302, 403})),
    "logout": AdminUrl(methods=POST, staff=frozenset({200, 302}), outsiders=frozenset({200, 302})),
    "password_change": AdminUrl(methods=GET, staff=frozenset({200})),  # one's own password
    "password_change_done": AdminUrl(methods=GET, staff=frozenset({200})),
    "jsi18n": AdminUrl(methods=GET, staff=frozenset({200})),
    "autocomplete": AdminUrl(
        methods=GET,
        query=lambda s: {"app_label": "proposals", "model_name": "proposal", "field_name": "cycle", "term": ""},
        staff=frozenset({403}),
    ),
    "view_on_site": AdminUrl(
        methods=GET,
        args=lambda s: [ContentType.objects.get_for_model(Webinar).pk, s.held.pk],
        staff=frozenset({302, 403, 404}),
    ),
}
# Admin URLs a ModelAdmin adds with get_urls (the model's own five pages are found by name).
CUSTOM_ADMIN_URLS = {
    "outbox_notice_templates": AdminUrl(methods=GET),
    "outbox_notice_resend": AdminUrl(args=lambda s: [s.notice.pk], methods=POST),
    "participants_registration_attendance": AdminUrl(args=lambda s: [s.held.pk], data=_attendance_report),
    # Cancelling the scheduled webinar would tell its registrants and experts.
    "webinars_webinar_status": AdminUrl(args=lambda s: [s.scheduled.pk, "cancel"]),
    "auth_user_password_change": AdminUrl(
        args=lambda s: [s.coordinator_a.user.pk],
        data=lambda s: {"password1": "An-intruder-9271", "password2": "An-intruder-9271", "usable_password": "true"},
    ),
}
MODEL_PAGES = ("changelist", "add", "change", "delete", "history", "simple_history")
# The object each model's change, delete and history pages show: the one with the secret, if any.
DRAFT_PAGES = {"proposals.Proposal", "proposals.ProposalPart"}  # their primary object is group A's draft
PRIMARY = {
    "proposals.Proposal": lambda s: s.draft,
    "proposals.ProposalPart": lambda s: s.draft.parts.order_by("position").first(),
    "webinars.Webinar": lambda s: s.held,
    "webinars.Expert": lambda s: s.expert,
    "webinars.Feedback": lambda s: s.feedback,
    "participants.Registration": lambda s: s.registration,
    "participants.Campaign": lambda s: s.campaign,
    "outbox.Notice": lambda s: s.notice,
    "accounts.User": lambda s: s.coordinator_a.user,
    "proposals.ConsultationCycle": lambda s: s.upcoming_cycle,
}


def _registered_model(url_name: str):
    """(model, page) for an admin URL named <app>_<model>_<page>, else (None, None)."""
    for model in sorted(admin.site._registry, key=lambda m: -len(m._meta.app_label + m._meta.model_name)):
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if url_name.startswith(prefix) and url_name[len(prefix) :] in MODEL_PAGES:
            return model, url_name[len(prefix) :]
    return None, None


def primary_object(model, sample):
    maker = PRIMARY.get(model._meta.label)
    return maker(sample) if maker else model._default_manager.order_by("pk").first()


def admin_target(url_name: str, sample) -> tuple[AdminUrl, list[list]]:
    """How to call an admin URL, and the argument lists to call it with."""
    if url_name in ADMIN_SITE_URLS:
        spec = ADMIN_SITE_URLS[url_name]
        if url_name == "app_list":
            labels = sorted({model._meta.app_label for model in admin.site._registry})
            return spec, [[label] for label in labels]
        return spec, [spec.args(sample)]
    if url_name in CUSTOM_ADMIN_URLS:
        spec = CUSTOM_ADMIN_URLS[url_name]
        return spec, [spec.args(sample)]
    model, page = _registered_model(url_name)
    if model is None:
        pytest.fail(
            f"The admin URL {url_name!r} is not a model's own page: add it to CUSTOM_ADMIN_URLS in {__file__}, "
            "saying how to call it."
        )
    obj = primary_object(model, sample)
    assert obj is not None, f"The sample has no {model._meta.label}: add one to build_sample()."
    data = (lambda s: {"post": "yes"}) if page == "delete" else _nothing
    spec = AdminUrl(data=data)
    if page not in ("changelist", "add") and model._meta.label in DRAFT_PAGES:
        # The Secretariat reads a group's draft only with proposals.view_draft_proposal; without
        # it the draft's pages answer 404, as if it did not exist.
        spec = AdminUrl(data=data, staff=frozenset({403, 404}))
    if page in ("changelist", "add"):
        return spec, [[]]
    if page == "simple_history":
        return spec, [[obj.pk, obj.history.earliest().history_id]]
    return spec, [[obj.pk]]


def admin_status_problem(url_name: str, spec: AdminUrl, person: str, visit: Visit) -> str | None:
    status, response = visit.status, visit.response
    if person in OUTSIDERS:
        if spec.outsiders is not None:
            return None if status in spec.outsiders else f"expected {sorted(spec.outsiders)}"
        logins = {reverse("admin:login"), portal_login()}
        if (status == 302 and location_path(response) in logins) or status in (403, 404, 405):
            return None
        return "an outsider should be sent to a login, or refused"
    if status not in spec.staff:
        return f"staff without permission should get {sorted(spec.staff)}"
    if url_name == "index" and status == 200 and (response.context or {}).get("app_list"):
        listed = [model["object_name"] for app in response.context["app_list"] for model in app["models"]]
        return f"the admin index lists models to staff without permission: {listed}"
    return None


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("url_name", ADMIN_URL_NAMES)
def test_admin_page_gives_nothing_away_and_changes_nothing(sample, url_name, person):
    spec, arg_lists = admin_target(url_name, sample)
    client = client_for(person, sample)
    problems = []
    for args in arg_lists:
        url = reverse(f"admin:{url_name}", args=args)
        for method in spec.methods:
            data = spec.query(sample) if method == "GET" else spec.data(sample)
            visit = Visit.make(client, method, url, data)
            wrong = admin_status_problem(url_name, spec, person, visit)
            if wrong:
                problems.append(f"{method} {url} answered {describe(visit.response)}: {wrong}")
            problems += [f"{url} {problem}" for problem in visit.problems()]
    assert not problems, f"admin:{url_name} as {person}:\n" + "\n".join(problems)


# --- The admin: every action ----------------------------------------------------------------


def _superuser_request():
    request = RequestFactory().get("/")
    request.user = User(username="walker", is_superuser=True, is_staff=True, is_active=True)
    return request


def _every_action():
    """(model, action name, function) of every action a superuser is offered, Django's included."""
    request = _superuser_request()
    found = []
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        try:
            actions = model_admin.get_actions(request)
        except Exception as error:  # an action naming a permission its ModelAdmin cannot check
            found.append((model, f"get_actions() fails: {error}", None))
            continue
        for name, (function, _name, _description) in actions.items():
            found.append((model, name, function))
    return found


ACTIONS = _every_action()
VIEW_ONLY_STAFF = "staff_with_view_permission_only"
# The rows an action is tried on: the ones it would act on if allowed.
ACTION_TARGETS = {
    "webinars.Webinar": lambda s: [s.held.pk],
    "proposals.ConsultationCycle": lambda s: [s.upcoming_cycle.pk],
    "outbox.Notice": lambda s: [s.notice.pk],
    "participants.Registration": lambda s: [s.registration.pk, s.attendee.pk],
}


def test_every_admin_action_declares_the_permissions_it_needs():
    undeclared = sorted(
        f"{model._meta.label}: {name}"
        for model, name, function in ACTIONS
        if not getattr(function, "allowed_permissions", None)
    )
    assert undeclared == [], (
        "These admin actions declare no permission: give each one "
        "@admin.action(permissions=[...]) and, for a permission other than add, change, delete "
        f"or view, a has_<name>_permission method on its ModelAdmin: {undeclared}"
    )


@pytest.mark.parametrize("person", [STAFF, VIEW_ONLY_STAFF])
@pytest.mark.parametrize(
    ("model", "action"),
    [pytest.param(model, name, id=f"{model._meta.label}.{name}") for model, name, _function in ACTIONS],
)
def test_admin_action_changes_nothing_for_staff_without_its_permission(sample, model, action, person):
    """Staff without any permission, or with only the model's view permission, post the action."""
    opts = model._meta
    if person == STAFF:
        user = sample.staff
    else:
        user = SecretariatFactory(permissions=[f"{opts.app_label}.view_{opts.model_name}"])
    client = Client(raise_request_exception=False)
    client.force_login(user)
    target = ACTION_TARGETS.get(opts.label)
    pks = target(sample) if target else list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    assert pks, f"The sample has no {opts.label} to act on: add one to build_sample()."
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: [str(pk) for pk in pks],
        "index": "0",
        # What an action's confirmation or intermediate page posts next.
        "post": "yes",
        "apply": "1",
        "addresses": "participant@example.org",
        "language": "en",
    }
    visit = Visit.make(client, "POST", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), data)
    # Whoever may view the model reads its rows on the changelist: only a change is wrong then.
    problems = visit.problems(may_show=tuple(MARKERS) if person == VIEW_ONLY_STAFF else ())
    if person == STAFF and visit.status != 403:
        problems.append(f"POST answered {describe(visit.response)}: staff without permission should get 403")
    assert not problems, f"{opts.label} action {action} as {person}:\n" + "\n".join(problems)

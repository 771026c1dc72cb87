"""The Secretariat's admin: every page renders in English and Arabic, and the rules hold.

Pages are found through ``admin.site._registry``, so a model registered tomorrow is
covered as soon as it has a factory (or a maker below).
"""

from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from accounts.models import User
from accounts.tests.factories import StaffFactory, UserFactory
from delivery.models import DeliveredLanguage, ExpertInvitation, WebinarCosts
from delivery.tests.factories import DeliveredLanguageFactory, ExpertInvitationFactory, WebinarCostsFactory
from outbox.models import MailServer, Notice
from outbox.tests.factories import MailServerFactory, NoticeFactory
from participants.models import Campaign, DateAlert, DigestListing, NetworkMember, Registration
from participants.tests.factories import (
    CampaignFactory,
    DateAlertFactory,
    DigestListingFactory,
    NetworkMemberFactory,
    RegistrationFactory,
)
from planning.models import AnnualPlan, PlanComment, PlanEntry, ProposalMerge, SynergySuggestion
from planning.tests.factories import (
    AnnualPlanFactory,
    PlanCommentFactory,
    PlanEntryFactory,
    ProposalMergeFactory,
    SynergySuggestionFactory,
)
from proposals.models import (
    CandidateTopic,
    ConsultationCycle,
    Coordinator,
    Delegate,
    DraftReading,
    Proposal,
    ProposalPart,
    StateRequest,
)
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    DelegateFactory,
    DraftReadingFactory,
    ProposalFactory,
    ProposalPartFactory,
    StateRequestFactory,
)
from reporting.models import (
    CommitteeDecision,
    CommitteeReport,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    ReportSnapshot,
    Session,
    WebinarAccount,
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
    SessionFactory,
    WebinarAccountFactory,
)
from similarity.models import Concept, Term, TextVector
from similarity.tests.factories import ConceptFactory, TermFactory, TextVectorFactory
from webinars.models import (
    AnsweredQuestion,
    Closure,
    Expert,
    Feedback,
    Language,
    Material,
    MemberState,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    Topic,
    Webinar,
)
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    ClosureFactory,
    ExpertFactory,
    FeedbackFactory,
    LanguageFactory,
    MaterialFactory,
    MemberStateFactory,
    RegionalGroupFactory,
    RegionFactory,
    ScopeAreaFactory,
    SeriesFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "accounts",
    "outbox",
    "similarity",
    "webinars",
    "participants",
    "delivery",
    "proposals",
    "planning",
    "reporting",
)
ADMIN_LANGUAGES = ("en", "ar")

FACTORIES = {
    User: UserFactory,
    Notice: NoticeFactory,
    MailServer: MailServerFactory,
    ProposalMerge: ProposalMergeFactory,
    SynergySuggestion: SynergySuggestionFactory,
    Language: LanguageFactory,
    Region: RegionFactory,
    RegionalGroup: RegionalGroupFactory,
    MemberState: MemberStateFactory,
    ScopeArea: ScopeAreaFactory,
    Topic: TopicFactory,
    Series: SeriesFactory,
    Expert: ExpertFactory,
    ExpertInvitation: ExpertInvitationFactory,
    Webinar: WebinarFactory,
    Material: MaterialFactory,
    AnsweredQuestion: AnsweredQuestionFactory,
    Feedback: FeedbackFactory,
    NetworkMember: NetworkMemberFactory,
    Registration: RegistrationFactory,
    ConsultationCycle: ConsultationCycleFactory,
    CandidateTopic: CandidateTopicFactory,
    Coordinator: CoordinatorFactory,
    Delegate: DelegateFactory,
    StateRequest: StateRequestFactory,
    Proposal: ProposalFactory,
    ProposalPart: ProposalPartFactory,
    DraftReading: DraftReadingFactory,
    AnnualPlan: AnnualPlanFactory,
    PlanEntry: PlanEntryFactory,
    PlanComment: PlanCommentFactory,
    CommitteeDecision: CommitteeDecisionFactory,
    Measure: MeasureFactory,
    DocumentReference: DocumentReferenceFactory,
    DecisionItem: DecisionItemFactory,
    DecisionParagraph: DecisionParagraphFactory,
    MeasureEvent: MeasureEventFactory,
    FollowUpAction: FollowUpActionFactory,
    ReportSnapshot: ReportSnapshotFactory,
    CommitteeReport: CommitteeReportFactory,
    WebinarAccount: WebinarAccountFactory,
    Session: SessionFactory,
    Campaign: CampaignFactory,
    Closure: ClosureFactory,
    DateAlert: DateAlertFactory,
    DigestListing: DigestListingFactory,
    DeliveredLanguage: DeliveredLanguageFactory,
    WebinarCosts: WebinarCostsFactory,
    Concept: ConceptFactory,
    Term: TermFactory,
    TextVector: TextVectorFactory,
}

LOGIN_SEEN = {"user_agent": "pytest", "http_accept": "text/html", "path_info": "/en/admin/login/"}
OTHER_MAKERS = {
    Group: lambda: Group.objects.create(name="Secretariat"),
    AccessAttempt: lambda: AccessAttempt.objects.create(
        **LOGIN_SEEN, username="someone", get_data="", post_data="", failures_since_start=1
    ),
    AccessLog: lambda: AccessLog.objects.create(**LOGIN_SEEN, username="someone"),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(**LOGIN_SEEN, username="someone"),
    IntervalSchedule: lambda: IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS),
    CrontabSchedule: lambda: CrontabSchedule.objects.create(minute="0", hour="6"),
    SolarSchedule: lambda: SolarSchedule.objects.create(event="sunrise", latitude="46.2", longitude="6.1"),
    ClockedSchedule: lambda: ClockedSchedule.objects.create(clocked_time=timezone.now()),
    PeriodicTask: lambda: PeriodicTask.objects.create(
        name="advance cycles",
        task="proposals.tasks.advance_consultation_cycles",
        interval=IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS),
    ),
}


def make_object(model):
    maker = FACTORIES.get(model) or OTHER_MAKERS.get(model)
    if maker is None:
        pytest.fail(f"No factory for {model._meta.label}: add one to FACTORIES or OTHER_MAKERS in {__file__}.")
    return maker()


REGISTERED = [
    pytest.param(model, id=model._meta.label)
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label)
]
WITH_SIMPLE_HISTORY = [
    pytest.param(model, id=model._meta.label)
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
    if isinstance(model_admin, SimpleHistoryAdmin)
]


def admin_url(name, model, language="en", args=()):
    with translation.override(language):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


def assert_renders(response, language):
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff):
    # force_login: django-axes refuses client.login() without a request.
    client.force_login(staff)
    return client


def test_every_model_of_the_project_is_in_the_admin():
    missing = [
        model._meta.label
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, HistoricalChanges) and model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", REGISTERED)
def test_changelist_renders(staff_client, model, language):
    make_object(model)
    assert_renders(staff_client.get(admin_url("changelist", model, language)), language)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", REGISTERED)
def test_add_form_renders_where_the_admin_offers_one(staff_client, staff, model, language):
    request = RequestFactory().get("/")
    request.user = staff
    response = staff_client.get(admin_url("add", model, language))
    if admin.site._registry[model].has_add_permission(request):
        assert_renders(response, language)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", REGISTERED)
def test_change_form_renders(staff_client, model, language):
    obj = make_object(model)
    assert_renders(staff_client.get(admin_url("change", model, language, args=[obj.pk])), language)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", REGISTERED)
def test_history_page_renders(staff_client, model, language):
    obj = make_object(model)
    assert_renders(staff_client.get(admin_url("history", model, language, args=[obj.pk])), language)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", WITH_SIMPLE_HISTORY)
def test_past_version_renders(staff_client, model, language):
    obj = make_object(model)
    version = obj.history.earliest()
    url = admin_url("simple_history", model, language, args=[obj.pk, version.history_id])
    assert_renders(staff_client.get(url), language)


@pytest.mark.parametrize("model", WITH_SIMPLE_HISTORY)
def test_past_version_cannot_be_reverted(staff_client, model):
    obj = make_object(model)
    version = obj.history.earliest()
    response = staff_client.post(admin_url("simple_history", model, args=[obj.pk, version.history_id]), {})
    assert response.status_code == 403


@pytest.mark.parametrize("model", [ConsultationCycle, Proposal, AnnualPlan], ids=lambda model: model.__name__)
def test_state_is_read_only_on_the_change_form(staff_client, model):
    obj = make_object(model)
    response = staff_client.get(admin_url("change", model, args=[obj.pk]))
    assert response.status_code == 200
    assert 'name="state"' not in response.content.decode()


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def series_post(series, positions):
    topic, region, language = TopicFactory(), RegionFactory(), LanguageFactory(code="en")
    data = {"slug": series.slug, "title_en": "Renamed series", "topic": series.topic_id}
    data |= management_form("parts", len(positions))
    for index, position in enumerate(positions):
        data |= {
            f"parts-{index}-series_position": str(position),
            f"parts-{index}-title_en": f"Part {position}",
            f"parts-{index}-slug": f"part-{index}",
            f"parts-{index}-topic": topic.pk,
            f"parts-{index}-regions": [region.pk],
            f"parts-{index}-languages": [language.pk],
        }
    return data


@pytest.mark.parametrize("positions", [(1, 3), (1, 1)], ids=["gap", "repeat"])
def test_series_parts_numbered_with_a_gap_or_repeat_are_refused_and_nothing_is_saved(staff_client, positions):
    series = SeriesFactory(title="Patents in three steps")
    response = staff_client.post(admin_url("change", Series, args=[series.pk]), series_post(series, positions))
    assert response.status_code == 200
    assert "must be numbered 1 to 2 without gaps or repeats" in response.content.decode()
    assert not Webinar.objects.exists()
    series.refresh_from_db()
    assert series.title == "Patents in three steps"


def test_series_parts_numbered_one_to_n_are_saved(staff_client):
    series = SeriesFactory()
    response = staff_client.post(admin_url("change", Series, args=[series.pk]), series_post(series, (2, 1)))
    assert response.status_code == 302
    assert list(series.parts.order_by("series_position").values_list("series_position", "title")) == [
        (1, "Part 1"),
        (2, "Part 2"),
    ]


def test_proposal_parts_numbered_with_a_gap_are_refused_and_nothing_is_saved(staff_client):
    proposal = ProposalFactory(shape=Proposal.Shape.SERIES)
    data = {
        "cycle": proposal.cycle_id,
        "group": proposal.group_id,
        "kind": proposal.kind,
        "shape": proposal.shape,
        "title": "Renamed proposal",
        "written_in": "en",
        "preferred_period": Proposal.Period.ANY,
    }
    data |= management_form("parts", 2)
    data |= {"parts-0-position": "1", "parts-0-title": "Basics", "parts-1-position": "3", "parts-1-title": "Advanced"}
    response = staff_client.post(admin_url("change", Proposal, args=[proposal.pk]), data)
    assert response.status_code == 200
    assert "without gaps or repeats" in response.content.decode()
    assert not ProposalPart.objects.exists()
    proposal.refresh_from_db()
    assert proposal.title != "Renamed proposal"


def measure_post(measure, state, state_since="2019-05-24"):
    data = {
        "decision": measure.decision_id,
        "paragraph": measure.paragraph,
        "number": measure.number,
        "title_en": measure.title,
        "state": state,
        "state_since": state_since,
    }
    return data | management_form("events", 0) | management_form("documents", 0) | management_form("actions", 0)


def test_measure_state_move_outside_the_transitions_is_refused_with_a_message(staff_client):
    measure = MeasureFactory(state=Measure.State.CLOSED)
    response = staff_client.post(
        admin_url("change", Measure, args=[measure.pk]), measure_post(measure, Measure.State.IMPLEMENTED)
    )
    assert response.status_code == 200
    assert "Measure cannot go from “Closed” to “Implemented”." in response.content.decode()
    measure.refresh_from_db()
    assert measure.state == Measure.State.CLOSED


def test_measure_state_move_along_the_transitions_is_saved(staff_client):
    measure = MeasureFactory(state=Measure.State.CLOSED)
    response = staff_client.post(
        admin_url("change", Measure, args=[measure.pk]), measure_post(measure, Measure.State.UNDER_WAY)
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.state == Measure.State.UNDER_WAY
    assert measure.state_since == date(2019, 5, 24)


def test_approve_action_approves_a_prepared_consultation(staff_client):
    cycle = ConsultationCycleFactory(
        state=ConsultationCycle.State.DRAFT,
        opens_at=timezone.now() + timedelta(days=1),
        deadline_at=timezone.now() + timedelta(days=30),
    )
    CandidateTopicFactory(cycle=cycle)
    response = staff_client.post(
        admin_url("changelist", ConsultationCycle),
        {"action": "approve_selected", admin.helpers.ACTION_CHECKBOX_NAME: [cycle.pk]},
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.APPROVED


def changelist_query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_proposal_changelist_queries_do_not_grow_with_the_number_of_proposals(staff_client):
    url = admin_url("changelist", Proposal)
    ProposalFactory()
    staff_client.get(url)  # warm the per-process caches (content types, sites)
    with_one, _ = changelist_query_count(staff_client, url)
    ProposalFactory.create_batch(19)
    with_twenty, response = changelist_query_count(staff_client, url)
    assert response.context["cl"].result_count == 20
    assert with_twenty == with_one


def test_the_admin_header_links_to_every_secretariat_screen_with_separators(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    links = html.split('class="portal-admin-links"', 1)[1].split("</nav>", 1)[0]
    for name in [
        "delivery:expert_roster",
        "participants:campaign_list",
        "delivery:followup_list",
        "reporting:annual_report",
    ]:
        assert f'href="{reverse(name)}"' in links, name
    assert links.count('<span aria-hidden="true"> · </span>') == links.count("<a ") - 1

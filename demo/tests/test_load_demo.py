from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from delivery.selectors.dates import DateRules, date_conflicts
from demo import data
from demo.management.commands.load_demo import upcoming_days
from participants.models import Registration
from planning.models import AnnualPlan
from proposals.models import ConsultationCycle, Proposal
from reporting.models import CommitteeDecision, DocumentReference
from webinars.models import Closure, Region, RegionalGroup, ScopeArea, Webinar
from webinars.periods import parse_period

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("accounts", "webinars", "proposals", "planning", "reporting")


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def domain_models():
    """Every table of the domain apps: models, their history tables and M2M tables."""
    for label in DOMAIN_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in domain_models()}


def all_rows() -> dict[str, list[dict]]:
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in domain_models()}


def test_second_load_leaves_every_row_count_unchanged():
    load_demo()
    before = row_counts()

    load_demo()

    assert row_counts() == before
    assert before["proposals.HistoricalProposal"] == before["proposals.Proposal"]
    assert before["reporting.HistoricalMeasure"] == before["reporting.Measure"]


def test_second_load_changes_no_row():
    load_demo()
    before = all_rows()

    load_demo()

    assert all_rows() == before


def test_second_load_keeps_proposal_versions_and_update_times():
    load_demo()
    before = list(Proposal.objects.order_by("pk").values_list("pk", "version", "updated_at"))

    load_demo()

    assert list(Proposal.objects.order_by("pk").values_list("pk", "version", "updated_at")) == before


def test_next_years_consultation_is_open_now():
    load_demo()

    cycle = ConsultationCycle.objects.get(target_year=timezone.now().year + 1)

    assert cycle.is_open()
    assert cycle.deadline_at.year <= timezone.now().year
    assert cycle.candidate_topics.count() >= 5
    assert set(cycle.proposals.values_list("state", flat=True)) == {"submitted", "draft"}
    assert cycle.proposals.filter(kind=Proposal.Kind.ADOPTION).exists()
    series = cycle.proposals.get(shape=Proposal.Shape.SERIES)
    assert list(series.parts.values_list("position", flat=True)) == [1, 2, 3]
    assert series.completeness_errors() == {}


def test_submitted_proposals_say_when_and_by_whom():
    load_demo()

    submitted = Proposal.objects.exclude(state=Proposal.State.DRAFT)

    assert submitted.exists()
    assert not submitted.filter(submitted_at__isnull=True).exists()
    assert not submitted.filter(submitted_by__isnull=True).exists()
    assert set(Proposal.objects.values_list("written_in", flat=True)) == {"en", "fr", "es"}


def test_every_group_has_an_active_coordinator():
    load_demo()

    groups = RegionalGroup.objects.all()

    assert groups.count() == 7
    assert all(group.coordinators.filter(is_active=True).exists() for group in groups)


def test_demo_logins_have_their_passwords():
    load_demo()
    users = get_user_model().objects

    secretariat = users.get(username="secretariat")
    coordinator = users.get(username="coordinator-grulac")

    assert secretariat.is_superuser and secretariat.is_staff
    assert secretariat.check_password(data.SECRETARIAT_PASSWORD)
    assert coordinator.check_password(data.COORDINATOR_PASSWORD)
    assert coordinator.language == "es"
    assert not coordinator.is_staff


def test_demo_secretariat_people_hold_different_roles_that_decide_what_they_may_do():
    load_demo()
    users = get_user_model().objects
    roles = {
        user.username: [group.name for group in user.groups.all()]
        for user in users.filter(is_superuser=False, is_staff=True)
    }

    assert len({name for names in roles.values() for name in names}) >= 3
    manager, officer, reader = (users.get(username=name) for name in ("manager", "officer", "reader"))
    assert manager.has_perm("planning.publish_annualplan")
    assert not officer.has_perm("planning.publish_annualplan") and officer.has_perm("planning.run_solver")
    assert reader.has_perm("reporting.view_annual_report") and not reader.get_all_permissions() & {
        "planning.change_annualplan",
        "participants.send_campaign",
    }
    assert all(user.check_password(data.SECRETARIAT_PASSWORD) for user in (manager, officer, reader))


def test_current_plan_is_published_with_entries_linked_to_scheduled_or_to_be_scheduled_webinars():
    load_demo()
    now = timezone.now()

    plan = AnnualPlan.objects.get(year=now.year)
    entries = list(plan.entries.select_related("webinar"))
    scheduled = [entry.webinar for entry in entries if entry.webinar.status == Webinar.Status.SCHEDULED]
    waiting = [entry.webinar for entry in entries if entry.webinar.status == Webinar.Status.TO_BE_SCHEDULED]

    assert plan.state == AnnualPlan.State.PUBLISHED
    assert plan.cycle.state == ConsultationCycle.State.DECIDED
    assert len(entries) == plan.capacity == 6
    assert len(scheduled) == 4 and len(waiting) == 2
    assert all(webinar.starts_at > now and webinar.experts.exists() for webinar in scheduled)
    assert all(webinar.starts_at is None and webinar.planned_period for webinar in waiting)
    assert not Registration.objects.filter(webinar__in=waiting).exists()
    assert set(plan.cycle.proposals.values_list("state", flat=True)) == {"retained", "merged", "declined"}


def test_demo_webinars_are_scheduled_on_good_dates_or_with_their_conflicts_kept_for_a_reason():
    load_demo()

    for webinar in Webinar.objects.scheduled():
        conflicts = date_conflicts(webinar, webinar.starts_at)
        local = timezone.localtime(webinar.starts_at)
        assert local.weekday() < 5, webinar.slug
        assert {conflict.code for conflict in conflicts} <= {"office_hours"}, (webinar.slug, conflicts)
        if conflicts:
            assert webinar.date_conflicts_reason and webinar.date_conflicts_accepted, webinar.slug
    assert Webinar.objects.scheduled().exclude(date_conflicts_reason="").count() == 1


def test_every_demo_region_has_capitals_with_real_time_zones_and_closures_exist():
    load_demo()

    for region in Region.objects.all():
        region.full_clean()
        assert region.capital_zones(), region.code
    assert Closure.objects.filter(kind=Closure.Kind.COMMITTEE_SESSION).count() == 1
    assert Closure.objects.filter(kind=Closure.Kind.HOLIDAY).count() == 4


def test_the_demo_webinar_to_be_scheduled_in_a_month_has_its_expert_and_proposed_slots():
    load_demo()

    webinar = Webinar.objects.get(status=Webinar.Status.TO_BE_SCHEDULED, planned_period__regex=r"^\d{4}-\d{2}$")
    period = parse_period(webinar.planned_period)
    rules = DateRules.load(webinar, first_day=period.first_day, last_day=period.last_day)
    invitation = webinar.expert_invitations.get()

    assert invitation.state == "accepted" and invitation.available_from and invitation.available_until
    assert all(
        invitation.available_from <= slot.day <= invitation.available_until
        for slot in rules.slots(period.first_day, period.last_day)
    )


def test_past_three_years_have_held_webinars_with_published_materials():
    load_demo()
    year = timezone.now().year

    for past in (year - 3, year - 2, year - 1):
        held = Webinar.objects.held().filter(starts_at__year=past)
        assert 4 <= held.count() <= 6
        for webinar in held:
            assert set(webinar.materials.filter(is_published=True).values_list("kind", flat=True)) == {
                "recording",
                "slides",
            }
            assert webinar.answered_questions.exists()
            assert webinar.feedback.filter(source="expert").exists()


def test_decision_has_every_measure_of_the_seed():
    load_demo()

    decision = CommitteeDecision.objects.get(session__number=18)
    by_paragraph = {
        paragraph: sorted(decision.measures.filter(paragraph=paragraph).values_list("number", flat=True))
        for paragraph in ("1", "2", "3", "4", "5", "6")
    }
    documents = DocumentReference.objects.filter(measure__decision=decision)

    assert decision.decided_on == date(2016, 11, 4)
    assert decision.measures.count() == 9
    assert by_paragraph == {"1": [1, 2, 3], "2": [1], "3": [1, 2], "4": [1], "5": [1], "6": [1]}
    assert documents.filter(role="implementation", symbol="CDIP/21/4").exists()
    assert documents.filter(role="implementation", symbol="CDIP/20/3").exists()
    assert documents.filter(role="examination", symbol="CDIP/23/17 Prov.").exists()
    report = documents.get(role="examination", symbol="CDIP/21/15", paragraphs_en="paragraphs 98 to 112")
    assert report.paragraphs_fr == "paragraphes 98 à 112"
    assert decision.measures.get(paragraph="1", number=2).state == "closed"


def test_every_measure_has_french_and_english_texts():
    load_demo()

    for measure in CommitteeDecision.objects.get(session__number=18).measures.all():
        for field in ("title", "implementation", "examination", "decision_taken", "follow_up"):
            assert getattr(measure, f"{field}_fr"), (measure, field)
            assert getattr(measure, f"{field}_en"), (measure, field)


def test_scope_areas_b_to_f_have_french_and_english_texts():
    load_demo()

    areas = ScopeArea.objects.filter(is_in_scope=True)

    assert sorted(areas.values_list("code", flat=True)) == ["b", "c", "d", "e", "f"]
    for area in areas:
        assert area.title_en and area.title_fr and area.title_es
        assert area.description_en and area.description_fr and area.description_es
    assert ScopeArea.objects.filter(is_in_scope=False).count() == 1


@pytest.mark.parametrize("today", [date(2026, 3, 2), date(2026, 11, 23), date(2026, 12, 24), date(2026, 12, 30)])
def test_scheduled_days_are_distinct_days_ahead_from_monday_to_thursday(today):
    """Monday to Thursday: working days in Geneva and in the capitals whose weekend starts on Friday."""
    closed = {date(2026, 12, 25), date(2027, 1, 1)}

    days = upcoming_days(today, 6, closed=closed)

    assert len(set(days)) == 6
    assert all(today < day and day.weekday() < 4 and day not in closed for day in days)
    assert days == sorted(days)


@pytest.mark.parametrize("today", [date(2026, 3, 2), date(2026, 11, 23)])
def test_scheduled_days_stay_within_the_year_while_it_has_working_days_left(today):
    assert all(day <= date(today.year, 12, 31) for day in upcoming_days(today, 6))


def test_scheduled_days_on_the_last_day_of_the_year_spill_into_january():
    days = upcoming_days(date(2026, 12, 31), 6)

    assert all(day > date(2026, 12, 31) for day in days)


def test_every_held_webinars_figures_are_backed_by_its_registrations():
    load_demo()

    for webinar in Webinar.objects.filter(status__in=["held", "scheduled"]):
        registrations = webinar.registrations.all()
        assert registrations.count() == webinar.registration_count, webinar.slug
        assert registrations.filter(has_attended=True).count() == webinar.attendance_count, webinar.slug
    assert Webinar.objects.held().filter(registrations__country="").count() == 0


def test_the_next_scheduled_webinar_has_a_draft_campaign_to_preview():
    load_demo()

    webinar = Webinar.objects.scheduled().order_by("starts_at", "pk").first()
    campaign = webinar.campaigns.get()
    assert campaign.state == "draft" and campaign.subject_fr.startswith("Participez")

"""The yearly cycle runs itself: prepare, open, remind, close, outcome (proposals.cycle).

Every test passes the moment explicitly (`at=`), so none depends on today's date.
"""

from datetime import datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice
from proposals.cycle import advance_cycle, advance_cycles, queue_outcome_notices
from proposals.models import CandidateTopic, ConsultationCycle, Proposal
from proposals.services import submit_proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    ProposalFactory,
)
from webinars.tests.factories import (
    FeedbackFactory,
    LanguageFactory,
    RegionFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

GENEVA = timezone.get_default_timezone()
OPENS = datetime(2030, 9, 1, 0, 0, tzinfo=GENEVA)
DEADLINE = datetime(2030, 10, 31, 23, 59, tzinfo=GENEVA)


@pytest.fixture(autouse=True)
def cycle_settings(settings):
    settings.PORTAL_CYCLE_PREPARE_ON = "07-01"
    settings.PORTAL_CYCLE_OPENS_ON = "09-01"
    settings.PORTAL_CYCLE_DEADLINE_ON = "10-31"
    settings.PORTAL_CYCLE_REMINDER_DAYS = "14,3"
    settings.PORTAL_SECRETARIAT_EMAILS = []
    settings.PORTAL_SITE_URL = "https://webinars.example.org"


@pytest.fixture
def secretariat():
    return StaffFactory(email="secretariat@example.org", language="fr", password="!")


def approved_cycle(**fields):
    cycle = ConsultationCycleFactory(
        target_year=2031, opens_at=OPENS, deadline_at=DEADLINE, state=ConsultationCycle.State.APPROVED, **fields
    )
    CandidateTopicFactory(cycle=cycle, topic=TopicFactory(title="Patent landscapes", title_fr="Panoramas des brevets"))
    return cycle


def open_cycle():
    cycle = approved_cycle()
    advance_cycle(cycle=cycle, at=OPENS)
    cycle.refresh_from_db()
    return cycle


def coordinator(language="en", **fields):
    # "!" is an unusable password: hashing a real one takes a second, and no one logs in here.
    return CoordinatorFactory(user=UserFactory(language=language, password="!"), **fields)


def submitted(cycle, group):
    proposal = ProposalFactory(created_by__password="!", cycle=cycle, group=group)
    proposal.languages.set([LanguageFactory(code="en")])
    proposal.regions.set([RegionFactory()])
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.SUBMITTED, submitted_at=OPENS)
    return proposal


def notices(kind):
    return list(Notice.objects.filter(kind=kind).order_by("to"))


# --- prepare ---------------------------------------------------------------------------


def test_next_years_draft_is_prepared_once_the_preparation_date_has_come(secretariat):
    steps = advance_cycles(at=datetime(2030, 7, 1, 0, 30, tzinfo=GENEVA))

    cycle = ConsultationCycle.objects.get(target_year=2031)
    assert [step.step for step in steps] == ["prepare"]
    assert cycle.state == ConsultationCycle.State.DRAFT
    assert (cycle.opens_at, cycle.deadline_at) == (OPENS, DEADLINE)
    [review] = notices(Notice.Kind.CYCLE_DRAFT_READY)
    assert (review.to, review.language) == ("secretariat@example.org", "fr")
    assert f"/fr/admin/proposals/consultationcycle/{cycle.pk}/change/" in review.body


def test_nothing_is_prepared_in_the_first_half_of_the_year(secretariat):
    assert advance_cycles(at=datetime(2030, 6, 30, 23, 0, tzinfo=GENEVA)) == []
    assert not ConsultationCycle.objects.exists()


def test_preparing_twice_makes_one_draft_and_one_message_per_reviewer(secretariat, settings):
    settings.PORTAL_SECRETARIAT_EMAILS = ["desk@example.org", "SECRETARIAT@example.org"]
    at = datetime(2030, 8, 1, tzinfo=GENEVA)

    advance_cycles(at=at)
    assert advance_cycles(at=at) == []

    assert ConsultationCycle.objects.filter(target_year=2031).count() == 1
    assert [n.to for n in notices(Notice.Kind.CYCLE_DRAFT_READY)] == ["desk@example.org", "secretariat@example.org"]


def test_the_draft_offers_retained_proposals_the_secretariats_unused_topics_and_feedback_suggestions():
    last_year = ConsultationCycleFactory(target_year=2030, state=ConsultationCycle.State.CLOSED)
    retained = ProposalFactory(
        created_by__password="!",
        cycle=last_year,
        title="Mediation for SMEs",
        state=Proposal.State.RETAINED,
        submitted_at=OPENS,
    )
    held_topic = TopicFactory(title="Already held")
    WebinarFactory(topic=held_topic)
    ProposalFactory(
        created_by__password="!",
        cycle=last_year,
        kind=Proposal.Kind.ADOPTION,
        candidate_topic=CandidateTopicFactory(cycle=last_year, topic=held_topic),
        state=Proposal.State.RETAINED,
        submitted_at=OPENS,
    )
    own_topic = TopicFactory(title="Data for IP offices")
    FeedbackFactory(topic_suggestion="  Green   technology transfer ")
    FeedbackFactory(topic_suggestion="green technology TRANSFER")
    FeedbackFactory(topic_suggestion="")

    advance_cycles(at=datetime(2030, 7, 2, tzinfo=GENEVA))

    offered = list(
        CandidateTopic.objects.filter(cycle__target_year=2031).order_by("order").values_list("topic__title", "source")
    )
    assert offered == [
        (retained.title, CandidateTopic.Source.CARRIED_OVER),
        (own_topic.title, CandidateTopic.Source.SECRETARIAT),
        ("green technology TRANSFER", CandidateTopic.Source.FEEDBACK),
    ]


# --- open ------------------------------------------------------------------------------


def test_every_active_coordinator_is_invited_in_their_language_with_topics_deadline_and_link():
    french, arabic = coordinator("fr"), coordinator("ar")
    coordinator("en", is_active=False)
    CoordinatorFactory(user=UserFactory(email="", password="!"))
    cycle = approved_cycle()

    steps = advance_cycle(cycle=cycle, at=OPENS + timedelta(hours=1))

    assert [step.step for step in steps] == ["open"]
    invitations = {notice.to: notice for notice in notices(Notice.Kind.CYCLE_INVITATION)}
    assert set(invitations) == {french.user.email, arabic.user.email}
    to_french = invitations[french.user.email]
    assert to_french.language == "fr"
    assert "Panoramas des brevets" in to_french.body
    assert "https://webinars.example.org/fr/consultation/" in to_french.body
    assert to_french.context["deadline"] in to_french.body
    assert "https://webinars.example.org/ar/consultation/" in invitations[arabic.user.email].body


def test_invitations_are_written_in_the_same_transaction_as_the_opening():
    coordinator(), coordinator()
    cycle = approved_cycle()

    with (
        mock.patch("proposals.cycle.queue_notice", side_effect=RuntimeError("template broken")),
        pytest.raises(RuntimeError),
    ):
        advance_cycle(cycle=cycle, at=OPENS)

    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.APPROVED
    assert not Notice.objects.exists()


def test_running_the_opening_twice_invites_each_coordinator_once():
    coordinator(), coordinator()
    cycle = approved_cycle()

    advance_cycles(at=OPENS)
    assert advance_cycles(at=OPENS + timedelta(minutes=5)) == []

    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_INVITATION).count() == 2
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.OPEN


def test_a_draft_never_opens_by_itself():
    coordinator()
    cycle = approved_cycle()
    ConsultationCycle.objects.filter(pk=cycle.pk).update(state=ConsultationCycle.State.DRAFT)

    assert advance_cycles(at=OPENS + timedelta(days=1)) == []
    assert not Notice.objects.exists()


def test_invitations_reach_the_mail_box_once_the_opening_commits(django_capture_on_commit_callbacks):
    coordinator("es"), coordinator("ru")
    cycle = approved_cycle()

    with django_capture_on_commit_callbacks(execute=True):
        advance_cycle(cycle=cycle, at=OPENS)

    assert sorted(message.extra_headers["Content-Language"] for message in mail.outbox) == ["es", "ru"]
    assert set(Notice.objects.values_list("state", flat=True)) == {Notice.State.SENT}


# --- remind ----------------------------------------------------------------------------


def test_only_groups_that_sent_nothing_are_reminded_once_per_reminder_day():
    silent, answered, drafting = coordinator(), coordinator(), coordinator()
    cycle = open_cycle()
    submitted(cycle, answered.group)
    ProposalFactory(created_by__password="!", cycle=cycle, group=drafting.group)  # a draft is not an answer
    fourteen_days_before = DEADLINE - timedelta(days=14)

    steps = advance_cycle(cycle=cycle, at=fourteen_days_before + timedelta(hours=1))
    again = advance_cycle(cycle=cycle, at=fourteen_days_before + timedelta(hours=2))

    assert [(step.step, step.detail) for step in steps] == [("remind", "14 days")]
    assert again == []
    reminders = notices(Notice.Kind.CYCLE_REMINDER)
    assert sorted(n.to for n in reminders) == sorted([silent.user.email, drafting.user.email])
    assert all(":14d:" in n.key for n in reminders)

    advance_cycle(cycle=cycle, at=DEADLINE - timedelta(days=3) + timedelta(minutes=10))
    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_REMINDER, key__contains=":3d:").count() == 2


def test_a_reminder_missed_by_more_than_a_day_is_not_sent_late():
    coordinator()
    cycle = open_cycle()

    steps = advance_cycle(cycle=cycle, at=DEADLINE - timedelta(days=14) + timedelta(days=1, hours=1))

    assert steps == []
    assert not Notice.objects.filter(kind=Notice.Kind.CYCLE_REMINDER).exists()


def test_a_late_opening_invites_but_does_not_remind_in_the_same_breath():
    coordinator()
    cycle = approved_cycle()

    steps = advance_cycle(cycle=cycle, at=DEADLINE - timedelta(days=3) + timedelta(hours=2))

    assert [step.step for step in steps] == ["open"]
    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_INVITATION).count() == 1
    assert not Notice.objects.filter(kind=Notice.Kind.CYCLE_REMINDER).exists()


# --- close -----------------------------------------------------------------------------


def test_at_the_deadline_answers_are_locked_and_the_secretariat_gets_the_summary(secretariat):
    first, second, silent = coordinator(), coordinator(), coordinator()
    first.group.name = "Group Alpha"
    first.group.save()
    silent.group.name = "Group Silent"
    silent.group.save()
    cycle = open_cycle()
    candidate = cycle.candidate_topics.get()
    adoption = submitted(cycle, first.group)
    Proposal.objects.filter(pk=adoption.pk).update(kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)
    own = submitted(cycle, second.group)
    late = ProposalFactory(created_by__password="!", cycle=cycle, group=silent.group)
    late.languages.set([LanguageFactory(code="en")])
    late.regions.set([RegionFactory()])

    steps = advance_cycle(cycle=cycle, at=DEADLINE)

    assert [step.step for step in steps] == ["close"]
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.CLOSED
    [summary] = notices(Notice.Kind.CYCLE_SUMMARY)
    assert summary.to == "secretariat@example.org"
    assert summary.context["answers"] == 2
    assert summary.context["silent_groups"] == ["Group Silent"]
    assert summary.context["adopted_topics"] == [{"title": "Panoramas des brevets", "groups": ["Group Alpha"]}]
    assert summary.context["own_proposals"] == [{"title": own.title, "group": own.group.name}]
    assert "Group Silent" in summary.body and own.title in summary.body
    with pytest.raises(ValidationError, match="closed"):
        submit_proposal(proposal=late, actor=StaffFactory())


def test_the_summary_goes_to_who_reviews_the_answers_and_the_draft_to_who_prepares_the_consultation():
    from accounts.tests.factories import SecretariatFactory

    SecretariatFactory(email="officer@example.org", roles=["Programme officer"])
    SecretariatFactory(email="comms@example.org", roles=["Communications"])
    SecretariatFactory(email="reader@example.org", roles=["Read-only"])
    coordinator()
    open_cycle()

    advance_cycles(at=DEADLINE)
    advance_cycles(at=datetime(2031, 7, 1, 8, 0, tzinfo=GENEVA))

    assert [n.to for n in notices(Notice.Kind.CYCLE_SUMMARY)] == ["officer@example.org"]
    assert [n.to for n in notices(Notice.Kind.CYCLE_DRAFT_READY)] == ["officer@example.org"]


def test_a_cycle_missed_entirely_opens_then_closes_without_inviting_anyone(secretariat):
    coordinator()
    cycle = approved_cycle()

    steps = advance_cycles(at=DEADLINE + timedelta(days=2))

    assert [step.step for step in steps] == ["open", "close"]
    cycle.refresh_from_db()
    assert cycle.opened_at <= cycle.closed_at
    assert not Notice.objects.filter(kind__in=[Notice.Kind.CYCLE_INVITATION, Notice.Kind.CYCLE_REMINDER]).exists()
    [summary] = notices(Notice.Kind.CYCLE_SUMMARY)
    assert summary.context["nobody_invited"] is True


# --- dry run ---------------------------------------------------------------------------


def test_a_dry_run_reports_the_steps_and_messages_and_changes_nothing():
    invited = coordinator()
    cycle = approved_cycle()

    steps = advance_cycles(at=OPENS, dry_run=True)

    assert [(step.step, step.notices) for step in steps] == [
        ("open", (f"{Notice.Kind.CYCLE_INVITATION} → {invited.user.email}",))
    ]
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.APPROVED
    assert not Notice.objects.exists()


def test_the_command_says_what_it_would_do_without_doing_it():
    invited = coordinator()
    cycle = approved_cycle()
    out = StringIO()

    call_command("advance_cycles", "--dry-run", "--at", OPENS.isoformat(), stdout=out)

    assert "Would open the consultation for 2031" in out.getvalue()
    assert invited.user.email in out.getvalue()
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.APPROVED
    assert not Notice.objects.exists()


def test_the_command_moves_the_cycles():
    coordinator()
    approved_cycle()
    out = StringIO()

    call_command("advance_cycles", "--at", OPENS.isoformat(), stdout=out)

    assert "Opened the consultation for 2031" in out.getvalue()
    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_INVITATION).count() == 1


# --- outcome ---------------------------------------------------------------------------


def test_each_group_learns_what_became_of_its_proposals_in_its_language():
    spanish = coordinator("es")
    other = coordinator()
    cycle = open_cycle()
    kept, dropped = submitted(cycle, spanish.group), submitted(cycle, spanish.group)
    submitted(cycle, other.group)

    queue_outcome_notices(
        cycle=cycle,
        outcomes=[
            {"proposal_id": kept.pk, "state": Proposal.State.RETAINED, "webinar": "Mediation in practice"},
            {"proposal_id": dropped.pk, "state": Proposal.State.DECLINED, "reason": "Outside the scope."},
        ],
    )
    queue_outcome_notices(cycle=cycle, outcomes=[])  # a second publication run writes nothing new

    outcome = Notice.objects.get(kind=Notice.Kind.PROPOSAL_OUTCOME, to=spanish.user.email)
    assert outcome.language == "es"
    assert [(p["title"], p["state"]) for p in outcome.context["proposals"]] == [
        (kept.title, Proposal.State.RETAINED),
        (dropped.title, Proposal.State.DECLINED),
    ]
    assert "Mediation in practice" in outcome.body and "Outside the scope." in outcome.body
    assert Notice.objects.filter(kind=Notice.Kind.PROPOSAL_OUTCOME).count() == 2


def test_the_hourly_task_returns_what_it_did():
    from proposals.tasks import advance_consultation_cycles

    coordinator()
    ConsultationCycleFactory(
        target_year=timezone.now().year + 1,
        state=ConsultationCycle.State.APPROVED,
        opens_at=timezone.now() - timedelta(hours=1),
        deadline_at=timezone.now() + timedelta(days=20),
    )

    [step] = advance_consultation_cycles()

    assert step["step"] == "open"
    assert len(step["notices"]) == 1

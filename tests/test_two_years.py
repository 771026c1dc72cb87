"""Two years of the programme, end to end, on PostgreSQL with a real Celery worker through Redis.

Year 1: a public series S whose part 1 was held two years ago; three regional groups with
their member states and coordinators; the worker opens the consultation; group A proposes
part 2 of S, group B takes a member state's topic into its answer, group C proposes a graded
series of two parts; the worker closes the consultation; the Secretariat plans three webinars
(capacity three), so C's part 2 waits; the draft goes to the groups, B comments; publishing
records the consultation; the webinars are held, with registrations from several countries
and the attendance report.

Year 2: the worker prepares the next consultation: only C's part 2 comes back, as part 2 of
C's series, with where it came from; group A proposes part 3 of S; C adopts its part 2 and
also proposes, word for word, the subject of B's webinar held in year 1; the solver plans
the two parts and leaves the repeat out, naming the earlier webinar and its year.

The worker runs on the real clock, so year 1 is this year and year 2 next year. Year 1's
runs must not prepare next year's consultation yet: the preparation date is put at the
end of the year meanwhile (on 31 December, Geneva time, that cannot be done and the test
says so). The deadlines "pass" by moving them to a moment just gone, as the Secretariat's
clock would, rather than by waiting.
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, UserFactory
from delivery.services.scheduling import mark_webinar_held, schedule_webinar
from outbox.models import Notice
from participants.selectors import participation_by_member_state
from participants.services.registration import record_attendance, register_participant
from planning import consultation, duplicates, reasons, solver
from planning.consultation import comment_on_plan, share_draft_plan
from planning.models import AnnualPlan, PlanComment, PlanEntry
from planning.selectors import left_out
from planning.services import publish_plan, run_solver, start_plan
from proposals.cycle import CARRIED_SLUG_PREFIX, prepare_next_cycle
from proposals.models import CandidateTopic, ConsultationCycle, Proposal, StateRequest
from proposals.services import adopt_candidate_topics, approve_cycle, save_proposal_draft, submit_proposal
from proposals.state_requests import send_state_request, take_state_request
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    DelegateFactory,
)
from tests.processes import wait_for
from webinars.models import Series, Webinar
from webinars.tests.factories import (
    ExpertFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MemberStateFactory,
    RegionalGroupFactory,
    RegionFactory,
    ScopeAreaFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]

TASK_TIMEOUT = 60  # seconds: the worker also delivers the outbox and computes the vectors meanwhile

S_TITLE = "Artificial intelligence in IP offices"
A_YEAR_1 = {
    "title": "Artificial intelligence in IP offices: examination tools",
    "objectives": "Show how offices use machine learning to classify and search patent applications.",
    "target_audience": "Patent examiners and IT managers of IP offices.",
    "topics": "Classification, prior-art search, quality control of machine suggestions.",
}
A_YEAR_2 = {
    "title": "Artificial intelligence in IP offices: lessons from deployment",
    "objectives": "What offices learned from putting AI tools into daily work: procurement, training, oversight.",
    "target_audience": "Heads of IP offices and their IT managers.",
    "topics": "Procurement, staff training, measuring quality.",
}
B_TOPIC = {
    "title": "Geographical indications for coffee and cocoa producers",
    "objectives": "Explain how producers' associations register and defend a geographical indication "
    "for their coffee or cocoa.",
    "target_audience": "Producers' associations and ministries of agriculture.",
}
C_SERIES = {
    "title": "Copyright for the music industry",
    "objectives": "Give musicians and their organisations the rights they need to earn from their music.",
    "target_audience": "Collective management organisations, musicians' unions.",
    "topics": "Collective management, licensing.",
}
C_PARTS = [
    {"title": "Collective management of music rights", "objectives": "How a collecting society works."},
    {"title": "Licensing music for streaming platforms", "objectives": "Negotiating with streaming services."},
]


def run_cycle_task_until(condition, *, what: str) -> None:
    """The hourly task, delivered by the broker to the worker; then the database is watched for its effect."""
    from proposals.tasks import advance_consultation_cycles

    advance_consultation_cycles.delay()
    wait_for(condition, what=what, timeout=TASK_TIMEOUT)


def cycle_state(cycle: ConsultationCycle) -> str:
    return ConsultationCycle.objects.values_list("state", flat=True).get(pk=cycle.pk)


def the_deadline_passes(cycle: ConsultationCycle) -> None:
    ConsultationCycle.objects.filter(pk=cycle.pk).update(deadline_at=timezone.now() - timedelta(seconds=1))


def hold(webinars_and_people: list[tuple[Webinar, list[tuple[str, str, bool]]]], *, manager, officer) -> None:
    """Date each webinar a few seconds ahead, take the registrations, let it start, mark it held, record attendance.

    The dates are kept despite their conflicts (three webinars on one day, perhaps a weekend):
    the programme manager may, with a reason.
    """
    starts_at = timezone.now() + timedelta(seconds=15)
    for webinar, people in webinars_and_people:
        webinar.experts.add(ExpertFactory())  # put on it by the Secretariat: registration opens
        webinar = schedule_webinar(
            webinar=webinar, starts_at=starts_at, actor=manager, despite_conflicts="The scenario's compressed year."
        ).webinar
        for email, country, _attended in people:
            register_participant(
                webinar=webinar,
                data={"name": email.split("@")[0].title(), "email": email, "country": country, "has_consented": True},
            )
    wait_for(lambda: timezone.now() > starts_at, what="the webinars to start", timeout=30)
    for webinar, people in webinars_and_people:
        mark_webinar_held(webinar=webinar, actor=officer)
        report = "Email,Name\r\n" + "".join(f"{email},{email.split('@')[0]}\r\n" for email, _c, came in people if came)
        record_attendance(webinar=webinar, raw=report.encode(), actor=officer)


def test_two_years_series_go_on_nothing_comes_back_twice_nothing_is_planned_twice(worker, settings):
    today = timezone.localdate()
    if (today.month, today.day) == (12, 31):
        pytest.fail("On 31 December (Geneva) year 1's runs cannot be kept from preparing next year's consultation.")
    year_1, year_2 = today.year, today.year + 1

    # --- the people and the reference data ---------------------------------------------------
    manager = SecretariatFactory(roles=["Programme manager"], email="manager@example.org")
    officer = SecretariatFactory(roles=["Programme officer"], email="officer@example.org")
    english = LanguageFactory(code="en")
    french = LanguageFactory(code="fr")
    scope = ScopeAreaFactory(is_in_scope=True)
    region_a, region_b, region_c = (RegionFactory(code=code) for code in ("latin-america", "africa", "asia"))
    group_a = RegionalGroupFactory(code="grulac", name="GRULAC", order=1, regions=[region_a])
    group_b = RegionalGroupFactory(code="african-group", name="African Group", order=2, regions=[region_b])
    group_c = RegionalGroupFactory(code="asia-pacific", name="Asia-Pacific Group", order=3, regions=[region_c])
    states = {
        code: MemberStateFactory(code=code, name=name, group=group, region=region)
        for code, name, group, region in [
            ("BR", "Brazil", group_a, region_a),
            ("MX", "Mexico", group_a, region_a),
            ("KE", "Kenya", group_b, region_b),
            ("NG", "Nigeria", group_b, region_b),
            ("IN", "India", group_c, region_c),
            ("TH", "Thailand", group_c, region_c),
        ]
    }
    coordinator_a = CoordinatorFactory(group=group_a, user=UserFactory(language="es")).user
    coordinator_b = CoordinatorFactory(group=group_b, user=UserFactory(language="fr")).user
    coordinator_c = CoordinatorFactory(group=group_c, user=UserFactory(language="en")).user
    delegate_ng = DelegateFactory(member_state=states["NG"], user=UserFactory(language="en")).user

    # Series S: part 1 held two years ago.
    series_s = SeriesFactory(title=S_TITLE, topic=TopicFactory(title=S_TITLE, scope_area=scope))
    HeldWebinarFactory(
        title=f"{S_TITLE}: the foundations",
        topic=series_s.topic,
        series=series_s,
        series_position=1,
        starts_at=datetime(year_1 - 2, 5, 12, 13, 0, tzinfo=timezone.get_default_timezone()),
        regions=[region_a, region_b, region_c],
        languages=[english],
    )

    # === Year 1 ====================================================================================
    settings.PORTAL_CYCLE_PREPARE_ON = "12-31"  # next year's consultation is not prepared yet
    now = timezone.now()
    cycle_1 = ConsultationCycleFactory(
        target_year=year_1,
        state=ConsultationCycle.State.DRAFT,
        opens_at=now - timedelta(minutes=1),
        deadline_at=now + timedelta(minutes=30),
    )
    CandidateTopicFactory(cycle=cycle_1, topic=TopicFactory(title="Patent landscapes", scope_area=scope))
    approve_cycle(cycle=cycle_1, actor=manager)

    run_cycle_task_until(lambda: cycle_state(cycle_1) == ConsultationCycle.State.OPEN, what="the worker to open year 1")
    cycle_1.refresh_from_db()
    invited = Notice.objects.filter(kind=Notice.Kind.CYCLE_INVITATION).values_list("to", flat=True)
    assert sorted(invited) == sorted(u.email for u in (coordinator_a, coordinator_b, coordinator_c))
    assert not ConsultationCycle.objects.filter(target_year=year_2).exists()

    # A: part 2 of S, requested by Brazil.
    proposal_a = save_proposal_draft(
        actor=coordinator_a,
        group=group_a,
        cycle=cycle_1,
        values={
            **A_YEAR_1,
            "scope_area": scope,
            "continues_series": series_s,
            "regions": [region_a],
            "languages": [english],
            "member_states": [states["BR"]],
        },
    )
    assert (proposal_a.continues_series, proposal_a.series_first_part) == (series_s, 2)
    submit_proposal(proposal=proposal_a, actor=coordinator_a)

    # B: Nigeria's delegate brings a topic; the group's coordinator takes it into the group's answer.
    request_ng = send_state_request(
        actor=delegate_ng, cycle=cycle_1, languages=[english, french], text="Our cocoa farmers ask for it.", **B_TOPIC
    )
    request_ng = take_state_request(state_request=request_ng, actor=coordinator_b)
    proposal_b = save_proposal_draft(
        actor=coordinator_b,
        group=group_b,
        cycle=cycle_1,
        proposal=request_ng.proposal,
        values={"scope_area": scope, "topics": "Registration, control, marketing."},
    )
    submit_proposal(proposal=proposal_b, actor=coordinator_b)

    # C: a graded series of its own, two parts.
    proposal_c = save_proposal_draft(
        actor=coordinator_c,
        group=group_c,
        cycle=cycle_1,
        values={
            **C_SERIES,
            "shape": Proposal.Shape.SERIES,
            "scope_area": scope,
            "regions": [region_c],
            "languages": [english],
            "member_states": [states["IN"], states["TH"]],
        },
        parts=C_PARTS,
    )
    submit_proposal(proposal=proposal_c, actor=coordinator_c)

    the_deadline_passes(cycle_1)
    run_cycle_task_until(
        lambda: cycle_state(cycle_1) == ConsultationCycle.State.CLOSED, what="the worker to close year 1"
    )
    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_SUMMARY, to=manager.email).exists()
    assert not ConsultationCycle.objects.filter(target_year=year_2).exists()

    # The Secretariat's plan: three webinars this year.
    plan_1 = start_plan(actor=officer, cycle=cycle_1)
    plan_1.capacity = 3
    plan_1.save(update_fields=["capacity"])
    run_solver(actor=officer, plan=plan_1)
    plan_1.refresh_from_db()
    entries_1 = {entry.title: entry for entry in PlanEntry.objects.filter(plan=plan_1)}
    c_part_1_title = f"{C_SERIES['title']}: {C_PARTS[0]['title']}"
    assert set(entries_1) == {A_YEAR_1["title"], B_TOPIC["title"], c_part_1_title}
    (waiting,) = left_out(plan_1)
    assert (waiting.title, waiting.position) == (C_SERIES["title"], 2)
    assert [r["code"] for r in waiting.reasons] == [solver.OUT_CAPACITY_FULL]

    # The draft goes to the groups until a date; B comments on its entry.
    share_draft_plan(plan=plan_1, until=today + timedelta(days=10), by=officer, message="Your comments, please.")
    shared_to = Notice.objects.filter(kind=Notice.Kind.PLAN_SHARED).values_list("to", flat=True)
    assert sorted(shared_to) == sorted(u.email for u in (coordinator_a, coordinator_b, coordinator_c))
    comment_text = "Please offer this one in French as well: our francophone producers asked for it."
    comment_on_plan(plan=plan_1, actor=coordinator_b, text=comment_text, entry=entries_1[B_TOPIC["title"]])

    webinars_1 = {webinar.title: webinar for webinar in publish_plan(actor=manager, plan=plan_1)}
    plan_1.refresh_from_db()
    assert plan_1.groups_consulted is True and plan_1.consultation_skipped_reason == ""
    a_part_2 = webinars_1[A_YEAR_1["title"]]
    b_webinar = webinars_1[B_TOPIC["title"]]
    c_part_1 = webinars_1[c_part_1_title]
    assert (a_part_2.series, a_part_2.series_position) == (series_s, 2)
    assert b_webinar.series is None
    series_c = c_part_1.series
    assert (series_c.title, c_part_1.series_position) == (C_SERIES["title"], 1)
    for proposal in (proposal_a, proposal_b, proposal_c):
        proposal.refresh_from_db()
        assert proposal.state == Proposal.State.RETAINED
    assert set(proposal_b.member_states.all()) == {states["NG"]}
    assert StateRequest.objects.get(pk=request_ng.pk).state == StateRequest.State.TAKEN

    # The webinars are held: registrations from several countries, then the attendance reports.
    people = {
        a_part_2: [
            ("ana@example.org", "BR", True),
            ("marco@example.org", "MX", False),
            ("wanjiru@example.org", "KE", True),
        ],
        b_webinar: [
            ("otieno@example.org", "KE", True),
            ("ngozi@example.org", "NG", True),
            ("priya@example.org", "IN", False),
            ("pat@example.org", "ZZ", True),  # a country no member state row knows
        ],
        c_part_1: [("somchai@example.org", "TH", True), ("lucia@example.org", "BR", True)],
    }
    hold(list(people.items()), manager=manager, officer=officer)
    assert set(Webinar.objects.filter(pk__in=[w.pk for w in people]).values_list("status", flat=True)) == {
        Webinar.Status.HELD
    }

    # === Year 2 ====================================================================================
    settings.PORTAL_CYCLE_PREPARE_ON = "01-01"  # the preparation date has come
    settings.PORTAL_CYCLE_OPENS_ON, settings.PORTAL_CYCLE_DEADLINE_ON = "01-01", "12-31"
    run_cycle_task_until(
        lambda: ConsultationCycle.objects.filter(target_year=year_2).exists(), what="the worker to prepare year 2"
    )
    cycle_2 = ConsultationCycle.objects.get(target_year=year_2)
    assert cycle_2.state == ConsultationCycle.State.DRAFT

    # No ghost: A's and B's proposals became webinars and are not offered again; C's part 2 comes
    # back once, as part 2 of C's series, saying where it came from.
    carried = list(CandidateTopic.objects.filter(cycle=cycle_2, source=CandidateTopic.Source.CARRIED_OVER))
    assert len(carried) == 1
    (c_part_2_offer,) = carried
    assert (c_part_2_offer.continues_series, c_part_2_offer.series_part) == (series_c, 2)
    assert c_part_2_offer.note == f"{group_c.name}, {year_1}: {C_SERIES['title']}"
    assert c_part_2_offer.topic.slug == f"{CARRIED_SLUG_PREFIX}{proposal_c.pk}-part-2"
    assert not CandidateTopic.objects.filter(
        topic__slug__in=[f"{CARRIED_SLUG_PREFIX}{proposal_a.pk}", f"{CARRIED_SLUG_PREFIX}{proposal_b.pk}"]
    ).exists()
    assert not CandidateTopic.objects.filter(cycle=cycle_2, topic__webinars__isnull=False).exists()

    approve_cycle(cycle=cycle_2, actor=manager)
    run_cycle_task_until(lambda: cycle_state(cycle_2) == ConsultationCycle.State.OPEN, what="the worker to open year 2")
    cycle_2.refresh_from_db()

    # A: part 3 of S (the next part after 1 and 2).
    proposal_a3 = save_proposal_draft(
        actor=coordinator_a,
        group=group_a,
        cycle=cycle_2,
        values={
            **A_YEAR_2,
            "scope_area": scope,
            "continues_series": series_s,
            "regions": [region_a],
            "languages": [english],
            "member_states": [states["MX"]],
        },
    )
    assert proposal_a3.series_first_part == 3
    submit_proposal(proposal=proposal_a3, actor=coordinator_a)
    # C: adopts its part 2, and proposes B's held subject again, word for word.
    (proposal_c2,) = adopt_candidate_topics(
        actor=coordinator_c,
        group=group_c,
        cycle=cycle_2,
        candidate_topics=[c_part_2_offer],
        regions=[region_c],
        languages=[english],
        submit=True,
    )
    assert (proposal_c2.continues_series, proposal_c2.series_first_part) == (series_c, 2)
    repeat = save_proposal_draft(
        actor=coordinator_c,
        group=group_c,
        cycle=cycle_2,
        values={**B_TOPIC, "scope_area": scope, "regions": [region_c], "languages": [english]},
    )
    submit_proposal(proposal=repeat, actor=coordinator_c)

    the_deadline_passes(cycle_2)
    run_cycle_task_until(
        lambda: cycle_state(cycle_2) == ConsultationCycle.State.CLOSED, what="the worker to close year 2"
    )

    # At review the repeat is flagged with the earlier webinar.
    flagged = duplicates.earlier_webinars([repeat])[repeat.pk].earlier
    assert (flagged[0].webinar, flagged[0].year) == (b_webinar, year_1)

    plan_2 = start_plan(actor=officer, cycle=cycle_2)
    run_solver(actor=officer, plan=plan_2)
    plan_2.refresh_from_db()
    entries_2 = {entry.title for entry in PlanEntry.objects.filter(plan=plan_2)}
    assert entries_2 == {A_YEAR_2["title"], c_part_2_offer.topic.title}
    (left,) = left_out(plan_2)
    assert left.title == B_TOPIC["title"]
    assert [reasons.describe(r) for r in left.reasons] == [f"Already held in {year_1}: {b_webinar.title}."]

    webinars_2 = {
        webinar.title: webinar
        for webinar in publish_plan(
            actor=manager, plan=plan_2, consultation_skipped_reason="Same groups, same entries as they asked."
        )
    }
    a_part_3 = webinars_2[A_YEAR_2["title"]]
    c_part_2 = webinars_2[c_part_2_offer.topic.title]
    repeat.refresh_from_db()
    assert repeat.state == Proposal.State.DECLINED

    # === What the two years show ===================================================================
    # The series go on across the years with the right numbers.
    assert list(series_s.parts.order_by("series_position").values_list("series_position", "status")) == [
        (1, Webinar.Status.HELD),
        (2, Webinar.Status.HELD),
        (3, Webinar.Status.TO_BE_SCHEDULED),
    ]
    assert (a_part_3.series, a_part_3.series_position) == (series_s, 3)
    assert (c_part_2.series, c_part_2.series_position) == (series_c, 2)
    assert Series.objects.filter(title=C_SERIES["title"]).count() == 1  # no second series for C's part 2

    # Nothing planned twice: B's subject has one webinar over the two years.
    assert Webinar.objects.filter(title=B_TOPIC["title"]).count() == 1

    # No ghost next time either: what became a webinar in year 2 is not offered in year 3.
    prepare_next_cycle(at=datetime(year_2, 7, 2, tzinfo=timezone.get_default_timezone()))
    cycle_3 = ConsultationCycle.objects.get(target_year=year_2 + 1)
    assert not cycle_3.candidate_topics.filter(source=CandidateTopic.Source.CARRIED_OVER).exists()

    # The comments are kept with the plan they were written on, and each publication says how it went.
    (comment,) = PlanComment.objects.all()
    assert (comment.plan, comment.group, comment.text) == (plan_1, group_b, comment_text)
    assert comment.entry_title == B_TOPIC["title"] and comment.author == coordinator_b
    plan_1.refresh_from_db()
    plan_2.refresh_from_db()
    assert plan_1.groups_consulted is True
    assert (plan_2.groups_consulted, plan_2.consultation_skipped_reason) == (
        False,
        "Same groups, same entries as they asked.",
    )
    assert {plan_1.state, plan_2.state} == {AnnualPlan.State.PUBLISHED}
    steps_1 = set(plan_1.history.exclude(history_change_reason=None).values_list("history_change_reason", flat=True))
    assert {consultation.SHARED, consultation.PUBLISHED_CONSULTED} <= steps_1
    assert consultation.PUBLISHED_NOT_CONSULTED in set(
        plan_2.history.exclude(history_change_reason=None).values_list("history_change_reason", flat=True)
    )

    # Member states counted: year 1's registrations and attendance, per state and per group.
    participation = participation_by_member_state(webinar_ids=[w.pk for w in people])
    per_state = {row.code: (row.registered, row.attended) for row in participation.rows}
    assert per_state == {
        "BR": (2, 2),
        "MX": (1, 0),
        "KE": (2, 2),
        "NG": (1, 1),
        "IN": (1, 0),
        "TH": (1, 1),
        "": (1, 1),  # other or unknown country: counted, not dropped
    }
    per_group = {row.group_id: (row.registered, row.attended, row.state_count) for row in participation.groups}
    per_group = {key: value for key, value in per_group.items() if key in (group_a.pk, group_b.pk, group_c.pk, None)}
    assert per_group == {
        group_a.pk: (3, 2, 2),
        group_b.pk: (3, 3, 2),
        group_c.pk: (2, 1, 2),
        None: (1, 1, 0),
    }
    assert (participation.registered, participation.attended) == (9, 7)
    # And the proposals record the member states that asked for them.
    assert set(proposal_a.member_states.values_list("code", flat=True)) == {"BR"}
    assert set(proposal_a3.member_states.values_list("code", flat=True)) == {"MX"}

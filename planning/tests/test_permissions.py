"""Who may do what in the review and the plan: every screen and every service needs its named permission.

Each row is tried twice: by a member of the Secretariat whose role lacks the permission
(refused, and nothing in the database moves) and by one whose role holds it (done).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, StaffFactory
from planning import services
from planning.forms import PlanEntryForm
from planning.models import AnnualPlan, PlanEntry, ProposalMerge, SynergySuggestion
from planning.tests.factories import SynergySuggestionFactory, submitted_proposal
from portal.permissions import MissingPermission
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory
from webinars.models import Webinar

pytestmark = pytest.mark.django_db

READ_ONLY, OFFICER, MANAGER, COMMUNICATIONS = "Read-only", "Programme officer", "Programme manager", "Communications"


@pytest.fixture
def world():
    """A closed consultation: three answers, a pending synergy suggestion, a solved draft plan of two entries,
    one answer left out of it, and a later consultation with no plan yet."""
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    first = submitted_proposal(cycle, title="Geographical indications for coffee")
    second = submitted_proposal(cycle, title="Indications géographiques du café", written_in="fr")
    third = submitted_proposal(cycle, title="Collective management of music royalties")
    suggestion = SynergySuggestionFactory(cycle=cycle, proposals=[first, second])
    superuser = StaffFactory()
    plan = services.start_plan(actor=superuser, cycle=cycle)
    plan.capacity = 2
    plan.save()
    services.run_solver(actor=superuser, plan=plan)
    entries = list(plan.entries.order_by("position"))
    left_out = next(p for p in (first, second, third) if not p.plan_entries.exists())
    later = ConsultationCycleFactory(target_year=cycle.target_year + 1, state=ConsultationCycle.State.CLOSED)
    return SimpleNamespace(
        cycle=cycle,
        proposals=(first, second, third),
        suggestion=suggestion,
        plan=plan,
        entries=entries,
        left_out=left_out,
        later=later,
    )


def database(world) -> dict:
    """What a refused action must leave exactly as it was."""
    return {
        "proposals": list(Proposal.objects.order_by("pk").values_list("pk", "state", "version", "decision_reason")),
        "suggestions": list(SynergySuggestion.objects.order_by("pk").values_list("pk", "state", "score")),
        "merges": list(ProposalMerge.objects.order_by("pk").values_list("pk", flat=True)),
        "plans": list(AnnualPlan.objects.order_by("pk").values_list("pk", "state", "solved_at", "shared_at")),
        "entries": list(PlanEntry.objects.order_by("pk").values_list("pk", "position", "title", "period")),
        "webinars": Webinar.objects.count(),
    }


def main_part(response) -> str:
    """The page's own content, without the site's header (language switcher, log-out button)."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def member(client, role: str):
    user = SecretariatFactory(roles=[role], language="en")
    client.force_login(user)
    return user


# --- The screens ---------------------------------------------------------------------------

# The world's draft was not shared with the groups: publishing it takes a reason (planning.consultation).
NOT_CONSULTED = {"consultation_skipped_reason": "Tested without the groups."}


def _url(name, world, *args, cycle=None):
    return reverse(f"planning:{name}", args=[(cycle or world.cycle).pk, *args])


def _share_data() -> dict:
    return {"comments_until": (timezone.localdate() + timedelta(days=20)).isoformat(), "message": "Your comments?"}


def _entry_edit_data(world) -> dict:
    entry = world.entries[-1]
    return {
        "title": "A clearer title",
        "period": entry.period,
        "region": entry.region_id,
        "regions": [entry.region_id],
        "languages": list(entry.languages.values_list("pk", flat=True)),
    }


@dataclass(frozen=True)
class Screen:
    name: str
    method: str
    holder: str  # a role that holds the permission
    lacker: str  # a role that does not
    request: Callable  # world -> (path, data)

    def open(self, client, world):
        path, data = self.request(world)
        return getattr(client, self.method)(path, data)

    def __str__(self):
        return f"{self.method} {self.name}"


SCREENS = [
    Screen("cycle_list", "get", READ_ONLY, COMMUNICATIONS, lambda w: (reverse("planning:cycle_list"), {})),
    Screen("cycle_review", "get", READ_ONLY, COMMUNICATIONS, lambda w: (_url("cycle_review", w), {})),
    Screen(
        "proposal_compare",
        "get",
        READ_ONLY,
        COMMUNICATIONS,
        lambda w: (_url("proposal_compare", w), {"a": w.proposals[0].pk, "b": w.proposals[1].pk}),
    ),
    Screen("synergy_list", "get", READ_ONLY, COMMUNICATIONS, lambda w: (_url("synergy_list", w), {})),
    Screen("plan_detail", "get", READ_ONLY, COMMUNICATIONS, lambda w: (_url("plan_detail", w), {})),
    Screen("entry_edit", "get", OFFICER, READ_ONLY, lambda w: (_url("entry_edit", w, w.entries[-1].pk), {})),
    Screen(
        "proposal_review", "post", OFFICER, READ_ONLY, lambda w: (_url("proposal_review", w, w.proposals[0].pk), {})
    ),
    Screen(
        "proposal_decline",
        "post",
        OFFICER,
        READ_ONLY,
        lambda w: (_url("proposal_decline", w, w.proposals[0].pk), {"reason": "Covered last year."}),
    ),
    Screen(
        "proposal_merge",
        "post",
        OFFICER,
        READ_ONLY,
        lambda w: (_url("proposal_merge", w), {"proposals": [w.proposals[0].pk, w.proposals[1].pk]}),
    ),
    Screen("synergy_refresh", "post", OFFICER, READ_ONLY, lambda w: (_url("synergy_refresh", w), {})),
    Screen(
        "synergy_decide",
        "post",
        OFFICER,
        READ_ONLY,
        lambda w: (_url("synergy_decide", w, w.suggestion.pk, "accept"), {}),
    ),
    Screen(
        "synergy_decide",
        "post",
        OFFICER,
        READ_ONLY,
        lambda w: (_url("synergy_decide", w, w.suggestion.pk, "dismiss"), {}),
    ),
    Screen("plan_start", "post", OFFICER, READ_ONLY, lambda w: (_url("plan_start", w, cycle=w.later), {})),
    Screen("plan_solve", "post", OFFICER, READ_ONLY, lambda w: (_url("plan_solve", w), {})),
    Screen(
        "entry_move", "post", OFFICER, READ_ONLY, lambda w: (_url("entry_move", w, w.entries[-1].pk), {"position": 1})
    ),
    Screen("entry_add", "post", OFFICER, READ_ONLY, lambda w: (_url("entry_add", w), {"proposal": w.left_out.pk})),
    Screen("entry_remove", "post", OFFICER, READ_ONLY, lambda w: (_url("entry_remove", w, w.entries[-1].pk), {})),
    Screen(
        "entry_edit",
        "post",
        OFFICER,
        READ_ONLY,
        lambda w: (_url("entry_edit", w, w.entries[-1].pk), _entry_edit_data(w)),
    ),
    Screen("plan_publish", "post", MANAGER, OFFICER, lambda w: (_url("plan_publish", w), NOT_CONSULTED)),
    Screen("plan_share", "post", OFFICER, READ_ONLY, lambda w: (_url("plan_share", w), _share_data())),
]


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_a_member_without_the_permission_is_refused_and_nothing_changes(client, world, screen):
    member(client, screen.lacker)
    before = database(world)

    response = screen.open(client, world)

    assert response.status_code == 403
    assert "It needs this permission" in response.content.decode()
    assert database(world) == before


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_staff_with_no_role_at_all_is_refused_and_nothing_changes(client, world, screen):
    client.force_login(SecretariatFactory())
    before = database(world)

    assert screen.open(client, world).status_code == 403
    assert database(world) == before


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_a_member_whose_role_holds_the_permission_is_served(client, world, screen):
    member(client, screen.holder)
    before = database(world)

    response = screen.open(client, world)

    if screen.method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert database(world) != before, "the action changed nothing"


def test_a_programme_officer_cannot_publish_the_plan(client, world):
    member(client, OFFICER)

    assert client.post(_url("plan_publish", world)).status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.state == AnnualPlan.State.DRAFT
    assert Webinar.objects.count() == 0


def test_a_programme_manager_publishes_the_plan(client, world):
    manager = member(client, MANAGER)

    client.post(_url("plan_publish", world), NOT_CONSULTED)

    world.plan.refresh_from_db()
    assert world.plan.state == AnnualPlan.State.PUBLISHED
    assert world.plan.published_by == manager
    assert Webinar.objects.count() == len(world.entries)


# --- What each person is offered on the pages ---------------------------------------------------


def test_a_read_only_member_sees_the_plan_without_any_action(client, world):
    member(client, READ_ONLY)

    page = main_part(client.get(_url("plan_detail", world)))

    assert world.entries[0].title in page
    assert "<form" not in page
    assert "<button" not in page
    for name in ("plan_solve", "plan_publish"):
        assert _url(name, world) not in page
    assert _url("entry_edit", world, world.entries[0].pk) not in page


def test_a_programme_officer_is_offered_the_solver_and_the_entries_but_not_publishing(client, world):
    member(client, OFFICER)

    page = client.get(_url("plan_detail", world)).content.decode()

    assert _url("plan_solve", world) in page
    assert _url("entry_move", world, world.entries[0].pk) in page
    assert _url("plan_publish", world) not in page


def test_a_programme_manager_is_offered_publishing(client, world):
    member(client, MANAGER)

    page = client.get(_url("plan_detail", world)).content.decode()

    assert _url("plan_publish", world) in page


def test_starting_a_plan_is_offered_only_to_who_may_start_one(client, world):
    member(client, READ_ONLY)
    page = client.get(_url("plan_detail", world, cycle=world.later)).content.decode()
    assert _url("plan_start", world, cycle=world.later) not in page

    member(client, OFFICER)
    page = client.get(_url("plan_detail", world, cycle=world.later)).content.decode()
    assert _url("plan_start", world, cycle=world.later) in page


def test_a_reader_without_review_sees_the_answers_but_no_review_forms(client, world):
    member(client, READ_ONLY)

    page = client.get(_url("cycle_review", world)).content.decode()

    assert world.proposals[0].title in page
    assert _url("proposal_review", world, world.proposals[0].pk) not in page
    assert _url("proposal_decline", world, world.proposals[0].pk) not in page
    assert _url("proposal_merge", world) not in page
    assert _url("proposal_compare", world) in page  # comparing only reads


def test_a_reviewer_is_offered_review_decline_and_merge(client, world):
    member(client, OFFICER)

    page = client.get(_url("cycle_review", world)).content.decode()

    assert _url("proposal_review", world, world.proposals[0].pk) in page
    assert _url("proposal_decline", world, world.proposals[0].pk) in page
    assert _url("proposal_merge", world) in page


def test_a_reader_without_review_sees_the_synergies_but_cannot_decide_them(client, world):
    member(client, READ_ONLY)

    page = client.get(_url("synergy_list", world)).content.decode()

    assert f'data-suggestion="{world.suggestion.pk}"' in page
    assert _url("synergy_refresh", world) not in page
    assert _url("synergy_decide", world, world.suggestion.pk, "accept") not in page


def test_a_reviewer_is_offered_to_decide_the_synergies(client, world):
    member(client, OFFICER)

    page = client.get(_url("synergy_list", world)).content.decode()

    assert _url("synergy_refresh", world) in page
    assert _url("synergy_decide", world, world.suggestion.pk, "accept") in page


def test_the_planning_tabs_show_only_the_screens_the_person_may_open(client, world):
    reader = SecretariatFactory(permissions=["proposals.view_proposal"])
    client.force_login(reader)

    page = client.get(_url("cycle_review", world)).content.decode()

    assert _url("synergy_list", world) in page
    assert _url("plan_detail", world) not in page


# --- The services --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    holder: str
    lacker: str
    call: Callable  # (actor, world) -> result

    def __str__(self):
        return self.name


def _update_entry(actor, world):
    entry = world.entries[-1]
    form = PlanEntryForm(_entry_edit_data(world), instance=entry)
    assert form.is_valid(), form.errors
    return services.update_plan_entry(actor=actor, entry=entry, form=form)


ACTIONS = [
    Action(
        "mark_under_review",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.mark_under_review(actor=actor, proposal=w.proposals[0]),
    ),
    Action(
        "decline_proposal",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.decline_proposal(actor=actor, proposal=w.proposals[0], reason="Covered."),
    ),
    Action(
        "merge_proposals",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.merge_proposals(actor=actor, lead=w.proposals[0], others=[w.proposals[1]]),
    ),
    Action(
        "refresh_synergy_suggestions",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.refresh_synergy_suggestions(actor=actor, cycle=w.cycle),
    ),
    Action(
        "accept_synergy_suggestion",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.accept_synergy_suggestion(actor=actor, suggestion=w.suggestion),
    ),
    Action(
        "dismiss_synergy_suggestion",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.dismiss_synergy_suggestion(actor=actor, suggestion=w.suggestion),
    ),
    Action("start_plan", OFFICER, READ_ONLY, lambda actor, w: services.start_plan(actor=actor, cycle=w.later)),
    Action("run_solver", OFFICER, READ_ONLY, lambda actor, w: services.run_solver(actor=actor, plan=w.plan)),
    Action(
        "move_plan_entry",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.move_plan_entry(actor=actor, entry=w.entries[-1], position=1),
    ),
    Action(
        "remove_plan_entry",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.remove_plan_entry(actor=actor, entry=w.entries[0]),
    ),
    Action(
        "add_plan_entry",
        OFFICER,
        READ_ONLY,
        lambda actor, w: services.add_plan_entry(actor=actor, plan=w.plan, proposal=w.left_out),
    ),
    Action("update_plan_entry", OFFICER, READ_ONLY, _update_entry),
    Action(
        "publish_plan",
        MANAGER,
        OFFICER,
        lambda actor, w: services.publish_plan(actor=actor, plan=w.plan, **NOT_CONSULTED),
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_the_service_refuses_a_member_without_the_permission_and_changes_nothing(world, action):
    before = database(world)

    with pytest.raises(MissingPermission):
        action.call(SecretariatFactory(roles=[action.lacker]), world)

    assert database(world) == before


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_the_service_refuses_staff_with_no_role(world, action):
    before = database(world)

    with pytest.raises(MissingPermission):
        action.call(SecretariatFactory(), world)

    assert database(world) == before


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_the_service_does_it_for_a_member_whose_role_allows_it(world, action):
    before = database(world)

    action.call(SecretariatFactory(roles=[action.holder]), world)

    assert database(world) != before

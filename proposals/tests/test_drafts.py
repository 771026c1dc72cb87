"""A group's unsubmitted draft is the group's: the Secretariat reads one only with the dedicated
permission, on the pages and in the admin, and every reading is recorded for the group to see."""

import html

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from proposals.models import ConsultationCycle, DraftReading, Proposal
from proposals.permissions import can_use_coordinator_pages, can_view_group_answers
from proposals.tests.factories import ConsultationCycleFactory, ProposalFactory, ProposalPartFactory

pytestmark = pytest.mark.django_db

# The Programme officer reads the groups' answers but not their drafts; the Programme
# manager reads drafts too (accounts/roles.py).
WITHOUT_DRAFTS, WITH_DRAFTS = "Programme officer", "Programme manager"
PAGES = ("detail", "history", "edit", "submit", "withdraw")


@pytest.fixture
def draft(coordinator, cycle):
    return ProposalFactory(cycle=cycle, group=coordinator.group, created_by=coordinator.user, title="Our secret draft")


@pytest.fixture
def submitted(coordinator, cycle):
    return ProposalFactory(
        cycle=cycle,
        group=coordinator.group,
        created_by=coordinator.user,
        title="Our sent answer",
        state=Proposal.State.SUBMITTED,
        submitted_at=cycle.opens_at,
        submitted_by=coordinator.user,
    )


def member(client, role: str):
    user = SecretariatFactory(roles=[role], language="en", first_name="Ada", last_name="Reader")
    client.force_login(user)
    return user


def text(response) -> str:
    return html.unescape(response.content.decode())


def page(name: str, proposal: Proposal) -> str:
    return reverse(f"proposals:{name}", args=[proposal.pk])


def admin_page(name: str, obj, *args) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[quote(obj.pk), *args])


# --- Who sees what ------------------------------------------------------------------------------


def test_the_secretariat_sees_a_groups_drafts_only_with_the_draft_permission(draft, submitted):
    without = SecretariatFactory(roles=[WITHOUT_DRAFTS])
    with_ = SecretariatFactory(roles=[WITH_DRAFTS])

    assert list(Proposal.objects.visible_to(without)) == [submitted]
    assert set(Proposal.objects.visible_to(with_)) == {draft, submitted}


def test_staff_without_any_permission_see_no_answer_at_all(draft, submitted):
    assert not Proposal.objects.visible_to(SecretariatFactory()).exists()
    assert not can_use_coordinator_pages(SecretariatFactory())


def test_a_coordinator_needs_no_django_permission_to_see_the_groups_drafts(coordinator, draft, submitted):
    assert not coordinator.user.get_all_permissions()
    assert set(Proposal.objects.visible_to(coordinator.user)) == {draft, submitted}
    assert can_view_group_answers(coordinator.user, coordinator.group)


# --- The portal's pages -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_staff_without_the_draft_permission_get_404_on_a_groups_draft_and_nothing_is_recorded(client, draft, name):
    member(client, WITHOUT_DRAFTS)

    assert client.get(page(name, draft)).status_code == 404
    assert not DraftReading.objects.exists()


def test_staff_without_the_draft_permission_still_read_the_groups_submitted_answers(client, submitted):
    member(client, WITHOUT_DRAFTS)

    response = client.get(page("detail", submitted))

    assert response.status_code == 200
    assert "Our sent answer" in text(response)
    assert not DraftReading.objects.exists()


def test_the_groups_dashboard_leaves_drafts_out_for_staff_without_the_draft_permission(client, draft, submitted):
    member(client, WITHOUT_DRAFTS)

    dashboard = text(client.get(reverse("proposals:dashboard"), {"group": draft.group_id}))

    assert "Our sent answer" in dashboard
    assert "Our secret draft" not in dashboard


def test_staff_with_the_draft_permission_read_a_draft_and_the_reading_is_recorded(client, draft):
    reader = member(client, WITH_DRAFTS)

    response = client.get(page("detail", draft))

    assert response.status_code == 200
    assert "Our secret draft" in text(response)
    reading = DraftReading.objects.get()
    assert (reading.proposal, reading.reader, reading.place) == (draft, reader, DraftReading.Place.PAGE)


def test_each_opening_of_a_draft_is_a_reading_of_its_own(client, draft):
    member(client, WITH_DRAFTS)

    client.get(page("detail", draft))
    client.get(page("detail", draft))

    assert DraftReading.objects.filter(proposal=draft).count() == 2


def test_the_history_page_shows_who_from_the_secretariat_read_the_draft(client, draft, coordinator):
    member(client, WITH_DRAFTS)
    client.get(page("detail", draft))

    client.force_login(coordinator.user)
    history = text(client.get(page("history", draft)))

    readings = history.split('class="mb-4 draft-readings"', 1)[1]
    assert "Ada Reader" in readings
    assert "The proposal's page" in readings


def test_opening_the_history_of_a_draft_is_a_reading_shown_on_that_page(client, draft):
    member(client, WITH_DRAFTS)

    history = text(client.get(page("history", draft)))

    assert DraftReading.objects.get().place == DraftReading.Place.HISTORY
    assert "Ada Reader" in history.split('class="mb-4 draft-readings"', 1)[1]


def test_the_groups_own_coordinators_reading_their_draft_is_no_reading(client, draft, coordinator, colleague):
    for user in (coordinator.user, colleague.user):
        client.force_login(user)
        assert client.get(page("detail", draft)).status_code == 200
        assert client.get(page("history", draft)).status_code == 200

    assert not DraftReading.objects.exists()


def test_opening_a_submitted_answer_is_no_draft_reading(client, submitted):
    member(client, WITH_DRAFTS)

    client.get(page("detail", submitted))

    assert not DraftReading.objects.exists()


def test_a_coordinator_of_another_group_still_gets_404_on_the_draft(client, draft, stranger):
    client.force_login(stranger.user)

    for name in PAGES:
        assert client.get(page(name, draft)).status_code == 404, name
    assert not DraftReading.objects.exists()


def test_staff_who_may_not_read_the_answers_are_told_which_permission_is_missing(client, submitted):
    member(client, "Communications")

    response = client.get(page("detail", submitted))

    assert response.status_code == 403
    assert "View proposals" in text(response)
    assert "Our sent answer" not in text(response)


# --- The admin ----------------------------------------------------------------------------------


def test_the_admin_list_leaves_drafts_out_for_staff_without_the_draft_permission(client, draft, submitted):
    member(client, WITHOUT_DRAFTS)

    response = client.get(reverse("admin:proposals_proposal_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [submitted]


@pytest.mark.parametrize("name", ["change", "history", "delete"])
def test_admin_pages_of_a_draft_answer_404_to_staff_without_the_draft_permission(client, draft, name):
    member(client, WITHOUT_DRAFTS)

    assert client.get(admin_page(name, draft)).status_code == 404
    assert not DraftReading.objects.exists()


def test_an_old_version_of_a_draft_answers_404_in_the_admin_without_the_draft_permission(client, draft):
    member(client, WITHOUT_DRAFTS)
    version = draft.history.first()

    assert client.get(admin_page("simple_history", draft, version.history_id)).status_code == 404


def test_a_part_of_a_draft_series_answers_404_in_the_admin_without_the_draft_permission(client, draft):
    client.force_login(SecretariatFactory(permissions=["proposals.view_proposal", "proposals.view_proposalpart"]))
    part = ProposalPartFactory(proposal=draft)

    assert client.get(admin_page("change", part)).status_code == 404
    changelist = client.get(reverse("admin:proposals_proposalpart_changelist"))
    assert part not in changelist.context["cl"].result_list


def test_the_admin_opens_a_draft_with_the_draft_permission_and_records_the_reading(client, draft):
    reader = member(client, WITH_DRAFTS)

    assert draft in client.get(reverse("admin:proposals_proposal_changelist")).context["cl"].result_list
    response = client.get(admin_page("change", draft))

    assert response.status_code == 200
    # One reading for the list that showed it, one for its page.
    assert list(DraftReading.objects.values_list("reader", "place")) == [(reader.pk, DraftReading.Place.ADMIN)] * 2


def test_the_admin_shows_the_readings_of_a_proposal_read_only(client, draft):
    reader = member(client, WITH_DRAFTS)
    client.get(admin_page("change", draft))

    response = client.get(admin_page("change", draft))

    [readings] = [f for f in response.context["inline_admin_formsets"] if f.opts.model is DraftReading]
    assert [form.instance.reader for form in readings.formset.forms] == [reader, reader]
    assert not readings.has_add_permission and not readings.has_change_permission
    assert 'name="draft_readings-0-reader"' not in text(response)
    assert "Readings of drafts by the Secretariat" in text(response)


def test_opening_the_admin_history_of_a_draft_is_a_reading(client, draft):
    member(client, WITH_DRAFTS)

    assert client.get(admin_page("history", draft)).status_code == 200

    assert DraftReading.objects.get().place == DraftReading.Place.ADMIN


def test_the_group_answers_list_shown_to_the_secretariat_records_a_reading_of_each_draft_it_lists(client):
    reader = SecretariatFactory(roles=["Programme manager"])
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.OPEN)
    draft = ProposalFactory(cycle=cycle, title="Listed draft")
    ProposalFactory(cycle=cycle, group=draft.group, state=Proposal.State.SUBMITTED, submitted_at=timezone.now())
    client.force_login(reader)

    page = client.get(reverse("proposals:dashboard") + f"?group={draft.group_id}").content.decode()

    assert "Listed draft" in page
    [reading] = DraftReading.objects.all()
    assert (reading.proposal, reading.reader, reading.place) == (draft, reader, DraftReading.Place.LIST)


def test_the_admin_list_of_proposals_records_a_reading_of_each_draft_it_shows(client):
    reader = SecretariatFactory(roles=["Programme manager"])
    draft = ProposalFactory(title="Draft in the admin list")
    client.force_login(reader)

    page = client.get(reverse("admin:proposals_proposal_changelist")).content.decode()

    assert "Draft in the admin list" in page
    assert list(DraftReading.objects.values_list("proposal", "place")) == [(draft.pk, DraftReading.Place.ADMIN)]

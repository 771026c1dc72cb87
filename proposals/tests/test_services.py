from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory
from outbox.models import Notice
from proposals.models import Proposal, ProposalPart
from proposals.selectors import proposal_history, proposals_under_consideration
from proposals.services import (
    IncompleteProposal,
    ProposalEditConflict,
    adopt_candidate_topics,
    move_proposal_part,
    save_and_submit_proposal,
    save_proposal_draft,
    submit_proposal,
    withdraw_proposal,
)
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    ProposalFactory,
    ProposalPartFactory,
)

pytestmark = pytest.mark.django_db


def draft(coordinator, cycle, **values):
    return save_proposal_draft(actor=coordinator.user, group=coordinator.group, cycle=cycle, values=values)


def complete_values(french, region, **extra):
    return {
        "title": "Traditional knowledge registers",
        "objectives": "Share experience.",
        "target_audience": "IP offices.",
        "languages": [french],
        "regions": [region],
        **extra,
    }


def save_parts(coordinator, proposal, parts):
    """What the coordinator's page does with the parts of the form: save the draft with them."""
    return save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=proposal.cycle,
        proposal=proposal,
        values={},
        parts=parts,
    )


def series(coordinator, cycle, titles):
    proposal = draft(coordinator, cycle, title="A series", shape=Proposal.Shape.SERIES)
    return save_parts(coordinator, proposal, [{"title": t, "objectives": ""} for t in titles])


def part_titles(proposal):
    return list(proposal.parts.order_by("position").values_list("position", "title"))


# --- Drafts -------------------------------------------------------------------------


def test_incomplete_draft_is_saved_with_everything_typed(coordinator, cycle):
    proposal = draft(coordinator, cycle, title="", objectives="Half an idea", topics="Registers")

    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT
    assert (proposal.objectives, proposal.topics, proposal.title) == ("Half an idea", "Registers", "")
    assert (proposal.group, proposal.cycle, proposal.created_by) == (coordinator.group, cycle, coordinator.user)
    assert proposal.version == 1


def test_draft_history_names_the_person_outside_a_request(coordinator, cycle):
    proposal = draft(coordinator, cycle, title="First idea")

    assert proposal.history.first().history_user == coordinator.user


def test_every_save_raises_the_version_and_records_what_changed(coordinator, cycle, french):
    proposal = draft(coordinator, cycle, title="First idea")

    proposal = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        proposal=proposal,
        values={"title": "Better idea", "languages": [french]},
        expected_version=1,
    )

    assert proposal.version == 2
    latest = proposal_history(proposal)[0]
    assert latest.who == coordinator.user
    assert set(latest.what) == {"Title", "Desired languages"}


def test_text_beyond_the_limit_is_refused_with_the_limit(coordinator, cycle):
    with pytest.raises(ValidationError) as error:
        draft(coordinator, cycle, title="Too long", objectives="x" * (Proposal.TEXT_LIMIT + 1))

    assert error.value.message_dict["objectives"] == ["At most 5,000 characters, please (this text has 5,001)."]
    assert not Proposal.objects.exists()


def test_a_coordinator_cannot_write_for_another_group(coordinator, stranger, cycle):
    with pytest.raises(ValidationError) as error:
        save_proposal_draft(actor=stranger.user, group=coordinator.group, cycle=cycle, values={"title": "Forged"})

    assert error.value.code == "not_coordinator"
    assert not Proposal.objects.exists()


def test_an_inactive_coordinator_cannot_write(cycle):
    former = CoordinatorFactory(is_active=False)

    with pytest.raises(ValidationError):
        save_proposal_draft(actor=former.user, group=former.group, cycle=cycle, values={"title": "Late"})


def test_a_proposal_cannot_move_to_another_cycle(coordinator, cycle):
    proposal = draft(coordinator, cycle, title="Mine")
    other_cycle = ConsultationCycleFactory(target_year=cycle.target_year + 1)

    with pytest.raises(ValidationError):
        save_proposal_draft(
            actor=coordinator.user,
            group=coordinator.group,
            cycle=other_cycle,
            proposal=proposal,
            values={"title": "Moved"},
        )

    proposal.refresh_from_db()
    assert (proposal.cycle, proposal.title) == (cycle, "Mine")


def test_no_draft_after_the_deadline(coordinator):
    closed = ConsultationCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), deadline_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError) as error:
        draft(coordinator, closed, title="Too late")

    assert error.value.code == "cycle_closed"
    assert "closed on" in error.value.messages[0]
    assert not Proposal.objects.exists()


def test_closed_message_gives_geneva_time_with_the_zone_name(coordinator):
    deadline = datetime(2025, 1, 15, 17, 0, tzinfo=UTC)
    closed = ConsultationCycleFactory(opens_at=deadline - timedelta(days=30), deadline_at=deadline)

    with pytest.raises(ValidationError) as error:
        draft(coordinator, closed, title="Too late")

    assert error.value.messages == [
        "The consultation closed on Jan. 15, 2025, 6 p.m. (CET); answers can no longer be changed."
    ]


# --- Edit conflicts -------------------------------------------------------------------


def test_a_stale_save_is_refused_and_changes_nothing(coordinator, colleague, cycle):
    proposal = draft(coordinator, cycle, title="Ours", objectives="First text")
    save_proposal_draft(
        actor=colleague.user,
        group=colleague.group,
        cycle=cycle,
        proposal=proposal,
        values={"objectives": "Colleague's text"},
        expected_version=1,
    )

    with pytest.raises(ProposalEditConflict) as conflict:
        save_proposal_draft(
            actor=coordinator.user,
            group=coordinator.group,
            cycle=cycle,
            proposal=proposal,
            values={"objectives": "My text"},
            expected_version=1,
        )

    assert conflict.value.current.version == 2
    proposal.refresh_from_db()
    assert proposal.objectives == "Colleague's text"
    assert proposal.version == 2


def test_a_stale_submission_is_refused(coordinator, colleague, cycle, french, region):
    proposal = draft(coordinator, cycle, **complete_values(french, region))
    save_proposal_draft(
        actor=colleague.user, group=colleague.group, cycle=cycle, proposal=proposal, values={"title": "Renamed"}
    )

    with pytest.raises(ProposalEditConflict):
        submit_proposal(proposal=proposal, actor=coordinator.user, expected_version=1)

    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT


# --- Submitting, withdrawing, the group's confirmations ---------------------------------


def test_submission_tells_every_active_coordinator_in_their_language(
    coordinator, colleague, cycle, french, region, django_capture_on_commit_callbacks
):
    CoordinatorFactory(group=coordinator.group, is_active=False)
    proposal = draft(coordinator, cycle, **complete_values(french, region))

    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(proposal=proposal, actor=coordinator.user)

    notices = Notice.objects.filter(kind=Notice.Kind.PROPOSAL_SUBMITTED).order_by("to")
    assert {(n.to, n.language) for n in notices} == {
        (coordinator.user.email, "fr"),
        (colleague.user.email, "ar"),
    }
    assert all(f":{proposal.pk}:{proposal.version}:" in n.key for n in notices)
    assert all(n.about == proposal for n in notices)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(n.to for n in notices)
    french_notice = notices.get(language="fr")
    assert "Traditional knowledge registers" in french_notice.body
    assert f"/fr/consultation/proposals/{proposal.pk}/" in french_notice.body


def test_withdrawal_tells_the_group(coordinator, cycle, french, region, django_capture_on_commit_callbacks):
    proposal = submit_proposal(
        proposal=draft(coordinator, cycle, **complete_values(french, region)), actor=coordinator.user
    )

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_proposal(proposal=proposal, actor=coordinator.user)

    notice = Notice.objects.get(kind=Notice.Kind.PROPOSAL_WITHDRAWN)
    assert (notice.to, notice.language) == (coordinator.user.email, "fr")
    assert mail.outbox[-1].to == [coordinator.user.email]
    assert not proposals_under_consideration().filter(pk=proposal.pk).exists()


def test_each_submission_gets_its_own_confirmation(coordinator, cycle, french, region):
    proposal = draft(coordinator, cycle, **complete_values(french, region))
    proposal = submit_proposal(proposal=proposal, actor=coordinator.user)

    proposal = save_and_submit_proposal(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        proposal=proposal,
        values={"objectives": "Sharper objectives."},
        expected_version=proposal.version,
    )

    assert proposal.state == Proposal.State.SUBMITTED
    assert Notice.objects.filter(kind=Notice.Kind.PROPOSAL_SUBMITTED).count() == 2


def test_submission_after_the_deadline_changes_nothing_and_sends_nothing(coordinator):
    cycle = ConsultationCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), deadline_at=timezone.now() - timedelta(seconds=1)
    )
    proposal = ProposalFactory(cycle=cycle, group=coordinator.group)

    with pytest.raises(ValidationError):
        submit_proposal(proposal=proposal, actor=coordinator.user)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (Proposal.State.DRAFT, 1)
    assert not Notice.objects.exists()


def test_submitting_an_incomplete_draft_keeps_the_draft_and_says_what_is_missing(coordinator, cycle, region):
    with pytest.raises(IncompleteProposal) as incomplete:
        save_and_submit_proposal(
            actor=coordinator.user,
            group=coordinator.group,
            cycle=cycle,
            values={"title": "No language yet", "objectives": "", "topics": "Registers", "regions": [region]},
        )

    assert set(incomplete.value.message_dict) == {"objectives", "target_audience", "languages"}
    saved = incomplete.value.proposal
    saved.refresh_from_db()
    assert (saved.state, saved.title, saved.topics) == (Proposal.State.DRAFT, "No language yet", "Registers")
    assert list(saved.regions.all()) == [region]


def test_an_incomplete_change_leaves_a_submitted_answer_as_it_was(coordinator, cycle, french, region):
    proposal = submit_proposal(
        proposal=draft(coordinator, cycle, **complete_values(french, region)), actor=coordinator.user
    )

    with pytest.raises(ValidationError):
        save_and_submit_proposal(
            actor=coordinator.user,
            group=coordinator.group,
            cycle=cycle,
            proposal=proposal,
            values={"objectives": "", "title": "Changed"},
            expected_version=proposal.version,
        )

    proposal.refresh_from_db()
    assert (proposal.state, proposal.title) == (Proposal.State.SUBMITTED, "Traditional knowledge registers")


def test_saving_a_submitted_answer_as_draft_takes_it_back(coordinator, cycle, french, region):
    proposal = submit_proposal(
        proposal=draft(coordinator, cycle, **complete_values(french, region)), actor=coordinator.user
    )

    proposal = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        proposal=proposal,
        values={"title": "Rethinking"},
        expected_version=proposal.version,
    )

    assert proposal.state == Proposal.State.DRAFT
    assert not proposals_under_consideration().filter(pk=proposal.pk).exists()


def test_a_single_webinar_with_parts_is_not_submitted(coordinator, cycle, french, region):
    proposal = draft(coordinator, cycle, **complete_values(french, region))
    ProposalPartFactory(proposal=proposal, position=1)

    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator.user)

    assert "parts" in error.value.message_dict


def test_a_series_part_without_a_title_is_not_submitted(coordinator, cycle, french, region):
    proposal = draft(coordinator, cycle, **complete_values(french, region, shape=Proposal.Shape.SERIES))
    save_parts(coordinator, proposal, [{"title": "Basics"}, {"title": "", "objectives": "Advanced"}])

    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator.user)

    assert error.value.message_dict["parts"] == ["Give every part of the series a title."]


# --- Parts of a series -----------------------------------------------------------------


def test_parts_are_numbered_in_the_given_order(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice", "Advanced"])

    assert part_titles(proposal) == [(1, "Basics"), (2, "Practice"), (3, "Advanced")]


def test_reversing_the_parts_keeps_each_part_and_breaks_no_rule(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice", "Advanced"])
    parts = list(proposal.parts.order_by("position"))

    save_parts(
        coordinator, proposal, [{"id": p.pk, "title": p.title, "objectives": p.objectives} for p in reversed(parts)]
    )

    assert part_titles(proposal) == [(1, "Advanced"), (2, "Practice"), (3, "Basics")]
    assert set(proposal.parts.values_list("pk", flat=True)) == {p.pk for p in parts}


def test_removing_and_adding_parts_renumbers_without_gaps(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice", "Advanced"])
    basics, _practice, advanced = proposal.parts.order_by("position")

    save_parts(
        coordinator,
        proposal,
        [
            {"id": advanced.pk, "title": "Advanced"},
            {"title": "Brand new"},
            {"id": basics.pk, "title": "Basics, revised"},
        ],
    )

    assert part_titles(proposal) == [(1, "Advanced"), (2, "Brand new"), (3, "Basics, revised")]


def test_parts_changes_are_recorded_with_the_person(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice"])

    part = proposal.parts.get(position=1)
    assert part.history.first().history_user == coordinator.user
    assert "Parts of the series" in proposal_history(proposal)[0].what


def test_a_part_of_another_proposal_cannot_be_taken(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice"])
    foreign = ProposalPartFactory(position=1)

    with pytest.raises(ValidationError):
        save_parts(coordinator, proposal, [{"id": foreign.pk, "title": "Stolen"}])

    foreign.refresh_from_db()
    assert foreign.title != "Stolen"
    assert part_titles(proposal) == [(1, "Basics"), (2, "Practice")]


def test_moving_a_part_shifts_the_others(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice", "Advanced"])
    version = proposal.version

    proposal = move_proposal_part(proposal=proposal, position=3, to_position=1, actor=coordinator.user)

    assert part_titles(proposal) == [(1, "Advanced"), (2, "Basics"), (3, "Practice")]
    assert proposal.version == version + 1


@pytest.mark.parametrize("position, to_position", [(1, 4), (0, 1), (5, 1), (2, -1)])
def test_a_part_moved_out_of_range_is_refused(coordinator, cycle, position, to_position):
    proposal = series(coordinator, cycle, ["Basics", "Practice", "Advanced"])

    with pytest.raises(ValidationError) as error:
        move_proposal_part(proposal=proposal, position=position, to_position=to_position, actor=coordinator.user)

    assert error.value.messages == ["Part moved out of range: this series has parts 1 to 3."]
    assert part_titles(proposal) == [(1, "Basics"), (2, "Practice"), (3, "Advanced")]


def test_parts_cannot_change_after_the_deadline(coordinator, cycle):
    proposal = series(coordinator, cycle, ["Basics", "Practice"])
    cycle.deadline_at = timezone.now() - timedelta(seconds=1)
    cycle.opens_at = timezone.now() - timedelta(days=1)
    cycle.save()

    with pytest.raises(ValidationError):
        move_proposal_part(proposal=proposal, position=2, to_position=1, actor=coordinator.user)

    assert part_titles(proposal) == [(1, "Basics"), (2, "Practice")]


# --- Adopting candidate topics ------------------------------------------------------------


def adopt(coordinator, cycle, candidates, **options):
    return adopt_candidate_topics(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        candidate_topics=candidates,
        regions=options.pop("regions", []),
        languages=options.pop("languages", []),
        **options,
    )


def test_adopting_makes_one_draft_per_topic_from_the_topics_text(coordinator, cycle, french, region):
    first, second = CandidateTopicFactory.create_batch(2, cycle=cycle)

    adopted = adopt(coordinator, cycle, [first, second], regions=[region], languages=[french], comment="Q2 please")

    assert [p.candidate_topic for p in adopted] == [first, second]
    proposal = adopted[0]
    assert proposal.kind == Proposal.Kind.ADOPTION
    assert proposal.state == Proposal.State.DRAFT
    assert (proposal.title, proposal.objectives) == (first.topic.title, first.topic.objectives)
    assert proposal.target_audience == first.topic.target_audience
    assert proposal.comment == "Q2 please"
    assert list(proposal.languages.all()) == [french]


def test_adopting_and_submitting_at_once(coordinator, cycle, french, region, django_capture_on_commit_callbacks):
    candidate = CandidateTopicFactory(cycle=cycle)

    with django_capture_on_commit_callbacks(execute=True):
        (proposal,) = adopt(coordinator, cycle, [candidate], regions=[region], languages=[french], submit=True)

    assert proposal.state == Proposal.State.SUBMITTED
    assert proposals_under_consideration().filter(pk=proposal.pk).exists()
    assert len(mail.outbox) == 1


def test_adopting_and_submitting_without_a_language_saves_nothing(coordinator, cycle, region):
    first, second = CandidateTopicFactory.create_batch(2, cycle=cycle)

    with pytest.raises(ValidationError):
        adopt(coordinator, cycle, [first, second], regions=[region], submit=True)

    assert not Proposal.objects.exists()


def test_a_group_adopts_a_topic_only_once(coordinator, cycle):
    candidate = CandidateTopicFactory(cycle=cycle)
    adopt(coordinator, cycle, [candidate])

    with pytest.raises(ValidationError) as error:
        adopt(coordinator, cycle, [candidate])

    assert error.value.message_dict["candidate_topics"] == [f"Your group has already adopted: {candidate.topic.title}."]
    assert Proposal.objects.count() == 1


def test_the_database_refuses_a_second_adoption_by_the_same_group(coordinator, cycle):
    candidate = CandidateTopicFactory(cycle=cycle)
    ProposalFactory(group=coordinator.group, cycle=cycle, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(group=coordinator.group, cycle=cycle, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)


def test_two_groups_may_adopt_the_same_topic(coordinator, stranger, cycle):
    candidate = CandidateTopicFactory(cycle=cycle)

    adopt(coordinator, cycle, [candidate])
    adopt(stranger, cycle, [candidate])

    assert Proposal.objects.filter(candidate_topic=candidate).count() == 2


def test_an_adopted_topic_is_saved_without_parts(coordinator, cycle):
    (proposal,) = adopt(coordinator, cycle, [CandidateTopicFactory(cycle=cycle)])

    with pytest.raises(ValidationError) as error:
        save_parts(coordinator, proposal, [{"title": "Basics"}, {"title": "Practice"}])

    assert error.value.message_dict["parts"] == ["An adopted topic is a single webinar; it has no parts."]
    assert not proposal.parts.exists()


def test_a_withdrawn_adoption_comes_back_as_a_draft(coordinator, cycle, french, region):
    candidate = CandidateTopicFactory(cycle=cycle)
    (first,) = adopt(coordinator, cycle, [candidate], regions=[region], languages=[french], submit=True)
    withdraw_proposal(proposal=first, actor=coordinator.user)

    (again,) = adopt(coordinator, cycle, [candidate], regions=[region], languages=[french])

    assert again.pk == first.pk
    assert again.state == Proposal.State.DRAFT


def test_a_topic_of_another_cycle_cannot_be_adopted(coordinator, cycle):
    elsewhere = CandidateTopicFactory(cycle=ConsultationCycleFactory(target_year=cycle.target_year + 1))

    with pytest.raises(ValidationError) as error:
        adopt(coordinator, cycle, [elsewhere])

    assert error.value.message_dict["candidate_topics"] == [
        "Only the topics offered in this consultation can be adopted."
    ]
    assert not Proposal.objects.exists()


def test_adopting_after_the_deadline_is_refused(coordinator):
    closed = ConsultationCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), deadline_at=timezone.now() - timedelta(seconds=1)
    )
    candidate = CandidateTopicFactory(cycle=closed)

    with pytest.raises(ValidationError):
        adopt(coordinator, closed, [candidate])

    assert not ProposalPart.objects.exists() and not Proposal.objects.exists()


def test_the_confirmation_is_plain_text_and_keeps_the_title_as_typed(coordinator, cycle, french, region):
    values = complete_values(french, region, title="R&D <b>centres</b>")
    submit_proposal(proposal=draft(coordinator, cycle, **values), actor=coordinator.user)

    notice = Notice.objects.get()
    with translation.override("fr"):
        expected_subject = gettext("Proposal received: %(title)s") % {"title": "R&D <b>centres</b>"}
    assert notice.language == "fr"
    assert notice.subject == expected_subject
    assert "R&D <b>centres</b>" in notice.body
    assert "&amp;" not in notice.body and "&lt;" not in notice.body


def test_only_the_groups_coordinators_or_the_secretariat_submit_and_withdraw(
    coordinator, stranger, cycle, french, region
):
    proposal = draft(coordinator, cycle, **complete_values(french, region))

    with pytest.raises(ValidationError, match="your own regional group"):
        submit_proposal(proposal=proposal, actor=stranger.user)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT

    submit_proposal(proposal=proposal, actor=StaffFactory())
    with pytest.raises(ValidationError, match="your own regional group"):
        withdraw_proposal(proposal=proposal, actor=stranger.user)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED


def test_a_deactivated_account_gets_no_confirmation(coordinator, colleague, cycle, french, region):
    colleague.user.is_active = False
    colleague.user.save()

    submit_proposal(proposal=draft(coordinator, cycle, **complete_values(french, region)), actor=coordinator.user)

    assert list(Notice.objects.values_list("to", flat=True)) == [coordinator.user.email]

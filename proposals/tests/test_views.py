import html
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice
from planning.models import AnnualPlan, PlanEntry
from proposals.models import ConsultationCycle, Proposal
from proposals.services import save_proposal_draft, submit_proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    ProposalFactory,
    ProposalPartFactory,
)
from webinars.tests.factories import LanguageFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(coordinator, cycle, french, region):
    proposal = ProposalFactory(cycle=cycle, group=coordinator.group, created_by=coordinator.user, title="Our answer")
    proposal.languages.set([french])
    proposal.regions.set([region])
    return proposal


@pytest.fixture
def series(coordinator, cycle):
    proposal = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        values={"title": "A series", "shape": Proposal.Shape.SERIES},
    )
    return save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        proposal=proposal,
        values={},
        parts=[{"title": "Basics"}, {"title": "Practice"}, {"title": "Advanced"}],
    )


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator.user)
    return client


def text(response) -> str:
    """The page as a person reads it (entities decoded); escaping tests read the raw bytes."""
    return html.unescape(response.content.decode())


def part_titles(proposal):
    return list(proposal.parts.order_by("position").values_list("title", flat=True))


def form_data(**values):
    """What the proposal page posts: the fields, an empty parts formset, and a button."""
    data = {
        "title": "",
        "shape": "single",
        "objectives": "",
        "target_audience": "",
        "topics": "",
        "comment": "",
        "preferred_period": "any",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "12",
        "action": "draft",
    }
    data.update(values)
    return data


def edit_data(proposal, **values):
    """The edit page's data as loaded, with some values changed."""
    parts = list(proposal.parts.order_by("position"))
    data = form_data(
        title=proposal.title,
        shape=proposal.shape,
        objectives=proposal.objectives,
        target_audience=proposal.target_audience,
        topics=proposal.topics,
        comment=proposal.comment,
        preferred_period=proposal.preferred_period,
        languages=[language.pk for language in proposal.languages.all()],
        regions=[region.pk for region in proposal.regions.all()],
        version=str(proposal.version),
    )
    data["parts-TOTAL_FORMS"] = data["parts-INITIAL_FORMS"] = str(len(parts))
    for index, part in enumerate(parts):
        data.update(
            {
                f"parts-{index}-id": str(part.pk),
                f"parts-{index}-proposal": str(proposal.pk),
                f"parts-{index}-title": part.title,
                f"parts-{index}-objectives": part.objectives,
                f"parts-{index}-ORDER": str(part.position),
            }
        )
    data.update(values)
    return data


def proposal_urls(proposal):
    return {
        "detail": reverse("proposals:detail", args=[proposal.pk]),
        "edit": reverse("proposals:edit", args=[proposal.pk]),
        "submit": reverse("proposals:submit", args=[proposal.pk]),
        "withdraw": reverse("proposals:withdraw", args=[proposal.pk]),
        "history": reverse("proposals:history", args=[proposal.pk]),
        "move_part": reverse("proposals:move_part", args=[proposal.pk]),
    }


GET_PAGES = ("detail", "edit", "submit", "withdraw", "history")


# --- Who may come in ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_page(client, series, cycle):
    urls = [
        reverse("proposals:dashboard"),
        reverse("proposals:adopt", args=[cycle.pk]),
        reverse("proposals:propose", args=[cycle.pk]),
        *proposal_urls(series).values(),
    ]
    login = resolve_url(settings.LOGIN_URL)
    for url in urls:
        response = client.get(url) if not url.endswith("/move/") else client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{login}?next="), url


def test_a_user_who_is_no_coordinator_is_told_why_not(client):
    client.force_login(UserFactory())

    response = client.get(reverse("proposals:dashboard"))

    assert response.status_code == 403
    assert "not, or no longer, the account of an active coordinator" in text(response)


def test_an_inactive_coordinator_is_turned_away(client):
    client.force_login(CoordinatorFactory(is_active=False).user)

    assert client.get(reverse("proposals:dashboard")).status_code == 403


def test_the_owner_reaches_every_page_of_the_proposal(as_coordinator, series):
    urls = proposal_urls(series)
    for name in GET_PAGES:
        response = as_coordinator.get(urls[name])
        assert response.status_code == 200, name
        assert "A series" in text(response), name
    response = as_coordinator.post(urls["move_part"], {"position": 1, "to": 2, "version": series.version})
    assert response.status_code == 302


def test_a_coordinator_of_another_group_gets_404_on_every_proposal_url(client, series, stranger):
    client.force_login(stranger.user)
    urls = proposal_urls(series)
    for name, url in urls.items():
        if name != "move_part":
            assert client.get(url).status_code == 404, name
        assert client.post(url, edit_data(series, position=1, to=2)).status_code == 404, name
    series.refresh_from_db()
    assert series.version == 2
    assert part_titles(series) == ["Basics", "Practice", "Advanced"]


def test_the_secretariat_reads_every_groups_answers_but_does_not_edit_them(client, series):
    client.force_login(StaffFactory())

    assert client.get(reverse("proposals:detail", args=[series.pk])).status_code == 200
    dashboard = client.get(reverse("proposals:dashboard"), {"group": series.group_id})
    assert dashboard.status_code == 200
    assert "A series" in text(dashboard)
    edit = client.get(reverse("proposals:edit", args=[series.pk]))
    assert "Only the group's coordinators change its answers" in text(edit)
    assert 'name="action"' not in text(edit)


def test_a_coordinator_cannot_read_another_groups_dashboard(as_coordinator, stranger):
    response = as_coordinator.get(reverse("proposals:dashboard"), {"group": stranger.group_id})

    assert response.status_code == 404


# --- Dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_the_deadline_in_geneva_time_and_the_time_left(as_coordinator, cycle):
    cycle.deadline_at = timezone.now() + timedelta(days=20, hours=1)
    cycle.save()

    page = text(as_coordinator.get(reverse("proposals:dashboard")))

    assert "Geneva time. Time left: 2\xa0weeks, 6\xa0days." in page
    assert "(CET)" in page or "(CEST)" in page


def test_dashboard_in_the_users_language(client, coordinator, cycle):
    client.force_login(coordinator.user)
    cycle.deadline_at = timezone.now() + timedelta(days=3, hours=1)
    cycle.save()

    response = client.get(reverse("proposals:dashboard").replace("/en/", "/fr/"))

    assert response.status_code == 200
    assert 'lang="fr"' in text(response)


def test_dashboard_shows_candidate_topics_with_objectives_and_audience(as_coordinator, cycle, coordinator):
    adopted = CandidateTopicFactory(cycle=cycle, topic__title="Innovation centres")
    CandidateTopicFactory(cycle=cycle, topic__title="IP and the goals", topic__target_audience="Ministries")
    ProposalFactory(
        cycle=cycle, group=coordinator.group, kind=Proposal.Kind.ADOPTION, candidate_topic=adopted, title="Adopted"
    )

    page = text(as_coordinator.get(reverse("proposals:dashboard")))

    assert "IP and the goals" in page and "Ministries" in page
    assert "Share what works in technical assistance." in page
    assert page.count("Adopted by your group") == 1


def test_dashboard_says_what_became_of_earlier_proposals(as_coordinator, coordinator, stranger, cycle):
    earlier = ConsultationCycleFactory(target_year=cycle.target_year - 1, state=ConsultationCycle.State.DECIDED)
    submitted = {"cycle": earlier, "submitted_at": timezone.now() - timedelta(days=300)}
    merged = ProposalFactory(group=coordinator.group, title="Ours merged", state=Proposal.State.MERGED, **submitted)
    theirs = ProposalFactory(group=stranger.group, title="Their twin", state=Proposal.State.MERGED, **submitted)
    ProposalFactory(
        group=coordinator.group,
        title="Ours declined",
        state=Proposal.State.DECLINED,
        decision_reason="Covered by the Academy's courses.",
        **submitted,
    )
    plan = AnnualPlan.objects.create(year=earlier.target_year, cycle=earlier)
    entry = PlanEntry.objects.create(plan=plan, title="Joint webinar", region=RegionFactory())
    entry.proposals.set([merged, theirs])

    page = text(as_coordinator.get(reverse("proposals:dashboard")))

    assert "Merged into the webinar “Joint webinar”, with:" in page
    assert "“Their twin” (" in page
    assert "Not retained." in page and "Covered by the Academy's courses." in page


def dashboard_queries(client, coordinator, cycle, size):
    earlier = ConsultationCycleFactory(target_year=cycle.target_year - 1, state=ConsultationCycle.State.DECIDED)
    languages = [LanguageFactory(code="en"), LanguageFactory(code="fr")]
    for number in range(size):
        candidate = CandidateTopicFactory(cycle=cycle)
        adoption = ProposalFactory(
            cycle=cycle, group=coordinator.group, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate
        )
        adoption.languages.set(languages)
        own = ProposalFactory(cycle=cycle, group=coordinator.group, shape=Proposal.Shape.SERIES)
        ProposalPartFactory(proposal=own, position=1)
        old = ProposalFactory(
            cycle=earlier,
            group=coordinator.group,
            state=Proposal.State.RETAINED if number % 2 else Proposal.State.DECLINED,
            submitted_at=timezone.now() - timedelta(days=300),
        )
        old.regions.set([RegionFactory()])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("proposals:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_query_count_does_not_grow_with_the_answers(client, cycle):
    small, large = CoordinatorFactory(), CoordinatorFactory()
    client.force_login(small.user)
    few = dashboard_queries(client, small, cycle, 1)
    client.force_login(large.user)
    many = dashboard_queries(client, large, ConsultationCycle.objects.get(pk=cycle.pk), 15)

    assert few == many


# --- Writing a proposal ---------------------------------------------------------------------


def test_an_incomplete_draft_is_saved(as_coordinator, coordinator, cycle):
    response = as_coordinator.post(
        reverse("proposals:propose", args=[cycle.pk]), form_data(title="Half done", topics="Registers")
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    assert (proposal.title, proposal.topics, proposal.state) == ("Half done", "Registers", Proposal.State.DRAFT)
    assert (proposal.group, proposal.cycle) == (coordinator.group, cycle)
    assert proposal.history.first().history_user == coordinator.user


def test_submitting_without_objective_or_language_shows_field_errors_and_keeps_the_draft(
    as_coordinator, cycle, region, french
):
    response = as_coordinator.post(
        reverse("proposals:propose", args=[cycle.pk]),
        form_data(title="Missing bits", topics="Registers", regions=[region.pk], action="submit"),
    )

    assert response.status_code == 200
    page = text(response)
    assert "State the objectives of the webinar or series." in page
    assert "Choose at least one language." in page
    assert "Your draft is saved" in page
    assert 'value="Missing bits"' in page
    proposal = Proposal.objects.get()
    assert (proposal.state, proposal.topics) == (Proposal.State.DRAFT, "Registers")
    assert list(proposal.regions.all()) == [region]


def test_submitting_a_complete_proposal_confirms_to_the_group_by_mail(
    as_coordinator, coordinator, colleague, cycle, french, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(
            reverse("proposals:propose", args=[cycle.pk]),
            form_data(
                title="Registers",
                objectives="Share experience.",
                target_audience="Offices.",
                languages=[french.pk],
                regions=[region.pk],
                action="submit",
            ),
            follow=True,
        )

    proposal = Proposal.objects.get()
    assert proposal.state == Proposal.State.SUBMITTED
    assert "is submitted to the Secretariat" in text(response)
    notices = Notice.objects.filter(kind=Notice.Kind.PROPOSAL_SUBMITTED)
    assert {(n.to, n.language) for n in notices} == {(coordinator.user.email, "fr"), (colleague.user.email, "ar")}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.user.email, colleague.user.email])


def test_submitted_proposals_appear_at_once_in_the_public_list_and_drafts_never(
    as_coordinator, client, proposal, cycle, coordinator
):
    ProposalFactory(cycle=cycle, group=coordinator.group, title="Still a draft")

    as_coordinator.post(reverse("proposals:submit", args=[proposal.pk]), {"version": proposal.version})

    page = text(client.get(reverse("webinars:topic_list")))
    assert "Our answer" in page
    assert "Still a draft" not in page


def test_text_beyond_the_limit_gets_a_clear_error_and_the_box_has_a_maxlength(as_coordinator, cycle):
    page = text(as_coordinator.get(reverse("proposals:propose", args=[cycle.pk])))
    assert 'maxlength="5000"' in page and 'maxlength="255"' in page

    response = as_coordinator.post(
        reverse("proposals:propose", args=[cycle.pk]), form_data(title="t" * 256, objectives="o" * 6000)
    )

    assert response.status_code == 200
    assert "At most 5,000 characters, please (this text has 6,000)." in text(response)
    assert "At most 255 characters, please (this text has 256)." in text(response)
    assert not Proposal.objects.exists()


def test_markup_in_any_field_is_shown_as_text(as_coordinator, coordinator, cycle, french, region):
    script = "<script>alert('x')</script>"
    proposal = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        values={
            "title": f"Title {script}",
            "objectives": f"<b>bold</b> {script}",
            "target_audience": script,
            "topics": script,
            "comment": script,
            "shape": Proposal.Shape.SERIES,
        },
        parts=[{"title": script, "objectives": script}],
    )

    for url in (
        reverse("proposals:detail", args=[proposal.pk]),
        reverse("proposals:edit", args=[proposal.pk]),
        reverse("proposals:history", args=[proposal.pk]),
        reverse("proposals:dashboard"),
    ):
        page = as_coordinator.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page, url
    assert "<b>bold</b>" not in as_coordinator.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()


def test_forged_group_or_cycle_in_the_form_is_refused(as_coordinator, stranger, cycle):
    other_cycle = ConsultationCycleFactory(target_year=cycle.target_year + 1)
    url = reverse("proposals:propose", args=[cycle.pk])

    forged_group = as_coordinator.post(url, form_data(title="Forged", group=stranger.group_id))
    forged_cycle = as_coordinator.post(url, form_data(title="Forged", cycle=other_cycle.pk))

    assert forged_group.status_code == forged_cycle.status_code == 400
    assert "names a group or consultation other than yours" in text(forged_group)
    assert not Proposal.objects.exists()


def test_forged_group_when_editing_is_refused(as_coordinator, proposal, stranger):
    response = as_coordinator.post(
        reverse("proposals:edit", args=[proposal.pk]), edit_data(proposal, title="Moved", group=stranger.group_id)
    )

    assert response.status_code == 400
    proposal.refresh_from_db()
    assert (proposal.group_id, proposal.title) != (stranger.group_id, "Moved")


def test_edit_and_withdraw_until_the_deadline(as_coordinator, proposal):
    as_coordinator.post(reverse("proposals:edit", args=[proposal.pk]), edit_data(proposal, title="Renamed"))
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Renamed", 2)

    response = as_coordinator.post(reverse("proposals:withdraw", args=[proposal.pk]), {"version": proposal.version})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.WITHDRAWN


def test_after_the_deadline_every_page_is_read_only_and_says_why(as_coordinator, proposal, cycle):
    cycle.opens_at = timezone.now() - timedelta(days=40)
    cycle.deadline_at = timezone.now() - timedelta(hours=1)
    cycle.save()

    for name in GET_PAGES:
        page = text(as_coordinator.get(proposal_urls(proposal)[name]))
        assert "The consultation closed on" in page, name
        assert 'name="action"' not in page, name
    assert "The consultation closed on" in text(as_coordinator.get(reverse("proposals:dashboard")))
    assert "The consultation closed on" in text(as_coordinator.get(reverse("proposals:propose", args=[cycle.pk])))


def test_a_submission_after_the_deadline_is_refused_with_a_message(as_coordinator, proposal, cycle):
    cycle.opens_at = timezone.now() - timedelta(days=40)
    cycle.deadline_at = timezone.now() - timedelta(hours=1)
    cycle.save()

    response = as_coordinator.post(
        reverse("proposals:submit", args=[proposal.pk]), {"version": proposal.version}, follow=True
    )

    assert "The consultation closed on" in text(response)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (Proposal.State.DRAFT, 1)
    assert not Notice.objects.exists()
    edit = as_coordinator.post(reverse("proposals:edit", args=[proposal.pk]), edit_data(proposal, title="Late"))
    assert edit.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Our answer"


def test_an_answer_under_review_is_read_only(as_coordinator, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.UNDER_REVIEW, submitted_at=timezone.now())

    page = text(as_coordinator.get(reverse("proposals:edit", args=[proposal.pk])))

    assert "can no longer be changed" in page


# --- Two coordinators of one group --------------------------------------------------------------


def test_the_second_save_is_refused_and_shows_what_changed(client, proposal, coordinator, colleague):
    loaded_by_first = edit_data(proposal)
    client.force_login(colleague.user)
    client.post(
        reverse("proposals:edit", args=[proposal.pk]),
        edit_data(proposal, objectives="Colleague's objectives", topics="Colleague's topics"),
    )
    client.force_login(coordinator.user)

    response = client.post(
        reverse("proposals:edit", args=[proposal.pk]),
        {**loaded_by_first, "objectives": "My objectives", "title": "My title"},
    )

    page = text(response)
    assert response.status_code == 200
    assert "Someone else changed this proposal while you were editing it." in page
    assert "Colleague's objectives" in page and "My objectives" in page
    assert "changed by them" in page
    assert 'value="My title"' in page  # what was typed is kept
    proposal.refresh_from_db()
    assert (proposal.objectives, proposal.title) == ("Colleague's objectives", "Our answer")
    assert f'name="version" value="{proposal.version}"' in page


def test_saving_again_after_reading_the_differences_keeps_my_version(client, proposal, coordinator, colleague):
    stale = edit_data(proposal, objectives="Mine")
    client.force_login(colleague.user)
    client.post(reverse("proposals:edit", args=[proposal.pk]), edit_data(proposal, objectives="Theirs"))
    client.force_login(coordinator.user)
    client.post(reverse("proposals:edit", args=[proposal.pk]), stale)
    proposal.refresh_from_db()

    client.post(reverse("proposals:edit", args=[proposal.pk]), {**stale, "version": str(proposal.version)})

    proposal.refresh_from_db()
    assert proposal.objectives == "Mine"


def test_the_history_shows_who_changed_what(client, proposal, coordinator, colleague):
    client.force_login(colleague.user)
    client.post(reverse("proposals:edit", args=[proposal.pk]), edit_data(proposal, objectives="New objectives"))
    client.force_login(coordinator.user)

    page = text(client.get(reverse("proposals:history", args=[proposal.pk])))

    assert colleague.user.get_full_name() in page
    assert "Objectives" in page


# --- Parts of a series --------------------------------------------------------------------------


def test_a_new_series_with_three_parts(as_coordinator, cycle):
    data = form_data(title="Cycle of assistance", shape="series")
    data["parts-TOTAL_FORMS"] = "3"
    for index, title in enumerate(["Needs", "Planning", "Evaluation"]):
        data[f"parts-{index}-title"] = title
        data[f"parts-{index}-ORDER"] = str(index + 1)

    as_coordinator.post(reverse("proposals:propose", args=[cycle.pk]), data)

    assert part_titles(Proposal.objects.get()) == ["Needs", "Planning", "Evaluation"]


def test_part_numbers_typed_in_the_form_reorder_the_parts(as_coordinator, series):
    data = edit_data(series, **{"parts-0-ORDER": "3", "parts-2-ORDER": "1"})

    as_coordinator.post(reverse("proposals:edit", args=[series.pk]), data)

    assert part_titles(series) == ["Advanced", "Practice", "Basics"]


def test_a_part_can_be_removed_and_the_rest_renumbered(as_coordinator, series):
    as_coordinator.post(reverse("proposals:edit", args=[series.pk]), edit_data(series, **{"parts-1-DELETE": "on"}))

    assert list(series.parts.order_by("position").values_list("position", "title")) == [
        (1, "Basics"),
        (2, "Advanced"),
    ]


def test_the_up_button_works_without_javascript_and_saves_nothing_yet(as_coordinator, series):
    response = as_coordinator.post(
        reverse("proposals:edit", args=[series.pk]), edit_data(series, move_part="2:up", title="Typed title")
    )

    page = text(response)
    assert response.status_code == 200
    assert "Nothing is saved until you save the proposal." in page
    assert page.index('value="Advanced"') < page.index('value="Practice"')
    assert 'value="Typed title"' in page
    assert part_titles(series) == ["Basics", "Practice", "Advanced"]


def test_the_add_a_part_button_works_without_javascript(as_coordinator, series):
    response = as_coordinator.post(reverse("proposals:edit", args=[series.pk]), edit_data(series, add_part="1"))

    assert 'name="parts-3-title"' in text(response)
    assert series.parts.count() == 3


def test_a_part_number_out_of_range_in_the_form_is_refused(as_coordinator, series):
    response = as_coordinator.post(
        reverse("proposals:edit", args=[series.pk]), edit_data(series, **{"parts-0-ORDER": "40"})
    )

    assert "Part moved out of range: give each part a number from 1 to 3." in text(response)
    assert part_titles(series) == ["Basics", "Practice", "Advanced"]


def test_the_move_buttons_on_the_proposal_page_save_the_new_order(as_coordinator, series):
    response = as_coordinator.post(
        reverse("proposals:move_part", args=[series.pk]), {"position": 3, "to": 2, "version": series.version}
    )

    assert response.status_code == 302
    assert part_titles(series) == ["Basics", "Advanced", "Practice"]


@pytest.mark.parametrize("position, to", [("3", "4"), ("0", "1"), ("9", "1"), ("x", "1")])
def test_a_forged_part_move_is_refused_with_a_clear_message(as_coordinator, series, position, to):
    response = as_coordinator.post(
        reverse("proposals:move_part", args=[series.pk]),
        {"position": position, "to": to, "version": series.version},
        follow=True,
    )

    assert "Part moved out of range: this series has parts 1 to 3." in text(response)
    assert part_titles(series) == ["Basics", "Practice", "Advanced"]


def test_moving_a_part_is_only_a_post(as_coordinator, series):
    assert as_coordinator.get(reverse("proposals:move_part", args=[series.pk])).status_code == 405


# --- Adopting candidate topics --------------------------------------------------------------------


def test_adopting_two_topics_makes_two_drafts(as_coordinator, cycle, coordinator, french, region):
    first, second = CandidateTopicFactory.create_batch(2, cycle=cycle)

    response = as_coordinator.post(
        reverse("proposals:adopt", args=[cycle.pk]),
        {
            "candidate_topics": [first.pk, second.pk],
            "languages": [french.pk],
            "regions": [region.pk],
            "preferred_period": "q2",
            "comment": "Afternoons",
            "action": "draft",
        },
    )

    assert response.status_code == 302
    adopted = Proposal.objects.filter(group=coordinator.group, kind=Proposal.Kind.ADOPTION)
    assert {p.candidate_topic for p in adopted} == {first, second}
    assert {p.state for p in adopted} == {Proposal.State.DRAFT}
    assert {p.preferred_period for p in adopted} == {"q2"}


def test_adopting_and_submitting_needs_a_language(as_coordinator, cycle, region, french):
    candidate = CandidateTopicFactory(cycle=cycle)

    response = as_coordinator.post(
        reverse("proposals:adopt", args=[cycle.pk]),
        {"candidate_topics": [candidate.pk], "regions": [region.pk], "preferred_period": "any", "action": "submit"},
    )

    assert "Choose at least one language." in text(response)
    assert not Proposal.objects.exists()


def test_an_adopted_topic_is_marked_and_cannot_be_adopted_twice(as_coordinator, cycle, coordinator):
    candidate = CandidateTopicFactory(cycle=cycle, topic__title="Innovation centres")
    CandidateTopicFactory(cycle=cycle, topic__title="Still open")
    ProposalFactory(cycle=cycle, group=coordinator.group, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)
    url = reverse("proposals:adopt", args=[cycle.pk])

    page = text(as_coordinator.get(url))
    response = as_coordinator.post(
        url, {"candidate_topics": [candidate.pk], "preferred_period": "any", "action": "draft"}
    )

    assert "Already adopted by your group" in page
    assert f'name="candidate_topics" value="{candidate.pk}"' not in page
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert Proposal.objects.count() == 1


def test_the_adopt_page_shows_each_candidate_topic_once_as_a_labelled_checkbox(as_coordinator, cycle, coordinator):
    adopted = CandidateTopicFactory(cycle=cycle, topic__title="Innovation centres")
    open_one = CandidateTopicFactory(
        cycle=cycle, topic__title="Patent drafting", topic__target_audience="Patent attorneys."
    )
    ProposalFactory(cycle=cycle, group=coordinator.group, kind=Proposal.Kind.ADOPTION, candidate_topic=adopted)

    page = text(as_coordinator.get(reverse("proposals:adopt", args=[cycle.pk])))

    assert page.count("Patent drafting") == 1
    assert page.count("Innovation centres") == 1
    checkbox = re.search(rf'<input[^>]*name="candidate_topics" value="{open_one.pk}"[^>]*>', page).group(0)
    box_id = re.search(r'id="([^"]+)"', checkbox).group(1)
    assert re.search(rf'<label[^>]*for="{box_id}"[^>]*>Patent drafting</label>', page)
    described_by = re.search(r'aria-describedby="([^"]+)"', checkbox).group(1)
    assert re.search(rf'id="{described_by}"[^>]*>\s*(<[^>]+>\s*)*.*Patent attorneys\.', page, re.S)


def test_a_candidate_topic_of_another_cycle_is_refused(as_coordinator, cycle):
    elsewhere = CandidateTopicFactory(cycle=ConsultationCycleFactory(target_year=cycle.target_year + 1))
    CandidateTopicFactory(cycle=cycle)

    response = as_coordinator.post(
        reverse("proposals:adopt", args=[cycle.pk]),
        {"candidate_topics": [elsewhere.pk], "preferred_period": "any", "action": "draft"},
    )

    assert "Select a valid choice" in text(response)
    assert not Proposal.objects.exists()


def test_a_draft_cycle_is_not_shown_to_coordinators(as_coordinator):
    hidden = ConsultationCycleFactory(target_year=2090, state=ConsultationCycle.State.DRAFT)

    assert as_coordinator.get(reverse("proposals:adopt", args=[hidden.pk])).status_code == 404
    assert as_coordinator.get(reverse("proposals:propose", args=[hidden.pk])).status_code == 404


def test_submit_from_the_proposal_page_confirms_to_the_group(as_coordinator, proposal, coordinator):
    response = as_coordinator.post(
        reverse("proposals:submit", args=[proposal.pk]), {"version": proposal.version}, follow=True
    )

    assert "is submitted to the Secretariat" in text(response)
    assert Notice.objects.get().to == coordinator.user.email


def test_a_stale_submit_button_is_refused(as_coordinator, proposal):
    submit_url = reverse("proposals:submit", args=[proposal.pk])

    response = as_coordinator.post(submit_url, {"version": proposal.version - 1 or 99}, follow=True)

    assert "Someone else changed this proposal a moment ago" in text(response)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT


def test_submit_page_lists_what_is_missing(as_coordinator, coordinator, cycle):
    draft = ProposalFactory(cycle=cycle, group=coordinator.group, objectives="")

    page = text(as_coordinator.get(reverse("proposals:submit", args=[draft.pk])))

    assert "State the objectives of the webinar or series." in page


def test_submitting_a_proposal_already_submitted_again_is_refused(as_coordinator, proposal, coordinator):
    submit_proposal(proposal=proposal, actor=coordinator.user)
    proposal.refresh_from_db()

    response = as_coordinator.post(reverse("proposals:submit", args=[proposal.pk]), {"version": proposal.version})

    assert response.status_code == 302
    assert Notice.objects.count() == 1


def test_the_proposal_page_lists_only_the_proposals_own_languages(as_coordinator, proposal, english):
    page = text(as_coordinator.get(reverse("proposals:detail", args=[proposal.pk])))

    shown = re.search(r"Desired languages</dt><dd[^>]*>(.*?)</dd>", page).group(1)
    assert shown == "French"


def test_a_garbled_version_is_treated_as_a_stale_page(as_coordinator, proposal):
    response = as_coordinator.post(reverse("proposals:withdraw", args=[proposal.pk]), {"version": "abc"}, follow=True)

    assert "Someone else changed this proposal a moment ago" in text(response)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT


def test_the_secretariat_reads_a_groups_answers_as_the_groups_not_its_own(client, coordinator, cycle):
    client.force_login(StaffFactory(language="en"))

    page = text(client.get("/en/consultation/", {"group": coordinator.group_id}))

    assert "The group's answers" in page
    assert "Your group's answers" not in page


def test_a_coordinator_reads_its_own_groups_answers_as_its_own(client, coordinator, cycle):
    coordinator.user.language = "en"
    coordinator.user.save()
    client.force_login(coordinator.user)

    page = text(client.get("/en/consultation/"))

    assert "Your group's answers" in page
    assert "The group's answers" not in page

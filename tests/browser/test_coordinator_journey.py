"""A group coordinator answers the consultation in a real browser (issue 5): logs in, adopts a
candidate topic, drafts a three-part series, reorders it, submits it and finds it in the public
list; a coordinator of another group cannot reach it."""

import pytest
from django.utils import timezone

from proposals.models import Proposal
from proposals.tests.factories import ProposalFactory, ProposalPartFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PART_TITLES = ["Why a technology transfer office", "Licensing agreements", "Spin-off companies"]


def _part_titles(proposal: Proposal) -> list[str]:
    return list(proposal.parts.order_by("position").values_list("title", flat=True))


def _click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_coordinator_adopts_a_topic_drafts_reorders_and_submits_a_series_that_the_public_sees(
    live_server, page, screenshot, consultation, log_in, mailoutbox
):
    group = consultation["coordinator"].group
    log_in(page, "amina")
    assert page.url == f"{live_server.url}/en/consultation/"
    assert page.get_by_role("heading", name="Technology transfer offices").is_visible()

    # (i) Adopt the Secretariat's candidate topic.
    _click_and_wait(page, page.get_by_role("link", name="Adopt candidate topics"))
    form = page.locator("main form")
    form.get_by_label("Technology transfer offices").check()
    form.get_by_label("Africa").check()
    form.get_by_label("French").check()
    _click_and_wait(page, form.get_by_role("button", name="Submit to the Secretariat"))
    adoption = Proposal.objects.get(kind=Proposal.Kind.ADOPTION)
    assert (adoption.group, adoption.candidate_topic, adoption.state) == (
        group,
        consultation["candidate"],
        Proposal.State.SUBMITTED,
    )

    # (ii) Draft the group's own three-part series.
    _click_and_wait(page, page.get_by_role("link", name="Propose a graded series"))
    form = page.locator("main form.proposal-form")
    form.locator("#id_title").fill("Technology transfer for universities")
    form.get_by_label("A graded series").check()
    form.locator("#id_objectives").fill("Set up and run a technology transfer office.")
    form.locator("#id_target_audience").fill("Universities and research centres.")
    form.get_by_label("Africa").check()
    form.get_by_label("English").check()
    form.get_by_label("French").check()
    parts = form.locator("li[data-part]")
    assert parts.count() == 2  # a new series starts with two empty parts
    form.get_by_role("button", name="Add a part").click()
    parts.nth(2).wait_for()
    assert parts.count() == 3
    for index, title in enumerate(PART_TITLES):
        parts.nth(index).locator("input[name$='-title']").fill(title)
    _click_and_wait(page, form.locator("button.btn[value=draft]:visible"))

    series = Proposal.objects.get(kind=Proposal.Kind.OWN)
    assert (series.group, series.shape, series.state) == (group, Proposal.Shape.SERIES, Proposal.State.DRAFT)
    assert _part_titles(series) == PART_TITLES
    assert page.url == f"{live_server.url}/en/consultation/proposals/{series.pk}/"
    screenshot(page, "coordinator-proposal-draft-en")

    # A draft never reaches the public list.
    page.goto(f"{live_server.url}/en/")
    considered = page.locator("section[aria-labelledby=proposals-heading]")
    assert considered.get_by_text("Technology transfer offices", exact=True).is_visible()  # the adoption
    assert page.get_by_text(series.title).count() == 0
    page.go_back()

    # Move part 3 up: it becomes part 2, on the page and in the database.
    _click_and_wait(page, page.get_by_role("button", name="Move part 3 up"))
    reordered = [PART_TITLES[0], PART_TITLES[2], PART_TITLES[1]]
    assert _part_titles(series) == reordered
    assert page.locator("#parts li.series-part strong").all_inner_texts() == reordered

    # Submit; the group receives a confirmation.
    _click_and_wait(page, page.locator("main").get_by_role("button", name="Submit to the Secretariat"))
    series.refresh_from_db()
    assert series.state == Proposal.State.SUBMITTED
    assert page.locator("main").get_by_text("Submitted", exact=True).first.is_visible()
    confirmations = [message for message in mailoutbox if series.title in message.subject + message.body]
    assert [message.to for message in confirmations] == [["amina@example.org"]]

    # The public list shows it at once (the list is cached) under consideration, with the group.
    page.goto(f"{live_server.url}/en/")
    item = page.locator("section[aria-labelledby=proposals-heading] li", has_text=series.title)
    assert item.is_visible()
    assert "Proposed by African Group" in item.inner_text()
    assert item.locator(".proposal-parts li").all_inner_texts() == reordered
    assert page.console_errors == []


def test_a_coordinator_of_another_group_gets_404_on_every_page_of_the_proposal(live_server, page, consultation, log_in):
    proposal = ProposalFactory(
        cycle=consultation["cycle"],
        group=consultation["coordinator"].group,
        shape=Proposal.Shape.SERIES,
        title="Technology transfer for universities",
        state=Proposal.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for position in (1, 2):
        ProposalPartFactory(proposal=proposal, position=position)
    log_in(page, "li")

    base = f"{live_server.url}/en/consultation/proposals/{proposal.pk}"
    for suffix in ("/", "/edit/", "/submit/", "/withdraw/", "/history/"):
        response = page.goto(base + suffix)
        assert response.status == 404, suffix
        assert "Technology transfer for universities" not in page.content()

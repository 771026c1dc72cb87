"""A coordinator's proposal continues a public series as its next part (proposals.series)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from proposals.models import Proposal
from proposals.services import save_proposal_draft
from webinars.models import Webinar
from webinars.tests.factories import SeriesFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def series_with(*statuses):
    series = SeriesFactory()
    for position, status in enumerate(statuses, start=1):
        dated = status in (Webinar.Status.HELD, Webinar.Status.SCHEDULED)
        WebinarFactory(
            series=series,
            series_position=position,
            status=status,
            starts_at=timezone.now() - timedelta(days=400 - position) if dated else None,
        )
    return series


def draft(coordinator, cycle, **values):
    return save_proposal_draft(
        actor=coordinator.user, group=coordinator.group, cycle=cycle, values={"title": "Next step", **values}
    )


def test_a_proposal_continuing_a_series_is_its_next_part(coordinator, cycle):
    series = series_with(Webinar.Status.HELD, Webinar.Status.TO_BE_SCHEDULED)
    proposal = draft(coordinator, cycle, continues_series=series)
    assert (proposal.continues_series, proposal.series_first_part) == (series, 3)
    assert proposal.series_place == f"Part 3 of “{series.title}”"


def test_a_series_still_in_internal_planning_cannot_be_continued_and_nothing_is_saved(coordinator, cycle):
    hidden = series_with(Webinar.Status.PLANNED)
    with pytest.raises(ValidationError, match="the public sees"):
        draft(coordinator, cycle, continues_series=hidden)
    assert not Proposal.objects.exists()


def test_leaving_the_series_clears_the_part_number(coordinator, cycle):
    proposal = draft(coordinator, cycle, continues_series=series_with(Webinar.Status.HELD))
    proposal = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        proposal=proposal,
        values={"continues_series": None},
        expected_version=proposal.version,
    )
    assert (proposal.continues_series_id, proposal.series_first_part) == (None, None)

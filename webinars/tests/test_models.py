from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from webinars.models import Expert, Feedback, Material, Webinar
from webinars.models.catalogue import check_part_positions
from webinars.tests.factories import (
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    SeriesFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db


def test_webinar_ending_before_it_starts_is_refused_by_clean_with_a_message():
    webinar = WebinarFactory.build(topic=TopicFactory(), duration_minutes=0)
    with pytest.raises(ValidationError) as error:
        webinar.full_clean()
    assert "duration_minutes" in error.value.message_dict


def test_webinar_ending_before_it_starts_is_refused_by_the_database():
    webinar = WebinarFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Webinar.objects.filter(pk=webinar.pk).update(duration_minutes=0)


def test_scheduled_webinar_without_a_date_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarFactory(status=Webinar.Status.SCHEDULED, starts_at=None)


def test_planned_webinar_may_wait_for_its_date():
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)
    assert webinar.ends_at is None


def test_ends_at_adds_the_duration():
    start = timezone.now()
    webinar = WebinarFactory(starts_at=start, duration_minutes=75)
    assert webinar.ends_at == start + timedelta(minutes=75)


def test_two_parts_of_a_series_cannot_share_a_number():
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarFactory(series=series, series_position=1)


def test_part_number_without_a_series_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarFactory(series=None, series_position=2)


def test_gaps_in_a_series_order_are_refused_with_the_numbers_found():
    with pytest.raises(ValidationError) as error:
        check_part_positions([1, 3])
    assert "1, 3" in error.value.messages[0]


def test_series_check_order_accepts_parts_one_to_n():
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=2)
    WebinarFactory(series=series, series_position=1)
    series.check_order()


def test_series_check_order_refuses_a_gap():
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=1)
    WebinarFactory(series=series, series_position=3)
    with pytest.raises(ValidationError):
        series.check_order()


def test_previous_and_next_part_follow_the_gradation():
    series = SeriesFactory()
    first = WebinarFactory(series=series, series_position=1)
    second = WebinarFactory(series=series, series_position=2)
    assert second.previous_part() == first
    assert first.next_part() == second
    assert first.previous_part() is None


def test_a_postponed_webinar_may_have_no_date_but_a_scheduled_one_must():
    WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarFactory(status=Webinar.Status.SCHEDULED, starts_at=None)


def test_a_postponed_webinar_is_public():
    postponed = WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None)
    assert postponed in Webinar.objects.public()


def test_public_webinars_leave_out_internal_planning():
    planned = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)
    scheduled = WebinarFactory()
    assert list(Webinar.objects.public()) == [scheduled]
    assert planned not in Webinar.objects.public()


def test_feedback_rating_outside_one_to_five_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(overall_rating=6)


def test_expert_feedback_names_the_expert():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(source=Feedback.Source.EXPERT, expert=None)


def test_material_needs_a_link_or_a_file():
    webinar = HeldWebinarFactory()
    material = Material(webinar=webinar, kind=Material.Kind.SLIDES, title="Slides")
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "Give a link or upload a file." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        material.save()


def test_expert_nationality_is_a_two_letter_code():
    expert = ExpertFactory.build(nationality="kenya")
    with pytest.raises(ValidationError) as error:
        expert.full_clean()
    assert "nationality" in error.value.message_dict


def test_expert_nationality_is_stored_in_capitals():
    expert = ExpertFactory.build(nationality="br")
    expert.full_clean()
    assert expert.nationality == "BR"
    assert Expert.Gender.UNDISCLOSED.label

"""The feedback survey: when it goes by itself, to whom, and its results (one webinar's, a year's).

After a webinar is marked held, the survey waits PORTAL_SURVEY_DELAY_HOURS, then goes to the
experts who gave it and to the participants from the attendance record. Without an attendance
report the participants' survey waits up to PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS more, then goes
to every registrant who had a place (they were expected; the report may never come). Registrants
who did not attend hear that the recording is available instead. The rules of time live here
(``survey_stage``), so the sending service and the follow-up screen say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from delivery.models import hidden_on_webinar
from delivery.selectors.experts import expert_language
from outbox.addresses import message_language
from participants.models import Registration
from webinars.models import Expert, Feedback, Material, SuggestionReview, Webinar

RATING_FIELDS = ("overall_rating", "relevance_rating", "content_rating", "expert_rating")


def accepted_experts(webinar: Webinar) -> QuerySet[Expert]:
    """The experts who gave the webinar: those who accepted their invitation, or whom the
    Secretariat put on it without one (never one who declined or was only invited)."""
    return (
        webinar.experts.exclude(hidden_on_webinar(Q(webinar_id=webinar.pk)))
        .prefetch_related("languages")
        .order_by("name", "pk")
    )


def expert_recipients(webinar: Webinar) -> list[tuple[str, str, str]]:
    """(address, language, source) of the webinar's experts, each in their own language."""
    return [(expert.email, expert_language(expert), Feedback.Source.EXPERT) for expert in accepted_experts(webinar)]


# When it goes ------------------------------------------------------------------------------


class SurveyStage(StrEnum):
    BY_HAND = "by_hand"  # not marked held through the portal (held before it sent surveys itself)
    SCHEDULED = "scheduled"  # marked held; the delay is not over
    WAITING_FOR_ATTENDANCE = "waiting_for_attendance"  # experts' survey gone, participants' waits
    DUE = "due"  # everyone's survey goes
    CLOSED = "closed"  # past the survey's life: nothing more goes by itself


@dataclass(frozen=True)
class SurveyTiming:
    due_at: datetime  # the survey goes (experts, and participants if attendance is recorded)
    attendance_deadline_at: datetime  # without a report, the participants' survey goes anyway
    closes_at: datetime  # the task stops looking at the webinar (links sent by then still work)


def survey_timing(webinar: Webinar) -> SurveyTiming | None:
    if webinar.status != Webinar.Status.HELD or webinar.marked_held_at is None:
        return None
    due_at = webinar.marked_held_at + timedelta(hours=settings.PORTAL_SURVEY_DELAY_HOURS)
    deadline = due_at + timedelta(days=settings.PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS)
    closes_at = deadline + timedelta(days=settings.PORTAL_SURVEY_REMINDER_DAYS) + timedelta(days=1)
    return SurveyTiming(due_at=due_at, attendance_deadline_at=deadline, closes_at=closes_at)


def attendance_is_recorded(webinar: Webinar) -> bool:
    """An attendance report was uploaded (it counts every row, registrants or not)."""
    return webinar.attendance_count > 0


def survey_stage(webinar: Webinar, *, now: datetime) -> SurveyStage:
    timing = survey_timing(webinar)
    if timing is None:
        return SurveyStage.BY_HAND
    if now < timing.due_at:
        return SurveyStage.SCHEDULED
    if now >= timing.closes_at:
        return SurveyStage.CLOSED
    if not attendance_is_recorded(webinar) and now < timing.attendance_deadline_at:
        return SurveyStage.WAITING_FOR_ATTENDANCE
    return SurveyStage.DUE


def participants_are_known(webinar: Webinar, *, now: datetime) -> bool:
    """Whether who attended (or, past the wait, who had a place) decides the survey now."""
    timing = survey_timing(webinar)
    if timing is None or now < timing.due_at:
        return False
    return attendance_is_recorded(webinar) or now >= timing.attendance_deadline_at


def webinars_to_survey(*, now: datetime) -> QuerySet[Webinar]:
    """Held webinars whose survey, reminder or "recording available" may be due now: marked held
    at least the delay ago and not longer ago than the survey's life (a handful a year)."""
    delay = timedelta(hours=settings.PORTAL_SURVEY_DELAY_HOURS)
    life = (
        delay
        + timedelta(days=settings.PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS)
        + timedelta(days=settings.PORTAL_SURVEY_REMINDER_DAYS + 1)
    )
    return Webinar.objects.filter(
        status=Webinar.Status.HELD, marked_held_at__lte=now - delay, marked_held_at__gt=now - life
    ).order_by("marked_held_at", "pk")


def _when(moment: datetime) -> str:
    return date_format(localtime(moment), "SHORT_DATETIME_FORMAT")


def survey_progress(webinar: Webinar, *, now: datetime) -> str:
    """Where the survey that goes by itself stands, in words, for the follow-up screen."""
    stage = survey_stage(webinar, now=now)
    timing = survey_timing(webinar)
    if stage == SurveyStage.SCHEDULED:
        return _("goes by itself on %(date)s") % {"date": _when(timing.due_at)}
    if stage == SurveyStage.WAITING_FOR_ATTENDANCE:
        return _(
            "the participants' survey waits for the attendance report; without one it goes to the "
            "registrants who had a place on %(date)s"
        ) % {"date": _when(timing.attendance_deadline_at)}
    return ""


# To whom -----------------------------------------------------------------------------------


def participant_recipients(webinar: Webinar) -> list[tuple[str, str, str]]:
    """(address, language, source) of the participants the survey goes to, in their language:
    who attended, from the attendance report; without a report, who had a place."""
    registrations = Registration.objects.filter(webinar_id=webinar.pk)
    if attendance_is_recorded(webinar):
        registrations = registrations.filter(has_attended=True)
    else:
        registrations = registrations.filter(state=Registration.State.REGISTERED)
    return [
        (email, message_language(language), Feedback.Source.PARTICIPANT)
        for email, language in registrations.order_by("created_at", "pk").values_list("email", "language")
    ]


def absent_registrants(webinar: Webinar) -> list[tuple[str, str]]:
    """(address, language) of the registrants who did not attend, for "the recording is available":
    with a report, who registered or waited and is not on it; without one, who waited for a place
    (the others had a place and were sent the survey)."""
    registrations = Registration.objects.filter(webinar_id=webinar.pk, has_attended=False)
    if attendance_is_recorded(webinar):
        registrations = registrations.filter(state__in=[Registration.State.REGISTERED, Registration.State.WAITLISTED])
    else:
        registrations = registrations.filter(state=Registration.State.WAITLISTED)
    return [
        (email, message_language(language))
        for email, language in registrations.order_by("created_at", "pk").values_list("email", "language")
    ]


def published_recordings(webinar: Webinar) -> list[Material]:
    return list(
        webinar.materials.filter(kind=Material.Kind.RECORDING, is_published=True)
        .select_related("language")
        .order_by("pk")
    )


def answered_respondents(webinar: Webinar) -> set[str]:
    """The respondent digests of everyone who has answered the webinar's survey."""
    return set(
        Feedback.objects.filter(webinar_id=webinar.pk).exclude(respondent="").values_list("respondent", flat=True)
    )


# Results ------------------------------------------------------------------------------


def _averages() -> dict:
    return {"answers": Count("pk"), **{f"avg_{field}": Avg(field) for field in RATING_FIELDS}}


def webinar_results(webinar: Webinar) -> dict:
    """Average ratings, counts per source, and every comment of one webinar's survey."""
    feedback = Feedback.objects.filter(webinar=webinar)
    totals = feedback.aggregate(
        **_averages(),
        participants=Count("pk", filter=Q(source=Feedback.Source.PARTICIPANT)),
        experts=Count("pk", filter=Q(source=Feedback.Source.EXPERT)),
    )
    comments = list(
        feedback.exclude(useful="", to_improve="", topic_suggestion="")
        .select_related("expert")
        .order_by("submitted_at", "pk")
    )
    return {"totals": totals, "comments": comments}


def year_results(year: int):
    """Held webinars of a year with their number of answers and average ratings (one query)."""
    return (
        Webinar.objects.filter(status=Webinar.Status.HELD, starts_at__year=year)
        .annotate(
            answers=Count("feedback"),
            avg_overall_rating=Avg("feedback__overall_rating"),
            avg_relevance_rating=Avg("feedback__relevance_rating"),
            avg_content_rating=Avg("feedback__content_rating"),
            avg_expert_rating=Avg("feedback__expert_rating"),
            topic_suggestions=Count("feedback", filter=~Q(feedback__topic_suggestion="")),
        )
        .order_by("starts_at", "pk")
    )


def year_totals(year: int) -> dict:
    return Feedback.objects.filter(webinar__status=Webinar.Status.HELD, webinar__starts_at__year=year).aggregate(
        **_averages()
    )


# Suggested topics to moderate ----------------------------------------------------------------


def suggestions(*, review: str) -> QuerySet[Feedback]:
    """Answers that suggest a topic, in one review state, oldest first (the Secretariat's queue)."""
    return (
        Feedback.objects.exclude(topic_suggestion="")
        .filter(suggestion_review=review)
        .select_related("webinar")
        .order_by("submitted_at", "pk")
    )


def suggestion_counts() -> dict[str, int]:
    """How many suggested topics are in each review state (one query)."""
    rows = Feedback.objects.exclude(topic_suggestion="").values("suggestion_review").annotate(count=Count("pk"))
    counts = dict.fromkeys(SuggestionReview.values, 0)
    counts.update({row["suggestion_review"]: row["count"] for row in rows.order_by()})
    return counts

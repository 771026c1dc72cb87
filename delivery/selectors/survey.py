"""The feedback survey's results (one webinar's, a year's) and whom of the webinar's experts it goes to."""

from django.db.models import Avg, Count, Q

from delivery.selectors.experts import expert_language
from webinars.models import Feedback, Webinar

RATING_FIELDS = ("overall_rating", "content_rating", "expert_rating")


def expert_recipients(webinar: Webinar) -> list[tuple[str, str, str]]:
    """(address, language, source) of the webinar's experts, each in their own language."""
    experts = webinar.experts.prefetch_related("languages").order_by("name", "pk")
    return [(expert.email, expert_language(expert), Feedback.Source.EXPERT) for expert in experts]


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

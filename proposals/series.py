"""A graded series goes on across years: which part a proposal continuing a series is.

The strategy's principle of gradation: "each webinar completes the information given in
the previous ones". A proposal may continue a public series; its first part takes the
number right after the highest part the series holds (held, scheduled or planned), or
right after a part that another proposal under consideration offers for that series (a
group may propose part 4 while part 3 is itself still a proposal). Any other number
would leave a hole in the gradation or give one part twice, and is refused.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from proposals.models import Proposal
from webinars.models import Series

# Proposals whose parts count as offered for a series: under consideration or retained.
OFFERING_STATES = (Proposal.State.SUBMITTED, Proposal.State.UNDER_REVIEW, Proposal.State.RETAINED)


def public_series() -> QuerySet[Series]:
    """The series a coordinator may continue: those the public sees."""
    return Series.objects.public().order_by("title")


def offered_parts(series: Series, *, exclude: Proposal | None = None) -> set[int]:
    """The part numbers that other proposals under consideration (or retained) offer for the series."""
    proposals = Proposal.objects.filter(continues_series=series, state__in=OFFERING_STATES).prefetch_related("parts")
    if exclude is not None and exclude.pk:
        proposals = proposals.exclude(pk=exclude.pk)
    return {number for proposal in proposals for number in proposal.series_part_numbers()}


def allowed_first_parts(series: Series, *, proposal: Proposal | None = None) -> list[int]:
    """The numbers a proposal's first part may take: right after the series' highest part, or
    right after a part another proposal offers (the chain of offered parts from that highest part)."""
    number = series.highest_part() + 1
    allowed = [number]
    offered = offered_parts(series, exclude=proposal)
    while number in offered:
        number += 1
        allowed.append(number)
    return allowed


def check_continuation(*, proposal: Proposal, series: Series, first_part: int | None = None) -> int:
    """The number of the proposal's first part in `series`, or a ValidationError saying why not.

    Without `first_part`, the next part of the series. A series nobody sees yet (entirely in
    internal planning) cannot be continued; a number that breaks the order is refused.
    """
    if not Series.objects.public().filter(pk=series.pk).exists():
        raise ValidationError(
            {"continues_series": _("Only a series the public sees can be continued.")}, code="series_not_public"
        )
    allowed = allowed_first_parts(series, proposal=proposal)
    if first_part is None:
        return allowed[0]
    if first_part not in allowed:
        raise ValidationError(
            {
                "series_first_part": _(
                    "Part %(part)s would break the order of “%(series)s”: its next part is part %(next)s."
                )
                % {"part": first_part, "series": series.title, "next": allowed[0]}
            },
            code="series_order",
        )
    return first_part

"""Read-side queries on proposals that other apps' pages may show."""

from django.db.models import QuerySet

from proposals.models import ConsultationCycle, Proposal


def proposals_under_consideration() -> QuerySet[Proposal]:
    """Proposals "as received" for the public list: submitted ones of cycles not yet decided."""
    return (
        Proposal.objects.under_consideration()
        .exclude(cycle__state=ConsultationCycle.State.DECIDED)
        .select_related("group", "cycle", "candidate_topic__topic")
        .prefetch_related("regions", "languages", "parts")
        .order_by("-submitted_at")
    )

from django.shortcuts import render

from proposals import selectors as proposal_selectors
from webinars import selectors


def topic_list(request):
    """The public home: webinars held, webinars scheduled, proposals under consideration."""
    context = {
        "held": selectors.held_webinars()[:20],
        "scheduled": selectors.scheduled_webinars()[:20],
        "under_consideration": proposal_selectors.proposals_under_consideration()[:50],
    }
    return render(request, "webinars/topic_list.html", context)

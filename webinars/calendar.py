"""iCalendar (.ics) files of webinars: one webinar, or the feed of scheduled ones.

Times are written in UTC, which every calendar converts to its owner's zone; the
description carries the Geneva time as the programme announces it. The join link is
never written: it goes to registered participants only.
"""

from collections.abc import Iterable
from datetime import UTC

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from webinars.models import Webinar


def build_calendar(webinars: Iterable[Webinar], *, request: HttpRequest, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Technical assistance webinars//Secretariat//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for webinar in webinars:
        if webinar.starts_at is None:
            continue
        calendar.add_component(_event(webinar, request=request, stamp=stamp))
    return calendar.to_ical()


def _event(webinar: Webinar, *, request: HttpRequest, stamp) -> Event:
    page = request.build_absolute_uri(reverse("webinars:webinar_detail", args=[webinar.slug]))
    event = Event()
    event.add("uid", f"webinar-{webinar.pk}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", stamp)
    event.add("dtstart", webinar.starts_at.astimezone(UTC))
    event.add("dtend", webinar.ends_at.astimezone(UTC))
    event.add("last-modified", webinar.updated_at.astimezone(UTC))
    event.add("summary", webinar.title)
    lines = [webinar.objectives or webinar.description, page]
    event.add("description", "\n\n".join(line for line in lines if line))
    event.add("url", page)
    event.add("location", _("Online"))
    if webinar.status == Webinar.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar_response(body: bytes, *, filename: str | None = None) -> HttpResponse:
    """The .ics file; with a filename it downloads, without it a calendar can subscribe."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "webinar"}.ics"'
    return response

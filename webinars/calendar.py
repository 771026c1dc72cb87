"""iCalendar entries of webinars: the .ics file of a page, the feed, and the entry a message carries.

A webinar is one event in every calendar, whichever way it arrived there. Its UID names
the webinar, never its date, so a calendar recognises the event after a move; its SEQUENCE
is ``Webinar.calendar_sequence``, which the scheduling service raises with every change of
date or status, so each calendar keeps the newest version (RFC 5546). The file and the
feed are published (METHOD:PUBLISH); a message carries METHOD:REQUEST (the webinar as it
now is: added to the person's calendar, or moved there) or METHOD:CANCEL (taken out of
it: cancelled, or postponed, its date withdrawn until a new one comes as a REQUEST).

Times are written in UTC, which every calendar converts to its owner's zone. The join
link is written only in the entry sent to someone with a place, as in the message's text;
the public file and feed never carry it. Every text passes through ``calendar_text``.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from outbox.addresses import absolute_url
from webinars.models import Webinar

PRODID = "-//Technical assistance webinars//Secretariat//EN"
# iTIP methods (RFC 5546): the public file and feed, and the two a message carries.
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
MESSAGE_METHODS = (REQUEST, CANCEL)

# Control characters (C0 but tab and line feed, DEL, C1) and Unicode's line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")


def calendar_text(value, *, one_line: bool = True) -> str:
    """``value`` as text a calendar file can hold, whatever was typed into the portal.

    RFC 5545 allows no control character in a text but the tab; icalendar escapes a line
    break in SUMMARY or DESCRIPTION, not in a property it does not know (X-WR-CALNAME) nor
    in a parameter, where one breaks the file: a webinar's title with a line break made its
    .ics answer 500. A one-line value (title, name, place) loses its line breaks and runs of
    spaces; a description keeps its lines.
    """
    text = _LINE_BREAKS.sub("\n", str(value or ""))
    text = _CONTROL.sub(" ", text)
    if one_line:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def event_uid(webinar: Webinar) -> str:
    """The webinar's event in every calendar: its id at the portal's host, never its date.

    The same from the page's file, the feed and every message, so a calendar updates the
    event rather than adding a second one. The host is ``PORTAL_SITE_URL``'s, which is the
    host the files were served from before messages carried entries.
    """
    host = urlsplit(settings.PORTAL_SITE_URL).hostname or "localhost"
    return f"webinar-{webinar.pk}@{host}"


def _calendar(*, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(
    webinar: Webinar,
    *,
    stamp: datetime,
    starts_at: datetime | None,
    summary: str,
    description: str,
    page_url: str,
    location: str,
    is_cancelled: bool,
    is_tentative: bool = False,
) -> Event:
    event = Event()
    event.add("uid", event_uid(webinar))
    event.add("sequence", webinar.calendar_sequence)
    event.add("dtstamp", stamp)
    if starts_at is not None:
        event.add("dtstart", starts_at.astimezone(UTC))
        event.add("dtend", (starts_at + timedelta(minutes=webinar.duration_minutes)).astimezone(UTC))
    event.add("summary", calendar_text(summary))
    event.add("description", calendar_text(description, one_line=False))
    event.add("url", page_url)
    event.add("location", calendar_text(location))
    # TENTATIVE: the person is on the waiting list, their place not confirmed.
    event.add("status", "CANCELLED" if is_cancelled else "TENTATIVE" if is_tentative else "CONFIRMED")
    return event


# The public file and feed ---------------------------------------------------------------


def build_calendar(webinars: Iterable[Webinar], *, request: HttpRequest, name: str) -> bytes:
    """The webinars as a published calendar, in the active language; webinars without a date are left out."""
    calendar = _calendar(method=PUBLISH)
    calendar.add("x-wr-calname", calendar_text(name))
    stamp = timezone.now().astimezone(UTC)
    for webinar in webinars:
        if webinar.starts_at is None:
            continue
        calendar.add_component(_public_event(webinar, request=request, stamp=stamp))
    return calendar.to_ical()


def _public_event(webinar: Webinar, *, request: HttpRequest, stamp: datetime) -> Event:
    page = request.build_absolute_uri(reverse("webinars:webinar_detail", args=[webinar.slug]))
    lines = [webinar.objectives or webinar.description, page]
    if webinar.is_cancelled:
        lines.insert(0, _("This webinar was cancelled."))
    event = _event(
        webinar,
        stamp=stamp,
        starts_at=webinar.starts_at,
        summary=webinar.title,
        description="\n\n".join(line for line in lines if line),
        page_url=page,
        location=_("Online"),
        is_cancelled=webinar.is_cancelled,
    )
    event.add("last-modified", webinar.updated_at.astimezone(UTC))
    return event


# The entry a message carries ------------------------------------------------------------


def message_calendar(
    webinar: Webinar,
    *,
    method: str,
    language: str,
    to: str,
    join_url: str = "",
    is_waitlisted: bool = False,
    starts_at: datetime | None = None,
) -> str:
    """The iCalendar entry a message to ``to`` carries, in ``language`` ("" when there is none).

    REQUEST puts the webinar as it now is into the person's calendar, or moves it there.
    CANCEL takes it out: a cancelled webinar, or a postponed one, whose withdrawn date
    (``starts_at``) it names and whose summary says "postponed" (a calendar shows a
    cancelled event as cancelled, which a postponement is not); the new date comes later as
    a REQUEST with the same UID and a higher SEQUENCE. A webinar without a date has no entry:
    nothing of it is in anyone's calendar. ``join_url`` is given only for someone with a
    place, as in the message's text.
    """
    if method not in MESSAGE_METHODS:
        raise ValueError(f"A message carries {' or '.join(MESSAGE_METHODS)}, not {method!r}")
    starts_at = starts_at or webinar.starts_at
    if starts_at is None:
        return ""
    with translation.override(language):
        title = str(webinar.title)
        page_url = absolute_url(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug}))
        is_postponed = method == CANCEL and webinar.is_postponed
        summary = _("Postponed: %(title)s") % {"title": title} if is_postponed else title
        lines = []
        if method == CANCEL:
            lines.append(_("Postponed: new date to be announced") if is_postponed else _("This webinar was cancelled."))
        elif join_url:
            lines.append(_("To join the webinar, open this link at the starting time:") + "\n" + join_url)
        elif is_waitlisted:
            lines.append(_("You stay on the waiting list; we write to you if a place becomes free."))
        lines.append(_("About the webinar:") + "\n" + page_url)
        calendar = _calendar(method=method)
        event = _event(
            webinar,
            stamp=timezone.now().astimezone(UTC),
            starts_at=starts_at,
            summary=summary,
            description="\n\n".join(lines),
            page_url=page_url,
            location=join_url if method == REQUEST and join_url else _("Online"),
            is_cancelled=method == CANCEL,
            is_tentative=method == REQUEST and is_waitlisted and not join_url,
        )
        event.add("organizer", _organizer())
        attendee = vCalAddress(f"mailto:{to}")
        attendee.params["rsvp"] = "FALSE"  # registering was the answer: calendars ask nothing
        event.add("attendee", attendee)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _organizer() -> vCalAddress:
    """The portal's sending address, named as the messages sign; iTIP needs an organizer."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = calendar_text(_("Technical assistance webinars of the Secretariat"))
    return organizer


def calendar_response(body: bytes, *, filename: str | None = None) -> HttpResponse:
    """The .ics file; with a filename it downloads, without it a calendar can subscribe."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "webinar"}.ics"'
    return response

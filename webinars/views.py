"""The public pages: the topic list (home), a webinar, a series, and the calendar files.

The three pages are cached whole for anonymous visitors without a message waiting
(webinars.page_cache says when a cached page is stale). A cached page is shared by all
of them, so its CSRF token is a placeholder swapped for the visitor's own token on the
way out: the language switcher and a webinar's "tell me when the date is set" form post
with a token that is valid for this visitor, exactly as from a page rendered for them.
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from participants import selectors as participant_selectors
from proposals import selectors as proposal_selectors
from webinars import page_cache, selectors
from webinars.calendar import build_calendar, calendar_response
from webinars.filters import FILTER_PARAMS, PAGE_PARAMS, ListQuery, TopicListFilter, filter_querystring, read_list_query
from webinars.page_cache import catalogue_version

PER_PAGE = {"held": 10, "scheduled": 10, "proposals": 20}
# A safety net only: saves refresh the pages at once (webinars.page_cache).
LIST_CACHE_SECONDS = 120
PAGE_CACHE_SECONDS = LIST_CACHE_SECONDS
PART_LABELS = {
    "held": lambda: _("Held"),
    "scheduled": lambda: _("Scheduled"),
    "proposals": lambda: _("Under consideration"),
}


def topic_list(request):
    """The public home: webinars held, webinars scheduled, proposals under consideration.

    Two caches, both keyed by the catalogue version (so a change shows at once):
    the list itself, per language, filters and pages; and, for anonymous visitors
    without pending messages, the whole page.
    """
    version = catalogue_version()
    page_key = _shared_page_key(request, "topic-list", version, allowed_params=KNOWN_PARAMS)
    if page_key:
        page = page_cache.read_page(page_key)
        if page is not None:
            return _for_this_visitor(request, page)

    query = read_list_query(request.GET)
    key_source = f"{get_language()}|{version}|{query.key}"
    key = "webinars:topic-list:" + hashlib.sha256(key_source.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = render_to_string("webinars/_topic_list_body.html", _topic_list_context(query))
        cache.set(key, body, LIST_CACHE_SECONDS)
    feed_query = query.filters.urlencode()
    context = {
        "body": mark_safe(body),  # noqa: S308 - our own template's output, autoescaped when rendered
        "calendar_feed_url": reverse("webinars:calendar_feed") + (f"?{feed_query}" if feed_query else ""),
    }
    if not page_key:
        return render(request, "webinars/topic_list.html", context)
    page = _render_shared(request, "webinars/topic_list.html", context)
    page_cache.store_page(page_key, page, timeout=LIST_CACHE_SECONDS)
    return _for_this_visitor(request, page)


KNOWN_PARAMS = frozenset(FILTER_PARAMS) | frozenset(PAGE_PARAMS.values())


def _shared_page_key(request, name: str, version: str, *, allowed_params: frozenset = frozenset()) -> str | None:
    """The whole-page key, or None when the page must be rendered for this visitor.

    Only anonymous visitors with no message waiting share pages, and only for URLs
    made of the page's own parameters (the language switcher repeats the URL): any
    other query string would fill the cache with copies of one page.
    """
    if request.user.is_authenticated or len(get_messages(request)):
        return None
    path = request.get_full_path()
    if len(path) > 600 or not set(request.GET) <= allowed_params:
        return None
    return f"webinars:{name}-page:" + hashlib.sha256(f"{version}|{get_language()}|{path}".encode()).hexdigest()


def _csrf_placeholder() -> str:
    """Stands for the CSRF token in a shared cached page; unguessable, the same in every process."""
    return "csrf-" + salted_hmac("webinars.topic_list.csrf", "placeholder").hexdigest()


def _render_shared(request, template: str, context: dict) -> str:
    """The page as every anonymous visitor sees it, with the CSRF token left as a placeholder."""
    return render_to_string(template, {**context, "csrf_token": _csrf_placeholder()}, request)


def _for_this_visitor(request, page: str) -> HttpResponse:
    """A shared page with this visitor's own CSRF token (and its cookie, set by the middleware)."""
    return HttpResponse(page.replace(_csrf_placeholder(), get_token(request)))


def _topic_list_context(query: ListQuery) -> dict:
    reference = selectors.reference_data()
    filterset = TopicListFilter(query.filters, reference=reference)
    values = filterset.values
    notices = []
    if query.search_was_cut:
        notices.append(
            _("Your search was longer than %(limit)s characters: only the first %(limit)s were used.") % {"limit": 200}
        )
    for label in filterset.rejected():
        notices.append(
            _("The value given for “%(filter)s” is not one we know, so that filter was left out.") % {"filter": label}
        )
    for part in query.bad_pages:
        notices.append(
            _("The page number given for “%(part)s” is not valid: its first page is shown.")
            % {"part": PART_LABELS[part]()}
        )

    webinars = filterset.qs
    pages = {}
    if filterset.shows("held"):
        pages["held"] = selectors.page_of(
            selectors.held_part(webinars), number=query.pages.get("held", 1), per_page=PER_PAGE["held"]
        )
    if filterset.shows("scheduled"):
        pages["scheduled"] = selectors.page_of(
            selectors.scheduled_part(webinars), number=query.pages.get("scheduled", 1), per_page=PER_PAGE["scheduled"]
        )
    if filterset.shows("proposals"):
        pages["proposals"] = selectors.page_of(
            proposal_selectors.considered_proposals(filterset.criteria()),
            number=query.pages.get("proposals", 1),
            per_page=PER_PAGE["proposals"],
        )
    listed_webinars = [w for part in ("held", "scheduled") if part in pages for w in pages[part].items]
    selectors.attach_regions_and_languages(listed_webinars, reference)
    if "proposals" in pages:
        proposal_selectors.attach_regions_and_languages(pages["proposals"].items, reference)

    for part, page in pages.items():
        if page.was_out_of_range:
            notices.append(
                _("There is no such page of “%(part)s”: its last page, page %(page)s, is shown.")
                % {"part": PART_LABELS[part](), "page": page.number}
            )
        current = {PAGE_PARAMS[p]: pg.number for p, pg in pages.items() if pg.number > 1}
        page.previous_url = _page_url(values, current, part, page.number - 1) if page.has_previous else ""
        page.next_url = _page_url(values, current, part, page.number + 1) if page.has_next else ""

    return {
        "filterset": filterset,
        "values": values,
        "is_filtered": bool(values),
        "notices": notices,
        "held": pages.get("held"),
        "scheduled": pages.get("scheduled"),
        "proposals": pages.get("proposals"),
        "total": sum(page.count for page in pages.values()),
        "reference": reference,
        "calendar_query": filter_querystring(values),
    }


def _page_url(values: dict, current_pages: dict, part: str, number: int) -> str:
    pages = {**current_pages, PAGE_PARAMS[part]: number if number > 1 else None}
    query = filter_querystring(values, **pages)
    return f"{reverse('webinars:topic_list')}{'?' + query if query else ''}#{part}-heading"


def webinar_detail(request, slug):
    """A public webinar: what it is about, who speaks, when, and what followed it.

    Shared from the cache while neither the catalogue nor anything pointing at this
    webinar (a registration, an invitation, an answer to the survey) changed, and never
    past the start, when registration closes by the clock alone.
    """
    page_key = _shared_page_key(request, "webinar", catalogue_version())
    if not page_key:
        return render(request, "webinars/webinar_detail.html", _webinar_context(slug))
    page = page_cache.read_page(page_key)
    if page is not None:
        return _for_this_visitor(request, page)
    # Read before the page's rows: a change committed from now on leaves what is stored stale.
    version = page_cache.webinar_version(selectors.public_webinar_id(slug=slug))
    context = _webinar_context(slug)
    webinar = context["webinar"]
    page = _render_shared(request, "webinars/webinar_detail.html", context)
    page_cache.store_page(
        page_key,
        page,
        timeout=PAGE_CACHE_SECONDS,
        webinar_id=webinar.pk,
        webinar_version=version,
        fresh_until=_changes_by_the_clock_at(webinar),
    )
    return _for_this_visitor(request, page)


def _changes_by_the_clock_at(webinar):
    """When the page changes with no row changing: at the start, registration closes (and the
    "tell me when" form goes, for a webinar still waiting for its expert). None: never."""
    if webinar.starts_at is not None and webinar.starts_at > timezone.now():
        return webinar.starts_at
    return None


def _webinar_context(slug: str) -> dict:
    webinar = selectors.public_webinar(slug=slug)
    parts = selectors.series_parts(webinar.series) if webinar.series_id else []
    previous_part = next((p for p in parts if p.position == (webinar.series_position or 0) - 1), None)
    next_part = next((p for p in parts if p.position == (webinar.series_position or 0) + 1), None)
    materials = webinar.published_materials
    return {
        "webinar": webinar,
        "registration_offer": participant_selectors.registration_offer(webinar),
        "date_alert_offer": participant_selectors.date_alert_offer(webinar),
        "series_parts": parts,
        "previous_part": previous_part,
        "next_part": next_part,
        "recordings": [m for m in materials if m.kind == m.Kind.RECORDING],
        "slides": [m for m in materials if m.kind == m.Kind.SLIDES],
        "other_materials": [m for m in materials if m.kind == m.Kind.OTHER],
        # The survey's figures, from enough answers; suggested topics once published.
        "feedback": selectors.public_feedback(webinar),
    }


def webinar_ics(request, slug):
    """One webinar as an .ics file to add to a calendar."""
    webinar = selectors.public_webinar(slug=slug)
    if webinar.starts_at is None:
        raise Http404("This webinar has no date yet.")
    body = build_calendar([webinar], request=request, name=webinar.title)
    return calendar_response(body, filename=webinar.slug)


def material_download(request, pk):
    """An uploaded recording or slide deck, served by the portal so only published files leave it."""
    material = selectors.published_material_file(pk=pk)
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1])


def series_detail(request, slug):
    """A graded series: its parts in order across the years, each with its state and date, and
    the proposals under consideration for its next part.

    Shared from the cache until the catalogue changes (its parts are webinars).
    """
    page_key = _shared_page_key(request, "series", catalogue_version())
    if page_key:
        page = page_cache.read_page(page_key)
        if page is not None:
            return _for_this_visitor(request, page)
    series = selectors.public_series(slug=slug)
    context = {
        "series": series,
        "parts": selectors.series_parts(series),
        "next_proposed": proposal_selectors.next_part_proposals(series),
    }
    if not page_key:
        return render(request, "webinars/series_detail.html", context)
    page = _render_shared(request, "webinars/series_detail.html", context)
    page_cache.store_page(page_key, page, timeout=PAGE_CACHE_SECONDS)
    return _for_this_visitor(request, page)


def calendar_feed(request):
    """The scheduled webinars as a calendar to subscribe to, filtered like the list; cancelled
    ones stay a while, marked cancelled, so subscribed calendars drop them."""
    query = read_list_query(request.GET)
    filterset = TopicListFilter(
        query.filters, reference=selectors.reference_data(), queryset=selectors.calendar_webinars()
    )
    body = build_calendar(filterset.qs, request=request, name=_("Technical assistance webinars"))
    return calendar_response(body)

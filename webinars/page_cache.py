"""Freshness of the public catalogue's cached pages.

The topic list, the webinar pages and the series pages are cached, keyed by a catalogue
*version*. Any save or delete of what they show (webinars, their materials and answers,
experts, series, reference data, proposals and their cycle) replaces the version, so the
next visitor gets a fresh page at once: a newly published webinar or recording never
waits for a timeout. The version is a random token rather than a counter, so two
databases that share a cache (tests, a bench run) never reuse each other's keys.

A webinar's page shows more than the list: whether registration is open or full, its
experts as the invitations allow, its survey figures. Those come from rows that point at
the webinar (a registration, an invitation, a feedback answer), which change far more
often than the catalogue. So each webinar has a version of its own too, replaced by the
save or delete of *any* row with a foreign key to the webinar: the page of that one
webinar is rebuilt, and the list and the other pages keep their cache. This app names
none of those later models; a new model that points at a webinar is covered by itself.

The receivers listen to every model save and pick by label; the later apps whose rows
the list also shows (proposals) register their models with ``watch()``, so this app
never names them.

Writes that bypass signals (QuerySet.update, bulk_create, raw SQL) are caught by the
pages' short lifetime only; call bump_catalogue_version() or bump_webinar_version()
after such a write. (The registration service counts places with update(), but always
beside the save of a registration or of the webinar, in the same transaction.) A row
moved from one webinar to another refreshes the page of the webinar it now points at.
With several processes the cache must be shared (Redis, as in the real deployment):
a per-process cache cannot tell the other processes.
"""

import math
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

VERSION_KEY = "webinars:catalogue-version"
WEBINAR_VERSION_KEY = "webinars:webinar-version:{pk}"
# What the public pages show; a change to any of these rows refreshes them. Later apps
# whose rows the list shows too (the proposals under consideration) add theirs with watch().
WATCHED_MODELS: set[str] = {
    "webinars.Webinar",
    "webinars.Material",
    "webinars.AnsweredQuestion",
    "webinars.Series",
    "webinars.Topic",
    "webinars.Expert",
    "webinars.Region",
    "webinars.Language",
    "webinars.RegionalGroup",
    "webinars.ScopeArea",
}
# Many-to-many fields are watched on the model that declares them: a webinar's regions,
# not, say, a network member's regions of interest.
WATCHED_M2M_OWNERS: set[str] = {"webinars.Webinar", "webinars.Expert", "webinars.RegionalGroup"}


def watch(*labels: str, m2m_owners: tuple[str, ...] = ()) -> None:
    """Refresh the public pages whenever a row of these models (``app.Model``) changes.

    Called from a later app's ``AppConfig.ready()``: this app never names the later apps.
    """
    WATCHED_MODELS.update(labels)
    WATCHED_M2M_OWNERS.update(m2m_owners)


def _version(key: str) -> str:
    """The current token under ``key``; a missing one (cold or evicted cache) starts a new one."""
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add(): two processes starting at once agree on the first token written.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def catalogue_version() -> str:
    """The catalogue's current version token."""
    return _version(VERSION_KEY)


def bump_catalogue_version() -> None:
    """Make every cached public page stale."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def webinar_version(pk: int) -> str:
    """The current version token of one webinar's page (beside the catalogue's)."""
    return _version(WEBINAR_VERSION_KEY.format(pk=pk))


def bump_webinar_version(*pks: int) -> None:
    """Make the cached pages of these webinars stale (the list and the other pages keep theirs)."""
    cache.set_many({WEBINAR_VERSION_KEY.format(pk=pk): uuid.uuid4().hex for pk in pks}, timeout=None)


# --- Whole pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedPage:
    """A rendered page shared by anonymous visitors, and what else says it is still fresh."""

    html: str
    webinar_id: int | None = None  # the page of this webinar: its own version must not have moved
    webinar_version: str = ""
    fresh_until: float | None = None  # a POSIX time: the clock alone changes the page then


def read_page(key: str) -> str | None:
    """The page stored under ``key`` while it is still fresh, else None."""
    page = cache.get(key)
    if page is None:
        return None
    if page.fresh_until is not None and timezone.now().timestamp() >= page.fresh_until:
        return None
    own_version_key = WEBINAR_VERSION_KEY.format(pk=page.webinar_id)
    if page.webinar_id is not None and cache.get(own_version_key) != page.webinar_version:
        return None
    return page.html


def store_page(
    key: str,
    html: str,
    *,
    timeout: int,
    webinar_id: int | None = None,
    webinar_version: str = "",
    fresh_until: datetime | None = None,
) -> None:
    """Keep a page for at most ``timeout`` seconds, and never past ``fresh_until``.

    ``webinar_version`` is the one read *before* the page's rows were read, so that a
    change committed meanwhile leaves the page stale rather than stored as fresh.
    """
    until = fresh_until.timestamp() if fresh_until is not None else None
    if until is not None:
        left = until - timezone.now().timestamp()
        if left <= 0:
            return
        timeout = min(timeout, math.ceil(left))
    page = CachedPage(html=html, webinar_id=webinar_id, webinar_version=webinar_version, fresh_until=until)
    cache.set(key, page, timeout)


def _bump_now_and_after_commit(bump, *args) -> None:
    # Now: the same request or test sees its own change. After the commit: a page
    # rendered by another process between the save and the commit (it could not see the
    # row yet) was cached under the intermediate version and is dropped as well.
    bump(*args)
    transaction.on_commit(lambda: bump(*args))


# Per model: the columns of its foreign keys to a webinar (none for most models).
_WEBINAR_LINKS: dict[type, tuple[str, ...]] = {}


def _webinar_links(model) -> tuple[str, ...]:
    links = _WEBINAR_LINKS.get(model)
    if links is None:
        links = tuple(
            field.attname
            for field in model._meta.concrete_fields
            if field.many_to_one or field.one_to_one
            if field.related_model is not None and field.related_model._meta.label == "webinars.Webinar"
        )
        _WEBINAR_LINKS[model] = links
    return links


@receiver(post_save, dispatch_uid="webinars_page_cache_post_save")
@receiver(post_delete, dispatch_uid="webinars_page_cache_post_delete")
def _model_changed(sender, instance, **kwargs) -> None:
    if sender._meta.label in WATCHED_MODELS:
        _bump_now_and_after_commit(bump_catalogue_version)
    # The instance's own values only (never a deferred column, which would cost a query).
    webinar_ids = {instance.__dict__.get(name) for name in _webinar_links(sender)} - {None}
    if webinar_ids:
        _bump_now_and_after_commit(bump_webinar_version, *webinar_ids)


@receiver(m2m_changed, dispatch_uid="webinars_page_cache_m2m_changed")
def _relation_changed(sender, instance, action, reverse, model, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    owner = model if reverse else type(instance)
    if owner._meta.label in WATCHED_M2M_OWNERS:
        _bump_now_and_after_commit(bump_catalogue_version)

"""Freshness of the public catalogue's cached pages.

The topic list is cached as a rendered fragment, keyed by a catalogue *version*. Any
save or delete of what the list shows (webinars, their materials and answers, series,
reference data, proposals and their cycle) replaces the version, so the next visitor
gets a fresh page at once: a newly published webinar or recording never waits for a
timeout. The version is a random token rather than a counter, so two databases that
share a cache (tests, a bench run) never reuse each other's keys.

The receivers listen to every model save and pick by label; the later apps whose rows
the list also shows (proposals) register their models with ``watch()``, so this app
never names them.

Writes that bypass signals (QuerySet.update, bulk_create, raw SQL) are caught by the
fragments' short lifetime only; call bump_catalogue_version() after such a write.
With several processes the cache must be shared (Redis, as in the real deployment):
a per-process cache cannot tell the other processes.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

VERSION_KEY = "webinars:catalogue-version"
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


def catalogue_version() -> str:
    """The current version token; a missing one (cold or evicted cache) starts a new one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): two processes starting at once agree on the first token written.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def bump_catalogue_version() -> None:
    """Make every cached public page stale."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _bump_now_and_after_commit() -> None:
    # Now: the same request or test sees its own change. After the commit: a page
    # rendered by another process between the save and the commit (it could not see the
    # row yet) was cached under the intermediate version and is dropped as well.
    bump_catalogue_version()
    transaction.on_commit(bump_catalogue_version)


@receiver(post_save, dispatch_uid="webinars_page_cache_post_save")
@receiver(post_delete, dispatch_uid="webinars_page_cache_post_delete")
def _model_changed(sender, **kwargs) -> None:
    if sender._meta.label in WATCHED_MODELS:
        _bump_now_and_after_commit()


@receiver(m2m_changed, dispatch_uid="webinars_page_cache_m2m_changed")
def _relation_changed(sender, instance, action, reverse, model, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    owner = model if reverse else type(instance)
    if owner._meta.label in WATCHED_M2M_OWNERS:
        _bump_now_and_after_commit()

"""The network digest: the webinars newly open for registration, told to the members they interest.

The strategy: "people who took part in webinars will receive information on the next ones,
so as to build and grow a network of participants". Campaigns promote one webinar when the
Secretariat decides to; the digest runs by itself. Every ``PORTAL_DIGEST_DAYS`` each
confirmed member hears, in their language, of the webinars opened for registration since
their previous digest that match their interests, with the link to register, the link to
their preferences and a one-click unsubscribe.

Rules that hold here:
- Which webinars: public, scheduled with a date, open for registration by the registration
  service's own rule (so a digest never offers a "register" link that would be refused), and
  first found open after the member's previous digest (``DigestListing``). A member's first
  digest tells of every such webinar open now. A webinar the member has registered for
  already is left out; one a campaign promoted to them is not (the digest lists everything
  new, a campaign is a special promotion).
- Whose interests: scope areas, regions and languages each narrow the digest only when the
  member chose some (nothing chosen: every webinar). A webinar whose topic has no scope area
  reaches only members who chose no area.
- One message per member per period: the outbox key names the member and their previous
  digest (``network-digest:<member>:<previous digest, or "first">``), the members are locked
  while they are read, and ``last_digest_at`` is set in the same transaction: a second run,
  or two at once, queue nothing more. Nothing is queued when nothing matches, and then
  ``last_digest_at`` is left as it is, so those webinars still count for the next run.
- Never to a pending or unsubscribed member; leaving drops a digest queued and not sent yet
  (``network.withdraw_list_messages``).
- Ten thousand members in seconds with memory flat: members are read and rows written a
  thousand at a time, each language's message for one list of webinars is rendered once and
  each person only gets their name and links put in. The rows are not handed to the sending
  task one by one: the outbox sweep delivers them a chunk at a time, and a broker that is
  down loses nothing (they are rows, sent by the next sweep).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from outbox.addresses import message_language
from outbox.models import Notice
from participants.models import DigestListing, NetworkMember, Registration
from participants.services.campaigns import webinar_texts
from participants.services.network import MemberLinks
from participants.services.registration import registration_refusal
from participants.services.rendering import RenderedMessage, render_once
from webinars.models import Webinar

# Members read (and locked) per query, rows written per INSERT: memory holds one chunk.
CHUNK_SIZE = 1000
# The daily run that finds a member's digest due a few minutes short of the period still
# sends it, rather than a day late.
DUE_SLACK = timedelta(hours=1)
# How much of a webinar's description a digest quotes.
DESCRIPTION_CHARS = 280


@dataclass(frozen=True)
class DigestWebinar:
    """An open webinar as the digest matches it against members' interests."""

    webinar: Webinar
    listed_at: datetime
    scope_area_id: int | None
    region_ids: frozenset[int]
    language_codes: frozenset[str]

    def interests(self, *, areas: set[int], regions: set[int], languages: list[str]) -> bool:
        """Whether a member with these interests wants to hear of it (nothing chosen: yes)."""
        if areas and self.scope_area_id not in areas:
            return False
        if regions and not regions & self.region_ids:
            return False
        return not languages or any(code in self.language_codes for code in languages)


def digest_period() -> timedelta:
    return timedelta(days=settings.PORTAL_DIGEST_DAYS)


def digest_key(*, member_id: int, since: datetime | None) -> str:
    """One digest per member per period: the period is named by the digest before it."""
    return f"network-digest:{member_id}:{since.isoformat() if since else 'first'}"


def open_webinars(*, now: datetime) -> list[Webinar]:
    """Public webinars scheduled with a date and open for registration now, soonest first."""
    candidates = (
        Webinar.objects.public()
        .filter(status=Webinar.Status.SCHEDULED, starts_at__gt=now)
        .select_related("topic")
        .prefetch_related("regions", "languages")
        .order_by("starts_at", "pk")
    )
    return [webinar for webinar in candidates if registration_refusal(webinar, now=now) is None]


def _listed_webinars(*, now: datetime) -> list[DigestWebinar]:
    """The open webinars with the moment the digest first found each open.

    A webinar no longer open loses its listing, so once it reopens (postponed, then given a
    new date) it is announced again. Two runs at once list a webinar once (unique webinar).
    """
    webinars = open_webinars(now=now)
    open_ids = [webinar.pk for webinar in webinars]
    DigestListing.objects.exclude(webinar_id__in=open_ids).delete()
    DigestListing.objects.bulk_create(
        [DigestListing(webinar_id=pk, listed_at=now) for pk in open_ids], ignore_conflicts=True
    )
    listed_at = dict(DigestListing.objects.filter(webinar_id__in=open_ids).values_list("webinar_id", "listed_at"))
    return [
        DigestWebinar(
            webinar=webinar,
            listed_at=listed_at[webinar.pk],
            scope_area_id=webinar.topic.scope_area_id,
            region_ids=frozenset(region.pk for region in webinar.regions.all()),
            language_codes=frozenset(language.code for language in webinar.languages.all()),
        )
        for webinar in webinars
    ]


def due_members(*, now: datetime, newest_listing: datetime):
    """Confirmed members whose previous digest is a period old (or who never had one) and
    who may have something new: a webinar listed after their previous digest."""
    cutoff = now - digest_period() + DUE_SLACK
    return NetworkMember.objects.filter(state=NetworkMember.State.CONFIRMED).filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=cutoff, last_digest_at__lt=newest_listing)
    )


class _Messages:
    """Each language's message for one list of webinars, rendered once (twice: a member's
    first digest does not speak of a previous one)."""

    def __init__(self):
        self._texts: dict[tuple[int, str], dict] = {}
        self._rendered: dict[tuple[str, tuple[int, ...], bool], RenderedMessage] = {}

    def _webinar(self, item: DigestWebinar, language: str) -> dict:
        key = (item.webinar.pk, language)
        if key not in self._texts:
            texts = webinar_texts(item.webinar, language)
            texts["description"] = Truncator(texts["description"]).chars(DESCRIPTION_CHARS)
            self._texts[key] = texts
        return self._texts[key]

    def for_list(self, language: str, items: list[DigestWebinar], *, is_first: bool) -> RenderedMessage:
        key = (language, tuple(item.webinar.pk for item in items), is_first)
        if key not in self._rendered:
            context = {"webinars": [self._webinar(item, language) for item in items], "is_first": is_first}
            self._rendered[key] = render_once(
                kind=Notice.Kind.NETWORK_DIGEST, language=language, context=context, for_members=(True,)
            )
        return self._rendered[key]


def _interests(model_field, member_ids: list[int], column: str) -> dict[int, set[int]]:
    chosen = defaultdict(set)
    rows = model_field.through.objects.filter(networkmember_id__in=member_ids).values_list("networkmember_id", column)
    for member_id, value in rows:
        chosen[member_id].add(value)
    return chosen


@transaction.atomic
def send_network_digest(*, now: datetime | None = None) -> int:
    """Queue this period's digest to every member it is due to; returns how many were queued.

    Only the portal runs it (a daily task), so it needs no permission; it decides for itself
    who is due, so running it again, or twice at once, queues nothing more.
    """
    now = now or timezone.now()
    listed = _listed_webinars(now=now)
    if not listed:
        return 0
    newest_listing = max(item.listed_at for item in listed)
    webinar_ids = [item.webinar.pk for item in listed]
    about_type = ContentType.objects.get_for_model(NetworkMember)
    links = MemberLinks()
    messages = _Messages()
    members = (
        due_members(now=now, newest_listing=newest_listing)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", "email", "name", "language", "languages", "last_digest_at")
    )
    queued = 0
    last_pk = 0
    while True:
        chunk = list(members.filter(pk__gt=last_pk)[:CHUNK_SIZE])
        if not chunk:
            break
        last_pk = chunk[-1][0]
        member_ids = [row[0] for row in chunk]
        areas = _interests(NetworkMember.scope_areas, member_ids, "scopearea_id")
        regions = _interests(NetworkMember.regions, member_ids, "region_id")
        registered = set(
            Registration.objects.filter(webinar_id__in=webinar_ids, email__in=[row[1] for row in chunk])
            .exclude(state=Registration.State.CANCELLED)
            .values_list("email", "webinar_id")
        )
        batch: list[Notice] = []
        told: list[int] = []
        for member_id, email, name, language, languages, since in chunk:
            items = [
                item
                for item in listed
                if (since is None or item.listed_at > since)
                and (email, item.webinar.pk) not in registered
                and item.interests(areas=areas[member_id], regions=regions[member_id], languages=languages or [])
            ]
            if not items:
                continue
            language = message_language(language)
            unsubscribe_url, preferences_url = links.for_member(member_id=member_id, email=email, language=language)
            message = messages.for_list(language, items, is_first=since is None)
            batch.append(
                Notice(
                    kind=Notice.Kind.NETWORK_DIGEST,
                    key=digest_key(member_id=member_id, since=since),
                    to=email,
                    language=language,
                    subject=message.subject,
                    body=message.body_for(name=name, unsubscribe_url=unsubscribe_url, preferences_url=preferences_url),
                    context={"unsubscribe_url": unsubscribe_url, "webinars": [item.webinar.pk for item in items]},
                    about_type=about_type,
                    about_id=str(member_id),
                )
            )
            told.append(member_id)
        if batch:
            Notice.objects.bulk_create(batch, ignore_conflicts=True)
            NetworkMember.objects.filter(pk__in=told).update(last_digest_at=now)
            queued += len(batch)
    return queued

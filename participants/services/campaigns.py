"""Campaigns: promoting a webinar by e-mail to the participants' network and past participants.

The Secretariat picks the audience (network members by interest, region and language;
past participants of related webinars or of the same series), previews the message in
each language, sends a test to itself, then sends: through the outbox, throttled, one
message per person per campaign, each with a one-click unsubscribe.

Rules that hold here:
- One message per person per campaign: the audience is deduplicated by address (lower
  case), and each outbox row's key is ``campaign:<id>:<address>`` (unique in the outbox).
- Nobody who left the network is written to, whether they are a member or a past
  participant; a member who has not confirmed is not written to as a member. Leaving drops
  the messages queued to the address and not sent yet (network.withdraw_list_messages).
- Every message carries a one-click unsubscribe link (and the List-Unsubscribe headers the
  outbox adds from it): the member's own link, with the link to their preferences, or, for
  a past participant who never joined, a signed opt-out link that records the address as
  unsubscribed from the network.
- A campaign is sent once. Sending writes every message in one transaction; the outbox's
  sweep delivers them a chunk at a time (nothing is handed to the task one by one, so
  ten thousand messages do not become ten thousand broker messages at once).
"""

import hashlib
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from outbox.addresses import absolute_url, message_language, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.models import Campaign, NetworkMember, Registration
from participants.services.network import make_preferences_token, make_unsubscribe_token, withdraw_list_messages
from participants.services.rendering import RenderedMessage, render_once
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from portal.throttle import Rate, within_rate
from webinars.models import Webinar
from webinars.selectors import LANGUAGE_CODES
from webinars.time_zones import geneva_time_text

# A test to oneself is cheap to ask for and lands in a real mailbox: five per ten minutes.
TEST_RATE = Rate(count=5, seconds=600)
# Rows written per INSERT and read per query while queueing: memory holds one chunk.
CHUNK_SIZE = 1000
# Webinars whose campaigns are prepared: those still to come. Only a scheduled one is sent.
PROMOTABLE_STATUSES = (Webinar.Status.PLANNED, Webinar.Status.SCHEDULED, Webinar.Status.POSTPONED)
# Where each person's token goes in a link reversed once per language.
TOKEN_MARK = "TOKEN"


@dataclass(frozen=True)
class Recipient:
    """One person a campaign writes to, and where their unsubscribe link comes from:
    their network membership (member_id) or, if they never joined, the registration by
    which they took part in an earlier webinar (registration_id)."""

    email: str
    name: str
    language: str
    member_id: int | None = None
    registration_id: int | None = None


# Audience -----------------------------------------------------------------------------


def _registered_for(webinar: Webinar, address_ref: str) -> Exists:
    """People who already hold a registration for the webinar need no invitation to it."""
    return Exists(
        Registration.objects.annotate(address=Lower("email"))
        .filter(webinar_id=webinar.pk, address=OuterRef(address_ref))
        .exclude(state=Registration.State.CANCELLED)
    )


def matching_members(campaign: Campaign):
    """Confirmed network members the campaign's criteria select.

    A member who chose no area of interest (or no region) did not narrow what they want
    to hear about, so an area (region) criterion keeps them. Pending and unsubscribed
    members are never selected.
    """
    members = NetworkMember.objects.filter(state=NetworkMember.State.CONFIRMED)
    area_ids = [area.pk for area in campaign.scope_areas.all()]
    if area_ids:
        chosen = NetworkMember.scope_areas.through.objects.filter(networkmember_id=OuterRef("pk"))
        members = members.filter(Exists(chosen.filter(scopearea_id__in=area_ids)) | ~Exists(chosen))
    region_ids = [region.pk for region in campaign.regions.all()]
    if region_ids:
        chosen = NetworkMember.regions.through.objects.filter(networkmember_id=OuterRef("pk"))
        members = members.filter(Exists(chosen.filter(region_id__in=region_ids)) | ~Exists(chosen))
    if campaign.languages:
        members = members.filter(language__in=campaign.languages)
    return members.exclude(_registered_for(campaign.webinar, "email"))


def _includes_series(campaign: Campaign) -> bool:
    """Past participants of the series count only when the webinar is part of one."""
    return campaign.include_series_participants and campaign.webinar.series_id is not None


def related_webinars(campaign: Campaign):
    """Earlier webinars whose participants the campaign reaches: the same series, and/or
    the same topic or scope area, as the campaign asks. Never the promoted webinar itself."""
    webinar = campaign.webinar
    related = Q(pk__in=[])
    if _includes_series(campaign):
        related |= Q(series_id=webinar.series_id)
    if campaign.include_topic_participants:
        related |= Q(topic_id=webinar.topic_id)
        scope_area_id = webinar.topic.scope_area_id
        if scope_area_id:
            related |= Q(topic__scope_area_id=scope_area_id)
    return Webinar.objects.filter(related).exclude(pk=webinar.pk)


def _past_participant_rows(campaign: Campaign):
    """Attended registrations of related webinars, newest first per address, without
    anyone who left the network, is registered already, or is a member selected anyway."""
    confirmed = NetworkMember.objects.filter(email=OuterRef("address"), state=NetworkMember.State.CONFIRMED)
    rows = (
        Registration.objects.filter(has_attended=True, webinar__in=related_webinars(campaign))
        .annotate(address=Lower("email"))
        .exclude(
            Exists(NetworkMember.objects.filter(email=OuterRef("address"), state=NetworkMember.State.UNSUBSCRIBED))
        )
        .exclude(_registered_for(campaign.webinar, "address"))
    )
    if campaign.include_network:
        rows = rows.exclude(Exists(matching_members(campaign).filter(email=OuterRef("address"))))
    return rows.annotate(
        member_id=Subquery(confirmed.values("pk")[:1]),
        member_name=Subquery(confirmed.values("name")[:1]),
        member_language=Subquery(confirmed.values("language")[:1]),
    ).order_by("address", "-created_at", "-pk")


def campaign_audience(campaign: Campaign) -> Iterator[Recipient]:
    """Everyone the campaign writes to, once each, a chunk of rows at a time.

    Members come first (their own name and language); then past participants not already
    counted, in the language of their membership if they are confirmed members, else of
    their latest registration.
    """
    if campaign.include_network:
        members = matching_members(campaign).order_by("pk").values_list("pk", "email", "name", "language")
        last_pk = 0
        while True:
            chunk = list(members.filter(pk__gt=last_pk)[:CHUNK_SIZE])
            if not chunk:
                break
            last_pk = chunk[-1][0]
            for pk, email, name, language in chunk:
                yield Recipient(email=normalise_email(email), name=name, language=language, member_id=pk)
    if not (_includes_series(campaign) or campaign.include_topic_participants):
        return
    rows = _past_participant_rows(campaign).values_list(
        "address", "name", "language", "pk", "member_id", "member_name", "member_language"
    )
    previous = None
    for address, name, language, pk, member_id, member_name, member_language in rows.iterator(chunk_size=CHUNK_SIZE):
        if address == previous:
            continue  # an older registration of someone already counted
        previous = address
        if member_id is not None:
            recipient = Recipient(
                email=address, name=member_name or name, language=member_language, member_id=member_id
            )
        else:
            recipient = Recipient(email=address, name=name, language=language, registration_id=pk)
        if campaign.languages and recipient.language not in campaign.languages:
            continue
        yield recipient


def audience_counts(campaign: Campaign) -> dict:
    """How many people the campaign would reach, in total and by language (in settings order)."""
    by_language = dict.fromkeys(LANGUAGE_CODES, 0)
    for recipient in campaign_audience(campaign):
        by_language[message_language(recipient.language)] += 1
    rows = [{"language": code, "label": label, "count": by_language[code]} for code, label in settings.LANGUAGES]
    return {"total": sum(by_language.values()), "by_language": by_language, "rows": rows}


# Links --------------------------------------------------------------------------------


def _address_tag(email: str) -> str:
    """Ties an opt-out link to one address without writing the address into the URL."""
    return salted_hmac("webinars.campaign.address", normalise_email(email)).hexdigest()[:20]


def make_opt_out_token(*, email: str, registration_id: int | None = None, user_id: int | None = None) -> str:
    """A never-expiring link token for someone outside the network: a past participant
    (their registration) or a staff member receiving a test (their account)."""
    payload = {"a": _address_tag(email)}
    if registration_id is not None:
        payload["r"] = registration_id
    else:
        payload["u"] = user_id
    return signing.sign(signing.CAMPAIGN_OPT_OUT, payload)


def address_from_opt_out_token(token: str) -> str | None:
    """The address the link was made for; None when its registration or account is gone;
    ``InvalidLink`` for a forged link or one whose registration or account has another address."""
    payload = signing.read(signing.CAMPAIGN_OPT_OUT, token)
    if not isinstance(payload, dict):
        raise InvalidLink(purpose=signing.CAMPAIGN_OPT_OUT)
    if isinstance(payload.get("r"), int):
        email = Registration.objects.filter(pk=payload["r"]).values_list("email", flat=True).first()
    elif isinstance(payload.get("u"), int):
        email = get_user_model().objects.filter(pk=payload["u"]).values_list("email", flat=True).first()
    else:
        raise InvalidLink(purpose=signing.CAMPAIGN_OPT_OUT)
    if email is None:
        return None
    if not constant_time_compare(_address_tag(email), str(payload.get("a", ""))):
        raise InvalidLink.stale(signing.CAMPAIGN_OPT_OUT)
    return normalise_email(email)


@transaction.atomic
def opt_out_address(*, email: str, actor=None) -> NetworkMember:
    """Someone outside the network asks for no more messages: the address is recorded as an
    unsubscribed network member, which every campaign excludes. Opting out twice changes nothing.
    A campaign queued to the address but not sent yet is not sent."""
    email = normalise_email(email)
    member, created = NetworkMember.objects.select_for_update().get_or_create(
        email=email,
        defaults={"state": NetworkMember.State.UNSUBSCRIBED, "unsubscribed_at": timezone.now()},
    )
    if not created and member.state != NetworkMember.State.UNSUBSCRIBED:
        member.change_state(NetworkMember.State.UNSUBSCRIBED)
        member.unsubscribed_at = timezone.now()
        member.save(update_fields=["state", "unsubscribed_at"])
    withdraw_list_messages(email=email)
    return member


class _LinkMaker:
    """Builds unsubscribe links fast: the URL of each kind is reversed once per language."""

    def __init__(self):
        self._prefixes = {}

    def _url(self, name: str, language: str, token: str) -> str:
        key = (name, language)
        if key not in self._prefixes:
            with translation.override(language):
                self._prefixes[key] = absolute_url(reverse(name, kwargs={"token": TOKEN_MARK})).split(TOKEN_MARK)
        before, after = self._prefixes[key]
        return f"{before}{token}{after}"

    def for_recipient(self, recipient: Recipient) -> str:
        if recipient.member_id is not None:
            # The token needs only the member's id and address: no model instance per person.
            token = make_unsubscribe_token(SimpleNamespace(pk=recipient.member_id, email=recipient.email))
            return self._url("participants:network_unsubscribe", recipient.language, token)
        token = make_opt_out_token(email=recipient.email, registration_id=recipient.registration_id)
        return self._url("participants:campaign_opt_out", recipient.language, token)

    def preferences_for(self, recipient: Recipient) -> str:
        """A member's link to their own preferences; none for someone outside the network."""
        if recipient.member_id is None:
            return ""
        token = make_preferences_token(SimpleNamespace(pk=recipient.member_id, email=recipient.email))
        return self._url("participants:network_preferences", recipient.language, token)

    def for_user(self, user, language: str) -> str:
        member = NetworkMember.objects.filter(email=normalise_email(user.email)).first()
        if member is not None:
            return self._url("participants:network_unsubscribe", language, make_unsubscribe_token(member))
        return self._url(
            "participants:campaign_opt_out", language, make_opt_out_token(email=user.email, user_id=user.pk)
        )


# Rendering ----------------------------------------------------------------------------


def webinar_texts(webinar: Webinar, language: str) -> dict:
    """What a message or the promotion kit says about the webinar, in one language (the
    catalogue's translations, with their fallback). Only public fields."""
    with translation.override(language):
        return {
            "title": webinar.title,
            "description": webinar.description,
            "starts_at_text": geneva_time_text(webinar.starts_at, language=language),
            "duration_minutes": webinar.duration_minutes,
            "format": webinar.get_format_display(),
            "languages_text": ", ".join(str(language.name) for language in webinar.languages.all()),
            "webinar_url": absolute_url(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})),
            "register_url": absolute_url(reverse("participants:webinar_register", kwargs={"slug": webinar.slug})),
        }


def message_context(campaign: Campaign, language: str, *, name: str, unsubscribe_url: str) -> dict:
    """The template context of the campaign's message in one language."""
    return {
        **webinar_texts(campaign.webinar, language),
        **own_texts(campaign, language),
        "name": name,
        "unsubscribe_url": unsubscribe_url,
    }


def own_texts(campaign: Campaign, language: str) -> dict:
    """The campaign's subject and introduction in exactly this language, without the
    catalogue's fallback: a message is in one language, so a reader whose language has no
    text gets the default subject (in their language) and no introduction, never another
    language's sentences in the middle of theirs."""
    suffix = language.replace("-", "_")
    return {
        "subject": getattr(campaign, f"subject_{suffix}", "") or "",
        "introduction": getattr(campaign, f"introduction_{suffix}", "") or "",
    }


def render_campaign(campaign: Campaign, language: str) -> RenderedMessage:
    """Render the message of one language once (with and without a name, for a member of
    the network with the link to their preferences and for a past participant without);
    each recipient only gets substitutions."""
    language = message_language(language)
    context = {**webinar_texts(campaign.webinar, language), **own_texts(campaign, language)}
    return render_once(kind=Notice.Kind.CAMPAIGN, language=language, context=context)


def preview_campaign(campaign: Campaign, language: str, *, name: str | None = None) -> dict:
    """The subject and body as a recipient in this language reads them (a placeholder for
    the name, never a real person's, and a sample unsubscribe link), and whether the
    campaign's own text exists in that language."""
    language = message_language(language)
    rendered = render_campaign(campaign, language)
    with translation.override(language):
        if name is None:
            name = _("[Participant's name]")
        sample_url = absolute_url(reverse("participants:network_unsubscribe", kwargs={"token": "sample"}))
        sample_preferences_url = absolute_url(reverse("participants:network_preferences", kwargs={"token": "sample"}))
    has_own_text = any(own_texts(campaign, language).values())
    body = rendered.body_for(name=name, unsubscribe_url=sample_url, preferences_url=sample_preferences_url)
    return {
        "language": language,
        "is_rtl": language in settings.LANGUAGES_BIDI,
        "subject": rendered.subject,
        "body": body,
        "body_lines": body.rstrip("\n").split("\n"),
        "has_own_text": has_own_text,
    }


# Sending ------------------------------------------------------------------------------


def campaign_key(campaign: Campaign, email: str) -> str:
    """The outbox key: one message per person per campaign. An address too long for the
    key's column is replaced by its digest (still one per person)."""
    key = f"campaign:{campaign.pk}:{email}"
    if len(key) > Notice._meta.get_field("key").max_length:
        key = f"campaign:{campaign.pk}:sha256:{hashlib.sha256(email.encode()).hexdigest()}"
    return key


def check_campaign_sendable(campaign: Campaign, *, now: datetime | None = None) -> None:
    """A campaign goes out once, and only for a scheduled webinar that has not started."""
    if campaign.state != Campaign.State.DRAFT:
        when = campaign.sent_at or campaign.updated_at
        raise ValidationError(
            _("This campaign was already sent on %(date)s; a campaign is sent only once. Nothing more was sent.")
            % {"date": geneva_time_text(when, language=translation.get_language() or settings.LANGUAGE_CODE)},
            code="already_sent",
        )
    webinar = campaign.webinar
    now = now or timezone.now()
    if webinar.status != Webinar.Status.SCHEDULED or webinar.starts_at is None or webinar.starts_at <= now:
        raise ValidationError(
            _("Only a scheduled webinar that has not started yet can be promoted."), code="not_scheduled"
        )


def _queue_campaign_messages(campaign: Campaign) -> int:
    """Write one outbox row per recipient, a chunk per INSERT; returns how many."""
    about_type = ContentType.objects.get_for_model(Campaign)
    links = _LinkMaker()
    rendered: dict[str, RenderedMessage] = {}
    batch: list[Notice] = []
    count = 0
    for recipient in campaign_audience(campaign):
        language = message_language(recipient.language)
        if language not in rendered:
            rendered[language] = render_campaign(campaign, language)
        message = rendered[language]
        unsubscribe_url = links.for_recipient(recipient)
        body = message.body_for(
            name=recipient.name, unsubscribe_url=unsubscribe_url, preferences_url=links.preferences_for(recipient)
        )
        batch.append(
            Notice(
                kind=Notice.Kind.CAMPAIGN,
                key=campaign_key(campaign, recipient.email),
                to=recipient.email,
                language=language,
                subject=message.subject,
                body=body,
                context={"campaign": campaign.pk, "unsubscribe_url": unsubscribe_url},
                about_type=about_type,
                about_id=str(campaign.pk),
            )
        )
        if len(batch) >= CHUNK_SIZE:
            Notice.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        Notice.objects.bulk_create(batch)
        count += len(batch)
    return count


@transaction.atomic
def send_campaign(*, campaign: Campaign, actor) -> Campaign:
    """Queue the campaign's message to everyone in its audience, once.

    In one transaction: the campaign is locked and moves draft -> sending -> sent, and one
    outbox row per person is written (key ``campaign:<id>:<address>``). A second send is
    refused and writes nothing. The rows are not handed to the sending task one by one:
    the outbox sweep delivers them a chunk at a time over one SMTP session, which spreads
    a large campaign over several sweeps instead of flooding the mail server.
    """
    require_permission(actor, "participants.send_campaign")
    campaign = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("webinar__topic")
        .prefetch_related("webinar__languages")
        .get(pk=campaign.pk)
    )
    check_campaign_sendable(campaign)
    campaign.change_state(Campaign.State.SENDING)
    campaign.save(update_fields=["state", "updated_at"])
    count = _queue_campaign_messages(campaign)
    if count == 0:
        raise ValidationError(_("Nobody matches this audience. Widen it before sending."), code="empty")
    campaign.change_state(Campaign.State.SENT)
    campaign.sent_at = timezone.now()
    campaign.sent_by = actor
    campaign.sent_count = count
    campaign.save(update_fields=["state", "sent_at", "sent_by", "sent_count", "updated_at"])
    return campaign


@transaction.atomic
def send_campaign_test(*, campaign: Campaign, actor, language: str | None = None) -> Notice:
    """Send the campaign's message, as a recipient would read it, to the acting staff
    member's own address; a draft can be tested as often as needed, within a limit (five
    per ten minutes) since each test lands in a real mailbox."""
    require_permission(actor, "participants.change_campaign")
    if not actor.email:
        raise ValidationError(_("Your account has no e-mail address. Add one to receive the test."), code="no_email")
    if not within_rate(f"campaign-test:{actor.pk}", TEST_RATE):
        raise ValidationError(
            _("You have sent several tests in the last minutes. Please wait ten minutes before the next."),
            code="throttled",
        )
    language = message_language(language or getattr(actor, "language", "") or settings.LANGUAGE_CODE)
    unsubscribe_url = _LinkMaker().for_user(actor, language)
    name = actor.get_full_name() or actor.get_username()
    context = message_context(campaign, language, name=name, unsubscribe_url=unsubscribe_url)
    now = timezone.now()
    notice = queue_notice(
        kind=Notice.Kind.CAMPAIGN,
        to=actor.email,
        language=language,
        key=f"campaign-test:{campaign.pk}:{actor.pk}:{now:%Y%m%dT%H%M%S.%f}",
        context=context,
        about=campaign,
    )
    Campaign.objects.filter(pk=campaign.pk).update(test_sent_at=now)
    campaign.test_sent_at = now
    return notice


def count_unsaved_audience(*, campaign: Campaign, scope_areas=(), regions=()) -> dict:
    """The audience counts of criteria not saved yet (the form's "count" button): the
    criteria are written inside a savepoint that is always rolled back."""
    was_new = campaign.pk is None
    with transaction.atomic():
        campaign.save()
        campaign.scope_areas.set(scope_areas)
        campaign.regions.set(regions)
        counts = audience_counts(campaign)
        transaction.set_rollback(True)
    if was_new:
        campaign.pk = None
        campaign._state.adding = True
    return counts


def delivery_counts(campaign: Campaign) -> dict:
    """How the campaign's messages stand in the outbox: waiting, sent, failed."""
    rows = (
        Notice.objects.filter(key__startswith=f"campaign:{campaign.pk}:")
        .values_list("state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(Notice.State.values, 0)
    counts.update(dict(rows))
    return counts


@transaction.atomic
def save_campaign(*, campaign: Campaign, actor, scope_areas=(), regions=()) -> Campaign:
    """Create or change a draft campaign; a sent one is kept as it went out.

    The row is locked first: an edit saved while the campaign is being sent waits for the
    send and is then refused, instead of writing the form's stale "draft" over it.
    """
    require_permission(actor, "participants.change_campaign" if campaign.pk else "participants.add_campaign")
    saved_state = (
        Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("state", flat=True).first()
        if campaign.pk
        else None
    )
    if saved_state not in (None, Campaign.State.DRAFT):
        raise ValidationError(_("This campaign was sent; it can no longer be changed."), code="sent")
    if campaign.webinar.status not in PROMOTABLE_STATUSES:
        raise ValidationError(
            _("Only a webinar still to come (planned, scheduled or postponed) can be promoted."), code="not_scheduled"
        )
    campaign.languages = [code for code in LANGUAGE_CODES if code in set(campaign.languages or [])]
    if campaign.webinar.series_id is None:
        campaign.include_series_participants = False  # a lone webinar has no series to draw on
    if campaign.created_by_id is None:
        campaign.created_by = actor
    campaign.save()
    campaign.scope_areas.set(scope_areas)
    campaign.regions.set(regions)
    return campaign


# Promotion kit ------------------------------------------------------------------------

KIT_DESCRIPTION_CHARS = 280
CARD_WIDTH, CARD_HEIGHT = 1200, 630


def promotion_kit(webinar: Webinar) -> list[dict]:
    """What member states' focal points reuse on their pages and social media, in every
    language: title, date in Geneva time, a short description, the public link and the
    card image. Only what the public page shows (never the join link or any person's data)."""
    kit = []
    for code, label in settings.LANGUAGES:
        texts = webinar_texts(webinar, code)
        with translation.override(code):
            card_path = reverse("participants:promotion_card", kwargs={"slug": webinar.slug})
        kit.append(
            {
                **texts,
                "language": code,
                "language_name": label,
                "is_rtl": code in settings.LANGUAGES_BIDI,
                "short_description": Truncator(texts["description"]).chars(KIT_DESCRIPTION_CHARS),
                "card_path": card_path,
                "card_url": absolute_url(card_path),
            }
        )
    return kit


def _wrap(text: str, *, width: int, max_lines: int) -> list[str]:
    """Lines for the card: words where the script has spaces, characters where it has none
    (Chinese); the last line ends with an ellipsis when the text is longer."""
    if " " in text.strip():
        lines = textwrap.wrap(text, width=width)
    else:
        lines = [text[start : start + width] for start in range(0, len(text), width)]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip()[: max(1, width - 1)] + "…"
    return lines


def promotion_card_svg(webinar: Webinar, language: str) -> str:
    """A 1200×630 card (the size social networks show) with the title, the date in Geneva
    time and the address of the public page. Every text is XML-escaped."""
    language = message_language(language)
    texts = webinar_texts(webinar, language)
    is_rtl = language in settings.LANGUAGES_BIDI
    # Full-width characters (Chinese) take about twice the room of Latin, Cyrillic or Arabic letters.
    is_wide_script = sum(ord(char) >= 0x2E80 for char in texts["title"]) > len(texts["title"]) / 2
    x = CARD_WIDTH - 60 if is_rtl else 60
    with translation.override(language):
        heading = _("Technical assistance webinar")
        when = _("%(date)s (Geneva time)") % {"date": texts["starts_at_text"]} if texts["starts_at_text"] else ""
    title_lines = _wrap(texts["title"], width=18 if is_wide_script else 34, max_lines=4)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CARD_WIDTH}" height="{CARD_HEIGHT}" '
        f'viewBox="0 0 {CARD_WIDTH} {CARD_HEIGHT}" role="img" aria-label="{escape(texts["title"])}" '
        f'direction="{"rtl" if is_rtl else "ltr"}" lang="{language}">',
        f'<rect width="{CARD_WIDTH}" height="{CARD_HEIGHT}" fill="#0b3d6b"/>',
        f'<rect y="{CARD_HEIGHT - 16}" width="{CARD_WIDTH}" height="16" fill="#f2b705"/>',
        '<g font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" fill="#ffffff" text-anchor="start">',
        f'<text x="{x}" y="100" font-size="30" fill="#f2b705">{escape(heading)}</text>',
    ]
    for index, line in enumerate(title_lines):
        parts.append(f'<text x="{x}" y="{190 + index * 68}" font-size="56" font-weight="bold">{escape(line)}</text>')
    if when:
        parts.append(f'<text x="{x}" y="500" font-size="32">{escape(when)}</text>')
    parts.append(f'<text x="{x}" y="570" font-size="24" fill="#cfe0f1">{escape(texts["webinar_url"])}</text>')
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"

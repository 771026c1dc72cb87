"""Joining and leaving the participants' network: signed links, limits, state changes.

The strategy: "people who took part in webinars will receive information on the next
ones, so as to build and grow a network of participants". Joining is a double opt-in:
the sign-up form only asks, and the person confirms from a link sent to the address,
so nobody can put someone else on the list. Leaving takes one click from any message.

What the sign-up page says never depends on whether the address is already known: a
stranger typing an address learns nothing about who is in the network.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from outbox.addresses import absolute_url, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.models import NetworkMember
from portal import signing
from portal.signing import InvalidLink
from portal.throttle import Rate, within_rate
from webinars.models import Language, Region, ScopeArea

# Seconds within which the same join request is taken for a double-click, not a new request.
REPEAT_WINDOW_SECONDS = 60


# Signed links (portal.signing) ----------------------------------------------------------


def _address_tag(email: str) -> str:
    """A keyed digest of the address: it ties a link to one address without writing the
    address itself into URLs (and so into proxy logs)."""
    return salted_hmac("webinars.network.address", normalise_email(email)).hexdigest()[:20]


def _payload(member: NetworkMember) -> dict:
    return {"m": member.pk, "a": _address_tag(member.email)}


def _member_from_payload(payload) -> NetworkMember | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("m"), int):
        return None
    member = NetworkMember.objects.filter(pk=payload["m"]).first()
    if member is None or not constant_time_compare(_address_tag(member.email), str(payload.get("a", ""))):
        return None
    return member


def make_confirmation_token(member: NetworkMember) -> str:
    """A link token that proves the address received our message; it expires (a setting)."""
    return signing.sign(signing.NETWORK_CONFIRM, _payload(member))


def member_from_confirmation_token(token: str) -> NetworkMember:
    """The member the link is for; ``InvalidLink`` when expired, forged, or the member is gone."""
    member = _member_from_payload(signing.read(signing.NETWORK_CONFIRM, token))
    if member is None:
        raise InvalidLink.stale(signing.NETWORK_CONFIRM)
    return member


def make_unsubscribe_token(member: NetworkMember) -> str:
    """A stable link token for leaving; it never expires, so an old message still works."""
    return signing.sign(signing.NETWORK_UNSUBSCRIBE, _payload(member))


def member_from_unsubscribe_token(token: str) -> NetworkMember | None:
    """The member the link is for; None when the row no longer exists (they are gone already)."""
    return _member_from_payload(signing.read(signing.NETWORK_UNSUBSCRIBE, token))


def make_preferences_token(member: NetworkMember) -> str:
    """A stable link token for changing one's language and interests; it never expires."""
    return signing.sign(signing.NETWORK_PREFERENCES, _payload(member))


def member_from_preferences_token(token: str) -> NetworkMember:
    member = _member_from_payload(signing.read(signing.NETWORK_PREFERENCES, token))
    if member is None:
        raise InvalidLink.stale(signing.NETWORK_PREFERENCES)
    return member


def confirmation_url(member: NetworkMember) -> str:
    """Absolute link to the confirmation page, in the member's language."""
    with translation.override(member.language):
        return absolute_url(reverse("participants:network_confirm", kwargs={"token": make_confirmation_token(member)}))


def unsubscribe_url(member: NetworkMember) -> str:
    """Absolute one-click unsubscribe link; every message to a member carries it."""
    with translation.override(member.language):
        return absolute_url(
            reverse("participants:network_unsubscribe", kwargs={"token": make_unsubscribe_token(member)})
        )


def preferences_url(member: NetworkMember) -> str:
    """Absolute link to the member's own preferences page."""
    with translation.override(member.language):
        return absolute_url(
            reverse("participants:network_preferences", kwargs={"token": make_preferences_token(member)})
        )


class MemberLinks:
    """A member's unsubscribe and preferences links, fast enough for ten thousand members:
    each kind's URL is reversed once per language, and the token needs only the member's
    id and address (no model instance per person). The links are those of
    ``unsubscribe_url`` and ``preferences_url``."""

    TOKEN_MARK = "TOKEN"

    def __init__(self):
        self._prefixes: dict[tuple[str, str], list[str]] = {}

    def _url(self, name: str, language: str, token: str) -> str:
        key = (name, language)
        if key not in self._prefixes:
            with translation.override(language):
                path = reverse(name, kwargs={"token": self.TOKEN_MARK})
            self._prefixes[key] = absolute_url(path).split(self.TOKEN_MARK)
        before, after = self._prefixes[key]
        return f"{before}{token}{after}"

    def for_member(self, *, member_id: int, email: str, language: str) -> tuple[str, str]:
        """(unsubscribe link, preferences link) in the member's language."""
        payload = {"m": member_id, "a": _address_tag(email)}
        return (
            self._url("participants:network_unsubscribe", language, signing.sign(signing.NETWORK_UNSUBSCRIBE, payload)),
            self._url("participants:network_preferences", language, signing.sign(signing.NETWORK_PREFERENCES, payload)),
        )


def webinar_language_codes(codes) -> list[str]:
    """The codes among ``codes`` of languages webinars are given in (webinars.Language), in
    the catalogue's order; an unknown code is dropped, not stored."""
    wanted = set(codes or ())
    if not wanted:
        return []
    return [code for code in Language.objects.values_list("code", flat=True) if code in wanted]


# Limits against abuse -----------------------------------------------------------------


class JoinThrottled(Exception):
    """Too many sign-up requests from one client or for one address; nothing was saved."""

    def __init__(self, *, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def _hit(key: str, rate: Rate) -> None:
    """Count one request; refuse past the limit."""
    if not within_rate(key, rate):
        raise JoinThrottled(retry_after=rate.seconds)


def count_join_from_client(*, client_address: str) -> None:
    """Every sign-up POST from one client address counts, valid or not (PORTAL_NETWORK_JOIN_RATE)."""
    _hit(f"network-join:client:{client_address or 'unknown'}", Rate.parse(settings.PORTAL_NETWORK_JOIN_RATE))


def count_join_for_address(*, email: str) -> None:
    """Every join request for one address counts, whatever that address's state, so the limit
    itself reveals nothing and an inbox cannot be flooded (PORTAL_NETWORK_ADDRESS_RATE)."""
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    _hit(f"network-join:address:{digest}", Rate.parse(settings.PORTAL_NETWORK_ADDRESS_RATE))


# State changes ------------------------------------------------------------------------


def _queue_network_message(*, member: NetworkMember, is_member_already: bool) -> Notice:
    """The message a join request causes: a confirmation link, or, for someone already
    confirmed, a reminder of how to manage or leave. Every one carries the unsubscribe link."""
    now = timezone.now()
    cause = "network-reminder" if is_member_already else "network-confirmation"
    # A double-click (or a reload) does not send a second message in the same language:
    # the member row is locked by the caller, so the second request sees the first's notice.
    recent = (
        Notice.objects.filter(
            key__startswith=f"{cause}:{member.pk}:",
            language=member.language,
            created_at__gte=now - timedelta(seconds=REPEAT_WINDOW_SECONDS),
        )
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        return recent
    context = {
        "name": member.name,
        "email": member.email,
        "is_member_already": is_member_already,
        "unsubscribe_url": unsubscribe_url(member),
        "preferences_url": preferences_url(member),
        "max_age_days": max(1, signing.NETWORK_CONFIRM.lifetime().days),
    }
    if not is_member_already:
        context["confirm_url"] = confirmation_url(member)
    return queue_notice(
        kind=Notice.Kind.NETWORK_CONFIRMATION,
        to=member.email,
        language=member.language,
        key=f"{cause}:{member.pk}:{now:%Y%m%dT%H%M%S.%f}",
        context=context,
        about=member,
    )


@transaction.atomic
def join_network(
    *,
    email: str,
    language: str,
    name: str = "",
    regions: list[Region] | tuple = (),
    scope_areas: list[ScopeArea] | tuple = (),
    languages: list[str] | tuple = (),
    has_consented: bool,
    actor=None,
) -> NetworkMember:
    """Ask to join: the address gets a confirmation link; nothing is confirmed yet.

    A new or pending address becomes (stays) pending with the preferences just given; an
    address that left comes back as pending and must confirm again. An address already
    confirmed is left exactly as it is (a stranger cannot change its preferences) and only
    receives a reminder. The caller shows the same page in every case.
    """
    if not has_consented:
        raise ValidationError(_("Please agree to the use of your data, or we cannot send you anything."))
    email = normalise_email(email)
    member, _created = NetworkMember.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language, "state": NetworkMember.State.PENDING}
    )
    if member.state == NetworkMember.State.CONFIRMED:
        _queue_network_message(member=member, is_member_already=True)
        return member
    if member.state == NetworkMember.State.UNSUBSCRIBED:
        member.change_state(NetworkMember.State.PENDING)
        member.confirmed_at = None
        member.unsubscribed_at = None
    member.name = name.strip()
    member.language = language
    member.languages = webinar_language_codes(languages)
    member.consented_at = timezone.now()
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save()
    member.regions.set(regions)
    member.scope_areas.set(scope_areas)
    _queue_network_message(member=member, is_member_already=False)
    return member


@transaction.atomic
def confirm_membership(*, member: NetworkMember, actor=None) -> NetworkMember:
    """The person clicked the link sent to the address: they are in the network.

    Confirming twice changes nothing. An address that left since the link was sent stays
    out: leaving wins over an old link, and the person can join again.
    """
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    if member.state == NetworkMember.State.CONFIRMED:
        return member
    if member.state != NetworkMember.State.PENDING:
        raise ValidationError(
            _("You left the network after this link was sent, so it no longer applies. You are welcome to join again."),
            code="left",
        )
    member.change_state(NetworkMember.State.CONFIRMED)
    member.confirmed_at = timezone.now()
    member.save(update_fields=["state", "confirmed_at"])
    return member


@transaction.atomic
def unsubscribe_member(*, member: NetworkMember, actor=None) -> NetworkMember:
    """Leave the network in one step; leaving twice changes nothing."""
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    if member.state == NetworkMember.State.UNSUBSCRIBED:
        return member
    member.change_state(NetworkMember.State.UNSUBSCRIBED)
    member.unsubscribed_at = timezone.now()
    member.save(update_fields=["state", "unsubscribed_at"])
    withdraw_list_messages(email=member.email)
    return member


def withdraw_list_messages(*, email: str) -> int:
    """Drop the network's messages to an address that are still waiting in the outbox.

    Leaving takes effect at once: a digest, a campaign or an announcement queued before the
    person left but not sent yet is never sent. Those are the messages that carry an
    unsubscribe link (the ones the outbox sends with List-Unsubscribe); a registrant's own
    messages (confirmation, reminders, a change of date) carry none and still go. A message
    being sent at this moment is locked by the sender: this waits for it, and a sent one
    stays as the record that it went. Called inside the transaction that records the leaving.
    """
    pending = Notice.objects.filter(
        to__iexact=normalise_email(email), state=Notice.State.PENDING, context__has_key="unsubscribe_url"
    ).exclude(context__unsubscribe_url="")
    deleted, _by_model = pending.delete()
    return deleted


@transaction.atomic
def update_member_preferences(
    *,
    member: NetworkMember,
    language: str,
    name: str = "",
    regions: list[Region] | tuple = (),
    scope_areas: list[ScopeArea] | tuple = (),
    languages: list[str] | tuple = (),
    actor=None,
) -> NetworkMember:
    """Change the language and interests of someone in the network (from their own link).

    Someone who left has no preferences to change: they join again instead.
    """
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    if member.state == NetworkMember.State.UNSUBSCRIBED:
        raise ValidationError(_("You have left the network. Join again to choose what you receive."), code="left")
    member.name = name.strip()
    member.language = language
    member.languages = webinar_language_codes(languages)
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save(update_fields=["name", "language", "languages"])
    member.regions.set(regions)
    member.scope_areas.set(scope_areas)
    return member

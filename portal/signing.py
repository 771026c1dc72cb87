"""Every signed link of the portal: what each kind is for, how it is signed, how long it works.

A link in a message stands in for a login: whoever holds it may confirm a place in the
network, leave it, cancel a registration, answer an invitation or a survey. So each kind
of link is a declared ``Purpose`` with its own salt (a link made for one purpose is refused
by every other), its lifetime and its signer, and ``sign`` and ``read`` are the only two
ways to make and open one. A refused link raises ``InvalidLink``, which says why (expired,
forged or damaged, no longer valid, already used); ``portal.views.link_not_valid`` is the one
page that tells the person so, and what they can do.

Links already sent must keep working: a purpose's salt, signer kind (timestamped or not),
compression and payload shape are part of every message in people's mailboxes. Never
change them; a new shape is a new purpose with a new salt. The keyed digests of addresses
that payloads carry (``salted_hmac`` with "webinars.network.address",
"webinars.registration.cancel", "webinars.experts.invitation", "webinars.survey.respondent",
"webinars.campaign.address") are computed by each service and are just as fixed: some are
also stored (the survey's respondent digest).

Single use is not a property of the signature: it is decided by the service from the state
of the row the link names (an invitation answered, a survey answered), inside the
transaction that changes it, so two clicks racing cannot both win. ``Purpose.is_single_use``
records which purposes are meant to be used once, so the service may raise
``InvalidLink.used(purpose)`` and the page can say "this link was already used"; a view that
has a better page for the row's state (the answer already given) shows that one instead.

A link only ever leads to a page with a button; only the POST changes anything (mail
scanners fetch links before people read them).
"""

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing

Lifetime = int | timedelta | Callable[[], int | timedelta] | None


@dataclass(frozen=True)
class Purpose:
    """One kind of signed link.

    ``max_age``: seconds or a timedelta, a callable returning one (read when a link is
    opened, for lifetimes that a setting gives), or None for a link that never expires.
    ``is_timestamped``: ``signing.dumps`` (TimestampSigner) when true, ``Signer.sign_object``
    when false; a link without a timestamp cannot expire.
    """

    name: str
    salt: str
    max_age: Lifetime
    is_timestamped: bool
    is_compressed: bool = False
    is_single_use: bool = False

    def __post_init__(self):
        if self.max_age is not None and not self.is_timestamped:
            raise ValueError(f"{self.name}: a link without a timestamp cannot expire")

    def lifetime(self) -> timedelta | None:
        """How long a link of this purpose works, as configured now; None for ever."""
        max_age = self.max_age() if callable(self.max_age) else self.max_age
        if max_age is None or isinstance(max_age, timedelta):
            return max_age
        return timedelta(seconds=max_age)


# The purposes. Salts, signer kinds and compression are those of the links already sent.

NETWORK_CONFIRM = Purpose(
    name="network-confirm",
    salt="webinars.network.confirm",
    max_age=lambda: settings.PORTAL_NETWORK_CONFIRM_MAX_AGE,
    is_timestamped=True,
    is_compressed=True,
)
# Leaving must always work, from the oldest message: no expiry.
NETWORK_UNSUBSCRIBE = Purpose(
    name="network-unsubscribe",
    salt="webinars.network.unsubscribe",
    max_age=None,
    is_timestamped=False,
    is_compressed=True,
)
NETWORK_PREFERENCES = Purpose(
    name="network-preferences",
    salt="webinars.network.preferences",
    max_age=None,
    is_timestamped=False,
    is_compressed=True,
)
# Works until the webinar starts (the service checks that); webinars are scheduled within the year.
REGISTRATION_CANCEL = Purpose(
    name="registration-cancel",
    salt="webinars.registration.cancel",
    max_age=timedelta(days=400),
    is_timestamped=True,
)
# For past participants outside the network: like leaving the network, it never expires.
CAMPAIGN_OPT_OUT = Purpose(
    name="campaign-opt-out",
    salt="webinars.campaign.opt-out",
    max_age=None,
    is_timestamped=False,
    is_compressed=True,
)
EXPERT_INVITATION = Purpose(
    name="expert-invitation",
    salt="webinars.experts.invitation",
    max_age=timedelta(days=30),
    is_timestamped=True,
    is_single_use=True,
)
SURVEY_ANSWER = Purpose(
    name="survey-answer",
    salt="webinars.survey.answer",
    max_age=lambda: settings.PORTAL_SURVEY_MAX_AGE,
    is_timestamped=True,
    is_single_use=True,
)

PURPOSES = (
    NETWORK_CONFIRM,
    NETWORK_UNSUBSCRIBE,
    NETWORK_PREFERENCES,
    REGISTRATION_CANCEL,
    CAMPAIGN_OPT_OUT,
    EXPERT_INVITATION,
    SURVEY_ANSWER,
)


class InvalidLink(Exception):
    """A link that does not open what it names; nothing was changed."""

    class Reason(StrEnum):
        EXPIRED = "expired"  # ours, but its lifetime is over
        FORGED = "forged"  # not ours: damaged, mistyped, cut short, or signed for another purpose
        STALE = "stale"  # ours, but what it names is gone or has changed (a new address, say)
        USED = "used"  # ours, meant for one use, and used

    def __init__(self, reason: "InvalidLink.Reason" = Reason.FORGED, *, purpose: Purpose | None = None, message=""):
        super().__init__(str(reason))
        self.reason = InvalidLink.Reason(reason)
        self.purpose = purpose
        # A sentence for the person, from the service, said instead of the general one.
        self.message = message

    @classmethod
    def stale(cls, purpose: Purpose, message: str = "") -> "InvalidLink":
        return cls(cls.Reason.STALE, purpose=purpose, message=message)

    @classmethod
    def used(cls, purpose: Purpose, message: str = "") -> "InvalidLink":
        if not purpose.is_single_use:
            raise ValueError(f"{purpose.name} links may be used more than once")
        return cls(cls.Reason.USED, purpose=purpose, message=message)

    @property
    def is_expired(self) -> bool:
        return self.reason == self.Reason.EXPIRED

    @property
    def is_forged(self) -> bool:
        return self.reason == self.Reason.FORGED


def sign(purpose: Purpose, payload) -> str:
    """The token of a link for ``purpose``; ``payload`` is JSON (keep it small: it is in the URL)."""
    if purpose.is_timestamped:
        return signing.dumps(payload, salt=purpose.salt, compress=purpose.is_compressed)
    return signing.Signer(salt=purpose.salt).sign_object(payload, compress=purpose.is_compressed)


def read(purpose: Purpose, token: str):
    """The payload signed for ``purpose``; ``InvalidLink`` when expired or not ours.

    The caller still checks that the payload names a row that exists and matches (and,
    for a single-use purpose, that it was not used), and raises ``InvalidLink.stale`` or
    ``InvalidLink.used`` otherwise.
    """
    try:
        if purpose.is_timestamped:
            return signing.loads(token, salt=purpose.salt, max_age=purpose.lifetime())
        return signing.Signer(salt=purpose.salt).unsign_object(token)
    except signing.SignatureExpired as error:
        raise InvalidLink(InvalidLink.Reason.EXPIRED, purpose=purpose) from error
    except (signing.BadSignature, ValueError, zlib.error) as error:
        # ValueError, zlib.error: signed with this salt by another kind of signer; never ours.
        raise InvalidLink(InvalidLink.Reason.FORGED, purpose=purpose) from error

"""The feedback survey after a webinar: signed links, sending, answering.

The strategy: after the webinar "feedback is collected" from the participants and from
the expert, and topic suggestions become candidates for the next consultation cycle
(``proposals.cycle`` reads ``Feedback.topic_suggestion`` with its ``source``).

One answer per person: the link carries the webinar, a keyed digest of the address it
was sent to and whether that person took part or gave the talk. The digest is stored
with the answer under a unique constraint, so the same link (or a second link for the
same address) never makes a second answer. The address itself is never in the link
nor stored with the answer.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from delivery.selectors.survey import RATING_FIELDS
from outbox.addresses import absolute_url, message_language, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from webinars.models import Expert, Feedback, Webinar

SURVEY_SALT = signing.SURVEY_ANSWER.salt
# Keys the respondent digest stored with every answer: it may never change.
RESPONDENT_SALT = "webinars.survey.respondent"
ANSWER_FIELDS = (*RATING_FIELDS, "useful", "to_improve", "topic_suggestion")


def respondent_digest(email: str) -> str:
    """A keyed digest of the address: one answer per address without storing it."""
    return salted_hmac(RESPONDENT_SALT, normalise_email(email)).hexdigest()[:40]


# Signed links -------------------------------------------------------------------------


class AlreadyAnswered(Exception):
    """The person this link was sent to has answered already; nothing was changed."""


@dataclass(frozen=True)
class SurveyInvitation:
    """Who a valid link is for: the webinar, the person's digest, and as participant or expert."""

    webinar: Webinar
    respondent: str
    source: str
    expert: Expert | None = None

    def has_answered(self) -> bool:
        return Feedback.objects.filter(webinar=self.webinar, respondent=self.respondent).exists()


def make_survey_token(*, webinar: Webinar, email: str, source: str) -> str:
    return signing.sign(signing.SURVEY_ANSWER, {"w": webinar.pk, "r": respondent_digest(email), "s": source})


def invitation_from_token(token: str) -> SurveyInvitation:
    """The invitation a link stands for; ``InvalidLink`` for anything we did not sign, an
    expired link, or a webinar (or expert) the link no longer applies to.

    One answer per link: whether it was used is ``has_answered``, read by the caller (the
    page then says the answer is in, rather than refusing the link).
    """
    payload = signing.read(signing.SURVEY_ANSWER, token)
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("w"), int)
        or not isinstance(payload.get("r"), str)
        or payload.get("s") not in Feedback.Source.values
    ):
        raise InvalidLink(purpose=signing.SURVEY_ANSWER)
    webinar = Webinar.objects.filter(pk=payload["w"], status=Webinar.Status.HELD).first()
    if webinar is None:
        raise InvalidLink.stale(signing.SURVEY_ANSWER)
    expert = None
    if payload["s"] == Feedback.Source.EXPERT:
        expert = next((e for e in webinar.experts.all() if respondent_digest(e.email) == payload["r"]), None)
        if expert is None:  # no longer one of the webinar's experts
            raise InvalidLink.stale(signing.SURVEY_ANSWER)
    return SurveyInvitation(webinar=webinar, respondent=payload["r"], source=payload["s"], expert=expert)


def survey_url(*, webinar: Webinar, email: str, source: str, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "delivery:survey_answer", kwargs={"token": make_survey_token(webinar=webinar, email=email, source=source)}
        )
    return absolute_url(path)


# Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveySending:
    """What a sending did: addresses newly sent the survey, and those that had it already."""

    sent: tuple[str, ...]
    already_sent: tuple[str, ...]


@transaction.atomic
def send_feedback_survey(*, webinar: Webinar, actor, recipients: Iterable[tuple[str, str, str]]) -> SurveySending:
    """Send each person a survey link for a held webinar, through the outbox.

    One message per person and webinar: the outbox key names the webinar and the
    address's digest, so sending again (or to a list that overlaps) sends nothing twice.
    Nothing at all is sent if the webinar is not held or an address is not one.
    """
    require_permission(actor, "webinars.send_survey")
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    if webinar.status != Webinar.Status.HELD:
        raise ValidationError(_("The feedback survey is sent only after the webinar has been held."))
    people: dict[str, tuple[str, str, str]] = {}
    bad = []
    for email, language, source in recipients:
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email)
            continue
        if source not in Feedback.Source.values:
            raise ValidationError(_("Unknown kind of respondent: %(source)s.") % {"source": source})
        people.setdefault(normalise_email(email), (email.strip(), message_language(language), source))
    if bad:
        raise ValidationError(
            _("These are not e-mail addresses: %(addresses)s. Nothing was sent.") % {"addresses": ", ".join(bad)}
        )
    if not people:
        raise ValidationError(_("Nobody to send the survey to."))
    keys = {address: f"feedback-survey:{webinar.pk}:{respondent_digest(address)}" for address in people}
    existing = set(Notice.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    sent, already = [], []
    for address, (email, language, source) in people.items():
        if keys[address] in existing:
            already.append(email)
            continue
        with translation.override(language):
            context = {
                "title": str(webinar.title),
                "held_on": date_format(localtime(webinar.starts_at), "DATE_FORMAT") if webinar.starts_at else "",
                "is_expert": source == Feedback.Source.EXPERT,
                "survey_url": survey_url(webinar=webinar, email=email, source=source, language=language),
                "max_age_days": max(1, signing.SURVEY_ANSWER.lifetime().days),
            }
        queue_notice(
            kind=Notice.Kind.FEEDBACK_SURVEY,
            to=email,
            language=language,
            key=keys[address],
            context=context,
            about=webinar,
        )
        sent.append(email)
    return SurveySending(sent=tuple(sent), already_sent=tuple(already))


# Answering ----------------------------------------------------------------------------


@transaction.atomic
def submit_feedback(*, invitation: SurveyInvitation, answers: dict, actor=None) -> Feedback:
    """Store one person's answer; a second answer from the same link or address changes nothing."""
    if invitation.has_answered():
        raise AlreadyAnswered()
    values = {field: answers.get(field) for field in ANSWER_FIELDS}
    for field in ("useful", "to_improve", "topic_suggestion"):
        values[field] = (values[field] or "").strip()
    if invitation.source == Feedback.Source.EXPERT:
        values["expert_rating"] = None  # experts do not rate themselves
    feedback = Feedback(
        webinar=invitation.webinar,
        source=invitation.source,
        expert=invitation.expert,
        respondent=invitation.respondent,
        **values,
    )
    feedback.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as error:  # the same person answering twice at the same moment
        raise AlreadyAnswered() from error
    return feedback

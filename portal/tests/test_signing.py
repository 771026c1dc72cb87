"""Signed links (portal.signing): one reader per purpose, links sent before still open, one refusal page."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing as django_signing
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from delivery.services import experts, survey
from delivery.tests.factories import ExpertInvitationFactory
from participants.services import campaigns, network, registration
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory
from portal import signing
from portal.signing import PURPOSES, InvalidLink, Purpose
from portal.views import link_not_valid
from webinars.tests.factories import HeldWebinarFactory

PAYLOAD = {"x": 1, "a": "0123456789abcdef0123"}
SALTS_OF_LINKS_SENT = {
    "network-confirm": "webinars.network.confirm",
    "network-unsubscribe": "webinars.network.unsubscribe",
    "network-preferences": "webinars.network.preferences",
    "registration-cancel": "webinars.registration.cancel",
    "campaign-opt-out": "webinars.campaign.opt-out",
    "expert-invitation": "webinars.experts.invitation",
    "survey-answer": "webinars.survey.answer",
}
# Each purpose's token exactly as the code before portal.signing made it.
SIGNED_BEFORE = {
    "network-confirm": lambda p: django_signing.dumps(p, salt="webinars.network.confirm", compress=True),
    "network-unsubscribe": lambda p: django_signing.Signer(salt="webinars.network.unsubscribe").sign_object(
        p, compress=True
    ),
    "network-preferences": lambda p: django_signing.Signer(salt="webinars.network.preferences").sign_object(
        p, compress=True
    ),
    "registration-cancel": lambda p: django_signing.dumps(p, salt="webinars.registration.cancel"),
    "campaign-opt-out": lambda p: django_signing.Signer(salt="webinars.campaign.opt-out").sign_object(p, compress=True),
    "expert-invitation": lambda p: django_signing.dumps(p, salt="webinars.experts.invitation"),
    "survey-answer": lambda p: django_signing.dumps(p, salt="webinars.survey.answer"),
}
TIMESTAMPED = [p for p in PURPOSES if p.is_timestamped]
TOKEN_PAGES = [
    "participants:network_confirm",
    "participants:network_unsubscribe",
    "participants:network_preferences",
    "participants:registration_cancel",
    "participants:campaign_opt_out",
    "delivery:expert_answer",
    "delivery:survey_answer",
]


def by_name(purpose: Purpose) -> str:
    return purpose.name


def signed_days_ago(monkeypatch, days: int, make):
    """A token made ``days`` ago: TimestampSigner is told the time it was then."""
    then = int(timezone.now().timestamp()) - days * 24 * 3600
    monkeypatch.setattr(django_signing.TimestampSigner, "timestamp", lambda self: django_signing.b62_encode(then))
    token = make()
    monkeypatch.undo()
    return token


# The purposes -------------------------------------------------------------------------


def test_every_purpose_keeps_the_salt_of_the_links_already_sent():
    assert {p.name: p.salt for p in PURPOSES} == SALTS_OF_LINKS_SENT


def test_no_two_purposes_share_a_salt():
    assert len({p.salt for p in PURPOSES}) == len(PURPOSES)


def test_leaving_and_choosing_preferences_links_never_expire():
    for purpose in (signing.NETWORK_UNSUBSCRIBE, signing.NETWORK_PREFERENCES, signing.CAMPAIGN_OPT_OUT):
        assert purpose.lifetime() is None
        assert not purpose.is_timestamped


def test_a_link_without_a_timestamp_cannot_be_given_a_lifetime():
    with pytest.raises(ValueError):
        Purpose(name="x", salt="x", max_age=60, is_timestamped=False)


def test_the_confirmation_and_survey_lifetimes_follow_their_settings(settings):
    settings.PORTAL_NETWORK_CONFIRM_MAX_AGE = 3 * 24 * 3600
    settings.PORTAL_SURVEY_MAX_AGE = 10 * 24 * 3600

    assert signing.NETWORK_CONFIRM.lifetime().days == 3
    assert signing.SURVEY_ANSWER.lifetime().days == 10


def test_only_a_single_use_purpose_can_be_refused_as_used():
    assert InvalidLink.used(signing.EXPERT_INVITATION).reason == InvalidLink.Reason.USED
    with pytest.raises(ValueError):
        InvalidLink.used(signing.NETWORK_UNSUBSCRIBE)


# Compatibility with links already sent --------------------------------------------------


@pytest.mark.parametrize("purpose", PURPOSES, ids=by_name)
def test_a_link_signed_before_portal_signing_still_opens(purpose):
    token = SIGNED_BEFORE[purpose.name](PAYLOAD)

    assert signing.read(purpose, token) == PAYLOAD


@pytest.mark.parametrize("purpose", PURPOSES, ids=by_name)
def test_a_link_signed_now_is_the_token_the_code_before_made(purpose):
    """Same signer, salt and compression: a link's form does not depend on which code made it."""
    token = signing.sign(purpose, PAYLOAD)
    if purpose.is_timestamped:
        assert django_signing.loads(token, salt=SALTS_OF_LINKS_SENT[purpose.name]) == PAYLOAD
    else:
        assert token == SIGNED_BEFORE[purpose.name](PAYLOAD)


@pytest.mark.django_db
def test_links_sent_before_open_the_rows_they_name():
    """The address digests inside the payloads keep their salts too."""
    member = NetworkMemberFactory(email="member@example.org")
    member_tag = salted_hmac("webinars.network.address", "member@example.org").hexdigest()[:20]
    old_member_payload = {"m": member.pk, "a": member_tag}
    booking = RegistrationFactory(email="guest@example.org")
    cancel_tag = salted_hmac("webinars.registration.cancel", "guest@example.org").hexdigest()[:16]
    opt_out_tag = salted_hmac("webinars.campaign.address", "guest@example.org").hexdigest()[:20]
    invitation = ExpertInvitationFactory(expert__email="expert@example.org")
    expert_tag = salted_hmac("webinars.experts.invitation", "expert@example.org").hexdigest()[:16]
    webinar = HeldWebinarFactory()
    respondent = salted_hmac("webinars.survey.respondent", "guest@example.org").hexdigest()[:40]

    before = SIGNED_BEFORE
    assert network.member_from_confirmation_token(before["network-confirm"](old_member_payload)) == member
    assert network.member_from_unsubscribe_token(before["network-unsubscribe"](old_member_payload)) == member
    assert network.member_from_preferences_token(before["network-preferences"](old_member_payload)) == member
    cancel_token = before["registration-cancel"]({"r": booking.pk, "a": cancel_tag})
    assert registration.registration_from_cancel_token(cancel_token) == booking
    opt_out_token = before["campaign-opt-out"]({"a": opt_out_tag, "r": booking.pk})
    assert campaigns.address_from_opt_out_token(opt_out_token) == "guest@example.org"
    invitation_token = before["expert-invitation"]({"i": invitation.pk, "e": expert_tag})
    assert experts.invitation_from_token(invitation_token) == invitation
    survey_token = before["survey-answer"]({"w": webinar.pk, "r": respondent, "s": "participant"})
    assert survey.invitation_from_token(survey_token).respondent == respondent


def test_the_stored_survey_respondent_digest_keeps_its_salt():
    expected = salted_hmac("webinars.survey.respondent", "guest@example.org").hexdigest()[:40]

    assert survey.respondent_digest(" Guest@Example.org ") == expected


# Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("made_for", "opened_as"),
    list(itertools.permutations(PURPOSES, 2)),
    ids=lambda p: p.name,
)
def test_a_link_of_one_purpose_is_refused_by_every_other(made_for, opened_as):
    with pytest.raises(InvalidLink) as refused:
        signing.read(opened_as, signing.sign(made_for, PAYLOAD))

    assert refused.value.is_forged


@pytest.mark.parametrize("purpose", TIMESTAMPED, ids=by_name)
def test_a_link_past_its_lifetime_is_refused_as_expired(purpose, monkeypatch):
    token = signed_days_ago(monkeypatch, 401, lambda: signing.sign(purpose, PAYLOAD))

    with pytest.raises(InvalidLink) as refused:
        signing.read(purpose, token)

    assert refused.value.is_expired
    assert refused.value.purpose is purpose


@pytest.mark.parametrize("purpose", TIMESTAMPED, ids=by_name)
def test_a_link_within_its_lifetime_opens(purpose, monkeypatch):
    token = signed_days_ago(monkeypatch, 2, lambda: signing.sign(purpose, PAYLOAD))

    assert signing.read(purpose, token) == PAYLOAD


def test_a_link_without_a_timestamp_opens_years_later():
    token = SIGNED_BEFORE["network-unsubscribe"](PAYLOAD)

    assert signing.read(signing.NETWORK_UNSUBSCRIBE, token) == PAYLOAD


@pytest.mark.parametrize("purpose", PURPOSES, ids=by_name)
@pytest.mark.parametrize(
    "damage",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: token[: len(token) // 2],
        lambda token: "not-a-token",
        lambda token: "",
    ],
    ids=["signature-changed", "payload-changed", "cut-short", "garbage", "empty"],
)
def test_a_damaged_or_forged_link_is_refused_as_forged(purpose, damage):
    with pytest.raises(InvalidLink) as refused:
        signing.read(purpose, damage(signing.sign(purpose, PAYLOAD)))

    assert refused.value.is_forged


@pytest.mark.parametrize("purpose", PURPOSES, ids=by_name)
def test_a_link_signed_with_another_secret_key_is_refused(purpose, settings):
    settings.SECRET_KEY = "someone-elses-secret-key-" + "x" * 40
    token = signing.sign(purpose, PAYLOAD)
    settings.SECRET_KEY = "the-portals-own-secret-key-" + "y" * 40

    with pytest.raises(InvalidLink) as refused:
        signing.read(purpose, token)

    assert refused.value.is_forged


@pytest.mark.parametrize(
    ("reader", "kind"),
    [(signing.REGISTRATION_CANCEL, "untimestamped"), (signing.NETWORK_UNSUBSCRIBE, "timestamped")],
)
def test_a_link_signed_with_the_wrong_kind_of_signer_is_refused(reader, kind):
    """Same salt, other signer: never a link we sent, and never a crash."""
    if kind == "untimestamped":
        token = django_signing.Signer(salt=reader.salt).sign_object(PAYLOAD, compress=True)
    else:
        token = django_signing.dumps(PAYLOAD, salt=reader.salt)

    with pytest.raises(InvalidLink):
        signing.read(reader, token)


# The one "link not valid" page ---------------------------------------------------------


def token_page(url_name: str, token: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(url_name, kwargs={"token": token})


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", TOKEN_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_link_page_answers_the_one_invalid_link_page_with_400(client, url_name, method):
    response = getattr(client, method)(token_page(url_name, "not-a-token"))

    assert response.status_code == 400
    assert [t.name for t in response.templates][0] == "link_invalid.html"
    assert "This link does not work" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", TOKEN_PAGES)
def test_a_link_made_for_another_page_is_refused_there(client, url_name):
    other = signing.CAMPAIGN_OPT_OUT if url_name != "participants:campaign_opt_out" else signing.NETWORK_CONFIRM
    token = signing.sign(other, {"m": 1, "r": 1, "i": 1, "w": 1, "a": "x", "e": "x", "s": "participant"})

    response = client.post(token_page(url_name, token))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


@pytest.mark.django_db
def test_the_page_says_the_link_expired_and_how_to_get_a_new_one(client, monkeypatch):
    member = NetworkMemberFactory()
    token = signed_days_ago(monkeypatch, 30, lambda: network.make_confirmation_token(member))

    response = client.get(token_page("participants:network_confirm", token))

    content = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in content
    assert "Ask to join again and we will send you a new link." in content
    assert f'href="{reverse("participants:network_join")}"' in content


@pytest.mark.django_db
def test_the_page_says_when_what_the_link_names_has_changed(client):
    booking = RegistrationFactory()
    token = registration.make_cancel_token(booking)
    type(booking).objects.filter(pk=booking.pk).update(email="someone-else@example.org")

    response = client.get(token_page("participants:registration_cancel", token))

    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()


def test_the_page_says_a_single_use_link_was_already_used():
    request = RequestFactory().get("/en/experts/invitation/x/")
    request.user = AnonymousUser()

    response = link_not_valid(request, InvalidLink.used(signing.EXPERT_INVITATION))

    assert response.status_code == 400
    assert "This link was already used" in response.content.decode()


@pytest.mark.django_db
def test_the_page_speaks_the_language_of_the_link(client):
    response = client.get(token_page("delivery:survey_answer", "not-a-token", language="fr"))

    assert response.status_code == 400
    assert 'lang="fr"' in response.content.decode()
    assert "Ce lien ne fonctionne pas" in response.content.decode()

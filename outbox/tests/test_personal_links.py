"""Links that act as the person (cancel, accept or decline, survey, network) are hidden from readers of the outbox."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import SecretariatFactory
from outbox.addresses import absolute_url
from outbox.models import Notice
from outbox.personal_links import hide_personal_links, is_personal_link
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

SECRET = "eyJyIjoxfQ:1vXyZ:s3cr3t-signature"
JOIN_LINK = "https://meet.example.org/j/8812345?pwd=open"


def portal_link(viewname: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(viewname, kwargs=kwargs))


@pytest.fixture
def outbox_reader_client(client):
    client.force_login(SecretariatFactory(permissions=["outbox.view_notice"]))
    return client


def preview(client, notice) -> str:
    response = client.get(reverse("admin:outbox_notice_change", args=[notice.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_preview_hides_a_registration_cancel_link_but_shows_the_webinars_join_link(outbox_reader_client):
    cancel = portal_link("participants:registration_cancel", token=SECRET)
    notice = NoticeFactory(
        kind=Notice.Kind.REGISTRATION_CONFIRMED,
        body=f"Join the webinar:\n{JOIN_LINK}\n\nCannot come? Cancel here:\n{cancel}\n",
    )

    page = preview(outbox_reader_client, notice)

    assert SECRET not in page
    assert "[personal link hidden]" in page
    assert JOIN_LINK.replace("&", "&amp;") in page


def test_the_preview_hides_a_survey_link(outbox_reader_client):
    survey = portal_link("delivery:survey_answer", language="fr", token=SECRET)
    notice = NoticeFactory(kind=Notice.Kind.FEEDBACK_SURVEY, language="fr", body=f"Votre avis : {survey}\n")

    page = preview(outbox_reader_client, notice)

    assert SECRET not in page and "[personal link hidden]" in page


def test_the_preview_hides_an_experts_accept_and_decline_links(outbox_reader_client):
    answer = portal_link("delivery:expert_answer", token=SECRET)
    notice = NoticeFactory(
        kind=Notice.Kind.EXPERT_INVITATION,
        state=Notice.State.SENT,
        sent_at="2026-01-01T00:00Z",
        body=f"Accept: {answer}?answer=accept\nDecline: {answer}?answer=decline.\n",
    )

    page = preview(outbox_reader_client, notice)

    assert SECRET not in page
    assert page.count("[personal link hidden]") == 2
    assert "[personal link hidden]." in page  # the full stop after a link is kept


@pytest.mark.parametrize(
    "viewname",
    [
        "participants:network_confirm",
        "participants:network_unsubscribe",
        "participants:network_preferences",
        "participants:campaign_opt_out",
    ],
)
def test_every_link_that_acts_as_a_network_member_is_personal(viewname):
    assert is_personal_link(portal_link(viewname, token=SECRET))


def test_a_webinars_page_and_its_calendar_file_stay_readable():
    page = portal_link("webinars:webinar_detail", slug="patents-for-smes")
    ics = portal_link("webinars:webinar_ics", slug="patents-for-smes")
    text = f"See {page} and add {ics} to your calendar.\n"

    assert hide_personal_links(text) == text


def test_a_link_to_another_site_or_to_no_page_of_the_portal_stays_as_it_is():
    text = f"{JOIN_LINK}\n{absolute_url('/en/no/such/page/')}\n"

    assert hide_personal_links(text) == text


def test_the_hidden_link_is_said_in_the_readers_language():
    cancel = portal_link("participants:registration_cancel", token=SECRET)

    with translation.override("en"):
        assert hide_personal_links(f"Cancel: {cancel}\n") == "Cancel: [personal link hidden]\n"

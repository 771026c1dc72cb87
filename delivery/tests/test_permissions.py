"""Who may do what in a webinar's delivery: the expert screens, the follow-up, the survey."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from delivery.models import ExpertInvitation
from delivery.services import experts, followup, survey
from delivery.tests.factories import ExpertInvitationFactory
from outbox.models import Notice
from portal.permissions import MissingPermission
from webinars.models import Feedback, Material, Webinar
from webinars.tests.factories import ExpertFactory, HeldWebinarFactory, MaterialFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"


def member(*roles: str, permissions: tuple[str, ...] = ()):
    return SecretariatFactory(roles=list(roles), permissions=list(permissions))


# Experts -----------------------------------------------------------------------------------


def test_communications_cannot_open_the_expert_roster(client):
    client.force_login(member("Communications"))

    response = client.get(reverse("delivery:expert_roster"))

    assert response.status_code == 403
    assert "View experts" in response.content.decode()


def test_a_read_only_member_reads_the_suggestions_without_any_invite_or_withdraw_button(client):
    webinar = WebinarFactory()
    ExpertFactory()
    invitation = ExpertInvitationFactory(webinar=webinar)
    client.force_login(member("Read-only"))

    response = client.get(reverse("delivery:expert_suggestions", args=[webinar.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("delivery:expert_invite", args=[webinar.pk]) not in page
    assert reverse("delivery:expert_invitation_withdraw", args=[invitation.pk]) not in page


def test_a_programme_officer_sees_the_invite_and_withdraw_buttons(client):
    webinar = WebinarFactory()
    ExpertFactory()
    invitation = ExpertInvitationFactory(webinar=webinar)
    client.force_login(member("Programme officer"))

    page = client.get(reverse("delivery:expert_suggestions", args=[webinar.pk])).content.decode()

    assert reverse("delivery:expert_invite", args=[webinar.pk]) in page
    assert reverse("delivery:expert_invitation_withdraw", args=[invitation.pk]) in page


@pytest.mark.parametrize("role", ["Read-only", "Communications", "Reporting officer"])
def test_staff_without_the_invite_permission_cannot_invite_an_expert(client, role):
    webinar, expert = WebinarFactory(), ExpertFactory()
    client.force_login(member(role))

    response = client.post(reverse("delivery:expert_invite", args=[webinar.pk]), {"expert": expert.pk})

    assert response.status_code == 403
    assert not ExpertInvitation.objects.exists()
    assert not Notice.objects.exists()


def test_staff_without_the_invite_permission_cannot_withdraw_an_invitation(client):
    invitation = ExpertInvitationFactory(webinar=WebinarFactory())
    client.force_login(member("Read-only"))

    response = client.post(reverse("delivery:expert_invitation_withdraw", args=[invitation.pk]))

    assert response.status_code == 403
    assert ExpertInvitation.objects.get(pk=invitation.pk).state == ExpertInvitation.State.INVITED


def test_a_programme_officer_invites_an_expert(client):
    webinar, expert = WebinarFactory(), ExpertFactory()
    client.force_login(member("Programme officer"))

    client.post(reverse("delivery:expert_invite", args=[webinar.pk]), {"expert": expert.pk})

    assert ExpertInvitation.objects.filter(webinar=webinar, expert=expert).exists()
    assert Notice.objects.filter(kind=Notice.Kind.EXPERT_INVITATION).count() == 1


def test_the_invite_and_withdraw_services_refuse_staff_without_the_permission():
    webinar, expert = WebinarFactory(), ExpertFactory()
    invitation = ExpertInvitationFactory(webinar=webinar)
    reader = member("Read-only")

    with pytest.raises(MissingPermission):
        experts.invite_expert(webinar=webinar, expert=expert, actor=reader)
    with pytest.raises(MissingPermission):
        experts.withdraw_invitation(invitation=invitation, actor=reader)

    assert ExpertInvitation.objects.count() == 1
    assert ExpertInvitation.objects.get().state == ExpertInvitation.State.INVITED
    assert not Notice.objects.exists()


# Follow-up ---------------------------------------------------------------------------------


def _held() -> Webinar:
    return HeldWebinarFactory(starts_at=timezone.now() - timedelta(days=3))


def test_a_read_only_member_sees_the_follow_up_list_and_page_without_any_form(client):
    webinar = _held()
    material = MaterialFactory(webinar=webinar)
    client.force_login(member("Read-only"))

    listing = client.get(reverse("delivery:followup_list"))
    response = client.get(reverse("delivery:followup_detail", args=[webinar.slug]))

    page = response.content.decode()
    assert listing.status_code == response.status_code == 200
    assert webinar.title in listing.content.decode()
    for url in (
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        reverse("delivery:followup_add_material", args=[webinar.slug, "recording"]),
        reverse("delivery:followup_withdraw_material", args=[webinar.slug, material.pk]),
        reverse("delivery:followup_save_summary", args=[webinar.slug]),
        reverse("delivery:followup_add_answer", args=[webinar.slug]),
        reverse("delivery:followup_no_open_questions", args=[webinar.slug]),
        reverse("delivery:followup_announce", args=[webinar.slug]),
    ):
        assert url not in page
    assert 'type="file"' not in page and "<textarea" not in page


def test_a_programme_officer_sees_the_follow_up_forms(client):
    webinar = _held()
    client.force_login(member("Programme officer"))

    page = client.get(reverse("delivery:followup_detail", args=[webinar.slug])).content.decode()

    assert reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]) in page
    assert reverse("delivery:followup_save_summary", args=[webinar.slug]) in page


@pytest.mark.parametrize("role", ["Read-only", "Communications"])
def test_staff_without_the_follow_up_permission_change_nothing(client, role):
    webinar = _held()
    material = MaterialFactory(webinar=webinar)
    client.force_login(member(role))

    posts = [
        client.post(reverse("delivery:followup_save_summary", args=[webinar.slug]), {"en": "A summary"}),
        client.post(reverse("delivery:followup_withdraw_material", args=[webinar.slug, material.pk])),
        client.post(reverse("delivery:followup_no_open_questions", args=[webinar.slug]), {"value": "1"}),
        client.post(reverse("delivery:followup_announce", args=[webinar.slug])),
    ]

    assert [response.status_code for response in posts] == [403] * 4
    webinar.refresh_from_db()
    assert not webinar.summary_en and not webinar.has_no_open_questions
    assert Material.objects.get(pk=material.pk).is_published
    assert not Notice.objects.exists()


def test_a_programme_officer_records_the_summary(client):
    webinar = _held()
    client.force_login(member("Programme officer"))

    client.post(reverse("delivery:followup_save_summary", args=[webinar.slug]), {"en": "A summary"})

    assert Webinar.objects.get(pk=webinar.pk).summary_en == "A summary"


def test_the_follow_up_services_refuse_staff_without_the_permission():
    webinar = _held()
    material = MaterialFactory(webinar=webinar, is_published=False, published_at=None)
    reader = member("Read-only")

    calls = [
        lambda: followup.add_material(webinar=webinar, actor=reader, kind="slides", title="Deck", url="https://x.org"),
        lambda: followup.publish_material(material=material, actor=reader),
        lambda: followup.save_summary(webinar=webinar, actor=reader, summaries={"en": "Text"}),
        lambda: followup.announce_materials(webinar=webinar, actor=reader),
    ]
    for call in calls:
        with pytest.raises(MissingPermission):
            call()

    assert Material.objects.count() == 1 and not Material.objects.get().is_published
    assert not Notice.objects.exists()


# The survey --------------------------------------------------------------------------------


def test_survey_results_need_the_permission_to_read_feedback(client):
    webinar = _held()
    client.force_login(member("Communications"))
    refused = client.get(reverse("delivery:survey_results", args=[webinar.pk])).status_code
    client.force_login(member("Reporting officer"))
    allowed = client.get(reverse("delivery:survey_results", args=[webinar.pk])).status_code

    assert (refused, allowed) == (403, 200)


def test_the_survey_service_refuses_staff_without_the_permission_to_send_it():
    webinar = _held()

    with pytest.raises(MissingPermission):
        survey.send_feedback_survey(
            webinar=webinar,
            actor=member("Reporting officer"),
            recipients=[("someone@example.org", "en", Feedback.Source.PARTICIPANT)],
        )

    assert not Notice.objects.exists()


def test_the_admin_survey_action_is_refused_to_staff_without_the_permission_to_send_it(client):
    webinar = _held()
    webinar.experts.add(ExpertFactory())
    client.force_login(member(permissions=("webinars.view_webinar", "webinars.change_webinar")))

    client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "send_survey_to_experts", ACTION_CHECKBOX_NAME: [webinar.pk]},
    )

    assert not Notice.objects.exists()


def test_a_programme_officer_sends_the_survey_from_the_admin(client):
    webinar = _held()
    webinar.experts.add(ExpertFactory())
    client.force_login(member("Programme officer"))

    client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "send_survey_to_experts", ACTION_CHECKBOX_NAME: [webinar.pk]},
    )

    assert Notice.objects.filter(kind=Notice.Kind.FEEDBACK_SURVEY).count() == 1

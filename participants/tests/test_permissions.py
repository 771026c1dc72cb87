"""Who may do what with campaigns, registrations, attendance and capacity: screens, services, the admin."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from outbox.models import Notice
from participants.models import Campaign, NetworkMember, Registration
from participants.services import campaigns, registration
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory
from portal.permissions import MissingPermission
from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"


@pytest.fixture
def campaign():
    NetworkMemberFactory(email="member@example.org", state=NetworkMember.State.CONFIRMED, confirmed_at=timezone.now())
    return Campaign.objects.create(webinar=WebinarFactory(), subject="Join us", include_series_participants=False)


def member(*roles: str, permissions: tuple[str, ...] = ()):
    return SecretariatFactory(roles=list(roles), permissions=list(permissions))


# Campaign screens --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Programme officer", "Read-only", "Reporting officer"])
def test_staff_without_the_campaign_permissions_cannot_open_or_send_a_campaign(client, campaign, role):
    client.force_login(member(role))

    pages = [
        reverse("participants:campaign_list"),
        reverse("participants:campaign_detail", args=[campaign.pk]),
        reverse("participants:campaign_create", args=[campaign.webinar_id]),
        reverse("participants:promotion_kit", args=[campaign.webinar_id]),
    ]
    responses = [client.get(url) for url in pages]
    sent = client.post(reverse("participants:campaign_send", args=[campaign.pk]))

    assert [response.status_code for response in responses] == [403] * len(pages)
    assert sent.status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).state == Campaign.State.DRAFT
    assert not Notice.objects.exists()


def test_the_403_page_names_the_missing_permission(client, campaign):
    client.force_login(member(permissions=("participants.view_campaign",)))

    response = client.post(reverse("participants:campaign_send", args=[campaign.pk]))

    assert response.status_code == 403
    assert "Send campaigns to their audience" in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).state == Campaign.State.DRAFT


def test_a_reader_of_campaigns_sees_no_button_to_create_change_or_send(client, campaign):
    client.force_login(member(permissions=("participants.view_campaign",)))

    listing = client.get(reverse("participants:campaign_list")).content.decode()
    detail = client.get(reverse("participants:campaign_detail", args=[campaign.pk])).content.decode()

    assert reverse("participants:campaign_create", args=[campaign.webinar_id]) not in listing
    assert reverse("participants:campaign_edit", args=[campaign.pk]) not in detail
    assert reverse("participants:campaign_send", args=[campaign.pk]) not in detail
    assert reverse("participants:campaign_send_test", args=[campaign.pk]) not in detail


def test_a_reader_of_campaigns_cannot_send_a_test_or_change_one(client, campaign):
    client.force_login(member(permissions=("participants.view_campaign",)))

    tested = client.post(reverse("participants:campaign_send_test", args=[campaign.pk]), {"lang": "en"})
    changed = client.post(reverse("participants:campaign_edit", args=[campaign.pk]), {"subject_en": "Changed"})

    assert (tested.status_code, changed.status_code) == (403, 403)
    assert Campaign.objects.get(pk=campaign.pk).subject == "Join us"
    assert not Notice.objects.exists()


def test_communications_sees_the_buttons_and_sends_the_campaign(client, campaign):
    client.force_login(member("Communications"))

    detail = client.get(reverse("participants:campaign_detail", args=[campaign.pk])).content.decode()
    response = client.post(reverse("participants:campaign_send", args=[campaign.pk]))

    assert reverse("participants:campaign_send", args=[campaign.pk]) in detail
    assert reverse("participants:campaign_edit", args=[campaign.pk]) in detail
    assert response.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).state == Campaign.State.SENT
    assert Notice.objects.filter(kind=Notice.Kind.CAMPAIGN, to="member@example.org").count() == 1


def test_communications_creates_a_campaign_from_the_list(client):
    webinar = WebinarFactory()
    client.force_login(member("Communications"))

    listing = client.get(reverse("participants:campaign_list")).content.decode()
    response = client.post(reverse("participants:campaign_create", args=[webinar.pk]), {"include_network": "on"})

    assert reverse("participants:campaign_create", args=[webinar.pk]) in listing
    assert response.status_code == 302
    assert Campaign.objects.filter(webinar=webinar).exists()


# Campaign services -------------------------------------------------------------------------


def test_the_send_service_refuses_staff_without_the_send_permission(campaign):
    editor = member(permissions=("participants.change_campaign",))

    with pytest.raises(MissingPermission):
        campaigns.send_campaign(campaign=campaign, actor=editor)

    assert Campaign.objects.get(pk=campaign.pk).state == Campaign.State.DRAFT
    assert not Notice.objects.exists()


def test_the_test_service_refuses_staff_who_may_not_change_campaigns(campaign):
    with pytest.raises(MissingPermission):
        campaigns.send_campaign_test(campaign=campaign, actor=member("Programme officer"), language="en")

    assert not Notice.objects.exists()


def test_the_save_service_refuses_a_new_campaign_without_the_add_permission():
    draft = Campaign(webinar=WebinarFactory())

    with pytest.raises(MissingPermission):
        campaigns.save_campaign(campaign=draft, actor=member(permissions=("participants.change_campaign",)))

    assert not Campaign.objects.exists()


def test_the_portal_itself_may_send_a_campaign(campaign):
    campaigns.send_campaign(campaign=campaign, actor=None)

    assert Campaign.objects.get(pk=campaign.pk).state == Campaign.State.SENT


# The promotion card ------------------------------------------------------------------------


def test_the_card_of_a_planned_webinar_is_hidden_from_staff_who_do_not_prepare_campaigns(client):
    webinar = WebinarFactory(slug="secret", status=Webinar.Status.PLANNED, starts_at=None)
    client.force_login(member("Programme officer"))

    assert client.get(reverse("participants:promotion_card", args=[webinar.slug])).status_code == 404


def test_the_card_of_a_planned_webinar_is_shown_to_communications(client):
    webinar = WebinarFactory(slug="secret", status=Webinar.Status.PLANNED, starts_at=None)
    client.force_login(member("Communications"))

    assert client.get(reverse("participants:promotion_card", args=[webinar.slug])).status_code == 200


# Cancelling a registration -----------------------------------------------------------------


def _full_webinar_with_a_waiting_person():
    webinar = WebinarFactory(capacity=1, registration_count=1)
    holder = RegistrationFactory(webinar=webinar, email="holder@example.org")
    RegistrationFactory(webinar=webinar, email="waiting@example.org", state=Registration.State.WAITLISTED)
    return webinar, holder


@pytest.mark.parametrize("role", ["Communications", "Read-only", "Reporting officer"])
def test_staff_who_may_not_change_registrations_cannot_cancel_one(role):
    _webinar, holder = _full_webinar_with_a_waiting_person()

    with pytest.raises(MissingPermission):
        registration.cancel_registration(registration=holder, actor=member(role))

    assert Registration.objects.get(pk=holder.pk).state == Registration.State.REGISTERED
    assert not Notice.objects.exists()


def test_a_programme_officer_cancels_a_registration_and_the_waiting_list_moves_up():
    _webinar, holder = _full_webinar_with_a_waiting_person()

    registration.cancel_registration(registration=holder, actor=member("Programme officer"))

    assert Registration.objects.get(pk=holder.pk).state == Registration.State.CANCELLED
    assert Registration.objects.get(email="waiting@example.org").state == Registration.State.REGISTERED


def test_the_participant_cancels_their_own_registration_from_their_link_without_any_permission():
    _webinar, holder = _full_webinar_with_a_waiting_person()

    registration.cancel_registration(registration=holder, actor=None)

    assert Registration.objects.get(pk=holder.pk).state == Registration.State.CANCELLED


def test_the_link_cancels_even_for_a_logged_in_member_of_the_secretariat_without_the_permission(client):
    """The signed link is the authority: a colleague registered for a webinar cancels like anyone."""
    _webinar, holder = _full_webinar_with_a_waiting_person()
    client.force_login(member("Communications"))

    url = reverse("participants:registration_cancel", kwargs={"token": registration.make_cancel_token(holder)})
    response = client.post(url)

    assert response.status_code == 302
    assert Registration.objects.get(pk=holder.pk).state == Registration.State.CANCELLED


def test_the_admin_cancel_action_is_not_offered_to_staff_who_may_only_read_registrations(client):
    _webinar, holder = _full_webinar_with_a_waiting_person()
    client.force_login(member("Communications"))

    response = client.post(
        reverse("admin:participants_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [holder.pk]},
    )

    assert response.status_code in (200, 302)
    assert Registration.objects.get(pk=holder.pk).state == Registration.State.REGISTERED
    assert not Notice.objects.exists()


def test_the_admin_cancel_action_cancels_for_a_programme_officer(client):
    _webinar, holder = _full_webinar_with_a_waiting_person()
    client.force_login(member("Programme officer"))

    client.post(
        reverse("admin:participants_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [holder.pk]},
    )

    assert Registration.objects.get(pk=holder.pk).state == Registration.State.CANCELLED


# Attendance ------------------------------------------------------------------------------


def _report() -> SimpleUploadedFile:
    return SimpleUploadedFile("report.csv", b"email,name\nholder@example.org,Holder\n")


def test_the_attendance_upload_page_refuses_staff_without_the_attendance_permission(client):
    webinar = HeldWebinarFactory()
    RegistrationFactory(webinar=webinar, email="holder@example.org")
    client.force_login(member("Communications"))
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})

    response = client.post(url, {"attendance-report": _report()})

    assert response.status_code == 403
    assert "Upload attendance reports" in response.content.decode()
    assert not Registration.objects.filter(has_attended=True).exists()


def test_a_programme_officer_uploads_the_attendance_report(client):
    webinar = HeldWebinarFactory()
    RegistrationFactory(webinar=webinar, email="holder@example.org")
    client.force_login(member("Programme officer"))
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})

    response = client.post(url, {"attendance-report": _report()})

    assert response.status_code == 200
    assert Registration.objects.get(email="holder@example.org").has_attended


def test_the_attendance_service_refuses_staff_without_the_attendance_permission():
    webinar = HeldWebinarFactory()

    with pytest.raises(MissingPermission):
        registration.record_attendance(webinar=webinar, raw=_report().read(), actor=member("Read-only"))

    assert Webinar.objects.get(pk=webinar.pk).attendance_count == 0


def test_the_webinar_admin_page_offers_the_upload_only_to_those_who_may_record_attendance(client):
    webinar = HeldWebinarFactory()
    upload_url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    change_url = reverse("admin:webinars_webinar_change", args=[webinar.pk])

    client.force_login(member("Read-only"))
    reader_page = client.get(change_url).content.decode()
    client.force_login(member("Programme officer"))
    officer_page = client.get(change_url).content.decode()

    assert upload_url not in reader_page
    assert upload_url in officer_page


# Capacity ----------------------------------------------------------------------------------


def _waiting_list(count: int) -> Webinar:
    webinar = WebinarFactory(capacity=1, registration_count=1)
    RegistrationFactory(webinar=webinar, email="holder@example.org")
    start = timezone.now() - timedelta(hours=count)
    for n in range(count):
        RegistrationFactory(
            webinar=webinar,
            email=f"waiting{n}@example.org",
            state=Registration.State.WAITLISTED,
            consented_at=start + timedelta(minutes=n),
        )
    return webinar


def test_a_capacity_raised_in_the_admin_moves_the_waiting_list_up_through_the_service():
    webinar = _waiting_list(3)
    model_admin = admin.site._registry[Webinar]
    request = RequestFactory().post("/")
    request.user = member("Programme officer")
    request._messages = CookieStorage(request)
    webinar.capacity = 3  # what the admin's form put on the object
    form = SimpleNamespace(changed_data=["capacity"], initial={"capacity": 1})

    model_admin.save_model(request, webinar, form, change=True)

    states = dict(Registration.objects.filter(webinar=webinar).values_list("email", "state"))
    assert states["waiting0@example.org"] == states["waiting1@example.org"] == Registration.State.REGISTERED
    assert states["waiting2@example.org"] == Registration.State.WAITLISTED
    assert Webinar.objects.get(pk=webinar.pk).capacity == 3
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_PROMOTED).count() == 2


def test_removing_the_capacity_gives_everyone_waiting_a_place():
    webinar = _waiting_list(2)

    promoted = registration.change_capacity(webinar=webinar, capacity=None, actor=None)

    assert len(promoted) == 2
    assert Webinar.objects.get(pk=webinar.pk).registration_count == 3


def test_the_capacity_service_refuses_staff_who_may_not_change_webinars():
    webinar = _waiting_list(1)

    with pytest.raises(MissingPermission):
        registration.change_capacity(webinar=webinar, capacity=5, actor=member("Communications"))

    assert Webinar.objects.get(pk=webinar.pk).capacity == 1
    assert not Notice.objects.exists()

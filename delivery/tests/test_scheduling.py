"""A webinar's status and date: the scheduling service, who it tells, and the admin that calls it."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import SecretariatFactory
from delivery.models import ExpertInvitation
from delivery.services import scheduling
from delivery.tests.factories import ExpertInvitationFactory, working_slot
from outbox.models import Notice
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from portal.permissions import MissingPermission
from webinars.models import Webinar
from webinars.tests.factories import ExpertFactory, HeldWebinarFactory, LanguageFactory, WebinarFactory

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
STARTS_AT = datetime(2031, 3, 4, 13, 0, tzinfo=UTC)  # 14:00 in Geneva


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Programme officer"])


@pytest.fixture
def audience():
    """A scheduled webinar with two registrants (English, French), one person waiting (Spanish),
    an expert who accepted (Arabic), one still invited and one who declined."""
    webinar = WebinarFactory(starts_at=STARTS_AT, capacity=2)
    registered_en = RegistrationFactory(webinar=webinar, email="en@example.org", language="en")
    registered_fr = RegistrationFactory(webinar=webinar, email="fr@example.org", language="fr")
    waiting = RegistrationFactory(
        webinar=webinar, email="es@example.org", language="es", state=Registration.State.WAITLISTED
    )
    RegistrationFactory(webinar=webinar, email="gone@example.org", state=Registration.State.CANCELLED)
    accepted = ExpertFactory(email="expert@example.org")
    accepted.languages.add(LanguageFactory(code="ar"))
    ExpertInvitationFactory(webinar=webinar, expert=accepted, state=ExpertInvitation.State.ACCEPTED)
    webinar.experts.add(accepted)
    ExpertInvitationFactory(webinar=webinar, expert=ExpertFactory(email="invited@example.org"))
    ExpertInvitationFactory(
        webinar=webinar, expert=ExpertFactory(email="declined@example.org"), state=ExpertInvitation.State.DECLINED
    )
    return SimpleNamespace(webinar=webinar, registered=[registered_en, registered_fr], waiting=waiting, expert=accepted)


TOLD = {"en@example.org": "en", "fr@example.org": "fr", "es@example.org": "es", "expert@example.org": "ar"}


def told(kind: str) -> dict[str, str]:
    return dict(Notice.objects.filter(kind=kind).values_list("to", "language"))


def status_url(webinar, change: str) -> str:
    return reverse("admin:webinars_webinar_status", kwargs={"object_id": webinar.pk, "change": change})


# Cancelling ------------------------------------------------------------------------------


def test_cancelling_from_the_admin_tells_each_registrant_waiting_person_and_accepted_expert_once_in_their_language(
    client, officer, audience
):
    client.force_login(officer)

    response = client.post(status_url(audience.webinar, "cancel"))

    assert response.status_code == 302
    assert Webinar.objects.get(pk=audience.webinar.pk).status == Webinar.Status.CANCELLED
    assert told(Notice.Kind.WEBINAR_CANCELLED) == TOLD
    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_CANCELLED).count() == len(TOLD)


def test_cancelling_a_second_time_from_the_admin_tells_no_one_twice(client, officer, audience):
    client.force_login(officer)
    client.post(status_url(audience.webinar, "cancel"))

    response = client.post(status_url(audience.webinar, "cancel"))

    assert response.status_code == 400
    assert b"cannot go from" in response.content
    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_CANCELLED).count() == len(TOLD)


def test_each_person_reads_the_cancellation_with_the_date_in_their_own_language(officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    french = Notice.objects.get(kind=Notice.Kind.WEBINAR_CANCELLED, to="fr@example.org")
    english = Notice.objects.get(kind=Notice.Kind.WEBINAR_CANCELLED, to="en@example.org")
    assert "4 mars 2031 14:00" in french.body and "March 4, 2031, 2 p.m." in english.body
    assert "is cancelled" in english.body
    assert "/registration/cancel/" not in english.body  # nothing left to cancel


def test_the_expert_is_told_the_webinar_they_were_to_give_is_cancelled(officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    notice = Notice.objects.get(kind=Notice.Kind.WEBINAR_CANCELLED, to="expert@example.org")
    with translation.override(notice.language):
        sentence = gettext(
            "The webinar “%(title)s”, which you had accepted to give on %(previous_starts_at_text)s (Geneva time), is cancelled."  # noqa: E501
        )
    assert sentence.split("%(previous_starts_at_text)s")[0] % {"title": audience.webinar.title} in notice.body


def test_a_cancelled_webinar_keeps_its_registrations_and_its_public_page_says_so(client, officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    page = client.get(reverse("webinars:webinar_detail", args=[audience.webinar.slug])).content.decode()
    assert "This webinar was cancelled." in page
    assert "register-button" not in page
    assert Registration.objects.filter(webinar=audience.webinar, state=Registration.State.REGISTERED).count() == 2


# Postponing ------------------------------------------------------------------------------


def test_postponing_keeps_the_registrations_and_the_waiting_list(officer, audience):
    before = dict(Registration.objects.filter(webinar=audience.webinar).values_list("email", "state"))

    result = scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    assert (result.webinar.status, result.webinar.starts_at) == (Webinar.Status.POSTPONED, None)
    assert dict(Registration.objects.filter(webinar=audience.webinar).values_list("email", "state")) == before
    assert told(Notice.Kind.WEBINAR_POSTPONED) == TOLD


def test_a_postponed_registrant_is_told_the_old_date_and_how_to_cancel(officer, audience):
    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    body = Notice.objects.get(kind=Notice.Kind.WEBINAR_POSTPONED, to="en@example.org").body
    assert "March 4, 2031" in body and "A new date will be announced." in body
    assert "Your registration is kept" in body and "/registration/cancel/" in body


def test_the_public_page_and_the_topic_list_say_a_postponed_webinar_awaits_its_new_date(client, officer, audience):
    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    page = client.get(reverse("webinars:webinar_detail", args=[audience.webinar.slug])).content.decode()
    listing = client.get(reverse("webinars:topic_list")).content.decode()

    assert "Postponed: new date to be announced" in page
    assert "register-button" not in page
    assert audience.webinar.title in listing and "Postponed: new date to be announced" in listing


def test_a_postponed_webinar_scheduled_again_tells_everyone_the_new_date_and_opens_registration(officer, audience):
    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)
    new_date = working_slot(days=60)

    result = scheduling.schedule_webinar(webinar=audience.webinar, starts_at=new_date, actor=officer)

    assert (result.webinar.status, result.webinar.starts_at) == (Webinar.Status.SCHEDULED, new_date)
    assert told(Notice.Kind.WEBINAR_MOVED) == TOLD
    with translation.override("fr"):
        sentence = gettext("The webinar “%(title)s”, which was postponed, has its new date.") % {"title": "Webinar"}
    french = Notice.objects.get(to="fr@example.org", kind="webinar_moved").body
    assert sentence.split("Webinar")[-1] in french and "reporté" in french


def test_a_postponed_webinar_cannot_be_scheduled_again_for_a_past_date(officer, audience):
    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    with pytest.raises(ValidationError, match="still to come"):
        scheduling.schedule_webinar(
            webinar=audience.webinar, starts_at=timezone.now() - timedelta(days=1), actor=officer
        )

    assert Webinar.objects.get(pk=audience.webinar.pk).status == Webinar.Status.POSTPONED
    assert not Notice.objects.filter(kind=Notice.Kind.WEBINAR_MOVED).exists()


def test_a_webinar_that_has_started_cannot_be_postponed():
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=10))

    with pytest.raises(ValidationError, match="has started"):
        scheduling.postpone_webinar(webinar=webinar, actor=None)

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.SCHEDULED


# Moving ----------------------------------------------------------------------------------


def test_moving_a_scheduled_webinar_tells_everyone_the_new_date_and_keeps_their_places(officer, audience):
    new_date = datetime(2031, 4, 8, 8, 30, tzinfo=UTC)

    scheduling.move_webinar(webinar=audience.webinar, starts_at=new_date, actor=officer)

    assert Webinar.objects.get(pk=audience.webinar.pk).starts_at == new_date
    assert told(Notice.Kind.WEBINAR_MOVED) == TOLD
    body = Notice.objects.get(kind=Notice.Kind.WEBINAR_MOVED, to="en@example.org").body
    assert "April 8, 2031" in body and "March 4, 2031" in body and "/calendar.ics" in body
    assert Registration.objects.get(pk=audience.waiting.pk).state == Registration.State.WAITLISTED


def test_moving_to_the_same_date_changes_nothing_and_tells_no_one(officer, audience):
    with pytest.raises(ValidationError, match="already on this date"):
        scheduling.move_webinar(webinar=audience.webinar, starts_at=STARTS_AT, actor=officer)

    assert not Notice.objects.exists()


def test_moving_a_planned_webinar_changes_its_internal_date_without_a_message():
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)

    result = scheduling.move_webinar(webinar=webinar, starts_at=STARTS_AT, actor=None)

    assert (result.webinar.starts_at, result.told) == (STARTS_AT, 0)
    assert not Notice.objects.exists()


# Scheduling and marking held ------------------------------------------------------------


def test_a_planned_webinar_scheduled_opens_registration_and_tells_nobody():
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)

    result = scheduling.schedule_webinar(webinar=webinar, starts_at=STARTS_AT, actor=None)

    assert result.webinar.status == Webinar.Status.SCHEDULED and result.told == 0
    assert not Notice.objects.exists()


def test_scheduling_a_webinar_without_a_date_changes_nothing():
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)

    with pytest.raises(ValidationError, match="Give the date"):
        scheduling.schedule_webinar(webinar=webinar, starts_at=None, actor=None)

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.PLANNED


def test_a_held_webinar_cannot_be_scheduled_again():
    webinar = HeldWebinarFactory()

    with pytest.raises(ValidationError, match="cannot go from"):
        scheduling.schedule_webinar(webinar=webinar, starts_at=STARTS_AT, actor=None)

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.HELD


def test_a_scheduled_webinar_is_marked_held_once_it_has_started():
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(hours=2))

    scheduling.mark_webinar_held(webinar=webinar, actor=None)

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.HELD


def test_a_webinar_still_to_come_cannot_be_marked_held():
    webinar = WebinarFactory()

    with pytest.raises(ValidationError, match="once it has started"):
        scheduling.mark_webinar_held(webinar=webinar, actor=None)

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.SCHEDULED


def test_a_cancelled_webinar_offers_no_change_at_all():
    webinar = WebinarFactory(status=Webinar.Status.CANCELLED)

    assert scheduling.available_changes(webinar) == []


# Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Communications", "Read-only", "Reporting officer"])
@pytest.mark.parametrize("change", ["cancel", "postpone"])
def test_staff_without_the_scheduling_permission_change_nothing_and_tell_no_one(role, change, audience):
    member = SecretariatFactory(roles=[role])

    with pytest.raises(MissingPermission):
        scheduling.change_webinar(webinar=audience.webinar, change=change, actor=member)

    assert Webinar.objects.get(pk=audience.webinar.pk).status == Webinar.Status.SCHEDULED
    assert not Notice.objects.exists()


def test_the_admin_status_page_refuses_staff_without_the_scheduling_permission(client, audience):
    client.force_login(SecretariatFactory(permissions=["webinars.view_webinar", "webinars.change_webinar"]))

    response = client.post(status_url(audience.webinar, "cancel"))

    assert response.status_code == 403
    assert "Schedule, postpone, cancel or mark webinars held" in response.content.decode()
    assert Webinar.objects.get(pk=audience.webinar.pk).status == Webinar.Status.SCHEDULED
    assert not Notice.objects.exists()


def test_the_change_page_offers_the_allowed_changes_to_a_programme_officer(client, officer, audience):
    client.force_login(officer)

    page = client.get(reverse("admin:webinars_webinar_change", args=[audience.webinar.pk])).content.decode()

    # A new date is chosen on the scheduling screen; the other changes have their admin page.
    assert reverse("delivery:webinar_schedule", args=[audience.webinar.slug]) in page
    for change in ("postpone", "cancel"):
        assert status_url(audience.webinar, change) in page
    for change in ("schedule", "move", "held"):
        assert status_url(audience.webinar, change) not in page


def test_the_change_page_offers_no_status_change_to_a_read_only_member(client, audience):
    client.force_login(SecretariatFactory(roles=["Read-only"]))

    response = client.get(reverse("admin:webinars_webinar_change", args=[audience.webinar.pk]))

    assert response.status_code == 200
    assert "webinar-status-change" not in response.content.decode()


def test_status_and_date_of_an_existing_webinar_are_read_only_in_the_admin(officer, audience):
    model_admin = admin.site._registry[Webinar]
    request = RequestFactory().get("/")
    request.user = officer

    form_fields = model_admin.get_form(request, audience.webinar, change=True).base_fields
    new_form_fields = model_admin.get_form(request, None, change=False).base_fields

    assert "status" not in form_fields and "starts_at" not in form_fields
    assert "status" not in new_form_fields and "starts_at" in new_form_fields
    assert "registration_count" not in form_fields


def test_the_admin_moves_a_webinar_through_the_service_and_tells_everyone(client, officer, audience):
    client.force_login(officer)

    response = client.post(status_url(audience.webinar, "move"), {"starts_at_0": "2031-04-08", "starts_at_1": "10:30"})

    assert response.status_code == 302
    webinar = Webinar.objects.get(pk=audience.webinar.pk)
    assert timezone.localtime(webinar.starts_at).strftime("%Y-%m-%d %H:%M") == "2031-04-08 10:30"
    assert told(Notice.Kind.WEBINAR_MOVED) == TOLD


def test_the_admin_status_page_says_who_will_be_told(client, officer, audience):
    client.force_login(officer)

    page = client.get(status_url(audience.webinar, "postpone")).content.decode()

    assert all(text in page for text in ("2 people registered", "1 person on the waiting list", "1 expert<"))
    assert not Notice.objects.exists()


def test_the_changelist_action_opens_the_change_page_of_the_selected_webinar(client, officer, audience):
    client.force_login(officer)

    response = client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "postpone_webinar", "_selected_action": [audience.webinar.pk]},
    )

    assert response.status_code == 302 and response["Location"] == status_url(audience.webinar, "postpone")
    assert not Notice.objects.exists()


def test_every_admin_action_on_webinars_and_registrations_declares_its_permissions():
    from participants.models import Campaign, NetworkMember

    for model in (Webinar, Registration, Campaign, NetworkMember, ExpertInvitation):
        model_admin = admin.site._registry[model]
        for action in model_admin.actions or []:
            function = getattr(model_admin, action) if isinstance(action, str) else action
            assert getattr(function, "allowed_permissions", None), (model.__name__, action)


def test_the_status_actions_are_offered_only_with_the_scheduling_permission(officer):
    model_admin = admin.site._registry[Webinar]
    request = RequestFactory().get("/")
    request.user = SecretariatFactory(roles=["Read-only"])
    officer_request = RequestFactory().get("/")
    officer_request.user = officer

    assert not {"cancel_webinar", "send_survey_to_experts", "upload_attendance"} & set(model_admin.get_actions(request))
    assert {"cancel_webinar", "send_survey_to_experts", "upload_attendance"} <= set(
        model_admin.get_actions(officer_request)
    )


def test_a_registrant_of_a_postponed_webinar_can_still_cancel_and_the_place_waits_for_the_new_date(officer, audience):
    from participants.services.registration import cancel_registration

    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    cancel_registration(registration=audience.registered[0], actor=None)

    assert Registration.objects.get(pk=audience.registered[0].pk).state == Registration.State.CANCELLED
    assert Registration.objects.get(pk=audience.waiting.pk).state == Registration.State.WAITLISTED


def test_a_place_freed_while_postponed_goes_to_the_first_person_waiting_once_the_new_date_is_set(officer, audience):
    from participants.services.registration import cancel_registration

    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)
    cancel_registration(registration=audience.registered[0], actor=None)

    scheduling.schedule_webinar(webinar=audience.webinar, starts_at=working_slot(days=40), actor=officer)

    assert Registration.objects.get(pk=audience.waiting.pk).state == Registration.State.REGISTERED
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_PROMOTED, to="es@example.org").count() == 1
    moved = Notice.objects.get(kind=Notice.Kind.WEBINAR_MOVED, to="es@example.org")
    with translation.override("es"):
        assert gettext("Your registration is kept for the new date.") in moved.body

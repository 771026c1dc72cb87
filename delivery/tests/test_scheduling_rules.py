"""The scheduling service checks the rules of a good date; someone holding
webinars.schedule_despite_conflicts may keep a date with conflicts, giving a reason that is
recorded; and once the date is set and an expert has accepted, the people who asked are told."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from delivery.models import ExpertInvitation
from delivery.services import experts, scheduling
from delivery.tests.factories import ExpertInvitationFactory
from outbox.models import Notice
from participants.models import DateAlert
from participants.services.registration import registration_refusal
from participants.tests.factories import DateAlertFactory, RegistrationFactory
from portal.permissions import MissingPermission
from webinars.models import Closure, Webinar
from webinars.tests.factories import (
    ClosureFactory,
    ExpertFactory,
    OpenWebinarFactory,
    RegionFactory,
    ToBeScheduledWebinarFactory,
)

pytestmark = pytest.mark.django_db

# Tuesday 4 March 2031, 12:00 UTC: 13:00 in Geneva, 15:00 in Nairobi.
GOOD = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)
NAIROBI = [{"city": "Nairobi", "time_zone": "Africa/Nairobi"}]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Programme officer"])


@pytest.fixture
def manager():
    return SecretariatFactory(roles=["Programme manager"])


@pytest.fixture
def webinar():
    return ToBeScheduledWebinarFactory(regions=[RegionFactory(capitals=NAIROBI)])


@pytest.fixture
def holiday():
    return ClosureFactory(title="Official holiday", kind=Closure.Kind.HOLIDAY, starts_on=date(2031, 3, 4))


def reload(webinar) -> Webinar:
    return Webinar.objects.get(pk=webinar.pk)


# The rules, in the service -----------------------------------------------------------------


def test_a_webinar_to_be_scheduled_gets_its_date_on_a_good_day(officer, webinar):
    result = scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert (result.webinar.status, result.webinar.starts_at) == (Webinar.Status.SCHEDULED, GOOD)
    assert reload(webinar).date_conflicts_accepted == []


def test_a_date_on_a_closure_day_is_refused_with_the_reason(officer, webinar, holiday):
    with pytest.raises(scheduling.DateConflicts) as refused:
        scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert refused.value.messages == ["Tuesday March 4, 2031 is closed: Official holiday (official holiday)."]
    assert reload(webinar).status == Webinar.Status.TO_BE_SCHEDULED


def test_the_programme_manager_keeps_a_closure_day_with_a_reason_that_is_recorded(manager, webinar, holiday):
    scheduling.schedule_webinar(
        webinar=webinar, starts_at=GOOD, actor=manager, despite_conflicts="  The minister can only speak that day. "
    )

    saved = reload(webinar)
    assert (saved.status, saved.starts_at) == (Webinar.Status.SCHEDULED, GOOD)
    assert saved.date_conflicts_reason == "The minister can only speak that day."
    assert [c["code"] for c in saved.date_conflicts_accepted] == ["closure"]
    assert saved.date_conflicts_accepted_by == manager and saved.date_conflicts_accepted_at is not None


def test_a_reason_without_the_permission_changes_nothing(officer, webinar, holiday):
    with pytest.raises(MissingPermission):
        scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer, despite_conflicts="Because.")

    assert reload(webinar).status == Webinar.Status.TO_BE_SCHEDULED


def test_the_permission_without_a_reason_keeps_nothing(manager, webinar, holiday):
    with pytest.raises(scheduling.DateConflicts):
        scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=manager, despite_conflicts="   ")

    assert reload(webinar).starts_at is None


def test_two_webinars_the_same_day_are_named(officer, webinar):
    OpenWebinarFactory(title="Patent pools", starts_at=GOOD - timedelta(hours=3))

    with pytest.raises(scheduling.DateConflicts) as refused:
        scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert (
        "Another webinar is on Tuesday March 4, 2031: “Patent pools” at 10:00 (Geneva time)." in refused.value.messages
    )


def test_a_time_zone_that_does_not_exist_is_refused(officer, webinar):
    with pytest.raises(ValidationError, match="“Mars/Olympus” does not exist"):
        scheduling.schedule_webinar(
            webinar=webinar, starts_at=datetime(2031, 3, 4, 15, 0), time_zone="Mars/Olympus", actor=officer
        )

    assert reload(webinar).starts_at is None


def test_a_time_typed_on_a_capitals_clock_is_read_in_its_time_zone(officer, webinar):
    scheduling.schedule_webinar(
        webinar=webinar, starts_at=datetime(2031, 3, 4, 15, 0), time_zone="Africa/Nairobi", actor=officer
    )

    assert reload(webinar).starts_at == GOOD


def test_a_time_skipped_by_a_clock_change_is_refused(manager, webinar):
    with pytest.raises(ValidationError, match="does not exist in Europe/Zurich"):
        scheduling.schedule_webinar(
            webinar=webinar,
            starts_at=datetime(2031, 3, 30, 2, 30),
            time_zone="Europe/Zurich",
            actor=manager,
            despite_conflicts="A Sunday at night, on purpose.",
        )


def test_a_friday_is_refused_for_riyadh_and_cairo_and_a_thursday_kept(officer):
    arab = [{"city": "Cairo", "time_zone": "Africa/Cairo"}, {"city": "Riyadh", "time_zone": "Asia/Riyadh"}]
    webinar = ToBeScheduledWebinarFactory(regions=[RegionFactory(capitals=arab)])
    friday, thursday = GOOD + timedelta(days=3), GOOD + timedelta(days=2)  # 15:00 in Riyadh, 14:00 in Cairo

    with pytest.raises(scheduling.DateConflicts) as refused:
        scheduling.schedule_webinar(webinar=webinar, starts_at=friday, actor=officer)
    scheduling.schedule_webinar(webinar=webinar, starts_at=thursday, actor=officer)

    assert "Friday is not a working day in Cairo and Riyadh." in refused.value.messages
    assert reload(webinar).starts_at == thursday


def test_a_date_in_the_past_is_refused_unless_kept_with_a_reason(officer, manager, webinar):
    past = timezone.now() - timedelta(days=3)

    with pytest.raises(scheduling.DateConflicts, match="is in the past"):
        scheduling.schedule_webinar(webinar=webinar, starts_at=past, actor=officer)
    scheduling.schedule_webinar(
        webinar=webinar, starts_at=past, actor=manager, despite_conflicts="Held before the portal knew of it."
    )

    assert reload(webinar).starts_at == past


def test_moving_a_scheduled_webinar_with_registrants_into_the_past_is_refused_even_with_a_reason(manager):
    webinar = OpenWebinarFactory(starts_at=GOOD)
    RegistrationFactory(webinar=webinar)

    with pytest.raises(ValidationError, match="still to come"):
        scheduling.move_webinar(
            webinar=webinar, starts_at=timezone.now() - timedelta(days=1), actor=manager, despite_conflicts="No."
        )

    assert not Notice.objects.exists()


def test_moving_checks_the_same_rules(officer, holiday):
    webinar = OpenWebinarFactory(starts_at=GOOD + timedelta(days=1), regions=[RegionFactory(capitals=NAIROBI)])

    with pytest.raises(scheduling.DateConflicts, match="Official holiday"):
        scheduling.move_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert reload(webinar).starts_at == GOOD + timedelta(days=1)


def test_a_later_date_without_conflicts_clears_the_record_of_conflicts_kept(manager, webinar, holiday):
    scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=manager, despite_conflicts="Needed.")

    scheduling.move_webinar(webinar=webinar, starts_at=GOOD + timedelta(days=1), actor=manager)

    saved = reload(webinar)
    assert (saved.date_conflicts_accepted, saved.date_conflicts_reason, saved.date_conflicts_accepted_by) == (
        [],
        "",
        None,
    )


# When registration opens, and who is told -------------------------------------------------


def test_a_scheduled_webinar_without_an_accepted_expert_says_registration_opens_soon(officer, webinar):
    scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    refusal = registration_refusal(reload(webinar))

    assert refusal.code == "no_expert" and "Registration opens soon" in refusal.messages[0]


def test_an_invited_expert_who_has_not_answered_does_not_open_registration(officer, webinar):
    expert = ExpertFactory()
    ExpertInvitationFactory(webinar=webinar, expert=expert)
    webinar.experts.add(expert)  # attached meanwhile in the admin: invited, not accepted

    scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert registration_refusal(reload(webinar)).code == "no_expert"


def test_scheduling_with_an_accepted_expert_tells_each_person_who_asked_once_in_their_language(officer, webinar):
    expert = ExpertFactory()
    ExpertInvitationFactory(webinar=webinar, expert=expert, state=ExpertInvitation.State.ACCEPTED)
    webinar.experts.add(expert)
    french = DateAlertFactory(webinar=webinar, email="fr@example.org", language="fr")
    DateAlertFactory(webinar=webinar, email="ar@example.org", language="ar")

    result = scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    told = dict(Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET).values_list("to", "language"))
    assert result.alerted == 2 and told == {"fr@example.org": "fr", "ar@example.org": "ar"}
    body = Notice.objects.get(to="fr@example.org").body
    assert "4 mars 2031 13:00" in body and f"/fr/webinars/{webinar.slug}/register/" in body
    assert DateAlert.objects.get(pk=french.pk).told_at is not None


def test_scheduling_without_an_expert_tells_nobody_until_the_expert_accepts(officer, webinar):
    DateAlertFactory(webinar=webinar, email="en@example.org")
    invitation = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)
    scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)
    assert not Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET).exists()

    experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=True)

    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET, to="en@example.org").count() == 1
    assert registration_refusal(reload(webinar)) is None


def test_an_expert_accepting_a_webinar_still_to_be_scheduled_tells_nobody_yet(officer, webinar):
    DateAlertFactory(webinar=webinar)
    invitation = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)

    experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=True)

    assert not Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET).exists()
    assert DateAlert.objects.get().told_at is None


def test_nobody_is_told_twice_when_a_second_expert_accepts(officer, webinar):
    DateAlertFactory(webinar=webinar, email="en@example.org")
    first = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)
    second = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)
    scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    experts.answer_invitation(token=experts.make_invitation_token(first), accept=True)
    experts.answer_invitation(token=experts.make_invitation_token(second), accept=True)

    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET).count() == 1


def test_someone_registered_meanwhile_is_not_told_the_date_a_second_way(officer):
    webinar = OpenWebinarFactory(starts_at=GOOD + timedelta(days=1), regions=[RegionFactory(capitals=NAIROBI)])
    RegistrationFactory(webinar=webinar, email="both@example.org")
    scheduling.postpone_webinar(webinar=webinar, actor=officer)
    DateAlertFactory(webinar=webinar, email="Both@example.org")
    DateAlertFactory(webinar=webinar, email="only-asked@example.org")

    result = scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)

    assert result.alerted == 1
    assert set(Notice.objects.filter(kind=Notice.Kind.WEBINAR_DATE_SET).values_list("to", flat=True)) == {
        "only-asked@example.org"
    }
    assert not DateAlert.objects.filter(told_at__isnull=True).exists()


def test_an_expert_accepting_says_when_they_are_available(officer, webinar):
    invitation = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)

    experts.answer_invitation(
        token=experts.make_invitation_token(invitation),
        accept=True,
        available_from=date(2031, 3, 10),
        available_until=date(2031, 3, 20),
        availability_note="Mornings only.",
    )

    saved = ExpertInvitation.objects.get(pk=invitation.pk)
    assert (saved.available_from, saved.available_until, saved.availability_note) == (
        date(2031, 3, 10),
        date(2031, 3, 20),
        "Mornings only.",
    )
    with pytest.raises(scheduling.DateConflicts, match="between March 10, 2031 and March 20, 2031"):
        scheduling.schedule_webinar(webinar=webinar, starts_at=GOOD, actor=officer)


def test_an_availability_that_ends_before_it_starts_is_refused(officer, webinar):
    invitation = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=officer)

    with pytest.raises(ValidationError, match="on or after the first"):
        experts.answer_invitation(
            token=experts.make_invitation_token(invitation),
            accept=True,
            available_from=date(2031, 3, 20),
            available_until=date(2031, 3, 10),
        )

    assert ExpertInvitation.objects.get(pk=invitation.pk).state == ExpertInvitation.State.INVITED


def test_the_programme_manager_may_schedule_despite_conflicts_and_the_officer_may_not(officer, manager):
    assert manager.has_perm(scheduling.OVERRIDE_PERMISSION)
    assert not officer.has_perm(scheduling.OVERRIDE_PERMISSION)

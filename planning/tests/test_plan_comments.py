"""The groups comment on the draft plan: sharing, comments, reminder and close, publishing, history."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import SecretariatFactory, StaffFactory, UserFactory
from outbox.models import Notice
from planning import consultation, selectors, services
from planning.models import AnnualPlan, PlanComment
from planning.tasks import advance_plan_comment_periods
from planning.tests.factories import AnnualPlanFactory, PlanCommentFactory, PlanEntryFactory, submitted_proposal
from proposals.models import ConsultationCycle
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory
from webinars.tests.factories import LanguageFactory, RegionalGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Programme officer"], language="en", email="officer@secretariat.example.org")


@pytest.fixture
def groups():
    return RegionalGroupFactory(code="african-group", order=1), RegionalGroupFactory(code="grulac", order=2)


@pytest.fixture
def coordinators(groups):
    african, grulac = groups
    return (
        CoordinatorFactory(group=african, user=UserFactory(username="amina", language="fr")),
        CoordinatorFactory(group=grulac, user=UserFactory(username="lucia", language="es")),
    )


@pytest.fixture
def plan():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    plan = AnnualPlanFactory(year=cycle.target_year, cycle=cycle)
    entry = PlanEntryFactory(plan=plan, position=1, title="Patent landscapes")
    entry.title_fr = "Panoramas des brevets"
    entry.save()
    entry.languages.set([LanguageFactory(code="en"), LanguageFactory(code="fr")])
    PlanEntryFactory(plan=plan, position=2, title="Mediation for SMEs")
    return plan


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def shared(plan, officer, days=10, message=""):
    return consultation.share_draft_plan(plan=plan, until=in_days(days), by=officer, message=message)


def notices(kind):
    return list(Notice.objects.filter(kind=kind).order_by("pk"))


def history_codes(plan):
    return [record.history_change_reason for record in plan.history.order_by("history_date", "history_id")]


# --- 1. sharing ---------------------------------------------------------------------------


def test_sharing_tells_each_active_coordinator_once_in_their_language(plan, officer, coordinators, groups):
    inactive_group = RegionalGroupFactory(code="sleeping", is_active=False)
    CoordinatorFactory(group=inactive_group, user=UserFactory(username="asleep"))
    CoordinatorFactory(group=groups[0], user=UserFactory(username="gone"), is_active=False)

    shared(plan, officer, message="Your comments, please.")

    sent = notices(Notice.Kind.PLAN_SHARED)
    assert sorted((n.to, n.language) for n in sent) == [
        ("amina@example.org", "fr"),
        ("lucia@example.org", "es"),
    ]
    french = next(n for n in sent if n.language == "fr")
    spanish = next(n for n in sent if n.language == "es")
    assert french.context["entries"][0]["title"] == "Panoramas des brevets"
    assert spanish.context["entries"][0]["title"] == "Patent landscapes"  # no Spanish title: the English one
    assert french.context["comment_path"] == f"/fr/consultation/plan/{plan.pk}/"
    assert "Your comments, please." in french.body
    plan.refresh_from_db()
    assert (plan.shared_by, plan.comments_until) == (officer, in_days(10))


def test_sharing_the_same_draft_until_the_same_day_again_is_refused_and_tells_nobody_twice(plan, officer, coordinators):
    shared(plan, officer)
    with pytest.raises(ValidationError):
        shared(plan, officer)
    assert len(notices(Notice.Kind.PLAN_SHARED)) == 2


def test_sharing_again_after_a_change_tells_the_groups_the_draft_changed(plan, officer, coordinators):
    shared(plan, officer)
    entry = plan.entries.get(position=2)
    entry.title = "Mediation and arbitration for SMEs"
    entry.save()

    shared(plan, officer, days=14)

    again = notices(Notice.Kind.PLAN_SHARED)[2:]
    assert len(again) == 2 and all(n.context["is_changed"] for n in again)
    assert history_codes(plan)[-2:] == [consultation.SHARED, consultation.SHARED_AGAIN]


@pytest.mark.parametrize("days", [0, -3])
def test_sharing_needs_a_last_day_after_today_and_saves_nothing_otherwise(plan, officer, coordinators, days):
    with pytest.raises(ValidationError):
        shared(plan, officer, days=days)
    plan.refresh_from_db()
    assert plan.shared_at is None and not Notice.objects.exists()


def test_sharing_needs_the_permission(plan, coordinators):
    with pytest.raises(PermissionDenied):
        shared(plan, SecretariatFactory(roles=["Read only"]))
    assert not Notice.objects.exists()


def test_a_published_plan_is_not_shared(plan, officer):
    AnnualPlan.objects.filter(pk=plan.pk).update(state=AnnualPlan.State.PUBLISHED, published_at=timezone.now())
    with pytest.raises(ValidationError):
        shared(plan, officer)


# --- 2. the groups' comments ------------------------------------------------------------------


def test_a_coordinator_comments_on_an_entry_and_changes_the_comment(plan, officer, coordinators):
    shared(plan, officer)
    amina = coordinators[0].user
    entry = plan.entries.get(position=1)

    comment = consultation.comment_on_plan(plan=plan, actor=amina, text="Ajouter l'arabe.", entry=entry)
    consultation.edit_plan_comment(comment=comment, actor=amina, text="Ajouter l'arabe et le russe.")

    comment.refresh_from_db()
    assert (comment.group, comment.entry, comment.written_in) == (coordinators[0].group, entry, "fr")
    assert comment.text == "Ajouter l'arabe et le russe."
    assert [r.history_type for r in comment.history.order_by("history_date")] == ["+", "~"]


def test_a_comment_after_the_last_day_is_refused_with_a_message_and_nothing_is_saved(plan, officer, coordinators):
    shared(plan, officer)
    amina = coordinators[0].user
    comment = consultation.comment_on_plan(plan=plan, actor=amina, text="Merci.")
    AnnualPlan.objects.filter(pk=plan.pk).update(comments_until=in_days(-1))  # the last day has passed

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        consultation.edit_plan_comment(comment=comment, actor=amina, text="Trop tard.")
    with pytest.raises(ValidationError):
        consultation.comment_on_plan(plan=plan, actor=amina, text="Trop tard.")

    assert "closed" in refused.value.messages[0] or "clos" in refused.value.messages[0]
    comment.refresh_from_db()
    assert comment.text == "Merci." and PlanComment.objects.count() == 1


def test_a_coordinator_cannot_change_another_groups_comment(plan, officer, coordinators):
    shared(plan, officer)
    comment = consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Merci.")
    with pytest.raises(PermissionDenied):
        consultation.edit_plan_comment(comment=comment, actor=coordinators[1].user, text="Cambiado.")
    comment.refresh_from_db()
    assert comment.text == "Merci."


def test_the_coordinator_of_an_inactive_group_cannot_comment(plan, officer):
    sleeping = CoordinatorFactory(group=RegionalGroupFactory(code="sleeping", is_active=False))
    shared(plan, officer)
    with pytest.raises(PermissionDenied):
        consultation.comment_on_plan(plan=plan, actor=sleeping.user, text="Hello.")
    assert not PlanComment.objects.exists()


def test_an_empty_comment_or_an_entry_of_another_plan_is_refused(plan, officer, coordinators):
    shared(plan, officer)
    other_entry = PlanEntryFactory(plan=AnnualPlanFactory(year=plan.year + 1))
    with pytest.raises(ValidationError):
        consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="   ")
    with pytest.raises(ValidationError):
        consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Oui.", entry=other_entry)
    assert not PlanComment.objects.exists()


def test_the_selector_gives_each_comment_with_its_group_entry_text_and_date(plan, officer, coordinators):
    shared(plan, officer)
    entry = plan.entries.get(position=1)
    consultation.comment_on_plan(plan=plan, actor=coordinators[1].user, text="Bien.")
    consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Oui.", entry=entry)

    found = [(c.group.code, c.entry, c.text, c.created_at is not None) for c in selectors.plan_comments(plan=plan)]

    assert found == [("african-group", entry, "Oui.", True), ("grulac", None, "Bien.", True)]


# --- the pages --------------------------------------------------------------------------------


def test_the_coordinator_reads_the_draft_in_their_language_and_comments_on_their_page(
    client, plan, officer, coordinators
):
    shared(plan, officer)
    client.force_login(coordinators[0].user)
    url = reverse("plan_comments:plan", kwargs={"plan_id": plan.pk}).replace("/en/", "/fr/")

    page = client.get(url).content.decode()
    response = client.post(url, {"text": "Un webinaire en arabe serait utile.", "entry": ""})

    assert "Panoramas des brevets" in page
    assert response.status_code == 302
    comment = PlanComment.objects.get()
    assert (comment.group, comment.entry, comment.author) == (coordinators[0].group, None, coordinators[0].user)


def test_the_dashboard_links_the_shared_draft(client, plan, officer, coordinators):
    shared(plan, officer)
    client.force_login(coordinators[1].user)
    page = client.get(reverse("proposals:dashboard")).content.decode()
    assert reverse("plan_comments:plan", kwargs={"plan_id": plan.pk}) in page


def test_an_unshared_draft_is_a_404_to_a_coordinator(client, plan, coordinators):
    client.force_login(coordinators[0].user)
    assert client.get(reverse("plan_comments:plan", kwargs={"plan_id": plan.pk})).status_code == 404


def test_another_groups_comment_is_a_404_and_stays_as_it_was(client, plan, officer, coordinators):
    shared(plan, officer)
    comment = consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Merci.")
    client.force_login(coordinators[1].user)
    url = reverse("plan_comments:comment_edit", kwargs={"pk": comment.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Cambiado."}).status_code == 404
    comment.refresh_from_db()
    assert comment.text == "Merci."


def test_a_late_change_on_the_page_is_refused_with_the_reason(client, plan, officer, coordinators):
    shared(plan, officer)
    comment = consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Merci.")
    AnnualPlan.objects.filter(pk=plan.pk).update(comments_until=in_days(-1))
    client.force_login(coordinators[0].user)

    response = client.post(
        reverse("plan_comments:comment_edit", kwargs={"pk": comment.pk}), {"text": "Trop tard."}, follow=True
    )

    assert "Comments on the draft plan closed" in response.content.decode()
    comment.refresh_from_db()
    assert comment.text == "Merci."


def test_the_coordinator_of_an_inactive_group_gets_no_page(client, plan, officer):
    sleeping = CoordinatorFactory(group=RegionalGroupFactory(code="sleeping", is_active=False))
    shared(plan, officer)
    client.force_login(sleeping.user)
    assert client.get(reverse("plan_comments:plan", kwargs={"plan_id": plan.pk})).status_code == 403


def test_the_secretariat_reads_the_comments_beside_the_plan(client, plan, officer, coordinators):
    shared(plan, officer)
    entry = plan.entries.get(position=1)
    consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Ajouter l'arabe.", entry=entry)
    consultation.comment_on_plan(plan=plan, actor=coordinators[1].user, text="Gracias por el borrador.")
    client.force_login(officer)

    page = client.get(reverse("planning:plan_detail", args=[plan.cycle_id])).content.decode()

    entry_block = page.split(f'data-entry="{entry.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Ajouter l&#x27;arabe." in entry_block and coordinators[0].group.name in entry_block
    general = page.split('id="consultation"', 1)[1].split("</section>", 1)[0]
    assert "Gracias por el borrador." in general and 'lang="es"' in general


def test_the_share_button_shares_the_draft(client, plan, officer, coordinators):
    client.force_login(officer)
    response = client.post(
        reverse("planning:plan_share", args=[plan.cycle_id]), {"comments_until": in_days(12).isoformat()}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.comments_until == in_days(12) and len(notices(Notice.Kind.PLAN_SHARED)) == 2


# --- 3. reminder and close ----------------------------------------------------------------------


def test_the_reminder_goes_once_to_the_groups_without_comments_then_the_period_closes(
    plan, officer, coordinators, settings
):
    settings.PORTAL_PLAN_COMMENT_REMINDER_DAYS = 3
    shared(plan, officer, days=10)
    consultation.comment_on_plan(plan=plan, actor=coordinators[0].user, text="Merci.")
    plan.refresh_from_db()
    reminder_at = consultation.reminder_moment(plan) + timedelta(hours=1)

    assert consultation.advance_comment_periods(at=reminder_at - timedelta(days=2)) == []  # not yet
    consultation.advance_comment_periods(at=reminder_at)
    consultation.advance_comment_periods(at=reminder_at + timedelta(hours=1))

    reminders = notices(Notice.Kind.PLAN_COMMENT_REMINDER)
    assert [(n.to, n.language) for n in reminders] == [("lucia@example.org", "es")]

    consultation.advance_comment_periods(at=plan.comments_close_at() + timedelta(minutes=5))
    consultation.advance_comment_periods(at=plan.comments_close_at() + timedelta(hours=2))

    [summary] = notices(Notice.Kind.PLAN_COMMENTS_CLOSED)
    assert summary.to == "officer@secretariat.example.org"
    assert summary.context["commented"] == [{"name": coordinators[0].group.name, "comments": 1}]
    assert summary.context["silent_groups"] == [coordinators[1].group.name]
    plan.refresh_from_db()
    assert plan.comments_closed_at is not None
    assert history_codes(plan)[-2:] == [f"{consultation.REMINDED}:1", f"{consultation.CLOSED}:1"]


def test_the_periodic_task_runs_the_comment_periods(plan, officer, coordinators, settings):
    settings.PORTAL_PLAN_COMMENT_REMINDER_DAYS = 3
    shared(plan, officer, days=10)
    AnnualPlan.objects.filter(pk=plan.pk).update(shared_at=timezone.now() - timedelta(days=20))
    AnnualPlan.objects.filter(pk=plan.pk).update(comments_until=timezone.localdate() + timedelta(days=1))

    advance_plan_comment_periods.delay()

    assert len(notices(Notice.Kind.PLAN_COMMENT_REMINDER)) == 2
    assert "advance-plan-comment-periods" in settings.CELERY_BEAT_SCHEDULE


# --- 5. publishing ------------------------------------------------------------------------------


@pytest.fixture
def publishable(officer):
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    staff = StaffFactory()
    proposal = submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.add_plan_entry(actor=staff, plan=plan, proposal=proposal)
    return plan


def test_publishing_records_that_the_groups_were_consulted(publishable, officer, coordinators):
    shared(publishable, officer)
    consultation.comment_on_plan(plan=publishable, actor=coordinators[0].user, text="D'accord.")

    services.publish_plan(actor=StaffFactory(), plan=publishable)

    publishable.refresh_from_db()
    assert publishable.state == AnnualPlan.State.PUBLISHED and publishable.groups_consulted
    assert history_codes(publishable)[-1] == consultation.PUBLISHED_CONSULTED


def test_a_shared_draft_whose_last_day_passed_counts_as_consulted_without_comments(publishable, officer):
    shared(publishable, officer)
    AnnualPlan.objects.filter(pk=publishable.pk).update(comments_until=in_days(-1))

    services.publish_plan(actor=StaffFactory(), plan=publishable)

    publishable.refresh_from_db()
    assert publishable.groups_consulted and publishable.consultation_skipped_reason == ""


def test_publishing_without_consulting_the_groups_needs_a_reason(publishable):
    with pytest.raises(ValidationError):
        services.publish_plan(actor=StaffFactory(), plan=publishable, consultation_skipped_reason="  ")
    publishable.refresh_from_db()
    assert publishable.state == AnnualPlan.State.DRAFT

    services.publish_plan(actor=StaffFactory(), plan=publishable, consultation_skipped_reason="The committee asked.")

    publishable.refresh_from_db()
    assert publishable.state == AnnualPlan.State.PUBLISHED
    assert (publishable.groups_consulted, publishable.consultation_skipped_reason) == (False, "The committee asked.")
    assert history_codes(publishable)[-1] == consultation.PUBLISHED_NOT_CONSULTED


def test_a_shared_draft_still_open_without_comments_needs_a_reason(publishable, officer):
    shared(publishable, officer)
    with pytest.raises(ValidationError):
        services.publish_plan(actor=StaffFactory(), plan=publishable)


# --- 6. history ---------------------------------------------------------------------------------


def test_every_step_is_in_the_history_of_the_consultation(publishable, officer, coordinators, client):
    shared(publishable, officer)
    comment = consultation.comment_on_plan(plan=publishable, actor=coordinators[0].user, text="Oui.")
    consultation.edit_plan_comment(comment=comment, actor=coordinators[0].user, text="Oui, merci.")
    entry = publishable.entries.get()
    entry.title = "A clearer title"
    entry.save()
    shared(publishable, officer, days=12)
    publishable.refresh_from_db()
    consultation.advance_comment_periods(at=publishable.comments_close_at())
    services.publish_plan(actor=StaffFactory(), plan=publishable)

    events = [event.what for event in selectors.consultation_history(plan=publishable)]

    assert events == [
        "Shared with the groups for comment",
        "Comment written",
        "Comment changed",
        "Shared again with the groups: the draft or its date changed",
        "Comment period closed; the Secretariat told who commented",
        "Published, the groups consulted",
    ]
    client.force_login(officer)
    page = client.get(reverse("planning:plan_detail", args=[publishable.cycle_id])).content.decode()
    assert "Comment period closed" in page and "The groups were consulted" in page


def test_a_comment_outlives_its_entry(plan, officer, coordinators):
    shared(plan, officer)
    entry = plan.entries.get(position=1)
    comment = PlanCommentFactory(plan=plan, group=coordinators[0].group, entry=entry, entry_title=entry.title)
    entry.delete()
    comment.refresh_from_db()
    assert comment.entry is None and comment.entry_title == "Patent landscapes"

"""The expert roster: suggestions, the year's balance figures, invitations and answers, privacy."""

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory, UserFactory
from delivery.models import ExpertInvitation
from delivery.selectors.experts import rank_experts, suggest_experts, year_balance, year_of
from delivery.services import experts
from delivery.tests.factories import ExpertInvitationFactory
from outbox.models import Notice
from portal.signing import InvalidLink
from webinars.models import Expert, Webinar
from webinars.tests.factories import (
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    LanguageFactory,
    RegionFactory,
    ScopeAreaFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
F, M = Expert.Gender.FEMALE, Expert.Gender.MALE


def in_language(language: str, text: str) -> str:
    """What the page says in the expert's language (their link opens the page in it)."""
    with translation.override(language):
        return gettext(text)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.PORTAL_SECRETARIAT_EMAILS = ["secretariat@example.org"]


def in_year(year: int, month: int = 3) -> datetime:
    return datetime(year, month, 1, 13, 0, tzinfo=UTC)


def answer_path(notice: Notice) -> str:
    """The path of the answer page in an invitation message (without the ?answer=...)."""
    match = re.search(rf"{re.escape(SITE)}(/\S+/experts/invitation/[^/\s]+/)\?answer=accept", notice.body)
    assert match, notice.body
    return match.group(1)


def invitation_notice(invitation) -> Notice:
    return Notice.objects.get(kind=Notice.Kind.EXPERT_INVITATION, key=f"expert-invitation:{invitation.pk}")


# Suggestions --------------------------------------------------------------------------


def test_suggestions_respect_the_limit():
    webinar = WebinarFactory()
    ExpertFactory.create_batch(4)
    assert len(suggest_experts(webinar=webinar, limit=3)) == 3


# The year's balance -------------------------------------------------------------------


@pytest.fixture
def year_2031():
    """Five experts in 2031 (two women) from three regions, and experts who must not count."""
    r1, r2, r3, r4 = (RegionFactory() for _ in range(4))
    woman_r1 = ExpertFactory(gender=F, region=r1)
    man_r2 = ExpertFactory(gender=M, region=r2)
    woman_r3 = ExpertFactory(gender=F, region=r3)
    man_r1 = ExpertFactory(gender=M, region=r1)
    man_r2b = ExpertFactory(gender=M, region=r2)
    scheduled = WebinarFactory(starts_at=in_year(2031, 5), regions=[r1])
    scheduled.experts.set([woman_r1, man_r2])
    held = HeldWebinarFactory(starts_at=in_year(2031, 2), regions=[r1])
    held.experts.set([woman_r3, man_r1, woman_r1])  # woman_r1 gives two webinars: counted once
    planned = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=in_year(2031, 9), regions=[r1])
    planned.experts.set([man_r2b])
    cancelled = WebinarFactory(status=Webinar.Status.CANCELLED, starts_at=in_year(2031, 6), regions=[r1])
    cancelled.experts.set([ExpertFactory(gender=F, region=r4)])
    other_year = HeldWebinarFactory(starts_at=in_year(2030, 11), regions=[r1])
    other_year.experts.set([ExpertFactory(gender=F, region=r4)])
    return {"regions": (r1, r2, r3, r4), "woman_r1": woman_r1, "man_r2": man_r2}


def test_year_balance_counts_each_expert_once_by_gender_and_region(year_2031):
    balance = year_balance(year=2031)

    assert balance.before.total == 5
    assert balance.before.women == 2
    assert balance.before.women_share == 40
    assert balance.before.by_gender[M] == 3
    assert balance.before.gender_share(M) == 60
    assert balance.before.regions_covered == 3
    assert balance.region_count == 4
    assert balance.after == balance.before


def test_adding_a_woman_from_a_new_region_shows_both_changes(year_2031):
    r4 = year_2031["regions"][3]
    candidate = ExpertFactory(gender=F, region=r4)

    balance = year_balance(year=2031, adding=candidate)

    assert balance.is_new_expert
    assert (balance.before.women, balance.before.total, balance.before.women_share) == (2, 5, 40)
    assert (balance.after.women, balance.after.total, balance.after.women_share) == (3, 6, 50)
    assert (balance.before.regions_covered, balance.after.regions_covered) == (3, 4)
    assert balance.adds_region
    row = balance.candidate_region_row
    assert (row.before, row.after, row.after_share) == (0, 1, 17)


def test_adding_an_expert_of_the_year_changes_nothing(year_2031):
    balance = year_balance(year=2031, adding=year_2031["man_r2"])
    assert not balance.is_new_expert
    assert balance.after == balance.before


def test_suggestion_carries_the_balance_of_the_webinars_year(year_2031):
    candidate = ExpertFactory(gender=M, region=year_2031["regions"][0])
    webinar = WebinarFactory(starts_at=in_year(2031, 10))

    [suggestion] = [s for s in suggest_experts(webinar=webinar, limit=50) if s.expert == candidate]

    assert suggestion.balance.year == 2031
    assert (suggestion.balance.after.women, suggestion.balance.after.total) == (2, 6)
    assert suggestion.balance.after.women_share == 33
    assert not suggestion.balance.adds_region


def test_a_webinar_on_new_years_night_belongs_to_its_geneva_year():
    """23:30 UTC on 31 December 2030 is 2031 in Geneva, the year ``year_experts`` counts it in."""
    webinar = WebinarFactory(starts_at=datetime(2030, 12, 31, 23, 30, tzinfo=UTC))
    webinar.experts.set([ExpertFactory(gender=F)])

    assert year_of(webinar) == 2031
    assert year_balance(year=year_of(webinar)).before.total == 1


def test_suggestions_page_shows_the_figures_in_numbers(client, year_2031):
    r4 = year_2031["regions"][3]
    ExpertFactory(name="Candidate Woman", gender=F, region=r4)
    webinar = WebinarFactory(starts_at=in_year(2031, 10), regions=[r4])
    client.force_login(StaffFactory())

    html = client.get(reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk})).content.decode()

    assert "2 of 5 (40%)" in html  # women now
    assert "3 of 6 (50%)" in html  # women with the candidate
    assert "3 of 4 → 4 of 4" in html  # regions covered


# Invitations --------------------------------------------------------------------------


@pytest.fixture
def staff():
    return StaffFactory(email="officer@example.org", language="fr")


@pytest.fixture
def expert():
    expert = ExpertFactory(name="Dr Amina Diallo", email="amina@example.org")
    expert.languages.set([LanguageFactory(code="es", order=6), LanguageFactory(code="fr", order=4)])
    return expert


def test_invitation_is_queued_in_the_experts_first_language_with_signed_links(staff, expert):
    webinar = WebinarFactory(title="Patent landscapes")

    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff, message="We hope you can.")

    assert invitation.state == ExpertInvitation.State.INVITED
    assert invitation.invited_by == staff
    notice = invitation_notice(invitation)
    assert notice.to == "amina@example.org"
    assert notice.language == "fr"  # French comes before Spanish in the languages' order
    assert "/fr/experts/invitation/" in notice.body
    assert "?answer=decline" in notice.body
    assert "We hope you can." in notice.body
    assert expert not in webinar.experts.all()


def test_expert_without_a_portal_language_is_invited_in_english(staff):
    expert = ExpertFactory()
    expert.languages.set([LanguageFactory(code="pt")])
    invitation = experts.invite_expert(webinar=WebinarFactory(), expert=expert, actor=staff)
    assert invitation_notice(invitation).language == "en"


def test_inviting_again_while_an_invitation_is_open_is_refused(staff, expert):
    webinar = WebinarFactory()
    experts.invite_expert(webinar=webinar, expert=expert, actor=staff)

    with pytest.raises(experts.ValidationError, match="has not answered yet"):
        experts.invite_expert(webinar=webinar, expert=expert, actor=staff)

    assert ExpertInvitation.objects.count() == 1
    assert Notice.objects.filter(kind=Notice.Kind.EXPERT_INVITATION).count() == 1


def test_an_expert_who_declined_can_be_invited_again(staff, expert):
    webinar = WebinarFactory()
    first = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    experts.answer_invitation(token=experts.make_invitation_token(first), accept=False)

    second = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)

    assert second.pk != first.pk
    assert Notice.objects.filter(kind=Notice.Kind.EXPERT_INVITATION).count() == 2


def test_a_held_webinar_takes_no_invitation(staff, expert):
    with pytest.raises(experts.ValidationError, match="no longer invited"):
        experts.invite_expert(webinar=HeldWebinarFactory(), expert=expert, actor=staff)
    assert not ExpertInvitation.objects.exists()


def test_opening_the_link_answers_nothing(client, staff, expert):
    invitation = experts.invite_expert(webinar=WebinarFactory(), expert=expert, actor=staff)

    response = client.get(answer_path(invitation_notice(invitation)) + "?answer=accept")

    assert response.status_code == 200
    assert 'value="accept"' in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.INVITED


def test_accepting_from_the_link_puts_the_expert_on_the_webinar_and_tells_the_secretariat(client, staff, expert):
    webinar = WebinarFactory(title="Patent landscapes")
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    path = answer_path(invitation_notice(invitation))

    response = client.post(path, {"answer": "accept"}, follow=True)

    assert response.redirect_chain[-1][0].endswith("?answered=1")
    assert 'value="accept"' not in response.content.decode()  # the buttons are gone: answered
    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.ACCEPTED
    assert invitation.answered_at is not None
    assert list(webinar.experts.all()) == [expert]
    answers = Notice.objects.filter(kind=Notice.Kind.EXPERT_ANSWER).order_by("to")
    assert [(n.to, n.language) for n in answers] == [("officer@example.org", "fr"), ("secretariat@example.org", "en")]
    assert answers[0].context["is_accepted"] is True


def test_declining_records_the_reason_and_tells_the_secretariat(client, staff, expert):
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)

    client.post(answer_path(invitation_notice(invitation)), {"answer": "decline", "reason": "Travelling that week."})

    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.DECLINED
    assert invitation.decline_reason == "Travelling that week."
    assert expert not in webinar.experts.all()
    notice = Notice.objects.get(kind=Notice.Kind.EXPERT_ANSWER, to="secretariat@example.org")
    assert "Travelling that week." in notice.body


def test_answering_twice_shows_the_first_answer_and_changes_nothing(client, staff, expert):
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    path = answer_path(invitation_notice(invitation))
    client.post(path, {"answer": "accept"})
    notices_before = Notice.objects.count()

    response = client.post(path, {"answer": "decline", "reason": "Changed my mind"})

    assert response.status_code == 409
    assert in_language("fr", "You accepted this invitation") in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.ACCEPTED
    assert invitation.decline_reason == ""
    assert list(webinar.experts.all()) == [expert]
    assert Notice.objects.count() == notices_before
    with pytest.raises(experts.InvitationClosed):
        experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda token: token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        lambda token: "not-a-token",
    ],
    ids=["tampered", "garbage"],
)
def test_a_forged_link_is_refused_and_changes_nothing(client, staff, expert, damage):
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    token = experts.make_invitation_token(invitation)
    path = reverse("delivery:expert_answer", kwargs={"token": damage(token)})

    response = client.post(path, {"answer": "accept"})

    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.INVITED
    assert not webinar.experts.exists()
    assert not Notice.objects.filter(kind=Notice.Kind.EXPERT_ANSWER).exists()


def test_a_link_for_another_invitation_number_is_refused(staff, expert):
    """A validly signed payload naming another expert's invitation (e.g. a changed e-mail) fails."""
    invitation = experts.invite_expert(webinar=WebinarFactory(), expert=expert, actor=staff)
    token = experts.make_invitation_token(invitation)
    Expert.objects.filter(pk=expert.pk).update(email="new-address@example.org")

    with pytest.raises(InvalidLink):
        experts.answer_invitation(token=token, accept=True)


def test_an_expired_link_says_so_and_changes_nothing(client, staff, expert, monkeypatch):
    webinar = WebinarFactory()
    thirty_one_days_ago = int(timezone.now().timestamp()) - 31 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(thirty_one_days_ago))
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    monkeypatch.undo()

    response = client.post(answer_path(invitation_notice(invitation)), {"answer": "accept"})

    assert response.status_code == 400
    assert in_language("fr", "This link has expired") in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.INVITED


def test_withdrawing_an_accepted_invitation_takes_the_expert_off_the_webinar(staff, expert):
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=True)

    experts.withdraw_invitation(invitation=invitation, actor=staff)

    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.WITHDRAWN
    assert not webinar.experts.exists()
    with pytest.raises(experts.InvitationClosed):
        experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=True)


def test_one_open_invitation_per_expert_and_webinar_is_a_database_rule(expert):
    webinar = WebinarFactory()
    ExpertInvitationFactory(webinar=webinar, expert=expert)
    ExpertInvitationFactory(webinar=webinar, expert=expert, state=ExpertInvitation.State.DECLINED)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ExpertInvitationFactory(webinar=webinar, expert=expert)


# Privacy on the public page -----------------------------------------------------------


def public_html(client, webinar) -> str:
    """The public page's text without its CSRF tokens, whose random letters could spell "SN"."""
    response = client.get(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug}))
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_public_page_shows_an_accepted_expert_with_name_title_and_biography_only(client, staff):
    expert = ExpertFactory(
        name="Dr Amina Diallo",
        title="Head of patent information",
        biography="Twenty years of patent searching.",
        email="amina.private@example.org",
        nationality="SN",
        gender=F,
        expertise="Secret internal notes on expertise",
    )
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=expert, actor=staff)
    experts.answer_invitation(token=experts.make_invitation_token(invitation), accept=True)

    html = public_html(client, webinar)

    assert "Dr Amina Diallo" in html
    assert "Head of patent information" in html
    assert "Twenty years of patent searching." in html
    for private in ("amina.private@example.org", "SN", "Female", "Secret internal notes"):
        assert private not in html


def test_public_page_hides_an_expert_who_has_not_accepted(client, staff):
    pending = ExpertFactory(name="Pending Person")
    declined = ExpertFactory(name="Declined Person")
    webinar = WebinarFactory()
    experts.invite_expert(webinar=webinar, expert=pending, actor=staff)
    ExpertInvitationFactory(webinar=webinar, expert=declined, state=ExpertInvitation.State.DECLINED)
    webinar.experts.add(pending, declined)  # attached in the admin meanwhile

    html = public_html(client, webinar)

    assert "Pending Person" not in html
    assert "Declined Person" not in html


def test_public_page_still_shows_experts_attached_without_an_invitation(client):
    webinar = HeldWebinarFactory()
    webinar.experts.add(ExpertFactory(name="Attached Directly"))
    assert "Attached Directly" in public_html(client, webinar)


# Staff screens ------------------------------------------------------------------------


def staff_urls(webinar, expert):
    return [
        reverse("delivery:expert_roster"),
        reverse("delivery:expert_detail", kwargs={"expert_id": expert.pk}),
        reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk}),
    ]


def test_visitors_are_sent_to_log_in(client):
    webinar, expert = WebinarFactory(), ExpertFactory()
    for url in staff_urls(webinar, expert):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_non_staff_users_are_refused(client):
    webinar, expert = WebinarFactory(), ExpertFactory()
    client.force_login(UserFactory())
    for url in staff_urls(webinar, expert):
        assert client.get(url).status_code == 403
    invite = reverse("delivery:expert_invite", kwargs={"webinar_id": webinar.pk})
    assert client.post(invite, {"expert": expert.pk}).status_code == 403
    assert not ExpertInvitation.objects.exists()


def test_staff_invites_from_the_suggestions_page_with_a_post(client, staff, expert):
    webinar = WebinarFactory()
    client.force_login(staff)
    invite = reverse("delivery:expert_invite", kwargs={"webinar_id": webinar.pk})

    assert client.get(invite).status_code == 405
    response = client.post(invite, {"expert": expert.pk, "message": "Join us"}, follow=True)

    invitation = ExpertInvitation.objects.get()
    assert invitation.message == "Join us"
    html = response.content.decode()
    assert 'data-state="invited"' in html
    suggestion = re.search(rf'data-expert="{expert.pk}".*?(?=<li class="list-group-item|</ol>)', html, re.S).group(0)
    assert "awaiting the answer" in suggestion
    assert f"Invite {expert.name}" not in suggestion
    again = client.post(invite, {"expert": expert.pk}, follow=True)
    assert "has not answered yet" in again.content.decode()
    assert ExpertInvitation.objects.count() == 1


def test_roster_filters_and_shows_past_webinars_and_scores(client, staff):
    region, other_region = RegionFactory(), RegionFactory()
    area = ScopeAreaFactory()
    french = LanguageFactory(code="fr")
    match = ExpertFactory(name="Matching Expert", gender=M, region=region, kind=Expert.Kind.STAFF)
    match.languages.set([french])
    match.scope_areas.set([area])
    for rating in (4, 5):
        held = HeldWebinarFactory()
        held.experts.add(match)
        FeedbackFactory(webinar=held, expert_rating=rating)
    ExpertFactory(name="Other Region", gender=M, region=other_region, kind=Expert.Kind.STAFF)
    ExpertFactory(name="A Woman", gender=F, region=region, kind=Expert.Kind.STAFF)
    client.force_login(staff)

    query = {"gender": M, "region": region.pk, "language": french.pk, "scope_area": area.pk, "kind": "staff"}
    html = client.get(reverse("delivery:expert_roster"), query).content.decode()

    assert "Matching Expert" in html
    assert "Other Region" not in html
    assert "A Woman" not in html
    row = re.search(rf'data-expert="{match.pk}".*?</tr>', html, re.S).group(0)
    assert '<td class="past-webinars">2</td>' in row
    assert "4.5" in row


def test_expert_page_lists_past_webinars_with_ratings_and_invitations(client, staff, expert):
    held = HeldWebinarFactory(title="Held Talk")
    held.experts.add(expert)
    FeedbackFactory(webinar=held, expert_rating=3, overall_rating=5)
    FeedbackFactory(webinar=held, expert_rating=5, overall_rating=5)
    experts.invite_expert(webinar=WebinarFactory(title="Next Talk"), expert=expert, actor=staff)
    client.force_login(staff)

    html = client.get(reverse("delivery:expert_detail", kwargs={"expert_id": expert.pk})).content.decode()

    row = re.search(r'<table class="table table-sm" id="past-webinars">.*?</table>', html, re.S).group(0)
    assert "Held Talk" in row
    assert "<td>2</td>" in row  # answers
    assert "<td>4.0</td>" in row  # the expert's average rating
    assert "Next Talk" in html


def test_staff_withdraws_an_open_invitation_with_a_post(client, staff, expert):
    invitation = experts.invite_expert(webinar=WebinarFactory(), expert=expert, actor=staff)
    client.force_login(staff)
    url = reverse("delivery:expert_invitation_withdraw", kwargs={"invitation_id": invitation.pk})

    assert client.get(url).status_code == 405
    client.post(url)

    invitation.refresh_from_db()
    assert invitation.state == ExpertInvitation.State.WITHDRAWN
    response = client.get(answer_path(invitation_notice(invitation)))
    withdrawn = (
        "The Secretariat withdrew its invitation to give the webinar “%(title)s”: there is nothing left to answer."
    )
    assert in_language("fr", withdrawn) % {"title": invitation.webinar.title} in response.content.decode()


def test_webinar_admin_links_to_the_experts_screen(client, staff):
    webinar = WebinarFactory()
    client.force_login(staff)
    html = client.get(reverse("admin:webinars_webinar_change", args=[webinar.pk])).content.decode()
    assert reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk}) in html


def test_roster_lists_webinars_that_need_an_expert_soonest_first_with_their_counts(client, staff):
    now = datetime.now(UTC)
    later = WebinarFactory(title="Later planned", status=Webinar.Status.PLANNED, starts_at=now + timedelta(days=20))
    soon = WebinarFactory(title="Soon scheduled", starts_at=now + timedelta(days=2))
    soon.experts.add(ExpertFactory())
    ExpertInvitationFactory(webinar=soon)
    ExpertInvitationFactory(webinar=soon, state=ExpertInvitation.State.DECLINED)
    HeldWebinarFactory(title="Already held")
    WebinarFactory(title="Called off", status=Webinar.Status.CANCELLED)
    WebinarFactory(title="Last month", starts_at=now - timedelta(days=30))
    client.force_login(staff)

    html = client.get(reverse("delivery:expert_roster"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    section = html.split('data-testid="webinars-needing-experts"', 1)[1].split("</ul>", 1)[0]
    assert section.index("Soon scheduled") < section.index("Later planned")
    assert "Already held" not in section and "Called off" not in section and "Last month" not in section
    assert reverse("delivery:expert_suggestions", kwargs={"webinar_id": soon.pk}) in section
    assert reverse("delivery:expert_suggestions", kwargs={"webinar_id": later.pk}) in section
    soon_row = section.split(f'data-webinar="{soon.pk}"', 1)[1].split("</li>", 1)[0]
    assert "1 expert" in soon_row and "1 open invitation" in soon_row


# Query counts -------------------------------------------------------------------------


def _make_experts(count: int) -> None:
    area, language = ScopeAreaFactory(), LanguageFactory(code="en")
    for _ in range(count):
        expert = ExpertFactory(region=RegionFactory())
        expert.scope_areas.set([area])
        expert.languages.set([language])
        held = HeldWebinarFactory()
        held.experts.add(expert)
        FeedbackFactory(webinar=held, expert_rating=4)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_roster_query_count_does_not_grow_with_the_roster(client, staff):
    client.force_login(staff)
    url = reverse("delivery:expert_roster")
    _make_experts(1)
    few = _queries(client, url)
    _make_experts(19)
    assert _queries(client, url) == few


def _make_webinars_needing_experts(count: int) -> None:
    for n in range(count):
        webinar = WebinarFactory(starts_at=datetime.now(UTC) + timedelta(days=n + 1))
        webinar.experts.add(ExpertFactory())
        ExpertInvitationFactory(webinar=webinar)


def test_roster_query_count_does_not_grow_with_the_webinars_that_need_an_expert(client, staff):
    client.force_login(staff)
    url = reverse("delivery:expert_roster")
    _make_webinars_needing_experts(1)
    few = _queries(client, url)
    _make_webinars_needing_experts(19)
    assert _queries(client, url) == few


def test_suggestions_query_count_does_not_grow_with_the_roster(client, staff):
    client.force_login(staff)
    webinar = WebinarFactory()
    ExpertInvitationFactory(webinar=webinar)
    url = reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk})
    _make_experts(1)
    few = _queries(client, url)
    _make_experts(19)
    ExpertInvitationFactory.create_batch(3, webinar=webinar)
    assert _queries(client, url) == few


def test_demo_invitations_load_once(staff):
    from demo.experts import load_expert_invitations

    first, second = WebinarFactory(), WebinarFactory()
    first.experts.add(ExpertFactory(name="Giving It"))
    ExpertFactory(name="To Ask")

    loaded = load_expert_invitations(secretariat=staff)
    again = load_expert_invitations(secretariat=staff)

    assert [i.state for i in loaded] == [ExpertInvitation.State.ACCEPTED, ExpertInvitation.State.INVITED]
    assert [i.webinar for i in loaded] == [first, second]
    assert [i.pk for i in again] == [i.pk for i in loaded]
    assert ExpertInvitation.objects.count() == 2


def test_ranking_serves_a_plan_entry_without_a_webinar_yet():
    area = ScopeAreaFactory()
    english = LanguageFactory(code="en")
    topic = TopicFactory(title="Copyright for libraries", scope_area=area)
    fits = ExpertFactory(name="Fits", expertise="Copyright exceptions for libraries")
    fits.scope_areas.set([area])
    fits.languages.set([english])
    ExpertFactory(name="Another")

    [first, second] = rank_experts(topic=topic, title="Libraries", languages=[english], year=2031)

    assert (first.expert, second.expert.name) == (fits, "Another")
    assert first.similarity > 0.5  # its expertise against the topic's and the entry's titles, encoded for the call
    assert first.balance.year == 2031


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_answers_at_the_same_moment_record_one():
    """An expert double-clicks, or accepts in one tab and declines in another: one answer wins."""
    staff = StaffFactory()
    webinar = WebinarFactory()
    invitation = experts.invite_expert(webinar=webinar, expert=ExpertFactory(), actor=staff)
    token = experts.make_invitation_token(invitation)
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def answer(accept: bool):
        try:
            barrier.wait(timeout=30)
            experts.answer_invitation(token=token, accept=accept)
            outcomes.append("answered")
        except experts.InvitationClosed:
            outcomes.append("closed")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(n % 2 == 0,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["answered"] + ["closed"] * 5
    invitation.refresh_from_db()
    accepted = invitation.state == ExpertInvitation.State.ACCEPTED
    assert webinar.experts.exists() == accepted
    assert Notice.objects.filter(kind=Notice.Kind.EXPERT_ANSWER).count() == 2  # inviter + Secretariat address

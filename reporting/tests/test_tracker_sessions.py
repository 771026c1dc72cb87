"""The decision tracker over sessions: sessions as data, events at several sessions, effective
dates of a measure's state, references in their four forms, what is due at the next session,
what a measure produced, and the report body generated as in the follow-up report."""

import datetime
import io

import docx
import pypdf
import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import formats, timezone, translation
from docx.oxml.ns import qn

from accounts.tests.factories import UserFactory
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory
from portal.permissions import MissingPermission
from reporting.annex import reference_line
from reporting.models import DocumentReference, Measure, MeasureEvent
from reporting.services import change_measure_state, record_measure_event
from reporting.tests.factories import (
    CommitteeDecisionFactory,
    DecisionItemFactory,
    DecisionParagraphFactory,
    DocumentReferenceFactory,
    FollowUpActionFactory,
    MeasureEventFactory,
    MeasureFactory,
    SessionFactory,
)
from reporting.tracker_report import build_tracker_report

pytestmark = pytest.mark.django_db


def _long_date(day, language="en") -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def secretariat():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def sessions():
    return {
        number: SessionFactory(number=number, starts_on=first, ends_on=first + datetime.timedelta(days=4))
        for number, first in (
            (19, datetime.date(2017, 5, 15)),
            (20, datetime.date(2017, 11, 27)),
            (21, datetime.date(2018, 5, 14)),
            (25, datetime.date(2020, 11, 9)),
        )
    }


@pytest.fixture
def measure(sessions):
    return MeasureFactory(paragraph="1", number=2, title="A one-day seminar on technical assistance")


# --- Sessions ---------------------------------------------------------------------------------


def test_a_decision_page_names_its_session_with_its_dates_and_venue(client):
    decision = CommitteeDecisionFactory(
        session=SessionFactory(
            number=18, starts_on=datetime.date(2016, 10, 31), ends_on=datetime.date(2016, 11, 4), venue="Geneva"
        )
    )
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert '<span dir="ltr">CDIP/18</span>' in html
    assert f"from {_long_date(datetime.date(2016, 10, 31))} to {_long_date(datetime.date(2016, 11, 4))}" in html
    assert "Geneva" in html


def test_a_decision_shows_its_sub_decisions_in_order(client):
    decision = CommitteeDecisionFactory()
    DecisionItemFactory(decision=decision, label="ii", text="to open the discussion.", order=1)
    DecisionItemFactory(decision=decision, label="i", text="to close the sub-item.", order=0)
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert html.index("to close the sub-item.") < html.index("to open the discussion.")


def test_a_paragraph_keeps_its_text_above_its_measures(client):
    decision = CommitteeDecisionFactory()
    paragraph = DecisionParagraphFactory(decision=decision, label="4", text="Request the Secretariat to list.")
    MeasureFactory(decision=decision, decision_paragraph=paragraph, number=1, title="Consultants' selection")
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert html.index("Paragraph 4") < html.index("Request the Secretariat to list.") < html.index("Consultants")


def test_a_measure_takes_its_paragraphs_label():
    decision = CommitteeDecisionFactory()
    paragraph = DecisionParagraphFactory(decision=decision, label="5")
    measure = MeasureFactory(decision=decision, decision_paragraph=paragraph, paragraph="", number=1)
    measure.refresh_from_db()
    assert measure.paragraph == "5"


def test_a_measure_cannot_take_another_decisions_paragraph():
    measure = MeasureFactory()
    measure.decision_paragraph = DecisionParagraphFactory(decision=CommitteeDecisionFactory())
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "decision_paragraph" in error.value.message_dict


# --- Events at several sessions --------------------------------------------------------------------


def test_a_measure_implemented_examined_and_decided_at_two_sessions_shows_each_in_session_order(
    client, sessions, measure
):
    MeasureEventFactory(measure=measure, kind="decided", session=sessions[20], text="Took note of CDIP/20/3.")
    MeasureEventFactory(measure=measure, kind="implemented", session=sessions[20], text="Report of the round table.")
    MeasureEventFactory(measure=measure, kind="implemented", session=sessions[19], text="Round table held.")
    MeasureEventFactory(measure=measure, kind="examined", session=sessions[19], text="Delegations welcomed it.")
    MeasureEventFactory(measure=measure, kind="examined", session=sessions[20], text="They hoped for more.")
    html = _page(client, f"/en/decisions/{measure.decision.pk}/")
    assert html.index("Round table held.") < html.index("Report of the round table.")
    assert html.index("Delegations welcomed it.") < html.index("They hoped for more.")
    assert "Took note of CDIP/20/3." in html
    assert html.count('class="small text-body-secondary mb-1 event-session"') == 5


def test_events_take_precedence_over_the_measures_own_text(client, sessions, measure):
    measure.implementation = "The old summary of the implementation."
    measure.save()
    MeasureEventFactory(measure=measure, kind="implemented", session=sessions[19], text="Round table held.")
    html = _page(client, f"/en/decisions/{measure.decision.pk}/")
    assert "Round table held." in html
    assert "The old summary of the implementation." not in html


def test_record_measure_event_keeps_the_event_with_its_references_of_each_kind(secretariat, sessions, measure):
    event = record_measure_event(
        measure=measure,
        kind="implemented",
        session_number=19,
        occurred_on=datetime.date(2017, 5, 12),
        text={"en": "A round table was held.", "fr": "Une table ronde s’est tenue."},
        actor=secretariat,
        references=[
            {"kind": "document", "symbol": "CDIP/20/3", "title": {"en": "Report of the round table"}},
            {"kind": "chair_summary", "session_number": 19, "paragraphs": {"en": "paragraph 5"}},
            {"kind": "event", "title": {"en": "Round table"}, "held_on": datetime.date(2017, 5, 12), "place": "Geneva"},
            {"kind": "web_page", "title": {"en": "Technical assistance"}, "url": "https://www.wipo.int/ta/"},
        ],
    )
    assert event.session == sessions[19]
    assert event.text_fr == "Une table ronde s’est tenue."
    lines = [reference_line(reference) for reference in event.references.order_by("order")]
    assert lines == [
        "Report of the round table (CDIP/20/3)",
        "paragraph 5 of the Summary by the Chair of session 19 (CDIP/19)",
        f"Round table, Geneva, {_long_date(datetime.date(2017, 5, 12))}",
        "Technical assistance (https://www.wipo.int/ta/)",
    ]
    assert all(reference.role == "implementation" for reference in event.references.all())


def test_an_event_in_a_session_that_does_not_exist_is_refused_and_nothing_is_saved(secretariat, measure):
    with pytest.raises(ValidationError) as error:
        record_measure_event(
            measure=measure, kind="examined", session_number=99, text={"en": "Examined."}, actor=secretariat
        )
    assert error.value.message_dict["session"] == ["There is no session 99 of the committee; add it first."]
    assert not MeasureEvent.objects.exists()


def test_an_event_whose_reference_names_nothing_is_refused_whole(secretariat, measure):
    with pytest.raises(ValidationError) as error:
        record_measure_event(
            measure=measure,
            kind="implemented",
            session_number=19,
            text={"en": "Done."},
            actor=secretariat,
            references=[
                {"kind": "document", "symbol": "CDIP/20/3"},
                {"kind": "document", "symbol": "", "title": ""},
            ],
        )
    assert error.value.messages == ["A reference needs a document symbol or a title."]
    assert not MeasureEvent.objects.exists()
    assert not DocumentReference.objects.exists()


def test_an_event_at_a_session_needs_its_session(measure):
    event = MeasureEventFactory.build(measure=measure, kind="examined", session=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "session" in error.value.message_dict


def test_the_admin_event_form_refuses_a_session_that_does_not_exist(sessions, measure):
    model_admin = admin.site._registry[MeasureEvent]
    request = RequestFactory().post("/en/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form = model_admin.get_form(request)(
        data={"measure": measure.pk, "kind": "examined", "session": 999999, "text_en": "Examined.", "order": 0}
    )
    assert not form.is_valid()
    assert "session" in form.errors


def test_recording_an_event_takes_the_permission(sessions, measure):
    clerk = UserFactory(is_staff=True)
    with pytest.raises(MissingPermission):
        record_measure_event(measure=measure, kind="examined", session_number=19, text={"en": "x"}, actor=clerk)


# --- References in their own forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "chair_summary", "session": None}, "session"),
        ({"kind": "event", "title": "Round table", "held_on": None}, "held_on"),
        ({"kind": "web_page", "title": "A page", "url": ""}, "url"),
        ({"kind": "document", "symbol": "", "title": "A title"}, "symbol"),
    ],
)
def test_each_kind_of_reference_needs_what_names_it(values, field):
    reference = DocumentReferenceFactory.build(measure=MeasureFactory(), **values)
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert field in error.value.message_dict


def test_references_are_shown_in_their_own_form_on_the_page(client, sessions, measure):
    DocumentReferenceFactory(
        measure=measure, role="decision", kind="chair_summary", symbol="", session=sessions[20], paragraphs="7.1"
    )
    DocumentReferenceFactory(
        measure=measure,
        kind="event",
        symbol="",
        title="Round table on technical assistance",
        held_on=datetime.date(2017, 5, 12),
        place="Geneva",
    )
    DocumentReferenceFactory(measure=measure, kind="web_page", symbol="", title="The TA page", url="https://a.org/")
    html = _page(client, f"/en/decisions/{measure.decision.pk}/")
    assert 'class="reference-chair-summary"' in html and "CDIP/20" in html
    assert "Round table on technical assistance" in html
    assert _long_date(datetime.date(2017, 5, 12)) in html
    assert '<a href="https://a.org/" class="reference-web-page">The TA page</a>' in html


# --- Effective date of a state --------------------------------------------------------------------


def test_a_state_change_keeps_the_day_it_took_effect_and_the_page_shows_it(client, secretariat, measure):
    change_measure_state(
        measure=measure, state=Measure.State.UNDER_WAY, since=datetime.date(2017, 5, 19), actor=secretariat
    )
    measure.refresh_from_db()
    assert measure.state == Measure.State.UNDER_WAY
    assert measure.state_since == datetime.date(2017, 5, 19)
    assert measure.history.latest().history_user == secretariat
    html = _page(client, f"/en/decisions/{measure.decision.pk}/")
    assert f"Under way since {_long_date(datetime.date(2017, 5, 19))}" in html
    assert f"since {_long_date(timezone.localdate())}" not in html


def test_a_state_cannot_take_effect_before_the_decision_and_nothing_changes(secretariat, measure):
    before = measure.decision.decided_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        change_measure_state(measure=measure, state=Measure.State.UNDER_WAY, since=before, actor=secretariat)
    [message] = error.value.message_dict["state_since"]
    assert message.startswith("A state cannot take effect before the decision")
    measure.refresh_from_db()
    assert (measure.state, measure.state_since) == (Measure.State.PROPOSED, None)


def test_a_state_change_needs_its_effective_date(secretariat, measure):
    with pytest.raises(ValidationError) as error:
        change_measure_state(measure=measure, state=Measure.State.UNDER_WAY, since=None, actor=secretariat)
    assert "state_since" in error.value.message_dict


def test_changing_a_state_takes_the_permission(measure):
    with pytest.raises(MissingPermission):
        change_measure_state(
            measure=measure, state="under_way", since=datetime.date(2018, 1, 1), actor=UserFactory(is_staff=True)
        )


def _measure_admin_form(measure, **changes):
    model_admin = admin.site._registry[Measure]
    request = RequestFactory().post("/en/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = model_admin.get_form(request, obj=measure)
    data = {
        "decision": measure.decision.pk,
        "paragraph": measure.paragraph,
        "number": measure.number,
        "title_en": measure.title,
        "state": measure.state,
        "state_since": "",
        **changes,
    }
    return form_class(data=data, instance=measure)


def test_the_admin_asks_for_the_effective_date_of_a_new_state(measure):
    form = _measure_admin_form(measure, state="under_way")
    assert not form.is_valid()
    assert form.errors["state_since"] == ["Give the day the new state took effect."]


def test_the_admin_refuses_an_effective_date_before_the_decision(measure):
    form = _measure_admin_form(measure, state="under_way", state_since="2001-01-01")
    assert not form.is_valid()
    assert form.errors["state_since"][0].startswith("A state cannot take effect before the decision")


# --- Due at the next session, on the dashboard ------------------------------------------------------------


def test_the_dashboard_shows_what_is_due_at_the_next_session(client, measure):
    today = timezone.localdate()
    past = SessionFactory(number=60, starts_on=today - datetime.timedelta(days=200), ends_on=today)
    coming = SessionFactory(
        number=61, starts_on=today + datetime.timedelta(days=30), ends_on=today + datetime.timedelta(days=34)
    )
    FollowUpActionFactory(measure=measure, description="Present the evaluation report.", due_at_session=coming)
    FollowUpActionFactory(measure=measure, description="Already presented.", due_at_session=coming, done_on=today)
    FollowUpActionFactory(measure=measure, description="Due at the session that just ended.", due_at_session=past)
    past.ends_on = today - datetime.timedelta(days=1)
    past.save()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = _page(client, "/en/secretariat/")
    assert "Due at the next session (CDIP/61" in html
    assert "Present the evaluation report." in html
    assert "Already presented." not in html
    assert "Due at the session that just ended." not in html


# --- What a measure produced --------------------------------------------------------------------------------


def test_the_measure_that_created_the_programme_links_it_with_its_published_plans(client, measure):
    measure.has_webinar_programme = True
    measure.save()
    AnnualPlanFactory(year=2031, state=AnnualPlan.State.PUBLISHED, published_at=timezone.now())
    AnnualPlanFactory(year=2032, state=AnnualPlan.State.DRAFT)
    html = _page(client, f"/en/decisions/{measure.decision.pk}/")
    assert 'href="/en/"' in html and "The webinar programme" in html
    assert "2031" in html
    assert "2032" not in html


# --- The report body ---------------------------------------------------------------------------------------


@pytest.fixture
def decision(sessions):
    decision = CommitteeDecisionFactory(source_document="CDIP/24/8")
    DecisionItemFactory(decision=decision, label="i", text="to close the sub-item;", order=0)
    DecisionItemFactory(decision=decision, label="ii", text="to open the discussion.", order=1)
    first = DecisionParagraphFactory(decision=decision, label="1", text="The Secretariat will compile its practices.")
    second = DecisionParagraphFactory(decision=decision, label="2", text="The Secretariat should coordinate.")
    compile_ = MeasureFactory(decision=decision, decision_paragraph=first, number=1, title="Compilation")
    seminar = MeasureFactory(decision=decision, decision_paragraph=first, number=2, title="Seminar")
    coordination = MeasureFactory(decision=decision, decision_paragraph=second, number=1, title="Coordination")
    MeasureEventFactory(measure=compile_, kind="implemented", session=sessions[21], text="CDIP/21/4 presented.")
    MeasureEventFactory(measure=compile_, kind="decided", session=sessions[21], text="Delegations took note.")
    MeasureEventFactory(measure=compile_, kind="examined", session=sessions[21], text="Delegations welcomed it.")
    MeasureEventFactory(measure=seminar, kind="examined", session=sessions[20], text="Report examined.")
    MeasureEventFactory(measure=seminar, kind="implemented", session=sessions[19], text="Round table held.")
    coordination.follow_up = "WIPO goes on coordinating."
    coordination.save()
    FollowUpActionFactory(
        measure=seminar, description="Evaluate the seminar.", owner="Secretariat", due_at_session=sessions[25]
    )
    return decision


def _texts(document) -> list[str]:
    lines = list(document.intro)
    for section in document.sections:
        lines.append(section.title)
        lines.extend(section.paragraphs)
    return lines


def test_the_report_body_follows_the_follow_up_report(decision):
    document = build_tracker_report(decision, language="en")
    lines = _texts(document)
    order = [
        "At its session 18 (CDIP/18)",
        "i) to close the sub-item;",
        "ii) to open the discussion.",
        "Paragraph 1",
        "The Secretariat will compile its practices.",
        "Under paragraph 1, 2 distinct measures were identified.",
        "Measure 1: Compilation",
        "CDIP/21/4 presented.",
        "Delegations welcomed it.",
        "Decision in the Chair's summary: Delegations took note.",
        "Measure 2: Seminar",
        "Round table held.",
        "Report examined.",
        "Evaluate the seminar. (Secretariat; due at session CDIP/25)",
        "Paragraph 2",
        "The Secretariat should coordinate.",
        "Measure 1: Coordination",
        "WIPO goes on coordinating.",
        "Invitation to the committee",
        "The Committee is invited to take note of the information contained in this document.",
        "Annex",
    ]
    positions = [next(index for index, line in enumerate(lines) if line.startswith(text)) for text in order]
    assert positions == sorted(positions)
    assert document.symbol == "CDIP/24/8"
    assert document.tables()[0].key == "annex"


def test_the_report_downloads_as_docx_with_the_paragraph_texts_and_the_invitation(client, decision):
    response = client.get(f"/en/decisions/{decision.pk}/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-report-en.docx"')
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "The Secretariat will compile its practices." in text
    assert "The Secretariat should coordinate." in text
    assert "The Committee is invited to take note of the information contained in this document." in text


def test_the_report_in_arabic_is_right_to_left(client, decision):
    response = client.get(f"/en/decisions/{decision.pk}/report.docx?language=ar")
    assert response.status_code == 200
    body = docx.Document(io.BytesIO(response.content)).element.body
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None


def test_the_report_downloads_as_pdf(client, decision):
    response = client.get(f"/fr/decisions/{decision.pk}/report.pdf?language=en")
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Invitation to the committee" in text


@pytest.mark.parametrize("path", ["report.xlsx", "report.exe"])
def test_the_report_in_another_format_is_a_404(client, decision, path):
    assert client.get(f"/en/decisions/{decision.pk}/{path}").status_code == 404

"""The public pages of the decision tracker, its data checks and the overdue follow-up selector."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from accounts.tests.factories import UserFactory
from reporting.models import DocumentReference, Measure, document_symbol_validator
from reporting.selectors import (
    in_decision_order,
    measure_histories,
    natural_key,
    overdue_actions,
    public_decision,
)
from reporting.tests.factories import (
    CommitteeDecisionFactory,
    DocumentReferenceFactory,
    FollowUpActionFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _long_date(day, language="en") -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


# --- The list of decisions ------------------------------------------------------------------


def test_decision_list_shows_session_date_title_and_measures_by_state(client):
    decision = CommitteeDecisionFactory(session__number=18, title="Technical assistance for development")
    MeasureFactory(decision=decision, state=Measure.State.IMPLEMENTED)
    MeasureFactory(decision=decision, state=Measure.State.IMPLEMENTED)
    MeasureFactory(decision=decision, state=Measure.State.UNDER_WAY)
    html = _page(client, "/en/decisions/")
    assert "Technical assistance for development" in html
    assert f'href="/en/decisions/{decision.pk}/"' in html
    assert _long_date(decision.decided_on) in html
    assert "3 measures" in html
    assert "Implemented: 2" in html
    assert "Under way: 1" in html
    assert "Closed:" not in html


def test_decision_list_in_arabic_is_right_to_left(client):
    CommitteeDecisionFactory()
    html = _page(client, "/ar/decisions/")
    assert '<html lang="ar" dir="rtl">' in html


def test_every_page_links_the_committee_decisions(client):
    html = _page(client, "/en/")
    assert 'href="/en/decisions/"' in html


def _make_decisions(count: int) -> None:
    for _index in range(count):
        decision = CommitteeDecisionFactory()
        MeasureFactory(decision=decision, state=Measure.State.CLOSED)
        MeasureFactory(decision=decision)


def _count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_decision_list_query_count_does_not_grow_with_the_decisions(client):
    _make_decisions(1)
    small = _count_queries(client, "/en/decisions/")
    _make_decisions(19)
    assert _count_queries(client, "/en/decisions/") == small <= 2


# --- A decision's page -----------------------------------------------------------------------


@pytest.fixture
def decision():
    decision = CommitteeDecisionFactory(
        title="Technical assistance in the area of cooperation for development",
        text="The committee decided to open the discussion on technical assistance.",
        source_document="CDIP/24/8",
        agenda_item="Agenda item 7",
    )
    measure = MeasureFactory(
        decision=decision,
        paragraph="5",
        number=1,
        title="Update the roster of consultants",
        implementation="The Secretariat presented the report on the roster.",
        decision_taken="The committee took note of the information.",
        follow_up="The Secretariat keeps the roster up to date.",
    )
    DocumentReferenceFactory(
        measure=measure,
        symbol="CDIP/20/6",
        title="Report on the WIPO Roster of Consultants",
        url="https://www.wipo.int/edocs/cdip_20_6.pdf",
    )
    DocumentReferenceFactory(
        measure=measure,
        role=DocumentReference.Role.EXAMINATION,
        symbol="CDIP/20/13",
        title="Report of the twentieth session",
        paragraphs="paragraphs 224 to 232",
    )
    DocumentReferenceFactory(
        measure=measure,
        role=DocumentReference.Role.DECISION,
        symbol="CDIP/20",
        title="Summary by the Chair of the twentieth session",
        paragraphs="paragraph 7.2",
    )
    FollowUpActionFactory(
        measure=measure,
        description="Offer the roster in French and Spanish.",
        owner="Secretariat",
        due_on=datetime.date(2020, 6, 30),
    )
    return decision


def test_decision_page_shows_its_text_source_document_and_measures(client, decision):
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert "The committee decided to open the discussion on technical assistance." in html
    assert "CDIP/24/8" in html
    assert "Agenda item 7" in html
    assert "Paragraph 5" in html
    assert "Update the roster of consultants" in html
    assert "The committee took note of the information." in html
    assert "The Secretariat keeps the roster up to date." in html


def test_decision_page_links_implementation_documents_and_names_the_examination_paragraphs(client, decision):
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert '<a href="https://www.wipo.int/edocs/cdip_20_6.pdf" class="document-symbol" dir="ltr">CDIP/20/6</a>' in html
    assert "Report on the WIPO Roster of Consultants" in html
    assert "CDIP/20/13</span>, <span>paragraphs 224 to 232</span>" in html
    assert "paragraph 7.2" in html


def test_decision_page_shows_follow_up_actions_with_owner_due_date_and_overdue_mark(client, decision):
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert "Offer the roster in French and Spanish." in html
    assert "<td>Secretariat</td>" in html
    assert _long_date(datetime.date(2020, 6, 30)) in html
    assert "Overdue" in html
    assert "Not yet" in html


def test_decision_page_offers_the_annex_in_docx_and_xlsx(client, decision):
    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert f'formaction="/en/decisions/{decision.pk}/annex.docx"' in html
    assert f'formaction="/en/decisions/{decision.pk}/annex.xlsx"' in html
    assert 'name="language"' in html


def test_decision_page_in_arabic_is_right_to_left_and_falls_back_to_english_with_a_note(client, decision):
    html = _page(client, f"/ar/decisions/{decision.pk}/")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<span lang="en" dir="auto">Update the roster of consultants</span>' in html
    assert 'class="fallback-note"' in html


def test_decision_page_shows_the_visitors_language_when_translated(client, decision):
    measure = decision.measures.get()
    measure.title_fr = "Mettre à jour la liste des consultants"
    measure.save()
    html = _page(client, f"/fr/decisions/{decision.pk}/")
    assert "<span>Mettre à jour la liste des consultants</span>" in html
    assert '<span lang="en" dir="auto">Update the roster of consultants</span>' not in html


def test_unknown_decision_is_a_404(client):
    assert client.get("/en/decisions/999999/").status_code == 404


def _backdate_last_history(measure, day: datetime.date) -> None:
    record = measure.history.order_by("-history_date", "-history_id").first()
    moment = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10, 0))
    type(record).objects.filter(pk=record.pk).update(history_date=moment)


def test_history_shows_state_changes_and_edits_with_dates_but_no_user_names(client, decision):
    editor = UserFactory(username="jane-secretariat", first_name="Janet", last_name="Editorova", is_staff=True)
    measure = decision.measures.get()
    _backdate_last_history(measure, datetime.date(2018, 5, 1))
    measure._history_user = editor
    measure.change_state(Measure.State.UNDER_WAY)
    measure.state_since = datetime.date(2019, 3, 12)
    measure.save()
    _backdate_last_history(measure, datetime.date(2019, 3, 14))
    measure.follow_up = "The Secretariat updates the roster every month."
    measure.save()
    _backdate_last_history(measure, datetime.date(2019, 4, 2))
    assert measure.history.filter(history_user=editor).exists()

    html = _page(client, f"/en/decisions/{decision.pk}/")
    assert f"Under way since {_long_date(datetime.date(2019, 3, 12))}" in html
    assert f"State changed to “Under way”, effective {_long_date(datetime.date(2019, 3, 12))}" in html
    assert "Recorded as “Proposed”" in html
    assert "Edited: Follow-up" in html
    assert 'datetime="2019-04-02' in html
    for name in ("jane-secretariat", "Janet", "Editorova"):
        assert name not in html


def _make_measures(decision, count: int) -> None:
    for index in range(count):
        measure = MeasureFactory(decision=decision, paragraph=str(index + 1), number=1)
        measure.follow_up = "Edited once."
        measure.save()
        DocumentReferenceFactory(measure=measure)
        DocumentReferenceFactory(measure=measure, role=DocumentReference.Role.EXAMINATION, symbol="CDIP/21/15")
        FollowUpActionFactory(measure=measure, due_on=datetime.date(2020, 1, 1))


def test_decision_page_query_count_does_not_grow_with_the_measures(client):
    decision = CommitteeDecisionFactory()
    _make_measures(decision, 1)
    small = _count_queries(client, f"/en/decisions/{decision.pk}/")
    bigger = CommitteeDecisionFactory()
    _make_measures(bigger, 20)
    # The decision with its sub-decisions and paragraphs, the measures, their references, events,
    # the events' references, actions and history: one query each, whatever the number of measures.
    assert _count_queries(client, f"/en/decisions/{bigger.pk}/") == small <= 9


# --- Natural order of paragraphs -----------------------------------------------------------------


def test_natural_key_reads_numbers_as_numbers():
    paragraphs = ["10", "2.b", "9", "2", "1", "2.a", "", "11"]
    assert sorted(paragraphs, key=natural_key) == ["", "1", "2", "2.a", "2.b", "9", "10", "11"]


def test_measures_are_in_the_decisions_order_on_the_page(client):
    decision = CommitteeDecisionFactory()
    for paragraph, number, title in [
        ("10", 1, "Tenth paragraph"),
        ("2", 2, "Second paragraph, second measure"),
        ("9", 1, "Ninth paragraph"),
        ("2", 1, "Second paragraph, first measure"),
    ]:
        MeasureFactory(decision=decision, paragraph=paragraph, number=number, title=title)
    html = _page(client, f"/en/decisions/{decision.pk}/")
    positions = [
        html.index(title)
        for title in (
            "Second paragraph, first measure",
            "Second paragraph, second measure",
            "Ninth paragraph",
            "Tenth paragraph",
        )
    ]
    assert positions == sorted(positions)


def test_public_decision_orders_measures_naturally():
    decision = CommitteeDecisionFactory()
    for paragraph in ["10", "2", "9"]:
        MeasureFactory(decision=decision, paragraph=paragraph, number=1)
    ordered = public_decision(pk=decision.pk).ordered_measures
    assert [measure.paragraph for measure in ordered] == ["2", "9", "10"]
    assert [m.paragraph for m in in_decision_order(reversed(ordered))] == ["2", "9", "10"]


# --- Data checks ------------------------------------------------------------------------------------


def test_document_symbol_in_the_wrong_shape_gets_the_validators_message():
    reference = DocumentReferenceFactory.build(measure=MeasureFactory(), symbol="CDIP 21 4")
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert error.value.message_dict["symbol"] == [str(document_symbol_validator.message)]


def test_a_reference_with_neither_symbol_nor_title_is_refused():
    reference = DocumentReferenceFactory.build(measure=MeasureFactory(), symbol="", title="")
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert error.value.messages == ["A reference needs a document symbol or a title."]


def _admin_form(data: dict):
    model_admin = admin.site._registry[DocumentReference]
    request = RequestFactory().post("/en/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = model_admin.get_form(request)
    return form_class(data=data)


def test_admin_form_gives_a_field_error_for_a_symbol_in_the_wrong_shape():
    measure = MeasureFactory()
    form = _admin_form(
        {"measure": measure.pk, "role": "implementation", "kind": "document", "symbol": "CDIP 21 4", "order": 0}
    )
    assert not form.is_valid()
    assert form.errors["symbol"] == [str(document_symbol_validator.message)]


def test_admin_form_accepts_a_symbol_in_the_committees_shape():
    measure = MeasureFactory()
    form = _admin_form(
        {"measure": measure.pk, "role": "implementation", "kind": "document", "symbol": "CDIP/23/17 Prov.", "order": 0}
    )
    assert form.is_valid(), form.errors
    assert "symbol" not in form.errors


def test_an_action_cannot_be_done_on_a_date_still_to_come():
    action = FollowUpActionFactory.build(
        measure=MeasureFactory(), done_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "done_on" in error.value.message_dict


def test_an_action_done_before_its_due_date_is_fine():
    action = FollowUpActionFactory.build(
        measure=MeasureFactory(), due_on=datetime.date(2020, 6, 30), done_on=datetime.date(2020, 1, 15)
    )
    action.full_clean()


# --- Overdue follow-up ---------------------------------------------------------------------------------


def test_overdue_actions_are_those_past_their_due_date_and_not_done():
    late = FollowUpActionFactory(due_on=TODAY - datetime.timedelta(days=1))
    FollowUpActionFactory(due_on=TODAY - datetime.timedelta(days=1), done_on=TODAY - datetime.timedelta(days=2))
    FollowUpActionFactory(due_on=TODAY)
    FollowUpActionFactory(due_on=TODAY + datetime.timedelta(days=5))
    FollowUpActionFactory(due_on=None)
    assert list(overdue_actions(today=TODAY)) == [late]


def test_overdue_actions_default_to_today():
    late = FollowUpActionFactory(due_on=timezone.localdate() - datetime.timedelta(days=1))
    FollowUpActionFactory(due_on=timezone.localdate() + datetime.timedelta(days=1))
    assert list(overdue_actions()) == [late]


def test_overdue_actions_list_the_most_overdue_first():
    recent = FollowUpActionFactory(due_on=TODAY - datetime.timedelta(days=1))
    oldest = FollowUpActionFactory(due_on=TODAY - datetime.timedelta(days=100))
    assert list(overdue_actions(today=TODAY)) == [oldest, recent]


def test_the_overdue_actions_of_a_closed_measure_no_longer_count():
    closed = MeasureFactory(state=Measure.State.CLOSED)
    FollowUpActionFactory(measure=closed, due_on=TODAY - datetime.timedelta(days=30))
    late = FollowUpActionFactory(due_on=TODAY - datetime.timedelta(days=3))

    assert list(overdue_actions(today=TODAY)) == [late]


@pytest.mark.parametrize("code", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_decision_pages_answer_in_every_language(client, decision, code):
    assert f'<html lang="{code}"' in _page(client, f"/{code}/decisions/")
    assert "Update the roster of consultants" in _page(client, f"/{code}/decisions/{decision.pk}/")


def test_the_history_query_never_reads_who_made_a_change(decision):
    measure = decision.measures.get()
    measure.follow_up = "Edited."
    measure.save()
    with CaptureQueriesContext(connection) as queries:
        measure_histories([measure])
    [query] = queries.captured_queries
    assert "history_user" not in query["sql"]

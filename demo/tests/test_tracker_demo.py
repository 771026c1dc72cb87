"""The demo's decision tracker over sessions, read against the follow-up report (seed 002, CDIP/24/8)."""

from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone, translation

from demo import tracker
from demo.management.commands.load_demo import DemoLoader
from reporting.models import CommitteeDecision, DocumentReference, Measure, Session
from reporting.tracker_report import build_tracker_report

pytestmark = pytest.mark.django_db


def load_reporting() -> CommitteeDecision:
    with translation.override("en"):
        DemoLoader(timezone.localdate()).load_reporting()
    return CommitteeDecision.objects.get(session__number=18)


def test_sessions_have_their_dates_and_the_decision_its_session():
    decision = load_reporting()
    session = Session.objects.get(number=21)
    assert (session.starts_on, session.ends_on, session.venue_fr) == (date(2018, 5, 14), date(2018, 5, 18), "Genève")
    assert decision.session.symbol == "CDIP/18"
    assert Session.objects.get(number=tracker.NEXT_SESSION).ends_on >= timezone.localdate()


def test_the_decision_has_its_three_sub_decisions_and_six_paragraphs_with_text():
    decision = load_reporting()
    assert list(decision.items.values_list("label", flat=True)) == ["i", "ii", "iii"]
    assert sorted(decision.paragraphs.values_list("label", flat=True)) == ["1", "2", "3", "4", "5", "6"]
    assert decision.paragraphs.get(label="4").text_fr.startswith("Demander au Secrétariat de présenter un document")
    assert all(measure.decision_paragraph.label == measure.paragraph for measure in decision.measures.all())


def test_the_web_forum_measure_is_followed_over_three_sessions_and_produced_the_programme():
    decision = load_reporting()
    forum = decision.measures.get(paragraph="1", number=3)
    sessions = [event.session.number for event in forum.events.order_by("order")]
    assert sessions == [21, 21, 22, 22, 22, 23, 23, 23]
    assert forum.events.filter(kind="decided").count() == 3
    assert forum.state == Measure.State.UNDER_WAY
    assert forum.state_since == date(2019, 5, 24)
    assert forum.has_webinar_programme
    due = forum.actions.get(due_at_session__number=tracker.NEXT_SESSION)
    assert due.owner == "Development Agenda Coordination Division"


def test_every_measure_has_events_and_a_state_date_on_or_after_the_decision():
    decision = load_reporting()
    for measure in decision.measures.all():
        assert measure.events.exists(), measure
        assert measure.state_since >= decision.decided_on


def test_references_come_in_each_of_their_four_forms():
    decision = load_reporting()
    references = DocumentReference.objects.filter(measure__decision=decision)
    kinds = set(references.values_list("kind", flat=True))
    assert kinds == {"document", "chair_summary", "event", "web_page"}
    round_table = references.get(kind="event", measure__paragraph="1", measure__number=2)
    assert round_table.held_on == date(2017, 5, 12)
    summary = references.filter(kind="chair_summary", session__number=21).first()
    assert summary.symbol == "" and summary.event.session.number == 21


def test_loading_twice_changes_nothing():
    load_reporting()
    history = {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("reporting").get_models()
        if model._meta.object_name.startswith("Historical")
    }
    load_reporting()
    assert history == {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("reporting").get_models()
        if model._meta.object_name.startswith("Historical")
    }


def test_the_generated_body_reads_like_the_follow_up_report():
    decision = load_reporting()
    document = build_tracker_report(decision, language="en")
    titles = [section.title for section in document.sections]
    assert titles[:5] == [
        "Paragraph 1",
        "Measure 1: Compilation of WIPO practices, methodologies and tools for the provision of technical assistance",
        "Measure 2: A one-day seminar to share experiences, tools and methodologies on technical assistance and "
        "capacity building",
        "Measure 3: A regular forum to share ideas, practices and experiences, in particular a web forum",
        "Paragraph 2",
    ]
    assert titles[-2:] == ["Invitation to the committee", "Annex"]
    assert document.intro[1].startswith("i) to close the sub-item of agenda item 7")
    paragraph_1 = document.sections[0].paragraphs
    assert paragraph_1[0].startswith("The WIPO Secretariat will compile its current practices")
    assert paragraph_1[-1] == "Under paragraph 1, 3 distinct measures were identified."
    forum = document.sections[3].paragraphs
    prototype = next(index for index, line in enumerate(forum) if "CDIP/23/9" in line)
    dialogue = next(index for index, line in enumerate(forum) if "interactive dialogue then allowed" in line)
    assert dialogue < prototype
    assert forum[-1].startswith("In the portal, this measure produced the webinar programme")


def test_the_body_in_french_gives_the_seeds_text():
    decision = load_reporting()
    document = build_tracker_report(decision, language="fr")
    seminar = next(section for section in document.sections if "séminaire" in section.title.lower())
    assert any(
        line.startswith("Le 12 mai 2017 s’est tenue, en marge de la dix‑neuvième session")
        for line in seminar.paragraphs
    )

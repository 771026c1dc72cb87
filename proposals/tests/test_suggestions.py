"""Participants' topic suggestions become the next cycle's candidate topics, each suggestion once.

The suggestions are written here, short, in several languages; the threshold was chosen on
the independent set (similarity/evaluation/feedback.json, measured in bench/bench_similarity_uses.py).
"""

from datetime import datetime

import numpy as np
import pytest
from django.utils import timezone

from proposals.cycle import prepare_next_cycle
from proposals.models import CandidateTopic, ConsultationCycle
from proposals.suggestions import group_alike, language_of
from proposals.tests.factories import ConsultationCycleFactory
from webinars.tests.factories import FeedbackFactory

GENEVA = timezone.get_default_timezone()
PREPARED_AT = datetime(2030, 7, 2, tzinfo=GENEVA)

VALUING_EN = "Valuing a patent before licensing it"
VALUING_FR = "L'évaluation d'un brevet avant de le concéder en licence"
VALUING_AR = "تقييم براءة الاختراع قبل ترخيصها"
MUSIC_EN = "Copyright for musicians on streaming platforms"
MUSIC_FR = "Le droit d'auteur des musiciens sur les plateformes de streaming"


@pytest.fixture
def since_last_cycle(db, settings):
    """Last year's cycle was prepared before the answers below: they are the new suggestions."""
    settings.PORTAL_CYCLE_PREPARE_ON = "07-01"
    settings.PORTAL_SECRETARIAT_EMAILS = []
    return ConsultationCycleFactory(target_year=2030, state=ConsultationCycle.State.DECIDED)


def suggested(*texts: str) -> list:
    return [FeedbackFactory(topic_suggestion=text) for text in texts]


def offered_from_feedback() -> list[CandidateTopic]:
    return list(
        CandidateTopic.objects.filter(cycle__target_year=2031, source=CandidateTopic.Source.FEEDBACK)
        .select_related("topic")
        .order_by("order")
    )


def test_one_suggestion_in_three_languages_is_one_candidate_topic_with_its_count(since_last_cycle):
    answers = suggested(VALUING_EN, VALUING_FR, VALUING_AR)

    prepare_next_cycle(at=PREPARED_AT)

    [candidate] = offered_from_feedback()
    assert candidate.note.startswith("Suggested 3 times, in ")
    for language in ("English", "French", "Arabic"):
        assert language in candidate.note.splitlines()[0]
    for feedback in answers:  # nothing a participant wrote is lost
        assert f"- Participant: {feedback.webinar} — {feedback.topic_suggestion}" in candidate.note.splitlines()


def test_two_subjects_stay_two_candidate_topics(since_last_cycle):
    suggested(VALUING_EN, MUSIC_FR, VALUING_FR, MUSIC_EN)

    prepare_next_cycle(at=PREPARED_AT)

    notes = {candidate.topic.title: candidate.note for candidate in offered_from_feedback()}
    assert len(notes) == 2
    [valuing] = [note for title, note in notes.items() if "brevet" in title or "patent" in title]
    [music] = [note for title, note in notes.items() if "musicien" in title or "musician" in title]
    assert VALUING_FR in valuing and VALUING_EN in valuing and MUSIC_FR not in valuing
    assert MUSIC_FR in music and MUSIC_EN in music and VALUING_EN not in music


def test_the_topic_takes_the_wording_most_used_and_the_most_asked_for_comes_first(since_last_cycle):
    [music, *_valuing] = suggested(MUSIC_EN, VALUING_FR, VALUING_EN, f"  {VALUING_FR.upper()} ", VALUING_AR)

    prepare_next_cycle(at=PREPARED_AT)

    first, second = offered_from_feedback()
    assert first.topic.title == VALUING_FR.upper()  # written twice (the newest of the two spellings)
    assert first.topic.title_fr == VALUING_FR.upper()  # in the language it was written in
    assert first.note.startswith("Suggested 4 times")
    # A suggestion made once is its own title: the note says where it came from, as before.
    assert (second.topic.title, second.note) == (MUSIC_EN, f"Participant: {music.webinar}")


def test_suggestions_are_grouped_before_the_limit_on_topics(since_last_cycle, settings):
    settings.PORTAL_CYCLE_FEEDBACK_TOPICS = 1
    suggested(VALUING_EN, VALUING_FR, MUSIC_EN)

    prepare_next_cycle(at=PREPARED_AT)

    [candidate] = offered_from_feedback()
    assert candidate.note.startswith("Suggested 2 times")


def test_average_linkage_does_not_chain_two_subjects_through_one_text_between_them():
    between = np.array([0.8, 0.6], dtype=np.float32)
    vectors = np.array([[1.0, 0.0], between / np.linalg.norm(between), [0.0, 1.0]], dtype=np.float32)
    # 0 and 1 are alike (0.8), so are 1 and 2 (0.6), 0 and 2 not at all: 2 stays apart from 0 and 1.
    assert group_alike(vectors, threshold=0.5) == [[0, 1], [2]]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (VALUING_EN, "en"),
        (VALUING_FR, "fr"),
        ("Cómo valorar una patente antes de licenciarla", "es"),
        ("Оценка патента перед лицензированием", "ru"),
        ("WIPO Lex数据库检索培训", "zh-hans"),
        (VALUING_AR, "ar"),
    ],
)
def test_the_language_of_a_short_suggestion_is_recognised(text, language):
    assert language_of(text) == language

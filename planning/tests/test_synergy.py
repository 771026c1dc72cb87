"""The synergy finder alone: pure Python, measured on a hand-labelled set of proposals."""

from itertools import combinations

from planning import synergy
from planning.synergy import Document, concepts_in, find_synergies, similarity
from planning.tests.synergy_corpus import CORPUS

PRECISION_FLOOR = 0.85
RECALL_FLOOR = 0.85


def corpus_documents():
    return [Document(id=id, group=f"group-{id}", texts={language: text}) for id, _s, language, text in CORPUS]


def test_the_labelled_set_is_large_and_multilingual():
    pairs = list(combinations(CORPUS, 2))
    same_subject = [pair for pair in pairs if pair[0][1] == pair[1][1]]
    assert len(pairs) >= 40
    assert len(same_subject) >= 40
    assert {language for _i, _s, language, _t in CORPUS} == {"en", "fr", "es", "ru", "ar", "zh"}
    cross_language = [(a, b) for a, b in same_subject if a[2] != b[2]]
    assert len(cross_language) >= 30


def test_precision_and_recall_on_the_labelled_pairs_stay_above_the_floor():
    documents = corpus_documents()
    found = {frozenset((a, b)) for suggestion in find_synergies(documents) for a, b in combinations(suggestion.ids, 2)}
    expected = {frozenset((a[0], b[0])) for a, b in combinations(CORPUS, 2) if a[1] == b[1]}
    true_positives = len(found & expected)
    precision = true_positives / len(found)
    recall = true_positives / len(expected)
    print(f"synergy precision {precision:.3f} recall {recall:.3f} on {len(expected)} same-subject pairs")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


def test_a_french_and_an_arabic_proposal_on_the_same_subject_are_paired():
    documents = [
        Document("fr", "g1", {"fr": "Les brevets et les licences pour les universités."}),
        Document("ar", "g2", {"ar": "البراءات والترخيص في الجامعات."}),
        Document("en", "g3", {"en": "Copyright in the music industry."}),
    ]
    suggestions = find_synergies(documents)
    assert [s.ids for s in suggestions] == [("ar", "fr")]
    assert set(suggestions[0].concepts) == {"patents", "licensing", "universities_research"}


def test_the_lexicon_knows_each_subject_in_the_six_languages():
    for text in ("patent", "brevets", "patentes", "патенты", "البراءات", "专利"):
        assert "patents" in concepts_in(text), text


def test_a_whole_word_stem_does_not_match_inside_other_words():
    assert "artificial_intelligence" not in concepts_in("The aim is to aid offices.")
    assert "artificial_intelligence" in concepts_in("AI and copyright")


def test_proposals_of_the_same_group_are_never_paired():
    documents = [
        Document("a", "same", {"en": "Geographical indications for coffee farmers."}),
        Document("b", "same", {"en": "Geographical indications for coffee farmers."}),
    ]
    assert find_synergies(documents) == []


def test_two_adoptions_of_one_candidate_topic_are_similar_whatever_their_words():
    documents = [
        Document("a", "g1", {"en": "We would like this."}, candidate_topic="7"),
        Document("b", "g2", {"fr": "Nous le souhaitons."}, candidate_topic="7"),
    ]
    [suggestion] = find_synergies(documents)
    assert suggestion.kind == "similar"
    assert suggestion.same_candidate_topic


def test_translations_of_a_proposal_count():
    documents = [
        Document("a", "g1", {"en": "Mentoring women inventors.", "fr": "Accompagner les femmes inventrices."}),
        Document("b", "g2", {"fr": "Accompagner les femmes inventrices dans les universités."}),
    ]
    [suggestion] = find_synergies(documents)
    assert "fr" in suggestion.languages
    assert suggestion.score >= synergy.SIMILAR


def test_closely_similar_proposals_of_three_groups_form_one_cluster():
    documents = [
        Document("en", "g1", {"en": "Geographical indications for agricultural products."}),
        Document("fr", "g2", {"fr": "Indications géographiques pour les produits agricoles."}),
        Document("es", "g3", {"es": "Indicaciones geográficas de productos agrícolas."}),
        Document("x", "g4", {"en": "Video games and software copyright."}),
    ]
    [cluster] = find_synergies(documents)
    assert cluster.ids == ("en", "es", "fr")
    assert cluster.kind == "similar"
    assert "geographical_indications" in cluster.concepts


def test_scores_are_symmetric_and_within_zero_and_one():
    score, _concepts = similarity(corpus_documents())
    assert (score == score.T).all()
    assert score.min() >= 0 and score.max() <= 1


def test_suggestions_are_the_same_on_every_run():
    first = [s.as_dict() | {"ids": s.ids} for s in find_synergies(corpus_documents())]
    second = [s.as_dict() | {"ids": s.ids} for s in find_synergies(corpus_documents())]
    assert first == second

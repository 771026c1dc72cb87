"""Synergies between proposals: pairs and clusters on similar or complementary subjects.

Pure Python (with numpy for the matrix products); no database. Two signals, both
offline, no model to download:

- **Concepts across languages.** `planning.lexicon` maps the programme's subjects
  (patents, geographical indications, collective management...) to their stems in the six
  languages; a proposal becomes the set of concepts its texts name, weighted by rarity
  (IDF), so a French proposal on "brevets" and an Arabic one on "البراءات" meet.
- **Wording within a language.** Character n-gram TF-IDF (word-bounded 4-grams, hashed
  into a fixed width) compared by cosine, only between texts in the same language; it
  catches close wording that the lexicon does not know.

Every text of a proposal counts: the one it was written in and any translation the
portal holds (an adopted candidate topic brings its title and objectives in every
language). Two proposals that adopt the same candidate topic are the same subject.
Pairs are only suggested across groups.

score = max(concepts, WORDING_WEIGHT * wording, 1 - (1 - concepts) * (1 - wording) * DAMPING); a pair at or
above SIMILAR is "similar" (merge into one webinar), at or above COMPLEMENTARY
"complementary" (a series, or one webinar with two angles).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from planning.lexicon import CONCEPTS

SIMILAR = 0.6
COMPLEMENTARY = 0.42
DAMPING = 1.15  # >1: both signals weak together do not make a strong pair
NGRAM = 4
WIDTH = 2048
MAX_CLUSTER = 8
NEIGHBOURS = 5
MAX_SUGGESTIONS = 500
CASED_LANGUAGES = ("en", "fr", "es", "ru")
WORDING_WEIGHT = 0.8  # wording alone is a weaker sign than a shared subject
# Words every proposal of the programme uses, and the commonest small words: they make
# texts look alike without saying what they are about.
COMMON_WORDS = frozenset(
    " ".join(
        (
            "intellectual property ip webinar webinars how what who the and for with from their this that into more",
            "propriete intellectuelle pi webinaire webinaires comment les des pour une dans avec aux sur qui",
            "propiedad intelectual webinario webinarios seminario como las los del para una con por sus que",
            "интеллектуальная интеллектуальной интеллектуальную собственность собственности вебинар как для при",
            "الملكية الفكرية ندوة",
        )
    ).split()
)


def normalise(text: str) -> str:
    """Lower case, accents and Arabic vowel marks removed (the lexicon is written the same way)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


_WORD = re.compile(r"\w+", re.UNICODE)


def _compile_lexicon() -> tuple[dict[str, list[tuple[tuple[str, ...], bool, str]]], dict[str, str]]:
    """Stems of cased scripts indexed by their first word; the others as plain strings."""
    cased: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
    loose: dict[str, str] = {}
    for concept, languages in CONCEPTS.items():
        for language, stems in languages.items():
            for stem in stems:
                if language in CASED_LANGUAGES:
                    words = tuple(_WORD.findall(normalise(stem.rstrip("$"))))
                    cased.setdefault(words[0], []).append((words, stem.endswith("$"), concept))
                else:
                    loose.setdefault(normalise(stem), concept)
    return cased, loose


_CASED, _LOOSE = _compile_lexicon()
_LONGEST_FIRST_WORD = max(len(word) for word in _CASED)
CONCEPT_IDS = tuple(CONCEPTS)
_CONCEPT_INDEX = {concept: n for n, concept in enumerate(CONCEPT_IDS)}


def _word_matches(word: str, stem: str, whole: bool) -> bool:
    return word == stem if whole else word.startswith(stem)


def concepts_in(text: str) -> set[str]:
    """The lexicon's concepts that a text names, in any of the six languages."""
    text = normalise(text)
    words = _WORD.findall(text)
    found: set[str] = set()
    for n, word in enumerate(words):
        for length in range(1, min(len(word), _LONGEST_FIRST_WORD) + 1):
            for stem_words, whole, concept in _CASED.get(word[:length], ()):
                if len(stem_words) == 1:
                    if _word_matches(word, stem_words[0], whole):
                        found.add(concept)
                    continue
                following = words[n + 1 : n + len(stem_words)]
                if len(following) == len(stem_words) - 1 and all(
                    _word_matches(w, s, whole and i == len(following) - 1)
                    for i, (w, s) in enumerate(zip(following, stem_words[1:], strict=True))
                ):
                    found.add(concept)
    found.update(concept for stem, concept in _LOOSE.items() if stem in text)
    return found


def concept_label(concept: str, language: str) -> str:
    """A readable name of a concept in a language (its first stem there, or the id)."""
    stems = CONCEPTS.get(concept, {}).get("zh" if language.startswith("zh") else language[:2])
    return stems[0].rstrip("$") if stems else concept.replace("_", " ")


@dataclass
class Document:
    """One proposal as the synergy finder sees it.

    `texts` maps a language code (en, fr, es, ru, ar, zh) to the proposal's text in it
    (title, objectives, topics, parts); `candidate_topic` is set for an adoption.
    """

    id: str
    group: str
    texts: dict[str, str]
    candidate_topic: str | None = None


@dataclass
class Suggestion:
    ids: tuple[str, ...]
    score: float
    kind: str  # "similar" or "complementary"
    concepts: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    same_candidate_topic: bool = False
    pair_scores: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "score": round(self.score, 4),
            "concepts": list(self.concepts),
            "words": list(self.words),
            "languages": list(self.languages),
            "same_candidate_topic": self.same_candidate_topic,
        }


def _language_key(code: str) -> str:
    return "zh" if code.startswith("zh") else code[:2]


def _ngram_rows(texts: list[str]) -> np.ndarray:
    """TF-IDF of hashed character n-grams, rows normalised to length one."""
    vocabulary: dict[str, int] = {}
    counts: list[Counter] = []
    grams_of_word: dict[str, list[str]] = {}
    for text in texts:
        grams: Counter = Counter()
        for word in _WORD.findall(normalise(text)):
            if word not in grams_of_word:
                padded = f" {word} "
                grams_of_word[word] = (
                    []
                    if word in COMMON_WORDS or len(word) < 3
                    else [padded[start : start + NGRAM] for start in range(max(len(padded) - NGRAM + 1, 1))]
                )
            grams.update(grams_of_word[word])
        counts.append(grams)
        for gram in grams:
            vocabulary.setdefault(gram, len(vocabulary))
    document_frequency: Counter = Counter()
    for grams in counts:
        document_frequency.update(grams.keys())
    total = len(texts)
    matrix = np.zeros((total, WIDTH), dtype=np.float32)
    norms = np.ones(total, dtype=np.float32)
    for row, grams in enumerate(counts):
        squares = 0.0
        for gram, count in grams.items():
            df = document_frequency[gram]
            weight = (1 + math.log(count)) * math.log((total + 1) / df)
            squares += weight * weight
            if df >= 2:  # a gram of one text only adds to its length but cannot make two texts alike
                matrix[row, vocabulary[gram] % WIDTH] += weight
        norms[row] = math.sqrt(squares) or 1.0
    return matrix / norms[:, None]


def _concept_rows(concept_sets: list[set[str]]) -> np.ndarray:
    total = len(concept_sets)
    frequency = Counter(concept for concepts in concept_sets for concept in concepts)
    matrix = np.zeros((total, len(CONCEPT_IDS)), dtype=np.float32)
    for row, concepts in enumerate(concept_sets):
        for concept in concepts:
            matrix[row, _CONCEPT_INDEX[concept]] = math.log((total + 1) / (frequency[concept] + 1)) + 1
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return matrix / norms


def similarity(documents: Sequence[Document]) -> tuple[np.ndarray, list[set[str]]]:
    """The pair score matrix of the documents (diagonal and same-group pairs at zero)."""
    total = len(documents)
    concept_sets = [concepts_in(" ".join(doc.texts.values())) for doc in documents]
    concepts = _concept_rows(concept_sets)
    concept_score = concepts @ concepts.T
    wording = np.zeros((total, total), dtype=np.float32)
    by_language: dict[str, list[int]] = {}
    for row, doc in enumerate(documents):
        for language, text in doc.texts.items():
            if text.strip():
                by_language.setdefault(_language_key(language), []).append(row)
    for language, rows in sorted(by_language.items()):
        if len(rows) < 2:
            continue
        texts = [next(t for code, t in documents[r].texts.items() if _language_key(code) == language) for r in rows]
        grams = _ngram_rows(texts)
        index = np.array(rows)
        block = grams @ grams.T
        wording[np.ix_(index, index)] = np.maximum(wording[np.ix_(index, index)], block)
    # score = max(concepts, WORDING_WEIGHT * wording, 1 - (1 - concepts) * (1 - wording) * DAMPING), in place
    score = np.subtract(1, concept_score)
    score *= np.subtract(1, wording)
    score *= DAMPING
    np.subtract(1, score, out=score)
    np.maximum(score, concept_score, out=score)
    wording *= WORDING_WEIGHT
    np.maximum(score, wording, out=score)
    del wording, concept_score
    by_topic: dict[str, list[int]] = {}
    by_group: dict[str, list[int]] = {}
    for row, doc in enumerate(documents):
        if doc.candidate_topic:
            by_topic.setdefault(doc.candidate_topic, []).append(row)
        by_group.setdefault(doc.group, []).append(row)
    for rows in by_topic.values():
        score[np.ix_(rows, rows)] = 1.0
    for rows in by_group.values():
        score[np.ix_(rows, rows)] = 0.0
    np.clip(score, 0, 1, out=score)
    return score, concept_sets


def _shared_words(a: Document, b: Document) -> tuple[tuple[str, ...], tuple[str, ...]]:
    languages = sorted({_language_key(x) for x in a.texts} & {_language_key(x) for x in b.texts})
    words: set[str] = set()
    for language in languages:
        text_a = " ".join(t for code, t in a.texts.items() if _language_key(code) == language)
        text_b = " ".join(t for code, t in b.texts.items() if _language_key(code) == language)
        words |= {w for w in _WORD.findall(normalise(text_a)) if len(w) >= 6} & set(_WORD.findall(normalise(text_b)))
    return tuple(sorted(words, key=lambda w: (-len(w), w))[:6]), tuple(languages)


def find_synergies(
    documents: Sequence[Document], *, threshold: float = COMPLEMENTARY, limit: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    """Pairs, and clusters of closely similar proposals, best first (at most `limit`).

    Each proposal is paired with its NEIGHBOURS closest proposals of other groups at most.

    Proposals joined by "similar" pairs form a cluster (at most MAX_CLUSTER, spanning
    at least two groups); the pairs inside a cluster are not repeated as pairs.
    """
    documents = list(documents)
    if len(documents) < 2:
        return []
    score, concept_sets = similarity(documents)
    # Each proposal keeps its NEIGHBOURS best partners: enough to merge, and the list stays readable.
    keep = min(NEIGHBOURS, len(documents) - 1)
    best = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
    edges: set[tuple[int, int]] = set()
    for i, partners in enumerate(best.tolist()):
        for j in partners:
            if score[i, j] >= threshold:
                edges.add((min(i, j), max(i, j)))
    pairs = sorted(
        ((float(score[i, j]), i, j) for i, j in edges),
        key=lambda item: (-item[0], documents[item[1]].id, documents[item[2]].id),
    )
    parent = list(range(len(documents)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for value, i, j in pairs:
        if value >= SIMILAR:
            parent[find(i)] = find(j)
    members: dict[int, list[int]] = {}
    for node in range(len(documents)):
        members.setdefault(find(node), []).append(node)
    clustered: set[int] = set()
    suggestions: list[Suggestion] = []
    for nodes in members.values():
        if not 3 <= len(nodes) <= MAX_CLUSTER or len({documents[n].group for n in nodes}) < 2:
            continue
        clustered.update(nodes)
        edge_scores = [score[i, j] for i in nodes for j in nodes if i < j and score[i, j] >= SIMILAR]
        shared = Counter(concept for n in nodes for concept in concept_sets[n])
        topics = {documents[n].candidate_topic for n in nodes}
        suggestions.append(
            Suggestion(
                ids=tuple(sorted(documents[n].id for n in nodes)),
                score=float(np.mean(edge_scores)),
                kind="similar",
                concepts=tuple(sorted(c for c, count in shared.items() if count >= 2)),
                languages=tuple(sorted({_language_key(code) for n in nodes for code in documents[n].texts})),
                same_candidate_topic=len(topics) == 1 and None not in topics,
            )
        )
    for value, i, j in pairs:
        if len(suggestions) >= limit:
            break
        if i in clustered and j in clustered and find(i) == find(j):
            continue
        a, b = documents[i], documents[j]
        words, languages = _shared_words(a, b)
        suggestions.append(
            Suggestion(
                ids=tuple(sorted((a.id, b.id))),
                score=value,
                kind="similar" if value >= SIMILAR else "complementary",
                concepts=tuple(sorted(concept_sets[i] & concept_sets[j])),
                words=words,
                languages=languages,
                same_candidate_topic=bool(a.candidate_topic) and a.candidate_topic == b.candidate_topic,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.ids))
    return suggestions[:limit]

"""Synergies between proposals: pairs and clusters on similar or complementary subjects.

Pure Python with numpy; no database. The score of two proposals is the cosine of their
vectors from the multilingual sentence encoder (similarity.encoder): a French proposal on
"brevets" and an Arabic one on "البراءات" meet, and two texts that share everyday words
("atteinte des objectifs", "business climate") do not. The vectors are normally the ones
stored with each proposal when it was saved (similarity.vectors); a document without one
is encoded here from its texts.

Of the older signals, two stay: two proposals that adopt the same candidate topic are the
same subject (score 1), and two proposals of one group are never paired (score 0). The
subjects shown beside a suggestion come from the Secretariat's thesaurus
(`Document.concepts`, filled by the caller): they explain a suggestion, they never make one.

A pair at or above SIMILAR is "similar" (merge into one webinar), at or above
COMPLEMENTARY "complementary" (a series, or one webinar with two angles). Proposals join a
cluster of similar ones only while they are, on average, similar to its members (average
linkage), so one close pair does not chain two neighbouring subjects into one merger.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# Chosen on the independent corpus (planning/tests/synergy_evaluation.py; figures in bench/bench_synergy.py):
# at 0.50 the "similar" suggestions are right 93 % of the time and find 92 % of the same-subject
# pairs; from 0.46 the pairs are related subjects (ADR and IP courts, GIs and region branding),
# and no near miss of the corpus (shared words, other subject) reaches it.
SIMILAR = 0.50
COMPLEMENTARY = 0.46
MAX_CLUSTER = 8
NEIGHBOURS = 5
MAX_SUGGESTIONS = 500


@dataclass
class Document:
    """One proposal as the synergy finder sees it.

    `texts` maps a language code (en, fr, es, ru, ar, zh-hans) to the proposal's text in it
    (title, objectives, topics, parts); `candidate_topic` is set for an adoption. `vector`
    is the proposal's stored vector, when the caller has it; `concepts` are the thesaurus
    concepts (slugs) its text names, shown to staff as the subjects a suggestion shares.
    """

    id: str
    group: str
    texts: dict[str, str]
    candidate_topic: str | None = None
    vector: np.ndarray | None = None
    concepts: frozenset[str] = frozenset()


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


def document_vectors(documents: Sequence[Document]) -> np.ndarray:
    """One row per document: its own vector, or the mean of its texts' vectors (length one)."""
    from similarity import encoder
    from similarity.vectors import unit_rows

    matrix = np.zeros((len(documents), encoder.DIMENSIONS), dtype=np.float32)
    to_encode: list[tuple[int, str]] = []
    for row, doc in enumerate(documents):
        if doc.vector is not None:
            matrix[row] = doc.vector
        else:
            to_encode.extend((row, text) for text in doc.texts.values() if text.strip())
    if to_encode:
        for (row, _text), vector in zip(to_encode, encoder.encode([text for _row, text in to_encode]), strict=True):
            matrix[row] += vector
    return unit_rows(matrix)


def similarity(documents: Sequence[Document]) -> np.ndarray:
    """The pair score matrix of the documents, within [0, 1] (diagonal and same-group pairs at zero)."""
    vectors = document_vectors(documents)
    score = vectors @ vectors.T
    np.clip(score, 0, 1, out=score)
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
    return score


_WORD = re.compile(r"\w+", re.UNICODE)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _shared_words(a: Document, b: Document) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Long words both proposals use in a language they share (shown beside a suggestion), and those languages."""
    languages = sorted({_language_key(x) for x in a.texts} & {_language_key(x) for x in b.texts})
    words: set[str] = set()
    for language in languages:
        text_a = " ".join(t for code, t in a.texts.items() if _language_key(code) == language)
        text_b = " ".join(t for code, t in b.texts.items() if _language_key(code) == language)
        words |= {w for w in _WORD.findall(_plain(text_a)) if len(w) >= 6} & set(_WORD.findall(_plain(text_b)))
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
    score = similarity(documents)
    # Each proposal keeps its NEIGHBOURS best partners: enough to merge, and the list stays readable.
    keep = min(NEIGHBOURS, len(documents) - 1)
    best = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
    edges: set[tuple[int, int]] = set()
    for i, partners in enumerate(best.tolist()):
        for j in partners:
            if i != j and score[i, j] >= threshold:
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

    # Average linkage: two groups of proposals join only when, on average, their proposals of
    # different groups are similar, so one close pair does not chain two subjects together.
    members: dict[int, list[int]] = {node: [node] for node in range(len(documents))}
    for value, i, j in pairs:
        if value < SIMILAR:
            break
        root_i, root_j = find(i), find(j)
        if root_i == root_j or len(members[root_i]) + len(members[root_j]) > MAX_CLUSTER:
            continue
        between = score[np.ix_(members[root_i], members[root_j])]
        across = np.array(
            [[documents[a].group != documents[b].group for b in members[root_j]] for a in members[root_i]]
        )
        if between[across].mean() >= SIMILAR:
            parent[root_j] = root_i
            members[root_i] += members.pop(root_j)
    clustered: set[int] = set()
    suggestions: list[Suggestion] = []
    for nodes in members.values():
        if not 3 <= len(nodes) <= MAX_CLUSTER or len({documents[n].group for n in nodes}) < 2:
            continue
        clustered.update(nodes)
        edge_scores = [score[i, j] for i in nodes for j in nodes if i < j and score[i, j] >= SIMILAR]
        shared = Counter(concept for n in nodes for concept in documents[n].concepts)
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
                concepts=tuple(sorted(a.concepts & b.concepts)),
                words=words,
                languages=languages,
                same_candidate_topic=bool(a.candidate_topic) and a.candidate_topic == b.candidate_topic,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.ids))
    return suggestions[:limit]

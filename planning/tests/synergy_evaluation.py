"""The synergy finder measured on the independent corpus (similarity/evaluation/corpus.json).

The corpus was written by someone who had read neither the finder nor the thesaurus: 186
proposals in the six languages from seven regional groups, with pairs labelled "same"
(merge them), "complementary" (a series or two angles) and "different" (near misses among
them), and complete same-subject clusters, so that a pair from two clusters is never "same"
(it may be complementary only when labelled so). See the corpus's README.

How it is counted (shared by planning/tests/test_synergy.py and bench/bench_synergy.py):
- the finder runs as in a cycle: every proposal of its group, pairs only across groups; a
  suggested cluster counts as all its pairs. Pairs within one group are left out of
  every count: the finder never suggests them, by rule;
- see measure() for what counts as right and as found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from planning import synergy

CORPUS = Path(__file__).resolve().parents[2] / "similarity" / "evaluation" / "corpus.json"


@cache
def corpus() -> dict:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def proposal_text(proposal: dict) -> str:
    """Title and objectives, as proposals.apps.proposal_text joins a proposal's fields."""
    return f"{proposal['title']}\n{proposal['objectives']}"


def documents() -> list[synergy.Document]:
    return [
        synergy.Document(id=p["id"], group=p["group"], texts={p["language"]: proposal_text(p)})
        for p in corpus()["proposals"]
    ]


@dataclass
class Quality:
    recall: float  # same-subject pairs suggested, as either kind (the measure)
    precision: float  # suggestions right among those the labels can judge (see measure)
    strict_precision: float  # every suggested pair that is not labelled same or complementary counts as wrong
    similar_precision: float  # "similar" pairs labelled same
    same_as_similar: float  # same-subject pairs suggested as "similar"
    complementary_recall: float  # complementary pairs suggested, as either kind
    suggested: int
    wrong: int
    near_misses: int  # near-miss pairs suggested

    def line(self) -> str:
        return (
            f"recall {self.recall:.3f} precision {self.precision:.3f} (strict {self.strict_precision:.3f}); "
            f"similar: precision {self.similar_precision:.3f}, recall {self.same_as_similar:.3f}; "
            f"complementary recall {self.complementary_recall:.3f}; {self.suggested} pairs suggested, "
            f"{self.wrong} wrong, {self.near_misses} near misses"
        )


def measure(suggestions: list[synergy.Suggestion]) -> Quality:
    """How the suggestions compare with the labels.

    A "similar" pair claims the same subject: the clusters are complete, so it is right
    exactly when it is labelled same. A "complementary" pair claims related subjects: the
    corpus labels only some related pairs, so one that is not labelled is left out of
    `precision` (it cannot be judged) and counted wrong in `strict_precision`.
    """
    data = corpus()
    group = {p["id"]: p["group"] for p in data["proposals"]}
    labels = {frozenset((pair["a"], pair["b"])): pair["label"] for pair in data["pairs"]}
    near_misses = {frozenset((p["a"], p["b"])) for p in data["pairs"] if p["note"].endswith("[near miss]")}

    def across(pair: frozenset) -> bool:
        a, b = tuple(pair)
        return group[a] != group[b]

    same = {pair for pair, label in labels.items() if label == "same" and across(pair)}
    complementary = {pair for pair, label in labels.items() if label == "complementary" and across(pair)}
    kind: dict[frozenset, str] = {}
    for suggestion in suggestions:
        for a, b in combinations(suggestion.ids, 2):
            pair = frozenset((a, b))
            if across(pair) and kind.get(pair) != "similar":
                kind[pair] = suggestion.kind
    found = set(kind)
    similar = {pair for pair, value in kind.items() if value == "similar"}
    related = found - similar
    right = found & (same | complementary)
    judged = similar | {pair for pair in related if pair in labels}
    return Quality(
        recall=len(found & same) / len(same),
        precision=len(judged & right) / len(judged) if judged else 1.0,
        strict_precision=len(right) / len(found) if found else 1.0,
        similar_precision=len(similar & same) / len(similar) if similar else 1.0,
        same_as_similar=len(similar & same) / len(same),
        complementary_recall=len(found & complementary) / len(complementary),
        suggested=len(found),
        wrong=len(found - right),
        near_misses=len(found & near_misses),
    )

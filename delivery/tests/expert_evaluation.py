"""Expert suggestions measured on the independent evaluation set, similarity/evaluation/experts.json.

46 experts whose expertise is written in one of the six languages (the languages they speak
beside it), and 31 proposals of similarity/evaluation/corpus.json, each with the experts
who should give it; in 29 of them every right expert writes in another language than the
proposal. Written by someone who had not seen the encoder, the thesaurus or this code
(similarity/evaluation/README.md).

Each proposal becomes a webinar (its title and objectives; no scope area), given in the
proposal's language and English (as most webinars are) or in the proposal's language only,
and the roster is ranked for it by ``rank_experts``, the ranking the experts screen shows.
The experts have no scope area, rating, gender or region: the figures measure the
similarity and the languages. bench/bench_experts.py reports them (expert_top1, expert_top3);
delivery/tests/test_expert_ranking.py holds a floor under them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

EVALUATION = Path(__file__).resolve().parent.parent.parent / "similarity" / "evaluation"
YEAR = 2096  # a year no other data of a test or the bench uses


def read(name: str) -> dict:
    return json.loads((EVALUATION / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Measured:
    queries: int
    top1: int  # proposals whose first suggestion is a right expert
    top3: int  # proposals with a right expert among the first three
    misses: tuple[str, ...]  # proposals with no right expert among the first three

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.queries

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.queries

    def line(self) -> str:
        missed = ", ".join(self.misses) or "none"
        first, three = f"{self.top1}/{self.queries}", f"{self.top3}/{self.queries}"
        return f"right expert first {first}, in the first three {three} (missed: {missed})"


def language(code: str):
    from webinars.models import Language

    return Language.objects.get_or_create(code=code, defaults={"name": code})[0]


def build_roster(*, prefix: str = "evaluation") -> dict[str, object]:
    """The evaluation's experts on the roster, by their id in experts.json ("e01"...)."""
    from webinars.models import Expert

    roster = {}
    for row in read("experts.json")["experts"]:
        expert = Expert.objects.create(
            name=f"Evaluation expert {row['id']}",
            email=f"{prefix}-{row['id']}@example.org",
            expertise=row["expertise"],
        )
        expert.languages.set([language(code) for code in row["languages_spoken"]])
        roster[row["id"]] = expert
    return roster


def measure(roster: dict[str, object], *, with_english: bool = True, prefix: str = "evaluation") -> Measured:
    """Rank the roster for a webinar made of each query's proposal; other experts of the database are left out."""
    from delivery.selectors.experts import rank_experts
    from webinars.models import Expert, Topic, Webinar

    proposals = {proposal["id"]: proposal for proposal in read("corpus.json")["proposals"]}
    ids = {expert.pk: key for key, expert in roster.items()}
    others = Expert.objects.exclude(pk__in=list(ids)).values("pk")
    top1 = top3 = 0
    misses = []
    queries = read("experts.json")["queries"]
    for query in queries:
        proposal = proposals[query["proposal"]]
        slug = f"{prefix}-{query['proposal']}-{'en' if with_english else 'own'}"
        topic = Topic.objects.create(slug=slug, title=proposal["title"])
        webinar = Webinar.objects.create(
            slug=slug, title=proposal["title"], objectives=proposal["objectives"], topic=topic
        )
        languages = [language(proposal["language"])] + ([language("en")] if with_english else [])
        webinar.languages.set(languages)
        ranked = rank_experts(
            topic=topic,
            title=webinar.title,
            languages=languages,
            year=YEAR,
            exclude=others,
            limit=3,
            about=[webinar],
        )
        first_three = [ids[suggestion.expert.pk] for suggestion in ranked]
        top1 += first_three[0] in query["good_experts"]
        found = any(key in query["good_experts"] for key in first_three)
        top3 += found
        if not found:
            misses.append(query["proposal"])
    return Measured(queries=len(queries), top1=top1, top3=top3, misses=tuple(misses))

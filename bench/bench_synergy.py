"""Synergy suggestions: quality on the independent corpus, and speed over a cycle of 3,000 proposals.

Quality (planning/tests/synergy_evaluation.py says how each is counted), on the 186
proposals of similarity/evaluation/corpus.json, at the thresholds of planning.synergy:
- synergy_recall: the same-subject pairs suggested (as either kind);
- synergy_precision: the suggestions that are right among those the labels can judge;
  synergy_precision_strict counts every suggested pair not labelled same or complementary
  as wrong (the corpus leaves most related pairs unlabelled);
- synergy_similar_precision / synergy_similar_recall: the "similar" (merge) suggestions
  against the same-subject pairs; synergy_complementary_recall: the complementary pairs found;
- synergy_near_misses: near-miss pairs (shared words, other subjects) suggested.

Speed: 3,000 proposals in six languages from 12 groups (the corpus's texts, each varied
with a few words of other proposals so that no two are identical), their vectors stored:
- synergy_3000_s: refresh_synergy_suggestions on the cycle, as the Secretariat's button
  runs it: the proposals and their stored vectors read, the thesaurus's subjects of each,
  the finder, up to 500 suggestions written;
- synergy_find_3000_s: the finder alone over the same documents (vectors in memory).
"""

import random
import sys
import time
from datetime import timedelta

PROPOSALS = 3000
GROUPS = 12


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def texts(seed: int = 2026) -> list[tuple[str, str, str]]:
    """(language, title, objectives) of PROPOSALS proposals built from the independent corpus."""
    from planning.tests.synergy_evaluation import corpus, proposal_text

    rng = random.Random(seed)
    proposals = corpus()["proposals"]
    words_by_language: dict[str, list[str]] = {}
    for proposal in proposals:
        words_by_language.setdefault(proposal["language"], []).extend(proposal_text(proposal).split())
    result = []
    for _n in range(PROPOSALS):
        proposal = rng.choice(proposals)
        extra = " ".join(rng.choices(words_by_language[proposal["language"]], k=4))
        result.append((proposal["language"], proposal["title"], f"{proposal['objectives']} {extra}"))
    return result


def quality(report) -> None:
    from planning.synergy import find_synergies
    from planning.tests.synergy_evaluation import documents, measure

    measured = measure(find_synergies(documents()))
    log(f"independent corpus: {measured.line()}")
    report("synergy_recall", measured.recall, "ratio")
    report("synergy_precision", measured.precision, "ratio")
    report("synergy_precision_strict", measured.strict_precision, "ratio")
    report("synergy_similar_precision", measured.similar_precision, "ratio")
    report("synergy_similar_recall", measured.same_as_similar, "ratio")
    report("synergy_complementary_recall", measured.complementary_recall, "ratio")
    report("synergy_near_misses", measured.near_misses, "pairs")


def cycle_of_proposals():
    """A closed cycle holding PROPOSALS submitted proposals, their vectors stored; and a reviewer."""
    from django.utils import timezone

    from accounts.models import User
    from proposals.models import ConsultationCycle, Proposal
    from similarity.vectors import vectors_for
    from webinars.models import RegionalGroup

    now = timezone.now()
    reviewer = User.objects.create(username="bench-synergy-reviewer", is_staff=True, is_superuser=True)
    groups = RegionalGroup.objects.bulk_create(
        RegionalGroup(code=f"bench-synergy-{n}", name=f"Synergy group {n}") for n in range(GROUPS)
    )
    cycle = ConsultationCycle.objects.create(
        target_year=2098,
        opens_at=now - timedelta(days=30),
        deadline_at=now - timedelta(days=1),
        state=ConsultationCycle.State.CLOSED,
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            cycle=cycle,
            group=groups[n % GROUPS],
            title=title,
            objectives=objectives,
            written_in=language,
            state=Proposal.State.SUBMITTED,
            submitted_at=now,
            created_by=reviewer,
        )
        for n, (language, title, objectives) in enumerate(texts())
    )
    started = time.perf_counter()
    vectors_for(Proposal.objects.filter(cycle=cycle))
    log(f"{len(proposals)} proposals written and their vectors stored in {time.perf_counter() - started:.1f} s")
    return cycle, reviewer


def speed(report) -> None:
    from planning import services
    from planning.services import _documents
    from planning.synergy import find_synergies

    cycle, reviewer = cycle_of_proposals()
    started = time.perf_counter()
    created = services.refresh_synergy_suggestions(actor=reviewer, cycle=cycle)
    report("synergy_3000_s", time.perf_counter() - started, "s")
    log(f"{len(created)} suggestions written")
    documents = _documents(cycle)
    started = time.perf_counter()
    find_synergies(documents)
    report("synergy_find_3000_s", time.perf_counter() - started, "s")


def run(report):
    quality(report)
    speed(report)

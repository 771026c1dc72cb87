"""Two more uses of the sentence encoder, measured on the independent evaluation sets (similarity/evaluation/).

Nobody tuned these sets to the code: a helper who had read neither the finder nor the
thesaurus wrote them (their README says how). Only the two thresholds were chosen on them.

Duplicates (planning.duplicates), on duplicates.json: 18 webinars held in six languages and 38
proposals, 25 of which repeat one of them; the other 13 are near misses (shared words, other
subject) and next parts of a graded series. Each proposal is flagged with its closest held
webinar at or above planning.duplicates.DUPLICATE, as the review screen flags an answer (the
set has no topics or series, so the identity rules do not come in):
- duplicates_recall: repeats flagged with the right held webinar, of the 25;
- duplicates_precision: flags naming the right held webinar, of all flags (a flag on a proposal
  that repeats nothing, or naming another webinar, is wrong).

Feedback suggestions (proposals.suggestions), on feedback.json: 48 short suggestions in six
languages, ten groups of one suggestion written in several languages or wordings, grouped as
the cycle's preparation groups them into candidate topics:
- feedback_groups_recall: pairs of one suggestion put in one candidate topic, of the 29;
- feedback_groups_precision: pairs put in one candidate topic that are one suggestion, of all
  pairs put together;
- feedback_groups_exact: the ten groups found exactly, each as one candidate topic.

Texts as the portal has them: a proposal's and a held webinar's title and objectives
(proposals.apps.proposal_text, webinars.apps.webinar_text), a suggestion as written.
"""

import json
import sys
from itertools import combinations
from pathlib import Path

EVALUATION = Path(__file__).resolve().parent.parent / "similarity" / "evaluation"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def read(name: str) -> dict:
    return json.loads((EVALUATION / name).read_text(encoding="utf-8"))


def text(item: dict) -> str:
    return f"{item['title']}\n{item['objectives']}"


def duplicates_quality() -> dict[str, float]:
    from planning.duplicates import DUPLICATE, matches
    from similarity import encoder

    data, corpus = read("duplicates.json"), read("corpus.json")
    proposals = {p["id"]: p for p in corpus["proposals"]}
    held = data["held_webinars"]
    checks = data["checks"]
    asked = [proposals[c["proposal"]] if isinstance(c["proposal"], str) else c["proposal"] for c in checks]
    found = matches(encoder.encode([text(p) for p in asked]), encoder.encode([text(h) for h in held]), limit=1)
    repeats = sum(check["duplicate_of"] is not None for check in checks)
    right = wrong = 0
    for check, flags in zip(checks, found, strict=True):
        if not flags:
            continue
        named = held[flags[0][0]]["id"]
        if named == check["duplicate_of"]:
            right += 1
        else:
            wrong += 1
            log(
                f"duplicates: wrong flag {check['proposal'] if isinstance(check['proposal'], str) else 'inline'} "
                f"-> {named} at {flags[0][1]:.3f} ({check['note'][:60]})"
            )
    log(f"duplicates at {DUPLICATE}: {right} of {repeats} repeats flagged rightly, {wrong} wrong flags")
    return {"recall": right / repeats, "precision": right / (right + wrong) if right + wrong else 1.0}


def feedback_quality() -> dict[str, float]:
    from proposals.suggestions import SAME_SUGGESTION, group_suggestions
    from similarity import encoder

    data = read("feedback.json")
    ids = [s["id"] for s in data["suggestions"]]
    texts = [s["text"] for s in data["suggestions"]]
    groups = [[ids[row] for row in rows] for rows in group_suggestions(texts, encoder.encode(texts))]
    together = {frozenset(pair) for group in groups for pair in combinations(group, 2)}
    same = {frozenset(pair) for group in data["groups"] for pair in combinations(group, 2)}
    exact = sum(frozenset(group) in {frozenset(g) for g in groups} for group in data["groups"])
    right = len(together & same)
    log(
        f"feedback at {SAME_SUGGESTION}: {len(groups)} candidate topics from {len(ids)} suggestions; "
        f"{right} of {len(same)} pairs of one suggestion together, {len(together) - right} pairs wrongly together; "
        f"{exact} of {len(data['groups'])} groups exact"
    )
    return {
        "recall": right / len(same),
        "precision": right / len(together) if together else 1.0,
        "exact": exact / len(data["groups"]),
    }


def run(report):
    duplicates = duplicates_quality()
    report("duplicates_recall", duplicates["recall"], "ratio")
    report("duplicates_precision", duplicates["precision"], "ratio")
    feedback = feedback_quality()
    report("feedback_groups_recall", feedback["recall"], "ratio")
    report("feedback_groups_precision", feedback["precision"], "ratio")
    report("feedback_groups_exact", feedback["exact"], "ratio")

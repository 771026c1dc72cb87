"""Synergy suggestions over a large cycle: 3,000 proposals in six languages, 12 groups.

Texts are the labelled proposals of planning/tests/synergy_corpus.py, each varied with a
few words of other proposals so that no two are identical. Figure: wall time of
find_synergies over all of them (lexicon, n-gram TF-IDF, scoring, clusters).
"""

import random
import time

PROPOSALS = 3000


def documents(seed: int = 2026):
    from planning.synergy import Document
    from planning.tests.synergy_corpus import CORPUS

    rng = random.Random(seed)
    words_by_language: dict[str, list[str]] = {}
    for _id, _subject, language, text in CORPUS:
        words_by_language.setdefault(language, []).extend(text.split())
    result = []
    for n in range(PROPOSALS):
        _id, _subject, language, text = rng.choice(CORPUS)
        extra = " ".join(rng.choices(words_by_language[language], k=4))
        result.append(Document(id=f"p{n}", group=f"group-{n % 12}", texts={language: f"{text} {extra}"}))
    return result


def run(report):
    from planning.synergy import find_synergies

    docs = documents()
    started = time.perf_counter()
    find_synergies(docs)
    report("synergy_3000_s", time.perf_counter() - started, "s")

"""Participants' topic suggestions as the next cycle reads them: the same suggestion once, however written.

After a webinar, participants suggest topics in the six languages. "Valuing a patent before
licensing it", «L'évaluation des brevets avant une licence» and «如何评估专利的价值» ask for one
webinar: the cycle's preparation (proposals.cycle) offers them as one candidate topic, with
how many people asked and in which languages.

Pure Python with numpy, no database: the vectors are the encoder's, stored with each answer
(similarity.vectors; webinars registers Feedback with its suggestion as text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from similarity.vectors import unit_rows

# Chosen on the independent set of 48 suggestions (similarity/evaluation/feedback.json, ten groups
# of one suggestion in several languages; figures in bench/bench_similarity_uses.py): at 0.43 and
# 0.44 every pair put together is one suggestion and 23 of its 29 pairs are found (7 of the 10 groups
# exactly); at 0.42 and below green patents against climate change join irrigation technology; from
# 0.45 fewer are found (21). The synergy finder's 0.50 (planning.synergy), chosen on whole proposals,
# finds 20 of these short texts' pairs: short texts score lower.
SAME_SUGGESTION = 0.44


def group_alike(vectors: np.ndarray, *, threshold: float = SAME_SUGGESTION) -> list[list[int]]:
    """The rows that say the same thing, as groups of row numbers (each group in row order).

    Average linkage, as the synergy finder joins proposals: the closest pairs first, and two
    groups join only while their members are, on average, at least `threshold` alike, so one
    close pair does not chain two neighbouring subjects into one topic. A row alike to none
    is a group of its own. The groups come in the order of their first row.
    """
    count = len(vectors)
    if count == 0:
        return []
    vectors = np.asarray(vectors, dtype=np.float32)
    score = vectors @ vectors.T
    rows, columns = np.nonzero(np.triu(score >= threshold, k=1))
    pairs = sorted(zip(rows.tolist(), columns.tolist(), strict=True), key=lambda p: (-score[p[0], p[1]], p))
    group_of = list(range(count))
    members: dict[int, list[int]] = {row: [row] for row in range(count)}
    for i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b or score[np.ix_(members[a], members[b])].mean() < threshold:
            continue
        for row in members[b]:
            group_of[row] = a
        members[a] += members.pop(b)
    return sorted((sorted(rows) for rows in members.values()), key=lambda rows: rows[0])


def group_suggestions(texts: Sequence[str], vectors: np.ndarray) -> list[list[int]]:
    """The rows of `texts` that are one suggestion, the most suggested first (then by first row).

    One wording written several times, whatever its case or spaces, is one suggestion before
    the encoder compares it with the others, with the mean of its spellings' vectors: the
    encoder reads "PATENT VALUATION" somewhat apart from "patent valuation".
    """
    rows_of: dict[str, list[int]] = {}
    for row, text in enumerate(texts):
        rows_of.setdefault(" ".join(text.split()).casefold(), []).append(row)
    wordings = list(rows_of.values())
    vectors = np.asarray(vectors, dtype=np.float32)
    alike = group_alike(unit_rows([vectors[rows].mean(axis=0) for rows in wordings]))
    groups = [sorted(row for wording in group for row in wordings[wording]) for group in alike]
    return sorted(groups, key=lambda rows: (-len(rows), rows[0]))


def title_row(texts: Sequence[str]) -> int:
    """Which of one suggestion's texts names it: the wording written most often, the first among equals."""
    written = Counter(" ".join(text.split()).casefold() for text in texts)
    return max(range(len(texts)), key=lambda n: (written[" ".join(texts[n].split()).casefold()], -n))


# --- Which of the six languages a short text is written in ----------------------------------------
# Participants' answers carry no language; the script tells Arabic, Chinese and Russian apart,
# and for the three languages in Latin script, their commonest short words, accents and word
# endings do (48 of the 48 suggestions of the evaluation set, 185 of its 186 proposal titles).


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SHORT_WORDS = {
    "en": _words(
        "the of and to for how with an on about from by their what is are before after into our this that which more"
    ),
    "fr": _words(
        "le les des du et pour dans une sur avec au aux par qui comment plus leur leurs ou est sont pas ce cette ces"
    ),
    "es": _words("el los las del y para una con por sobre al como cómo más su sus o es son no este esta estos"),
}
_ACCENTS = {"es": frozenset("ñ¿¡áíóú"), "fr": frozenset("çàèêâîôûœùëï")}
_ENDINGS = {
    "es": ("ción", "ciones", "dad", "dades"),
    "fr": ("ité", "ités", "eur", "eurs", "ées"),
    "en": ("ing", "ness", "ship"),
}
_WORD = re.compile(r"[^\W\d_]+")


def _script_counts(text: str) -> dict[str, int]:
    counts = {"ar": 0, "zh-hans": 0, "ru": 0, "latin": 0}
    for char in text:
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
            counts["ar"] += 1
        elif "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
            counts["zh-hans"] += 3  # one character is about a word: "PATENTSCOPE检索实操培训" is Chinese
        elif "\u0400" <= char <= "\u04ff":
            counts["ru"] += 1
        elif char.isalpha():
            counts["latin"] += 1
    return counts


def language_of(text: str) -> str:
    """The language code (settings.LANGUAGES) a short text is most likely written in; English when unsure."""
    counts = _script_counts(text)
    script = max(counts, key=lambda code: counts[code])
    if counts[script] == 0:
        return "en"
    if script != "latin":
        return script
    lower = text.lower()
    words = _WORD.findall(lower)
    score = {code: sum(word in vocabulary for word in words) for code, vocabulary in _SHORT_WORDS.items()}
    for code, accents in _ACCENTS.items():
        score[code] += sum(char in accents for char in lower)
    for code, endings in _ENDINGS.items():
        score[code] += sum(len(word) > 4 and word.endswith(endings) for word in words)
    return max(("en", "fr", "es"), key=lambda code: score[code])

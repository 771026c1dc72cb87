"""The sentence encoder on one core: how fast texts are embedded, and how long the model takes to load.

Texts: every text of the independent evaluation corpus (similarity/evaluation/: proposals,
experts' expertise, participants' topic suggestions, held webinars), about 300 texts in the
six languages, none of them stored: each is encoded from scratch.

Measured in a fresh Python process pinned to one CPU core with one BLAS thread:
- encoder_load_s: importing and loading the model, as a web or worker process does on
  its first encode;
- embed_texts_per_s: texts encoded per second, in batches of 100 as the save tasks and
  vectors_for send them (the model loaded).
And in this process as it is configured (numpy's default threads, every core):
- embed_texts_per_s_as_configured: the same texts. Without threadpoolctl installed the
  encoder cannot keep numpy to one thread, and BLAS threads fighting over busy cores can
  make this several times slower than one core alone.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

EVALUATION = Path(__file__).resolve().parent.parent / "similarity" / "evaluation"
BATCH = 100


def corpus_texts() -> list[str]:
    def read(name: str) -> dict:
        return json.loads((EVALUATION / name).read_text(encoding="utf-8"))

    proposals = read("corpus.json")["proposals"]
    held = read("duplicates.json")["held_webinars"]
    return [
        *(f"{p['title']}\n{p['objectives']}" for p in proposals),
        *(f"{h['title']}\n{h['objectives']}" for h in held),
        *(e["expertise"] for e in read("experts.json")["experts"]),
        *(s["text"] for s in read("feedback.json")["suggestions"]),
    ]


MEASURE = """
import json, os, sys, time
os.sched_setaffinity(0, {{{core}}})  # one core, before numpy starts its threads
started = time.perf_counter()
from similarity import encoder
encoder.model()
loaded = time.perf_counter() - started
texts = json.load(sys.stdin)
started = time.perf_counter()
for start in range(0, len(texts), {batch}):
    encoder.encode(texts[start : start + {batch}])
print(json.dumps({{"load_s": loaded, "texts_per_s": len(texts) / (time.perf_counter() - started)}}))
"""


def on_one_core(texts: list[str]) -> dict:
    core = min(os.sched_getaffinity(0))
    one_thread = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    output = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MEASURE.format(batch=BATCH, core=core)],
        input=json.dumps(texts),
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **one_thread},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(output.stdout)


def run(report):
    from similarity import encoder

    texts = corpus_texts()
    measured = on_one_core(texts)
    report("encoder_load_s", measured["load_s"], "s")
    report("embed_texts_per_s", measured["texts_per_s"], "texts/s")

    encoder.encode(texts[:BATCH])  # the model loaded, outside the measure
    started = time.perf_counter()
    for start in range(0, len(texts), BATCH):
        encoder.encode(texts[start : start + BATCH])
    report("embed_texts_per_s_as_configured", len(texts) / (time.perf_counter() - started), "texts/s")

"""Throughput of ingest + Document on real news, on one core.

1,000 real human news articles from ../shared/data (BBC, deduplicated, then RECOVERY): each
JSONL line goes through the same path as `unspin analyze file.jsonl` up to the analyzers:
JSON parse, field mapping, Unicode repair, language detection, stable id, and the Document's
paragraphs, sentences and tokens. Goal (issue #2): >= 200 articles/s on one core.
"""

from __future__ import annotations

import json
import time

from unspin.document import NEEDS
from unspin.ingest import normalize
from unspin.ingest.records import FieldMap, record_to_raw

from .common import human_news, pin_one_core

GOAL = 200.0


def run(n: int = 1000, repeats: int = 3) -> dict:
    lines = [json.dumps(rec).encode() for _, rec in human_news(limit=n)]
    if len(lines) < n:
        return {"name": "ingest + Document", "skipped": f"only {len(lines)} articles found in ../shared/data"}
    pin_one_core()
    fields = FieldMap()
    t = time.perf_counter()
    normalize(record_to_raw(json.loads(lines[0]), "warm", "jsonl", fields, 5_000_000))  # loads the language model
    model_load = time.perf_counter() - t
    rates = []
    words = 0
    for _ in range(repeats):
        t = time.perf_counter()
        words = 0
        for i, line in enumerate(lines):
            raw = record_to_raw(json.loads(line), f"bench:{i}", "jsonl", fields, 5_000_000)
            doc = normalize(raw)
            doc.prepare(NEEDS - {"language"})
            words += doc.word_count
        rates.append(len(lines) / (time.perf_counter() - t))
    best = max(rates)
    return {
        "name": "ingest + Document",
        "articles": len(lines),
        "words": words,
        "articles_per_s": round(best, 1),
        "articles_per_s_all_runs": [round(r, 1) for r in rates],
        "words_per_s": round(best * words / len(lines)),
        "language_model_load_s": round(model_load, 3),
        "goal_articles_per_s": GOAL,
        "goal_ratio": round(best / GOAL, 2),
        "met": best >= GOAL,
    }


def render_md(i: dict) -> str:
    """Markdown section for docs/benchmarks.md."""
    return "\n".join([
        "## Ingest + Document throughput (goal of issue #2)", "",
        "`python -m benchmarks.bench_ingest`.", "",
        "| benchmark | input | result | goal | ratio to goal | met |", "| --- | --- | --- | --- | --- | --- |",
        f"| ingest + Document, one core | {i['articles']} real news articles ({i['words']:,} words) from "
        f"`../shared/data` (BBC deduplicated, then RECOVERY), JSON record → Document with paragraphs, "
        f"sentences, tokens | {i['articles_per_s']} articles/s ({i['words_per_s']:,} words/s; runs "
        f"{', '.join(map(str, i['articles_per_s_all_runs']))}); language model load "
        f"{i['language_model_load_s']} s once | ≥ {i['goal_articles_per_s']:.0f} articles/s | "
        f"{i['goal_ratio']}× | {'yes' if i['met'] else 'NO'} |", ""])


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

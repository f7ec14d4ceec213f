"""Speed of the llm and translation analyzers together, one core, 600-word articles.

Real human news from ../shared/data cut or joined to about 600 words; each Document is prepared
first (its cost is the ingest benchmark's), then both analyzers run, style score included.
Goal (issue #3): >= 300 articles/s on one core.
"""

from __future__ import annotations

import json
import time

from unspin.analyzers.llm import LLMAnalyzer
from unspin.document import NEEDS, Document
from unspin.resources import Resources

from .common import human_news, pin_one_core

GOAL = 300.0
WORDS = 600


def _articles(n: int) -> list[Document]:
    out, buf = [], []
    for _, rec in human_news():
        text = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
        buf.extend(p for p in text.split("\n\n") if p.strip())
        if sum(len(p.split()) for p in buf) >= WORDS:
            paras, count = [], 0
            for p in buf:
                words = p.split()
                if count + len(words) > WORDS:  # cut the last paragraph to land on WORDS words
                    paras.append(" ".join(words[: WORDS - count]))
                    break
                paras.append(p)
                count += len(words)
            buf = []
            d = Document(title=rec.get("title") or "", text="\n\n".join(paras), language="en")
            d.prepare(NEEDS - {"language"})
            out.append(d)
            if len(out) >= n:
                break
    return out


def run(n: int = 1000) -> dict:
    docs = _articles(n)
    if len(docs) < n:
        return {"name": "llm + translation speed", "skipped": "../shared/data not found or too small"}
    pin_one_core()
    from unspin.analyzers.translation import TranslationAnalyzer

    llm, tr = LLMAnalyzer(), TranslationAnalyzer()
    res = Resources(())
    llm.setup(res)
    tr.setup(res)
    out = {}
    for label, analyzers in (("llm", [llm]), ("translation", [tr]), ("llm + translation", [llm, tr])):
        best = 0.0
        for _ in range(3):
            t = time.perf_counter()
            for d in docs:
                for a in analyzers:
                    list(a.analyze(d))
            best = max(best, len(docs) / (time.perf_counter() - t))
        out[label] = round(best, 1)
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    return {"name": "llm + translation speed", "articles": len(docs), "mean_words": round(words),
            "articles_per_s": out, "goal": GOAL, "goal_ratio": round(out["llm + translation"] / GOAL, 2),
            "met": out["llm + translation"] >= GOAL}


def render_md(r: dict) -> str:
    if "skipped" in r:
        return f"## Speed of the transformation analyzers\n\nSkipped: {r['skipped']}\n"
    a = r["articles_per_s"]
    return "\n".join([
        "## Speed of the transformation analyzers", "",
        f"`python -m benchmarks.bench_transform_speed`: {r['articles']} real news articles of about {r['mean_words']} words, "
        "one core, Documents prepared beforehand, best of 3 runs.", "",
        "| analyzers | articles/s | goal | ratio | met |", "| --- | --- | --- | --- | --- |",
        f"| llm (residue + style) | {a['llm']} | | | |",
        f"| translation | {a['translation']} | | | |",
        f"| llm + translation | {a['llm + translation']} | ≥ {r['goal']:.0f} | {r['goal_ratio']}× | {'yes' if r['met'] else 'NO'} |", ""])


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

"""Sources and attributions on human news: how often each `source.*` kind fires, attributions per
article, and speed. Human news: bbc-news-2225 (deduplicated), recovery-covid-news-2020,
buzzfeed-webis-2016 mainstream, reuters-21578. A `medium` firing here is context a reader of
the report will see on ordinary journalism: it should be rare.
"""

from __future__ import annotations

import json
import time
from collections import Counter

from unspin.analyzers.sources import SourcesAnalyzer
from unspin.document import Document
from unspin.ingest.normalize import clean_text
from unspin.report.model import Attribution, Finding
from unspin.resources import Resources

from .common import data_path, human_news


def run() -> dict:
    if data_path("bbc-news-2225") is None:
        return {"name": "sources", "skipped": "../shared/data not found"}
    a = SourcesAnalyzer()
    a.setup(Resources(()))
    n = 0
    kinds = Counter()
    articles_with = Counter()
    attributions = 0
    by_kind = Counter()
    examples = {}
    t0 = time.perf_counter()
    for folder, rec in human_news():
        if folder == "buzzfeed-webis-2016" and rec.get("orientation") != "mainstream":
            continue
        text = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
        d = Document(title=rec.get("title") or "", text=clean_text(text), language="en")
        d.prepare({"paragraphs", "sentences", "tokens"})
        n += 1
        seen = set()
        for x in a.analyze(d):
            if isinstance(x, Attribution):
                attributions += 1
                by_kind[x.source_kind] += 1
            elif isinstance(x, Finding):
                key = f"{x.kind}/{x.severity}"
                kinds[key] += 1
                seen.add(key)
                if x.severity == "medium" and len(examples.setdefault(key, [])) < 4:
                    examples[key].append({"corpus": folder, "id": rec.get("id"), "message": x.message[:220]})
        for k in seen:
            articles_with[k] += 1
    dt = time.perf_counter() - t0
    return {"name": "sources", "articles": n, "attributions_per_article": round(attributions / n, 2),
            "attribution_kinds": dict(by_kind), "article_rate": {k: round(v / n, 5) for k, v in sorted(articles_with.items())},
            "medium_examples": examples, "articles_per_s": round(n / dt, 1)}


def render_md(r: dict) -> str:
    out = ["## Sources and attributions on human news", "",
           f"`python -m benchmarks.bench_sources`: {r['articles']:,} human news articles; "
           f"{r['attributions_per_article']} attributions per article ("
           + ", ".join(f"{k} {v:,}" for k, v in sorted(r["attribution_kinds"].items())) + f"); {r['articles_per_s']} articles/s.", "",
           "| finding / severity | share of human articles |", "| --- | --- |"]
    out += [f"| `{k}` | {v * 100:.2f}% |" for k, v in r["article_rate"].items()]
    if r["medium_examples"]:
        out += ["", "`medium` firings on human news, as found:", ""]
        for k, exs in r["medium_examples"].items():
            out += [f"- `{k}` {e['corpus']} {e.get('id') or ''}: {' '.join(e['message'].split()).replace('|', '/')}" for e in exs]
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(json.dumps(run(), indent=1, ensure_ascii=False))

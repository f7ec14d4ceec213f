"""The English shortcut of language detection against py3langid.

`unspin.ingest.normalize.detect_language` calls long English prose English by its share of
function words and asks py3langid about everything else. This checks, on real text, that the
shortcut never calls a non-English text English and how often it spares the model: human English
news (bbc, recovery, buzzfeed, reuters), Russian news and Wikinews (ru-news), the six Slavic
languages of slavicner-topic-clusters, and the Russian sources of wmt-ruen-docs.
"""

from __future__ import annotations

import json
from collections import Counter

from unspin.ingest.normalize import _identifier, fast_english

from .common import data_path, human_news, iter_jsonl


def _non_english():
    p = data_path("ru-news")
    if p:
        for f in sorted(p.glob("*.jsonl")):
            for r in iter_jsonl(f):
                t = r.get("text") or "\n\n".join(r.get("paragraphs") or [])
                if t:
                    yield f"ru-news/{f.stem}", t
    p = data_path("slavicner-topic-clusters")
    if p:
        for f in sorted(p.glob("*.jsonl")):
            for r in iter_jsonl(f):
                t = r.get("text") or "\n\n".join(r.get("paragraphs") or [])
                if t and (r.get("lang") or r.get("language")) not in ("en",):
                    yield f"slavicner/{r.get('lang') or r.get('language') or '?'}", t
    p = data_path("wmt-ruen-docs", "ruen_documents.jsonl")
    if p:
        for r in iter_jsonl(p):
            yield "wmt-ru-sources", "\n\n".join(" ".join(x) for x in r["src_paragraphs"])


def run() -> dict:
    if data_path("bbc-news-2225") is None:
        return {"name": "language shortcut", "skipped": "../shared/data not found"}
    ident = _identifier()
    en_total = en_fast = en_disagree = 0
    for _, rec in human_news():
        t = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
        en_total += 1
        if fast_english(t) is not None:
            en_fast += 1
            if ident.classify(t[:3000])[0] != "en":
                en_disagree += 1
    other = Counter()
    wrong = Counter()
    for group, t in _non_english():
        other[group] += 1
        if fast_english(t) is not None:
            wrong[group] += 1
    return {"name": "language shortcut", "english_articles": en_total, "shortcut_taken": en_fast,
            "shortcut_share": round(en_fast / max(1, en_total), 4), "py3langid_disagrees": en_disagree,
            "non_english": dict(other), "non_english_called_english": dict(wrong)}


def render_md(r: dict) -> str:
    return "\n".join([
        "## Language detection shortcut", "",
        f"`python -m benchmarks.bench_langid`: long English prose is recognised by its function words without loading "
        f"py3langid (about 0.3 s of start-up). On {r['english_articles']:,} human English news articles the shortcut "
        f"answered {r['shortcut_share'] * 100:.1f}% of them; py3langid disagreed on {r['py3langid_disagrees']}. "
        f"Non-English texts called English by the shortcut: {sum(r['non_english_called_english'].values())} of "
        f"{sum(r['non_english'].values()):,} ({', '.join(f'{k} {v:,}' for k, v in sorted(r['non_english'].items()))}).", ""])


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))

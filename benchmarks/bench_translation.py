"""Translation artifacts on real data.

1. False alarms on human English news (>= 20,000 articles: bbc-news-2225 deduplicated,
   reuters-21578, recovery-covid-news-2020, buzzfeed-webis-2016 mainstream): share of articles
   with a high-severity `translation.transliteration`, and findings per 10k words by kind.
   Goal (issue #3): high-severity transliteration on <= 0.5% of articles.
2. Translations of Russian news (wmt-ruen-docs, 241 news documents): findings per document and
   per 10k words, for the professional human translations and for each group of MT systems.
3. A sample of 100 findings on those translations, checked by hand, is kept in
   `benchmarks/data/translation_checked.jsonl` (written once by `--sample`, then labelled); the
   precision on it is reported here.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter, defaultdict

from unspin.document import Document
from unspin.ingest.normalize import clean_text
from unspin.resources import Resources

from .common import REPO, data_path, human_news, iter_jsonl

CHECKED = REPO / "benchmarks" / "data" / "translation_checked.jsonl"
GOAL_HIGH_TRANSLIT = 0.005


def _analyzer():
    from unspin.analyzers.translation import TranslationAnalyzer

    a = TranslationAnalyzer()
    a.setup(Resources(()))
    return a


def _doc(title, text):
    d = Document(title=title or "", text=clean_text(text), language="en")
    d.prepare({"paragraphs", "sentences", "tokens", "title_tokens"})
    return d


def _wmt_docs():
    p = data_path("wmt-ruen-docs", "ruen_documents.jsonl")
    if p is None:
        return [], []
    docs = [d for d in iter_jsonl(p) if d.get("domain") == "news"]
    human = []
    for d in docs:
        for tr, paras in d["ref_paragraphs"].items():
            text = "\n\n".join(" ".join(seg for seg in para) for para in paras)
            if d["docid"] == "infox.ru.36099" and d["year"] == 2023:
                continue  # reference A is Russian text (FINDINGS.md)
            human.append((f"human:{tr}", d["docid"], text))
    mt = []
    p2 = data_path("wmt-ruen-docs", "ruen_mt_outputs_news.jsonl")
    if p2 is not None:
        for r in iter_jsonl(p2):
            text = "\n\n".join(" ".join(seg for seg in para) for para in r["paragraphs"])
            mt.append((f"mt:{r['system']}", r["docid"], text))
    return human, mt


def run(sample: bool = False) -> dict:
    if data_path("bbc-news-2225") is None:
        return {"name": "translation artifacts", "skipped": "../shared/data not found"}
    a = _analyzer()
    # 1. human English news
    n_art = 0
    words = 0
    per_kind = Counter()
    high_translit_articles = 0
    high_examples = []
    t0 = time.perf_counter()
    for folder, rec in human_news():
        if folder == "buzzfeed-webis-2016" and rec.get("orientation") != "mainstream":
            continue
        text = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
        d = _doc(rec.get("title"), text)
        n_art += 1
        words += len(d.tokens)
        fs = list(a.analyze(d))
        hi = False
        for f in fs:
            per_kind[(f.kind, f.severity)] += 1
            if f.kind == "translation.transliteration" and f.severity == "high":
                hi = True
                if len(high_examples) < 15:
                    high_examples.append({"corpus": folder, "id": rec.get("id"), "evidence": [s.text for s in f.evidence][:3],
                                          "message": f.message[:200]})
        high_translit_articles += hi
    elapsed = time.perf_counter() - t0
    # 2. translations of Russian news
    human_tr, mt = _wmt_docs()
    groups: dict[str, dict] = defaultdict(lambda: {"docs": 0, "words": 0, "findings": Counter()})
    found = []
    for group, docid, text in human_tr + mt:
        d = _doc("", text)
        g = groups[group if group.startswith("human") else "mt:" + group.split(":", 1)[1]]
        g["docs"] += 1
        g["words"] += len(d.tokens)
        for f in a.analyze(d):
            g["findings"][f.kind] += 1
            found.append({"group": group, "docid": docid, "kind": f.kind, "severity": f.severity,
                          "evidence": [s.text for s in f.evidence][:4], "message": f.message[:300]})
    if sample:
        rng = random.Random(20261126)
        pick = rng.sample(found, min(100, len(found)))
        CHECKED.parent.mkdir(exist_ok=True)
        with open(CHECKED, "w", encoding="utf-8") as fh:
            for x in pick:
                fh.write(json.dumps({**x, "correct": None, "why": ""}, ensure_ascii=False) + "\n")
    checked = []
    if CHECKED.exists():
        checked = [json.loads(x) for x in CHECKED.read_text(encoding="utf-8").splitlines() if x.strip()]
    labelled = [c for c in checked if c.get("correct") is not None]
    prec = sum(1 for c in labelled if c["correct"]) / len(labelled) if labelled else None
    by_kind = defaultdict(lambda: [0, 0])
    for c in labelled:
        by_kind[c["kind"]][0] += bool(c["correct"])
        by_kind[c["kind"]][1] += 1
    return {
        "name": "translation artifacts",
        "human_news_articles": n_art,
        "human_news_words": words,
        "high_transliteration_articles": high_translit_articles,
        "high_transliteration_rate": round(high_translit_articles / max(1, n_art), 5),
        "goal_rate": GOAL_HIGH_TRANSLIT,
        "met": high_translit_articles / max(1, n_art) <= GOAL_HIGH_TRANSLIT,
        "per_10k_words": {f"{k}/{s}": round(v / words * 10000, 3) for (k, s), v in sorted(per_kind.items())},
        "high_examples": high_examples,
        "articles_per_s": round(n_art / elapsed, 1),
        "wmt": {g: {"docs": v["docs"], "words": v["words"], "findings": dict(v["findings"]),
                    "per_doc": round(sum(v["findings"].values()) / max(1, v["docs"]), 3),
                    "per_10k_words": round(sum(v["findings"].values()) / max(1, v["words"]) * 10000, 2)}
                for g, v in sorted(groups.items())},
        "checked": {"labelled": len(labelled), "precision": None if prec is None else round(prec, 3),
                    "by_kind": {k: f"{c}/{n}" for k, (c, n) in by_kind.items()}},
    }


def render_md(r: dict) -> str:
    out = ["## Translation artifacts", "",
           "`python -m benchmarks.bench_translation`. Goal (issue #3): high-severity `translation.transliteration` "
           "on ≤ 0.5% of human English news.", "",
           f"Human English news: {r['human_news_articles']:,} articles ({r['human_news_words']:,} tokens). "
           f"High-severity transliteration in {r['high_transliteration_articles']} articles = "
           f"{r['high_transliteration_rate'] * 100:.3f}% ({'met' if r['met'] else 'NOT met'}). "
           f"Speed {r['articles_per_s']} articles/s (translation analyzer alone).", "",
           "| kind / severity | per 10k tokens on human news |", "| --- | --- |"]
    out += [f"| `{k}` | {v} |" for k, v in r["per_10k_words"].items()]
    if r["high_examples"]:
        out += ["", "High-severity transliteration on human news, as found:", ""]
        out += [f"- {e['corpus']} {e.get('id') or ''}: {', '.join(e['evidence'])} — {e['message'].replace('|', '/')}" for e in r["high_examples"]]
    out += ["", "Translations of 241 Russian news documents (wmt-ruen-docs): professional human references vs MT systems.", "",
            "| translations | docs | findings per doc | per 10k tokens | by kind |", "| --- | --- | --- | --- | --- |"]
    for g, v in r["wmt"].items():
        out.append(f"| {g} | {v['docs']} | {v['per_doc']} | {v['per_10k_words']} | "
                   + ", ".join(f"{k.replace('translation.', '')} {n}" for k, n in sorted(v["findings"].items())) + " |")
    c = r["checked"]
    out += ["", f"Hand-checked sample (`benchmarks/data/translation_checked.jsonl`): {c['labelled']} findings labelled, "
            f"precision {c['precision']} ({', '.join(f'{k} {v}' for k, v in c['by_kind'].items())}).", ""]
    return "\n".join(out)


if __name__ == "__main__":
    res = run(sample="--sample" in sys.argv)
    json.dump(res, sys.stdout, indent=1, ensure_ascii=False)

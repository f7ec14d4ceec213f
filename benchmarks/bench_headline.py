"""How often `headline.sensational` fires on real headlines, per corpus (a false-alarm view).

BBC 2004-05 and RECOVERY mainstream outlets are ordinary news: a firing there is either a
false alarm or a genuinely loud headline; BuzzFeed-Webis hyperpartisan pages are expected to
fire more. The strongest firings on ordinary news are listed so a person can judge them.
"""

from __future__ import annotations

import json

from unspin.analyzers.headline import HeadlineAnalyzer
from unspin.document import Document
from unspin.resources import Resources

from .common import data_path, iter_jsonl, mainstream_news


def _corpora():
    p = data_path("bbc-news-2225", "bbc_news.jsonl")
    if p:
        yield "BBC News 2004-05", [r["title"] for r in iter_jsonl(p)]
    p = data_path("recovery-covid-news-2020", "recovery_news_articles.jsonl")
    if p:
        recs = list(iter_jsonl(p))
        yield "RECOVERY 2020, reliable outlets", [r["title"] for r in recs if r.get("reliability") == "reliable"]
        yield "RECOVERY 2020, unreliable outlets", [r["title"] for r in recs if r.get("reliability") == "unreliable"]
    p = data_path("buzzfeed-webis-2016", "buzzfeed_webis_2016.jsonl")
    if p:
        recs = list(iter_jsonl(p))
        yield "BuzzFeed-Webis 2016, mainstream", [r["title"] for r in recs if r.get("orientation") == "mainstream"]
        yield "BuzzFeed-Webis 2016, hyperpartisan", [r["title"] for r in recs if r.get("orientation") != "mainstream"]


def mismatch(a: HeadlineAnalyzer) -> dict:
    """headline.body_mismatch on human articles: how often each form fires, with examples."""
    rows, examples = [], []
    for name, recs in mainstream_news():
        n = rev = actor = 0
        for r in recs:
            body = "\n\n".join(x for x in r.get("paragraphs") or [] if x.strip())
            title = (r.get("title") or "").strip()
            if not body or not title:
                continue
            n += 1
            fs = [f for f in a.analyze(Document(title=title, text=body)) if f.kind == "headline.body_mismatch"]
            for f in fs:
                if f.data["form"] == "unsupported revelation":
                    rev += 1
                else:
                    actor += 1
                examples.append({"corpus": name, "title": title, "form": f.data["form"], "severity": f.severity})
        rows.append({"corpus": name, "articles": n, "unsupported_revelation": rev, "actor_not_in_body": actor,
                     "revelation_rate": round(rev / max(1, n), 4), "actor_rate": round(actor / max(1, n), 4)})
    return {"rows": rows, "examples": examples[:12]}


def run() -> dict:
    a = HeadlineAnalyzer()
    a.setup(Resources(()))
    rows = []
    worst = []
    for name, titles in _corpora():
        titles = sorted({t.strip() for t in titles if t and t.strip()})
        fired = medium = 0
        for t in titles:
            fs = [f for f in a.analyze(Document(title=t, text="x")) if f.kind == "headline.sensational"]
            if fs:
                fired += 1
                medium += fs[0].severity == "medium"
                if "hyperpartisan" not in name and "unreliable" not in name:
                    worst.append((fs[0].data["score"], name, t, fs[0].data["classes"]))
        rows.append({"corpus": name, "headlines": len(titles), "fired": fired,
                     "rate": round(fired / max(1, len(titles)), 4), "medium": medium})
    worst.sort(reverse=True)
    if not rows:
        return {"name": "headline firing rates", "skipped": "../shared/data not found"}
    return {"name": "headline firing rates", "rows": rows,
            "top_on_ordinary_news": [{"score": s, "corpus": c, "title": t, "classes": k} for s, c, t, k in worst[:10]],
            "body_mismatch": mismatch(a)}


def render_md(h: dict) -> str:
    """Markdown section for docs/benchmarks.md."""
    out = ["## `headline.sensational` firing rates on real headlines", "",
           "`python -m benchmarks.bench_headline`. Unique headlines per corpus; a firing on ordinary news is "
           "a false alarm or a genuinely loud headline (the analyzer only ever says `low` or `medium`).", ""]
    out += ["| corpus | headlines | fired | rate | of which medium |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {x['corpus']} | {x['headlines']} | {x['fired']} | {x['rate'] * 100:.2f}% | {x['medium']} |" for x in h["rows"]]
    out += ["", "Strongest firings on ordinary (non-hyperpartisan, reliable) news:", "",
            "| score | corpus | headline | classes |", "| --- | --- | --- | --- |"]
    out += [f"| {x['score']} | {x['corpus']} | {x['title'].replace('|', '/')} | {', '.join(x['classes'])} |"
            for x in h["top_on_ordinary_news"]]
    bm = h.get("body_mismatch")
    if bm:
        out += ["", "`headline.body_mismatch` on whole human articles (a firing is a false alarm or a headline that "
                "really oversells; the unsupported-revelation form is `medium`, the actor form `low`):", "",
                "| corpus | articles | unsupported revelation | actor not in body |", "| --- | --- | --- | --- |"]
        out += [f"| {x['corpus']} | {x['articles']} | {x['unsupported_revelation']} ({x['revelation_rate']:.2%}) | "
                f"{x['actor_not_in_body']} ({x['actor_rate']:.2%}) |" for x in bm["rows"]]
        if bm["examples"]:
            out += ["", "Firings, as found: " + "; ".join(f"“{x['title']}” ({x['form']})" for x in bm["examples"][:8]) + "."]
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))

"""Fit the verdict combiner on labelled data: one command, weights shipped in the package.

    python scripts/fit_verdict.py            # analyse (cached), fit, write resources/verdict/weights.json
    python scripts/fit_verdict.py --refresh  # re-run the analyzers instead of using the cache

Data (../shared/data): negatives are human news (bbc-news-2225 deduplicated, reuters-21578,
recovery-covid-news-2020, buzzfeed-webis-2016 mainstream); positives are machine-translated
Russian news (every MT system output in wmt-ruen-docs), LLM-written and LLM-rewritten news
(llmfake: every ChatGPT text that differs from its human original; fastdetectgpt-xsum GPT-3.5,
GPT-4 and davinci continuations) and the laundered demo articles in examples/. Split 50/50 by
source document (a human original and its machine versions fall on the same side).

Model: the combiner's noisy-OR, P(laundered) = 1 - (1 - leak) * prod(1 - w[kind/severity] * conf),
with one weight per kind and severity seen at least MIN_SUPPORT times in the training half
(others keep the prior weights by severity and category), fitted by gradient descent on the
log-likelihood with an L2 pull toward the prior; style kinds are capped (WEIGHT_CAPS) so that
style alone never makes an article "likely laundered". The leak absorbs positives that carry no
finding at all (most machine translations); the reported score leaves it out, so an article
with no finding scores 0. Thresholds: `likely_laundered` where held-out human news reaches a
0.5% false-positive rate at most (also among the human articles that cite state media or report a
known narrative with attribution), `suspicious` at 3%.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import math
import os
import sys
import time

from _bench import bench_common  # noqa: E402

_common = bench_common()
REPO, data_path, human_news, iter_jsonl = _common.REPO, _common.data_path, _common.human_news, _common.iter_jsonl



CACHE = REPO / "benchmarks" / ".cache" / "verdict_findings.jsonl.gz"
OUT = REPO / "src" / "unspin" / "resources" / "verdict" / "weights.json"
MIN_SUPPORT = 15
# Style evidence is weak for laundering (near chance on LLM rewrites of real articles, and it fires
# on some human genres): whatever the data say, a style finding alone may reach "suspicious"
# but never "likely_laundered".
WEIGHT_CAPS = {"llm.style": 0.45, "llm.lm_score": 0.45}
FPR_LIKELY = 0.005
FPR_SUSPICIOUS = 0.03


def _documents():
    """(group, label, corpus, title, text) for every labelled document."""
    for folder, rec in human_news():
        if folder == "buzzfeed-webis-2016" and rec.get("orientation") != "mainstream":
            continue
        text = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
        yield f"{folder}:{rec.get('id')}", 0, folder, rec.get("title") or "", text
    p = data_path("wmt-ruen-docs", "ruen_mt_outputs_news.jsonl")
    if p:
        for r in iter_jsonl(p):
            text = "\n\n".join(" ".join(seg for seg in para) for para in r["paragraphs"])
            yield f"wmt:{r['docid']}", 1, "mt", "", text
    base = data_path("llmfake", "chatgpt_3.5_generation")
    if base:
        csv.field_size_limit(10**8)
        for f in sorted(base.glob("*/*.csv")):
            with open(f, encoding="utf-8", newline="") as fh:
                for i, row in enumerate(csv.DictReader(fh)):
                    m = row.get("synthetic_misinformation") or row.get("synthetic misinformation") or ""
                    h = row.get("news_text") or ""
                    if m.strip() and " ".join(m.split()) != " ".join(h.split()):
                        yield f"llmfake:{row.get('news_id') or f.stem + str(i)}", 1, "llm", "", m
    for gen in ("gpt-3.5-turbo", "gpt-4", "davinci"):
        p = data_path("fastdetectgpt-xsum", "exp_gpt3to4", "data", f"xsum_{gen}.raw_data.json")
        if p:
            d = json.loads(p.read_text())
            for i, m in enumerate(d["sampled"]):
                yield f"xsum:{i}", 1, "llm", "", m
    exp = json.loads((REPO / "examples" / "expected.json").read_text())
    for name, e in exp.items():
        if name.startswith("_") or e.get("clean"):
            continue
        yield f"demo:{name}", 1, "demo", None, str(REPO / "examples" / name)


def analyse(refresh: bool) -> list[dict]:
    if CACHE.exists() and not refresh:
        with gzip.open(CACHE, "rt", encoding="utf-8") as fh:
            return [json.loads(x) for x in fh]
    import unspin
    from unspin.analyzers import registry
    from unspin.document import NEEDS, Document
    from unspin.ingest.normalize import clean_text

    names = registry.select(None)
    inst = [registry.instance(n, ()) for n in names]
    rows = []
    t0 = time.time()
    for k, (group, label, corpus, title, text) in enumerate(_documents()):
        if title is None:  # a demo article: read it as a user would
            findings = unspin.analyze(text).findings
        else:
            d = Document(title=title, text=clean_text(text), language="en")
            d.prepare(NEEDS - {"language"})
            findings = [f for a in inst for f in a.analyze(d) if hasattr(f, "kind")]
        rows.append({"group": group, "y": label, "corpus": corpus,
                     "f": [[f.kind, f.severity, round(f.confidence, 3), f.category] for f in findings]})
        if k % 5000 == 0:
            print(f"{k} documents, {time.time() - t0:.0f}s", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(CACHE, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return rows


def _prior(prior: dict, sev: str, cat: str) -> float:
    return float(prior["severity_weight"][sev]) * float(prior["category_factor"].get(cat, 0.5))


def fit(train, prior, keys, epochs=300, lr=0.05, l2=2.0):
    import numpy as np

    idx = {k: i for i, k in enumerate(keys)}
    pri = np.zeros(len(keys))
    for k, i in idx.items():
        kind, sev, cat = k.split("|")
        pri[i] = _prior(prior, sev, cat)
    caps = np.array([WEIGHT_CAPS.get(k.split("|")[0], 0.98) for k in keys])
    w = np.minimum(pri.copy(), caps)
    leak = 0.3
    for _ in range(epochs):
        g = np.zeros(len(keys))
        gl = 0.0
        for r in train:
            terms = [(idx[f"{k}|{s}|{c}"], conf) for k, s, conf, c in r["f"] if f"{k}|{s}|{c}" in idx]
            log1mp = math.log(1 - leak) + sum(math.log(max(1e-9, 1 - w[i] * c)) for i, c in terms)
            q = math.exp(log1mp)  # 1 - p
            p = min(1 - 1e-9, max(1e-9, 1 - q))
            coef = -((1 - p) / p) if r["y"] == 1 else 1.0  # d(-loglik)/d(-log(1-p)) factor
            for i, c in terms:
                g[i] += coef * c / max(1e-9, 1 - w[i] * c)
            gl += coef / (1 - leak)
        g = g / len(train) + l2 * (w - pri) / len(train)
        w = np.minimum(np.clip(w - lr * g, 0.0, 0.98), caps)
        leak = float(min(0.95, max(0.001, leak - lr * gl / len(train))))
    return {k: float(w[i]) for k, i in idx.items()}, leak


def score(r, weights, prior):
    keep = 1.0
    for k, s, conf, c in r["f"]:
        w = weights.get(f"{k}|{s}|{c}", _prior(prior, s, c))
        keep *= 1.0 - min(1.0, w * conf)
    return 1.0 - keep


def threshold(neg_scores, fpr):
    s = sorted(neg_scores, reverse=True)
    k = int(math.floor(fpr * len(s)))
    # smallest threshold with at most fpr of negatives at or above it
    t = s[k] if k < len(s) else 0.0
    return min(1.0, t + 1e-6)


def main():
    # fitted on what the default install reports: the optional [embeddings] extra stays off
    os.environ["UNSPIN_EMBEDDINGS"] = "0"
    ap = argparse.ArgumentParser()
    ap.add_argument("--refresh", action="store_true")
    args = ap.parse_args()
    if data_path("bbc-news-2225") is None:
        raise SystemExit("../shared/data not found: nothing to fit on")
    rows = analyse(args.refresh)
    prior = json.loads(OUT.read_text())["prior"] if "prior" in json.loads(OUT.read_text()) else json.loads(OUT.read_text())
    prior = {"severity_weight": prior["severity_weight"], "category_factor": prior["category_factor"]}
    side = lambda r: int(hashlib.sha1(r["group"].encode()).hexdigest(), 16) % 2  # noqa: E731
    train = [r for r in rows if side(r) == 0 or r["corpus"] == "demo"]
    test = [r for r in rows if side(r) == 1 and r["corpus"] != "demo"]
    support: dict[str, int] = {}
    for r in train:
        for k, s, _, c in r["f"]:
            support[f"{k}|{s}|{c}"] = support.get(f"{k}|{s}|{c}", 0) + 1
    keys = sorted(k for k, n in support.items() if n >= MIN_SUPPORT and k.split("|")[1] != "info")
    weights, leak = fit(train, prior, keys)
    neg_train = [score(r, weights, prior) for r in train if r["y"] == 0]
    # likely_laundered: at most FPR_LIKELY of the training half's human news, and of its articles
    # that cite state media or report a known narrative with attribution (the issue asks for
    # both): the smallest threshold on a 0.05 grid from 0.5 that keeps all three under it
    subsets = [
        [r for r in train if r["y"] == 0],
        [r for r in train if r["y"] == 0 and any(k == "source.state_media" for k, *_ in r["f"])],
        [r for r in train if r["y"] == 0 and any(k == "narrative.match" and sv == "info" for k, sv, *_ in r["f"])],
    ]
    t_likely = max(threshold(neg_train, FPR_LIKELY), 0.5)
    while t_likely < 0.95 and any(sub and sum(score(r, weights, prior) >= t_likely for r in sub) / len(sub) > FPR_LIKELY
                                  for sub in subsets):
        t_likely = round(t_likely + 0.05, 2)
    t_susp = min(t_likely, max(threshold(neg_train, FPR_SUSPICIOUS), 0.2))

    def evaluate(rs):
        out = {}
        for name, sel in (("human news", lambda r: r["y"] == 0), ("machine-translated", lambda r: r["corpus"] == "mt"),
                          ("LLM-written", lambda r: r["corpus"] == "llm")):
            sc = [score(r, weights, prior) for r in rs if sel(r)]
            out[name] = {"n": len(sc), "likely_laundered": round(sum(x >= t_likely for x in sc) / max(1, len(sc)), 4),
                         "suspicious_or_more": round(sum(x >= t_susp for x in sc) / max(1, len(sc)), 4)}
        pos = [score(r, weights, prior) for r in rs if r["y"] == 1]
        neg = [score(r, weights, prior) for r in rs if r["y"] == 0]
        for lab, t in (("likely_laundered", t_likely), ("suspicious_or_more", t_susp)):
            tp = sum(x >= t for x in pos)
            fp = sum(x >= t for x in neg)
            out[f"precision_{lab} (as mixed)"] = round(tp / max(1, tp + fp), 4)
            out[f"recall_{lab}"] = round(tp / max(1, len(pos)), 4)
        return out

    held = evaluate(test)
    all_human = [r for r in rows if r["y"] == 0]
    cite_state = [r for r in all_human if any(k == "source.state_media" for k, *_ in r["f"])]
    narr_attr = [r for r in all_human if any(k == "narrative.match" and s == "info" for k, s, *_ in r["f"])]
    fpr_all = sum(score(r, weights, prior) >= t_likely for r in all_human) / max(1, len(all_human))
    fpr_state = sum(score(r, weights, prior) >= t_likely for r in cite_state) / max(1, len(cite_state))
    fpr_narr = sum(score(r, weights, prior) >= t_likely for r in narr_attr) / max(1, len(narr_attr)) if narr_attr else None
    data = json.loads(OUT.read_text())
    data["provenance"] = {
        "name": "verdict/weights", "version": "2",
        "what": data["provenance"]["what"],
        "source": ("Fitted by scripts/fit_verdict.py on ../shared/data: human news negatives, machine-translated "
                   "(wmt-ruen-docs MT outputs) and LLM-written/rewritten news positives (llmfake, fastdetectgpt-xsum), "
                   "plus the laundered demo articles; 50/50 split by source document. Kinds seen fewer than "
                   f"{MIN_SUPPORT} times in training keep the prior weights (severity x category)."),
        "licence": "Apache-2.0 (unspin)",
        "date": dt.date.today().isoformat(),
        "analyzers": sorted({k.split('.')[0] for k in support}),
        "held_out": held,
        "human_news_all": {"n": len(all_human), "likely_laundered_rate": round(fpr_all, 5),
                           "citing_state_media": {"n": len(cite_state), "likely_laundered_rate": round(fpr_state, 5)},
                           "attributed_narrative": {"n": len(narr_attr), "likely_laundered_rate": None if fpr_narr is None else round(fpr_narr, 5)}},
        "leak": round(leak, 4),
    }
    data["kind_weight"] = {k.replace("|", "/", 1).rsplit("|", 1)[0]: round(v, 4) for k, v in sorted(weights.items())}
    data["labels"] = {"likely_laundered": round(t_likely, 4), "suspicious": round(t_susp, 4)}
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({"labels": data["labels"], "held_out": held, "human_news_all": data["provenance"]["human_news_all"],
                      "weights": data["kind_weight"]}, indent=1))


if __name__ == "__main__":
    main()

"""Train (and cross-validate) the persuasion-technique model on PTC (SemEval-2020 Task 11).

Usage::

    .venv/bin/python scripts/train_persuasion.py            # 5-fold CV by article, then fit on all, write the model
    .venv/bin/python scripts/train_persuasion.py --cv-only  # numbers only
    .venv/bin/python scripts/train_persuasion.py --no-cv    # fit on all and write the model

Reads ``../shared/data/ptc-semeval2020`` (train articles and labels; only train labels are
public, so evaluation is cross-validation grouped by article). Needs scikit-learn and scipy
(training only; inference uses numpy). Protocol: every fitted thing is chosen on the training
folds only: the technique model's C on an inner 80/20 split; the span scorer on candidates from
the tagger's out-of-fold probabilities (a tagger fitted on each half of the training articles
scores the other half); the scorer threshold on those articles, with scores from scorers fitted
on the other half. The span metric merges overlapping predicted spans first.

Writes ``src/unspin/resources/persuasion/model.json`` (float16 weights, base64, with
provenance; no article text) and prints the CV numbers as JSON (also to ``--out``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from unspin.models.persuasion import (
    DIM,
    Article,
    candidate_features,
    candidates,
    encode_f16,
    nesting,
    select_spans,
    si_spans,
)

REPO = Path(__file__).resolve().parent.parent


from _bench import bench_common  # noqa: E402

_common = bench_common()
data_path = _common.data_path

TC_C_GRID = (3.0, 10.0)
SI_C = 0.1
SHARE = 0.4
TAG_THRESHOLD = 0.2  # token threshold of the plain run decoder (si_spans), kept for reference
REPORT_P = 0.5  # the analyzer reports spans from the scorer threshold whose CV precision reaches this
SC_C = 1.0
SC_JACCARD = 0.5
SC_GRID = (0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
OUT_MODEL = REPO / "src" / "unspin" / "resources" / "persuasion" / "model.json"


# --- data -------------------------------------------------------------------------------------
def load_ptc(root: Path):
    """(articles {id: text}, tc rows [(id, technique, start, end)], si spans {id: [(s, e)]})."""
    arts = {p.stem.replace("article", ""): p.read_text(encoding="utf-8")
            for p in sorted((root / "train-articles").glob("article*.txt"))}
    tc = []
    for line in (root / "train-task2-TC.labels").read_text().splitlines():
        a, t, s, e = line.split("\t")
        tc.append((a, t, int(s), int(e)))
    si = defaultdict(list)
    for line in (root / "train-task1-SI.labels").read_text().splitlines():
        a, s, e = line.split("\t")
        si[a].append((int(s), int(e)))
    return arts, tc, si


def lines_of(text: str) -> list[tuple[int, int]]:
    """Non-empty lines (PTC: the title, then one sentence per line) as (start, end)."""
    out, pos = [], 0
    for ln in text.split("\n"):
        if ln.strip():
            out.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    return out


def tc_features(arts, rows):
    """Feature matrix of the spans in ``rows`` (same wording counted among the unique spans given)."""
    cache = {}
    wording = Counter()
    for a, st, e in {(r[0], r[2], r[3]) for r in rows}:
        wording[(a, arts[a][st:e].lower().strip())] += 1
    by_art = defaultdict(set)
    for a, _t, st, e in rows:
        by_art[a].add((st, e))
    feats = []
    for a, _t, st, e in rows:
        if a not in cache:
            cache[a] = Article(arts[a], lines_of(arts[a]))
        same = wording[(a, arts[a][st:e].lower().strip())] - 1
        feats.append(cache[a].span_features(st, e, same, nesting(st, e, by_art[a])))
    return to_csr(feats)


def to_csr(feats):
    indptr = np.cumsum([0] + [len(i) for i, _ in feats])
    ind = np.concatenate([i for i, _ in feats])
    val = np.concatenate([v for _, v in feats])
    X = sparse.csr_matrix((val.astype(np.float32), ind, indptr), shape=(len(feats), DIM))
    X.sum_duplicates()
    return X


def si_data(arts, si, ids):
    """Token rows of the given articles: (X, y, meta) with meta [(article id, Article, first row)]."""
    blocks, ys, meta = [], [], []
    row0 = 0
    for a in ids:
        text = arts[a]
        art = Article(text, lines_of(text))
        inside = np.zeros(len(text) + 1, dtype=bool)
        for s, e in si.get(a, []):
            inside[s:e] = True
        rows, bags = art.tagger_features()
        feats = []
        for t, (s, e, _w) in enumerate(art.toks):
            bi, bv = bags[art.sent_of[t]]
            feats.append((np.concatenate([rows[t], bi]), np.concatenate([np.ones(rows.shape[1], dtype=np.float32), bv])))
            ys.append(bool(inside[s:e].any()))
        if feats:
            blocks.append(to_csr(feats))
        meta.append((a, art, row0))
        row0 += len(art.toks)
    return sparse.vstack(blocks).tocsr(), np.array(ys), meta


# --- metrics ----------------------------------------------------------------------------------
def merge_spans(spans):
    out = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def si_prf(pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]], ids) -> tuple[float, float, float]:
    """SemEval-2020 Task 11 SI metric: overlap-weighted precision and recall over all spans.

    Overlapping predicted spans of an article are merged first (their union), so that nested or
    repeated predictions cannot count the same gold characters twice (recall stays <= 1)."""
    ps = rs = 0.0
    n_s = n_t = 0
    for a in ids:
        S, T = merge_spans(pred.get(a, [])), gold.get(a, [])
        n_s += len(S)
        n_t += len(T)
        for s0, s1 in S:
            for t0, t1 in T:
                ov = min(s1, t1) - max(s0, t0)
                if ov > 0:
                    ps += ov / (s1 - s0)
                    rs += ov / (t1 - t0)
    p = ps / n_s if n_s else 0.0
    r = rs / n_t if n_t else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tc_correct(probs: np.ndarray, classes, rows) -> int:
    """Correct labels when each group of identical spans gets its top-k distinct labels (k = group size)."""
    groups = defaultdict(list)
    for j, (a, t, s, e) in enumerate(rows):
        groups[(a, s, e)].append((j, t))
    ok = 0
    for items in groups.values():
        j = items[0][0]
        top = [classes[c] for c in np.argsort(-probs[j])[:len(items)]]
        ok += sum((Counter(top) & Counter(t for _, t in items)).values())
    return ok


def fit_tc(X, y, C):
    m = LogisticRegression(C=C, max_iter=300, tol=1e-3)
    m.fit(X, y)
    return m


def fit_si(X, y):
    m = LogisticRegression(C=SI_C, max_iter=200, tol=1e-3)
    m.fit(X, y)
    return m


def predict_spans(probs, meta, threshold):
    out = {}
    for a, art, row0 in meta:
        spans = []
        for t0, t1, _, _ in art.sent_tokens:
            spans += [(s, e) for s, e, _ in si_spans(probs[row0 + t0:row0 + t1], art.toks[t0:t1], threshold, SHARE)]
        out[a] = spans
    return out


def token_probs_oof(arts, si, ids, seed):
    """{article: (Article, token probabilities)} for ``ids``, each from a tagger fitted on the other
    half of ``ids`` (so the span scorer learns from the tagger's out-of-sample behaviour)."""
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    halves = [ids[0::2], ids[1::2]]
    out = {}
    for h in (0, 1):
        X, y, _ = si_data(arts, si, halves[1 - h])
        m = fit_si(X, y)
        Xt, _yt, meta = si_data(arts, si, halves[h])
        p = m.predict_proba(Xt)[:, 1]
        for a, art, row0 in meta:
            out[a] = (art, p[row0:row0 + len(art.toks)])
    return out


def token_probs(model, arts, si, ids):
    Xt, _yt, meta = si_data(arts, si, ids)
    p = model.predict_proba(Xt)[:, 1]
    return {a: (art, p[row0:row0 + len(art.toks)]) for a, art, row0 in meta}


def cand_data(probs_by, si):
    """Candidate spans of the articles in ``probs_by``: (X, y, meta [(article, start, end)]); y:
    the candidate matches a gold span (character Jaccard >= SC_JACCARD)."""
    feats, ys, meta = [], [], []
    for a, (art, p) in probs_by.items():
        gold = si.get(a, [])
        for t0, t1, _, _ in art.sent_tokens:
            for s, e in candidates(p[t0:t1], art.toks[t0:t1]):
                feats.append(candidate_features(art, p, s, e))
                meta.append((a, s, e))
                best = max(((min(e, e2) - max(s, s2)) / (max(e, e2) - min(s, s2)) for s2, e2 in gold
                            if min(e, e2) > max(s, s2)), default=0.0)
                ys.append(best >= SC_JACCARD)
    return to_csr(feats), np.array(ys), meta


def fit_sc(X, y):
    m = LogisticRegression(C=SC_C, max_iter=300, tol=1e-3)
    m.fit(X, y)
    return m


def decode_scored(scores, meta, threshold):
    by = defaultdict(list)
    for (a, s, e), p in zip(meta, scores, strict=True):
        by[a].append((s, e, float(p)))
    return {a: [(s, e) for s, e, _ in select_spans(c, threshold)] for a, c in by.items()}


def fit_scorer(arts, si, ids, seed):
    """(span scorer, threshold) from the tagger's out-of-fold probabilities on ``ids``. The scorer
    is fitted on all their candidates; the threshold maximises span F1 over ``ids`` with scores
    from scorers fitted on the other half of the articles (in-sample scores are overconfident)."""
    probs = token_probs_oof(arts, si, ids, seed)
    X, y, meta = cand_data(probs, si)
    half = {a for a in sorted(ids)[0::2]}
    in_a = np.array([m[0] in half for m in meta])
    p = np.zeros(len(meta))
    for part in (in_a, ~in_a):
        p[part] = fit_sc(X[~part], y[~part]).predict_proba(X[part])[:, 1]
    thr = max(SC_GRID, key=lambda th: si_prf(decode_scored(p, meta, th), si, ids)[2])
    return fit_sc(X, y), thr


def split(ids, k, seed):
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def choose_tc_c(arts, rows, train_ids, seed):
    """C for the technique model, on an inner 80/20 split of the training articles."""
    ids = sorted(train_ids)
    random.Random(seed).shuffle(ids)
    dev = set(ids[: len(ids) // 5])
    tr = [r for r in rows if r[0] not in dev]
    te = [r for r in rows if r[0] in dev]
    Xtr, Xte, ytr = tc_features(arts, tr), tc_features(arts, te), [r[1] for r in tr]
    best = None
    for C in TC_C_GRID:
        m = fit_tc(Xtr, ytr, C)
        acc = tc_correct(m.predict_proba(Xte), list(m.classes_), te) / len(te)
        print(f"    inner C={C}: {acc:.4f}", file=sys.stderr)
        if best is None or acc > best[1]:
            best = (C, acc)
    return best[0]


def cross_validate(arts, tc, si, k=5, seed=13, nested=True):
    folds = split(arts.keys(), k, seed)
    res = {"folds": []}
    ok_all = n_all = 0
    maj_ok = 0
    pred_all, gold_ids, scored_all = {}, [], []
    for fi, test in enumerate(folds):
        t0 = time.time()
        ts = set(test)
        train_ids = [a for a in arts if a not in ts]
        tr = [r for r in tc if r[0] not in ts]
        te = [r for r in tc if r[0] in ts]
        C = choose_tc_c(arts, tr, train_ids, seed + fi) if nested else TC_C_GRID[0]
        m = fit_tc(tc_features(arts, tr), [r[1] for r in tr], C)
        ok = tc_correct(m.predict_proba(tc_features(arts, te)), list(m.classes_), te)
        maj = Counter(r[1] for r in tr).most_common(1)[0][0]
        maj_ok += sum(r[1] == maj for r in te)
        ok_all += ok
        n_all += len(te)
        # span identification: tagger -> candidate spans -> span scorer (fitted on the tagger's
        # out-of-fold probabilities over the training articles); threshold chosen on those too
        sc, thr = fit_scorer(arts, si, train_ids, seed + fi)
        X, y, _ = si_data(arts, si, train_ids)
        ms = fit_si(X, y)
        Xc, _yc, mc = cand_data(token_probs(ms, arts, si, test), si)
        pc = sc.predict_proba(Xc)[:, 1]
        pred = decode_scored(pc, mc, thr)
        for a in test:
            pred.setdefault(a, [])
        pred_all.update(pred)
        scored_all += list(zip(mc, pc, strict=True))
        gold_ids += test
        p, r, f = si_prf(pred, si, test)
        row = {"fold": fi, "tc_micro_f1": round(ok / len(te), 4), "tc_C": C, "si_threshold": thr,
               "si_p": round(p, 4), "si_r": round(r, 4), "si_f1": round(f, 4), "seconds": round(time.time() - t0, 1)}
        print(json.dumps(row), file=sys.stderr)
        res["folds"].append(row)
    p, r, f = si_prf(pred_all, si, gold_ids)
    # precision and recall of the spans kept at fixed scorer thresholds (for the analyzer's
    # reporting threshold; the benchmark's number is the one above, threshold chosen in-fold)
    curve = []
    for th in SC_GRID:
        pp, rr, ff = si_prf(decode_scored([q for _, q in scored_all], [m for m, _ in scored_all], th), si, gold_ids)
        curve.append({"threshold": th, "p": round(pp, 4), "r": round(rr, 4), "f1": round(ff, 4)})
    res["si_curve"] = curve
    res.update({"tc_micro_f1": round(ok_all / n_all, 4), "tc_majority": round(maj_ok / n_all, 4),
                "si_p": round(p, 4), "si_r": round(r, 4), "si_f1": round(f, 4), "n_tc": n_all,
                "n_si_gold": sum(len(si.get(a, [])) for a in gold_ids)})
    return res


def fit_all(arts, tc, si, C, thr, report_thr, cv):
    m = fit_tc(tc_features(arts, tc), [r[1] for r in tc], C)
    X, y, _ = si_data(arts, si, list(arts))
    ms = fit_si(X, y)
    sc, thr_all = fit_scorer(arts, si, list(arts), 13)
    thr = thr_all if thr is None else thr
    W = m.coef_.T.astype(np.float32)  # (dim, classes)
    model = {
        "provenance": {
            "name": "persuasion/model.json",
            "version": "2",
            "what": ("Three linear models over a hashed feature space (crc32-based, see unspin.models.persuasion): a token "
                     "tagger for persuasion spans, a span scorer over candidate spans built from the tagger's runs "
                     "(and whole sentences), and a multinomial logistic regression over the 14 PTC technique "
                     "classes. Weights float16, base64, row-major (dim x classes). No article text."),
            "source": ("PTC v2, SemEval-2020 Task 11 train split (371 articles, 6,129 technique spans, 5,468 SI "
                       "spans), Da San Martino et al. 2019/2020; local copy ../shared/data/ptc-semeval2020 "
                       "(aschern/semeval2020_task11 @ 84c384d)."),
            "licence": ("Derived weights only; the corpus licence is unclear (articles are copyrighted news), so "
                        "no text from it is shipped."),
            "how": (f"scripts/train_persuasion.py: scikit-learn LogisticRegression (technique C={C}, the value "
                    f"chosen most often on the inner splits of the cross-validation; tagger C={SI_C}; span scorer "
                    f"C={SC_C}, fitted on candidates from the tagger's out-of-fold probabilities, label = character "
                    f"Jaccard >= {SC_JACCARD} with a gold span) fitted on all train articles; scorer threshold {thr} "
                    f"(median of the thresholds chosen in the CV folds), reporting threshold {report_thr} (the "
                    f"lowest whose cross-validated span precision reaches {REPORT_P}). 'cv' holds the "
                    "cross-validated numbers (5 folds grouped by article)."),
            "cv": cv,
        },
        "dim": DIM,
        "tc": {"classes": list(m.classes_), "weights": encode_f16(W), "bias": [round(float(b), 5) for b in m.intercept_]},
        "si": {"weights": encode_f16(ms.coef_[0]), "bias": round(float(ms.intercept_[0]), 5), "threshold": TAG_THRESHOLD,
               "sentence_share": SHARE},
        "scorer": {"weights": encode_f16(sc.coef_[0]), "bias": round(float(sc.intercept_[0]), 5), "threshold": thr,
                   "report_threshold": report_thr},
    }
    OUT_MODEL.parent.mkdir(parents=True, exist_ok=True)
    OUT_MODEL.write_text(json.dumps(model), encoding="utf-8")
    print(f"wrote {OUT_MODEL.relative_to(REPO)} ({OUT_MODEL.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--fast", action="store_true", help="no nested choice of the technique C (fixed)")
    ap.add_argument("--out", help="write the CV numbers here (JSON)")
    args = ap.parse_args(argv)
    root = data_path("ptc-semeval2020")
    if root is None:
        print("../shared/data/ptc-semeval2020 not found", file=sys.stderr)
        return 2
    arts, tc, si = load_ptc(root)
    cv = None
    if not args.no_cv:
        cv = cross_validate(arts, tc, si, nested=not args.fast)
        print(json.dumps({k: v for k, v in cv.items() if k != "folds"}, indent=1))
        if args.out:
            Path(args.out).write_text(json.dumps(cv, indent=1))
    if not args.cv_only:
        if cv:
            C = Counter(f["tc_C"] for f in cv["folds"]).most_common(1)[0][0]
            thr = float(np.median([f["si_threshold"] for f in cv["folds"]]))
            ok = [c["threshold"] for c in cv["si_curve"] if c["p"] >= REPORT_P]
            report_thr = ok[0] if ok else SC_GRID[-1]
            summary = {k: v for k, v in cv.items() if k != "folds"}
        else:
            C, thr, report_thr, summary = TC_C_GRID[0], None, 0.4, None
        fit_all(arts, tc, si, C, thr, report_thr, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

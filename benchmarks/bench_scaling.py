"""Time of each analyzer, and of the whole pipeline, against article length (1k to 1M words).

``python -m benchmarks.bench_scaling [--sizes 1000,10000,100000,1000000] [--cap 120] [--md]``

Articles are built by concatenating real news paragraphs from ../shared/data (BBC, RECOVERY,
BuzzFeed, Reuters, in a seeded shuffle, so paragraphs vary) when it is present, else by a bundled
synthetic generator (news-like sentences with quotes, attributions, names and numbers), so the
benchmark runs on a fresh clone. Each size runs in its own process: after a warm-up article (lazy
loads), Document preparation (paragraphs, sentences, tokens) is timed, then every default analyzer
one after another on the same Document (best of 3 below 200 kB of text, else one run); each time is
sent back as soon as it is known. An analyzer that takes longer than
``--cap`` seconds at one size (or is still running when the cap ends the process) is not run at
larger sizes, and the page says so.

The growth exponent ``k`` (time ~ words^k) is the least-squares slope on log-log axes over the
sizes whose time is at least 2 ms (below that, fixed costs dominate); an analyzer whose ``k`` is
above 1.3, or whose slope between its two largest sizes is, is flagged as super-linear.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import random
import sys
import time

from .common import DATA, human_news

SIZES = (1_000, 10_000, 100_000, 1_000_000)
CAP_S = 120.0
FLAG_EXPONENT = 1.3
MIN_FIT_MS = 2.0
SEED = 20261202


# -- articles ---------------------------------------------------------------------------------
_NAMES = ("Maria Alvarez", "John Okafor", "Li Wei", "Anna Petrova", "David Cohen", "Fatima Zahra", "Tom Baker",
          "Olena Kovalenko", "Rajesh Kumar", "Sarah O'Neill")
_ORGS = ("the city council", "the Ministry of Health", "Reuters", "the university", "the World Bank",
         "the transport committee", "local police", "the central bank", "the union", "the hospital trust")
_PLACES = ("Springfield", "Kyiv", "Lagos", "Manchester", "Ohio", "Bavaria", "Mumbai", "Quebec", "Valencia", "Busan")
_VERBS = ("said", "told reporters", "announced", "confirmed", "claimed", "wrote in a statement", "added")
_TOPICS = ("the budget", "the new bridge", "school funding", "the election", "water prices", "the vaccine rollout",
           "housing costs", "the trade deal", "flood defences", "the strike")


def synthetic_paragraphs(rng: random.Random):
    """Endless news-like paragraphs: reported speech, direct quotes, numbers, names, places."""
    while True:
        sents = []
        for _ in range(rng.randint(2, 5)):
            n, o, p, v, t = (rng.choice(x) for x in (_NAMES, _ORGS, _PLACES, _VERBS, _TOPICS))
            form = rng.randrange(5)
            if form == 0:
                sents.append(f'"We will not accept cuts to {t}," {n} {v}.')
            elif form == 1:
                sents.append(f"According to {o}, {t} in {p} rose by {rng.randint(2, 40)} per cent last year.")
            elif form == 2:
                sents.append(f"{n}, a spokesperson for {o}, {v} that {t} would be reviewed on {rng.choice(('Monday', 'Friday', 'March 3'))}.")
            elif form == 3:
                sents.append(f"Officials in {p} met on Tuesday to discuss {t}, and {rng.randint(3, 900)} residents attended.")
            else:
                sents.append(f"Critics say {t} has been mishandled, while supporters point to {rng.randint(1, 12)} new projects.")
        yield " ".join(sents)


def _real_paragraphs(limit: int = 4000) -> list[str]:
    paras = []
    for _, rec in human_news(limit=limit):
        ps = rec.get("paragraphs") or (rec.get("text") or "").split("\n\n")
        paras += [p.strip() for p in ps if len(p.split()) >= 8]
    return paras


def build_article(words: int, seed: int = SEED, paragraphs: list[str] | None = None) -> tuple[str, str]:
    """(text, where the paragraphs came from) of about ``words`` words."""
    rng = random.Random(seed)
    if paragraphs:
        pool, source = list(paragraphs), "real news paragraphs from ../shared/data (seeded shuffle)"
        rng.shuffle(pool)

        def gen():
            while True:
                yield from pool
                rng.shuffle(pool)
        it = gen()
    else:
        it, source = synthetic_paragraphs(rng), "synthetic news-like paragraphs (../shared/data not found)"
    out, n = [], 0
    while n < words:
        p = next(it)
        out.append(p)
        n += len(p.split())
    return "\n\n".join(out), source


# -- one size, in its own process ------------------------------------------------------------
def _worker(text: str, names: list[str], q, repeats: int = 1) -> None:
    try:
        from unspin.ingest import normalize, read_text
        from unspin.pipeline import Pipeline

        pipe = Pipeline(names)

        def document(body):
            raw = read_text("Scaling benchmark\n\n" + body, "<scaling>")
            doc = normalize(raw, pipe.settings.min_langid_chars)
            doc.prepare(pipe.needs | {"tokens", "title_tokens"})
            return doc

        warm = document(build_article(300, seed=1)[0])  # lazy loads (language model, lexicons) happen here
        for inst in pipe.instances:
            list(inst.analyze(warm) or ())
        best = math.inf
        for _ in range(repeats):
            t = time.perf_counter()
            doc = document(text)
            best = min(best, time.perf_counter() - t)
        q.put(("document", best, doc.word_count))
        for info, inst in zip(pipe.infos, pipe.instances, strict=True):
            q.put(("start", info.name, 0))
            best = math.inf
            for _ in range(repeats):
                t = time.perf_counter()
                list(inst.analyze(doc) or ())
                best = min(best, time.perf_counter() - t)
            q.put(("analyzer", info.name, best))
        q.put(("done", None, 0))
    except BaseException as e:  # report it rather than hang the parent
        q.put(("error", f"{type(e).__name__}: {e}", 0))


def run_size(text: str, names: list[str], cap_s: float) -> dict:
    """Times of one size. When an analyzer runs over the cap its process is ended and a fresh one
    times the analyzers after it, so one slow analyzer does not hide the others' times."""
    res = {"analyzers": {}, "over_cap": [], "error": None, "wall_s": 0.0}
    todo = list(names)
    while todo:
        r = _run_size_once(text, todo, cap_s)
        res["analyzers"].update(r["analyzers"])
        res["over_cap"] += r["over_cap"]
        res["wall_s"] += r["wall_s"]
        if "document_s" in r and "document_s" not in res:
            res["document_s"], res["words"] = r["document_s"], r["words"]
        if r["error"]:
            res["error"] = r["error"]
            break
        todo = [n for n in todo if n not in res["analyzers"]]
        if todo and not r["over_cap"]:  # ended without a timeout, yet some are missing
            res["error"] = f"no times for {', '.join(todo)}"
            break
    return res


def _run_size_once(text: str, names: list[str], cap_s: float) -> dict:
    """Times of one size in one process: ``cap_s`` per analyzer, at least 300 s for setup and the Document."""
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_worker, args=(text, names, q, 3 if len(text) < 200_000 else 1), daemon=True)
    t0 = time.perf_counter()
    p.start()
    res = {"analyzers": {}, "over_cap": [], "error": None}
    running, started = None, time.perf_counter()
    deadline = t0 + max(cap_s * 2, 300.0)  # setup, warm-up, document preparation
    while True:
        try:
            kind, a, b = q.get(timeout=max(0.05, deadline - time.perf_counter()))
        except Exception:  # queue.Empty: the cap ran out
            if running:
                res["over_cap"].append(running)
                res["analyzers"][running] = None
            else:
                res["error"] = f"setup and document preparation took over {max(cap_s * 2, 300.0):.0f} s"
            break
        if kind == "document":
            res["document_s"], res["words"] = a, b
        elif kind == "start":
            running, started = a, time.perf_counter()
            deadline = started + cap_s
        elif kind == "analyzer":
            res["analyzers"][a] = b
            if b > cap_s:
                res["over_cap"].append(a)
            running = None
        elif kind == "done":
            break
        else:
            res["error"] = a
            break
    if p.is_alive():
        p.kill()
    p.join(5)
    res["wall_s"] = time.perf_counter() - t0
    return res


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) on log(words) over points with time >= MIN_FIT_MS."""
    pts = [(math.log(w), math.log(s)) for w, s in points if s is not None and s * 1000 >= MIN_FIT_MS]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 2) if sxx else None


def _last_slope(points):
    pts = [(w, s) for w, s in points if s is not None and s * 1000 >= MIN_FIT_MS]
    if len(pts) < 2:
        return None
    (w1, s1), (w2, s2) = pts[-2], pts[-1]
    return round(math.log(s2 / s1) / math.log(w2 / w1), 2)


def run(sizes=SIZES, cap_s: float = CAP_S) -> dict:
    from unspin.analyzers import registry

    names = registry.select()
    paragraphs = _real_paragraphs() if DATA.exists() else []
    active = list(names)
    rows, notes = [], []
    for size in sizes:
        if not active:
            notes.append(f"{size:,} words: not run (every analyzer was over the cap at a smaller size)")
            continue
        text, source = build_article(size, paragraphs=paragraphs)
        print(f"  scaling: {size:,} words ({len(text) / 1e6:.1f} MB) x {len(active)} analyzers ...", file=sys.stderr)
        r = run_size(text, active, cap_s)
        a = dict(r["analyzers"])
        done = [v for v in a.values() if v is not None]
        row = {"size": size, "words": r.get("words"), "document_s": r.get("document_s"), "analyzers": a,
               "pipeline_s": (r.get("document_s") or 0) + sum(done) if len(done) == len(names) and not r["error"] else None,
               "wall_s": round(r["wall_s"], 2), "error": r["error"]}
        rows.append(row)
        for n in r["over_cap"]:
            notes.append(f"`{n}` took over {cap_s:.0f} s at {size:,} words: not run at larger sizes")
            active.remove(n)
        if r["error"]:
            notes.append(f"{size:,} words: {r['error']}; larger sizes not run")
            break
    per = {}
    for n in [*names, "document", "pipeline"]:
        pts = []
        for row in rows:
            v = row["document_s"] if n == "document" else row["pipeline_s"] if n == "pipeline" else row["analyzers"].get(n)
            if v is not None:
                pts.append((row["words"] or row["size"], v))
        k, last = exponent(pts), _last_slope(pts)
        per[n] = {"points": [[w, round(s, 4)] for w, s in pts], "exponent": k, "last_slope": last,
                  "flagged": any(x is not None and x > FLAG_EXPONENT for x in (k, last))}
    return {"name": "scaling with article length", "command": "python -m benchmarks.bench_scaling",
            "article_source": source if rows else None, "sizes": list(sizes), "cap_s": cap_s, "rows": rows,
            "series": per, "notes": notes, "flag_exponent": FLAG_EXPONENT, "analyzers": names}


# -- page -------------------------------------------------------------------------------------
def ascii_plot(series: dict, width: int = 56, height: int = 16) -> list[str]:
    """Log-log plot of time against words, one letter per series."""
    pts = [(n, w, s) for n, d in series.items() for w, s in d["points"] if s > 0]
    if not pts:
        return []
    xs = [math.log10(w) for _, w, _ in pts]
    ys = [math.log10(s) for _, _, s in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    x1, y1 = (x1 if x1 > x0 else x0 + 1), (y1 if y1 > y0 else y0 + 1)
    grid = [[" "] * width for _ in range(height)]
    letters = {}
    for i, n in enumerate(series):
        letters[n] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]
    for n, w, s in pts:
        c = round((math.log10(w) - x0) / (x1 - x0) * (width - 1))
        r = height - 1 - round((math.log10(s) - y0) / (y1 - y0) * (height - 1))
        grid[r][c] = letters[n] if grid[r][c] in (" ", letters[n]) else "*"
    out = []
    for i, line in enumerate(grid):
        label = f"{10 ** (y1 - i * (y1 - y0) / (height - 1)):9.3g}s" if i % 3 == 0 or i == height - 1 else " " * 10
        out.append(f"{label} |{''.join(line)}")
    out.append(" " * 11 + "+" + "-" * width)
    out.append(" " * 11 + f"{10 ** x0:,.0f} words" + " " * max(1, width - 24) + f"{10 ** x1:,.0f} words")
    out.append("")
    out.append("   " + ", ".join(f"{letters[n]} = {n}" for n in series) + " (* = overlap; log-log axes)")
    return out


def _plot_png(r: dict, path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for n, d in r["series"].items():
        if d["points"]:
            ax.loglog(*zip(*d["points"], strict=True), marker="o", label=n)
    ax.set_xlabel("words")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def render_md(r: dict) -> str:
    """Markdown section for docs/benchmarks.md (and docs/benchmarks-scaling.png with matplotlib)."""
    from .common import REPO

    sizes = [row["size"] for row in r["rows"]]
    out = ["## Scaling with article length", "",
           f"`{r['command']}`: one article per size, built from {r['article_source']}; each size in its own "
           f"process, analyzers run one after another on the same Document (setup and lazy loads excluded by a warm-up article; best of 3 runs for the small sizes). An analyzer over "
           f"{r['cap_s']:.0f} s at one size is not run at larger sizes. `k`: growth exponent (time ~ words^k, "
           f"least squares on log-log over times ≥ {MIN_FIT_MS:.0f} ms); `last`: slope between the two largest "
           f"sizes; flagged when either is above {r['flag_exponent']}.", "",
           "| series | " + " | ".join(f"{s:,} words" for s in sizes) + " | k | last | super-linear |",
           "| --- | " + " | ".join("---" for _ in sizes) + " | --- | --- | --- |"]
    for n, d in r["series"].items():
        by = {w: s for w, s in d["points"]}
        cells = []
        for row in r["rows"]:
            w = row["words"] or row["size"]
            if w in by:
                cells.append(f"{by[w]:.3f} s" if by[w] >= 0.01 else f"{by[w] * 1000:.1f} ms")
            elif n not in ("document", "pipeline") and n in row["analyzers"]:
                cells.append(f"> {r['cap_s']:.0f} s")
            else:
                cells.append("–")
        label = "**whole pipeline**" if n == "pipeline" else "Document preparation" if n == "document" else f"`{n}`"
        k = "n/a" if d["exponent"] is None else d["exponent"]
        last = "n/a" if d["last_slope"] is None else d["last_slope"]
        out.append(f"| {label} | " + " | ".join(cells) + f" | {k} | {last} | {'**YES**' if d['flagged'] else 'no'} |")
    flagged = [n for n, d in r["series"].items() if d["flagged"] and n not in ("pipeline",)]
    out += ["", "Super-linear: " + (", ".join(f"`{n}`" for n in flagged) if flagged else "none") + "."]
    if r["notes"]:
        out += ["", "Notes: " + "; ".join(r["notes"]) + "."]
    png = REPO / "docs" / "benchmarks-scaling.png"
    if _plot_png(r, png):
        out += ["", "![time against words, log-log](benchmarks-scaling.png)"]
    else:
        out += ["", "matplotlib is not installed, so the plot is text (log-log):", "", "```", *ascii_plot(r["series"]), "```"]
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated word counts")
    ap.add_argument("--cap", type=float, default=CAP_S, help="seconds one analyzer may take at one size")
    ap.add_argument("--md", action="store_true", help="print the Markdown section instead of JSON")
    a = ap.parse_args()
    res = run(tuple(int(x) for x in a.sizes.split(",")), a.cap)
    print(render_md(res) if a.md else json.dumps(res, indent=2))

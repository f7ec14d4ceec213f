"""Cold start: one `unspin analyze` process on one article, start to exit (median of N runs).

Goal (issue #2): median under 1.5 s. Baseline in the same run: `python -c pass` (interpreter start).
Measured as the default install runs: the optional [embeddings] extra, when installed, is switched
off with UNSPIN_EMBEDDINGS=0 (its model load adds about 1 s, reported separately).

``python -m benchmarks.bench_cold_start --baseline-src DIR`` also times another checkout of unspin
(``DIR`` is its ``src`` folder, put first on ``PYTHONPATH``; e.g. a worktree of the revision before a
refactor) with the same interpreter, interleaving its runs with the current ones, and reports the
ratio current / baseline. ``UNSPIN_BENCH_BASELINE_SRC`` does the same for ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import REPO

ARTICLE = REPO / "examples" / "articles" / "valley-courier-school-board.txt"
GOAL_S = 1.5


def _time(cmd, n, env=None):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, env=env)
        out.append(time.perf_counter() - t)
        if p.returncode != 0:
            raise SystemExit(f"command failed: {' '.join(map(str, cmd))}: {p.stderr.decode()[-500:]}")
    return out


def _baseline(n: int, env: dict, baseline_src: str, current_cmd: list[str]) -> dict:
    """Interleaved runs of `python -m unspin analyze` from the current install and from
    ``baseline_src``: the same interpreter and article, so the ratio is fair on a noisy machine."""
    src = Path(baseline_src).resolve()
    if not (src / "unspin" / "__init__.py").exists():
        raise SystemExit(f"--baseline-src {baseline_src}: no unspin/__init__.py there (give the checkout's src folder)")
    cmd = [sys.executable, "-m", "unspin", "analyze", "--format", "json", str(ARTICLE)]
    base_env = {**env, "PYTHONPATH": str(src) + os.pathsep + env.get("PYTHONPATH", "")}
    _time(cmd, 1, base_env)
    _time(cmd, 1, env)
    cur, base = [], []
    for _ in range(n):
        cur += _time(cmd, 1, env)
        base += _time(cmd, 1, base_env)
    mc, mb = statistics.median(cur), statistics.median(base)
    return {"command": "python -m unspin analyze --format json " + str(ARTICLE.relative_to(REPO)),
            "runs": n, "current_median_s": round(mc, 3), "baseline_median_s": round(mb, 3),
            "ratio_current_to_baseline": round(mc / mb, 3), "baseline_src": src.name}


def run(n: int = 11, baseline_src: str | None = None) -> dict:
    exe = shutil.which("unspin", path=str(REPO / ".venv" / "bin")) or shutil.which("unspin")
    cmd = [exe, "analyze", "--format", "json", str(ARTICLE)] if exe else [sys.executable, "-m", "unspin", "analyze", "--format", "json", str(ARTICLE)]
    env = {**os.environ, "UNSPIN_EMBEDDINGS": "0"}
    _time(cmd, 1, env)  # warm the OS file cache; a first-ever run also compiles bytecode
    times = _time(cmd, n, env)
    from unspin.models.embeddings import available

    with_emb = statistics.median(_time(cmd, 5, {**os.environ, "UNSPIN_EMBEDDINGS": "1"})) if available() else None
    base = _time([sys.executable, "-c", "pass"], n)
    med = statistics.median(times)
    out = {
        "name": "cold start + one article",
        "command": " ".join(["unspin", *map(str, cmd[1:])]).replace(str(REPO) + "/", ""),
        "runs": n,
        "median_s": round(med, 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "python_startup_median_s": round(statistics.median(base), 3),
        "goal_s": GOAL_S,
        "goal_ratio": round(med / GOAL_S, 3),
        "met": med < GOAL_S,
        "with_embeddings_median_s": round(with_emb, 3) if with_emb is not None else None,
    }
    baseline_src = baseline_src or os.environ.get("UNSPIN_BENCH_BASELINE_SRC")
    if baseline_src:
        out["baseline"] = _baseline(n, env, baseline_src, cmd)
        if os.environ.get("UNSPIN_BENCH_BASELINE_LABEL"):
            out["baseline"]["label"] = os.environ["UNSPIN_BENCH_BASELINE_LABEL"]
    return out


def render_md(c: dict) -> str:
    """Markdown section for docs/benchmarks.md."""
    out = ["## Cold start (goal of issue #2)", "",
           "`python -m benchmarks.bench_cold_start [--baseline-src DIR]`.", "",
           "| benchmark | command | result | goal | ratio to goal | met |", "| --- | --- | --- | --- | --- | --- |",
           f"| cold start + one article | `{c['command']}` ({c['runs']} runs) | median {c['median_s']} s "
           f"(min {c['min_s']}, max {c['max_s']}; bare `python -c pass` {c['python_startup_median_s']} s; default "
           f"install, [embeddings] extra off"
           + (f"; with it {c['with_embeddings_median_s']} s" if c.get("with_embeddings_median_s") else "")
           + f") | < {c['goal_s']} s | {c['goal_ratio']} of the budget | {'yes' if c['met'] else 'NO'} |", ""]
    b = c.get("baseline")
    if b:
        out += [f"Against a baseline checkout (`--baseline-src`), same interpreter, {b['runs']} interleaved runs of "
                f"`{b['command']}`: current median {b['current_median_s']} s, baseline {b['baseline_median_s']} s, "
                f"ratio current / baseline **{b['ratio_current_to_baseline']}**"
                + (f" ({b['label']})" if b.get("label") else "") + ".", ""]
    return "\n".join(out)


if __name__ == "__main__":
    import json

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline-src", help="src folder of another unspin checkout to compare with")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--label", help="what the baseline is (e.g. a commit), shown in the Markdown")
    ap.add_argument("--md", action="store_true", help="print the Markdown section instead of JSON")
    a = ap.parse_args()
    res = run(a.runs, a.baseline_src)
    if a.label and "baseline" in res:
        res["baseline"]["label"] = a.label
    print(render_md(res) if a.md else json.dumps(res, indent=2))

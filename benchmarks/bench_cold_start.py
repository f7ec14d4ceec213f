"""Cold start: one `unspin analyze` process on one article, start to exit (median of N runs).

Goal (issue #2): median under 1.5 s. Baseline in the same run: `python -c pass` (interpreter start).
Measured as the default install runs: the optional [embeddings] extra, when installed, is switched
off with UNSPIN_EMBEDDINGS=0 (its model load adds about 1 s, reported separately).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

from common import REPO

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


def run(n: int = 11) -> dict:
    exe = shutil.which("unspin", path=str(REPO / ".venv" / "bin")) or shutil.which("unspin")
    cmd = [exe, "analyze", "--format", "json", str(ARTICLE)] if exe else [sys.executable, "-m", "unspin", "analyze", "--format", "json", str(ARTICLE)]
    env = {**os.environ, "UNSPIN_EMBEDDINGS": "0"}
    _time(cmd, 1, env)  # warm the OS file cache; a first-ever run also compiles bytecode
    times = _time(cmd, n, env)
    from unspin.models.embeddings import available

    with_emb = statistics.median(_time(cmd, 5, {**os.environ, "UNSPIN_EMBEDDINGS": "1"})) if available() else None
    base = _time([sys.executable, "-c", "pass"], n)
    med = statistics.median(times)
    return {
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


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))

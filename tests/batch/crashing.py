"""Run a ProcessPoolRunner over a batch in which some articles break their worker, and print the
results as JSON lines. Run in a subprocess by test_pool.py (with a timeout, so a hang fails):

    python -m tests.batch.crashing MODE[,MODE...] JOBS N

prints one JSON line per mode: {"mode": ..., "results": [...], "stats": {...}}. MODE says what the article at index 3 (and 7) does to the worker that receives it:
``kill`` (SIGKILL to itself), ``exit`` (os._exit), ``segv`` (a segfault in native code),
``memory`` (MemoryError while analysing), ``unpicklable`` (a result that cannot be pickled),
``none`` (nothing: a clean batch).
"""

from __future__ import annotations

import json
import os
import signal
import sys

from unspin import PipelineSpec, RecordError
from unspin.batch import ListSink
from unspin.batch.pool import ProcessPoolRunner
from unspin.ingest import Failure, RawArticle


def _kill():
    os.kill(os.getpid(), signal.SIGKILL)


def _segv():
    import ctypes

    ctypes.string_at(0)


class Bomb(RawArticle):
    """An article that does something fatal as soon as a worker unpickles it."""

    mode = "kill"

    def __reduce__(self):
        if self.mode == "kill":
            return (_kill, ())
        if self.mode == "exit":
            return (os._exit, (3,))
        if self.mode == "segv":
            return (_segv, ())
        return super().__reduce__()


class _Unpicklable:
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _fake_work(item, read_ms):
    """Stands in for the pool's work function (fork: the children see the patched module)."""
    from unspin.batch import pool

    if item.source.endswith("!memory"):
        raise MemoryError("out of memory")
    if item.source.endswith("!unpicklable"):
        return _Unpicklable()
    return pool.analyze_item(pool._WORKER["pipeline"], item, read_ms)


def run(mode: str, jobs: int, n: int) -> dict:
    from unspin.batch import pool

    items = []
    for i in range(n):
        text = f"The council met on day {i}. It voted on the harbour budget."
        if i in (3, 7) and mode in ("kill", "exit", "segv"):
            b = Bomb(text, f"item{i}", "text")
            b.mode = mode
            items.append(b)
        elif i in (3, 7) and mode in ("memory", "unpicklable"):
            items.append(RawArticle(text, f"item{i}!{mode}", "text"))
        elif i == 5:
            items.append(Failure(f"item{i}", RecordError(f"item{i}", "field 'text' is a number")))
        else:
            items.append(RawArticle(text, f"item{i}", "text", title=f"Title {i}"))
    real_work = pool._work
    if mode in ("memory", "unpicklable"):
        pool._work = _fake_work
    sink = ListSink()
    try:
        stats = ProcessPoolRunner(jobs, window=4).run(items, SPEC, sink)
    finally:
        pool._work = real_work
    results = [{"failed": r.source, "error": r.code, "reason": r.reason} if isinstance(r, Failure)
               else {"ok": r.article.source, "title": r.article.title} for r in sink.results]
    return {"mode": mode, "results": results,
            "stats": {"ok": stats.ok, "failed": stats.failed, "worker_deaths": stats.worker_deaths}}


SPEC = PipelineSpec(analyzers=("headline",))

if __name__ == "__main__":
    # warm the parent up (language model etc.), so that forked workers start warm: faster tests
    SPEC.build().analyze_raw(RawArticle("The council met on Tuesday. It voted.", "warm-up", "text"))
    for m in sys.argv[1].split(","):
        print(json.dumps(run(m, int(sys.argv[2]), int(sys.argv[3]))), flush=True)

"""The runner that analyses articles in worker processes (``unspin analyze -j N``).

Built on :class:`concurrent.futures.ProcessPoolExecutor`. Results come back in input order, with
at most ``window`` articles in flight. The runner never hangs on a worker that dies (killed,
segfault in native code, out of memory) or whose result cannot be pickled:

* a result that cannot be sent back becomes a :class:`~unspin.errors.WorkerError` Failure of
  that article;
* a dead worker breaks the pool (``BrokenProcessPool``): every article that was in flight and
  has no result is then run again **alone** in a one-worker pool, so the article that kills its
  worker is found and listed as failed, the others get their reports; then a fresh pool goes on
  with the rest of the batch.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..errors import WorkerError
from ..ingest import Failure, RawArticle
from .runner import Item, Result, Runner, RunStats, Sink, analyze_item, pairs

__all__ = ["ProcessPoolRunner"]

_WORKER: dict = {}


def _init(spec) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER["pipeline"] = spec.build()  # with fork: already built in the parent, shared


def _work(item: RawArticle, read_ms: float) -> Result:
    return analyze_item(_WORKER["pipeline"], item, read_ms)


@dataclass
class _Entry:
    item: RawArticle | Failure
    read_ms: float
    future: Future | None = None
    result: Result | None = None


def _failure(item, reason: str) -> Failure:
    return Failure(item.source, WorkerError(item.source, reason))


def _unsent(item, e: BaseException) -> Failure:
    return _failure(item, f"the worker process failed on it or could not send its result back: {type(e).__name__}: {e}")


def _processes(pool) -> list:
    return list((getattr(pool, "_processes", None) or {}).values())  # private; best effort only


def _exit_codes(procs) -> list[int]:
    return [p.exitcode for p in procs if p.exitcode not in (None, 0)]


def _death(codes: list[int]) -> str:
    for c in codes:
        if c < 0:
            try:
                return f" (killed by {signal.Signals(-c).name})"
            except ValueError:
                return f" (killed by signal {-c})"
        return f" (exit status {c})"
    return ""


class ProcessPoolRunner(Runner):
    """Analyses articles in ``jobs`` worker processes.

    ``window``: most articles in flight (default ``4 * jobs``); ``start_method``: ``fork``
    (default on Linux: workers share the parent's loaded resources) or ``spawn``.
    """

    def __init__(self, jobs: int, window: int | None = None, start_method: str | None = None):
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.jobs = jobs
        self.window = max(1, window or 4 * jobs)
        self.start_method = start_method or ("fork" if sys.platform.startswith("linux") else "spawn")

    def _pool(self, spec, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=mp.get_context(self.start_method),
                                   initializer=_init, initargs=(spec,))

    def run(self, items: Iterable[Item], spec, sink: Sink) -> RunStats:
        t = time.perf_counter()
        spec.build()  # a bad analyzer or option raises here, before any worker starts
        stats = RunStats()
        pending: deque[_Entry] = deque()
        it = pairs(items)
        exhausted = False
        pool = self._pool(spec, self.jobs)
        try:
            while True:
                while not exhausted and len(pending) < self.window:
                    try:
                        item, read_ms = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    entry = _Entry(item, read_ms)
                    if isinstance(item, Failure):
                        entry.result = item  # nothing to analyse
                    else:
                        try:
                            entry.future = pool.submit(_work, item, read_ms)
                        except BrokenProcessPool:
                            pass  # resolved when the head of the queue finds the pool broken
                    pending.append(entry)
                if not pending:
                    break
                head = pending[0]
                if head.result is None:
                    try:
                        if head.future is None:
                            raise BrokenProcessPool("submitted to a broken pool")
                        head.result = head.future.result()
                    except BrokenProcessPool:
                        pool = self._recover(pool, spec, pending, stats)
                        continue
                    except Exception as e:
                        head.result = _unsent(head.item, e)
                pending.popleft()
                stats.count(head.result)
                sink.put(head.result)
        except BaseException:
            for p in _processes(pool):
                p.terminate()  # interrupted: do not wait for articles in flight
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        stats.seconds = time.perf_counter() - t
        return stats

    def _recover(self, pool, spec, pending, stats: RunStats) -> ProcessPoolExecutor:
        """A worker died: keep the results that came back, run each other article in flight
        alone to find the one that kills its worker, and return a fresh pool."""
        pool.shutdown(wait=True, cancel_futures=True)
        suspects = []
        for entry in pending:
            if entry.result is not None:
                continue
            f = entry.future
            if f is not None and f.done() and not f.cancelled():
                e = f.exception()
                if e is None:
                    entry.result = f.result()
                    continue
                if not isinstance(e, BrokenProcessPool):
                    entry.result = _unsent(entry.item, e)
                    continue
            suspects.append(entry)
        single = None
        try:
            for entry in suspects:
                if single is None:
                    single = self._pool(spec, 1)
                try:
                    entry.result = single.submit(_work, entry.item, entry.read_ms).result()
                except BrokenProcessPool:
                    procs = _processes(single)
                    single.shutdown(wait=True, cancel_futures=True)
                    single = None
                    for p in procs:
                        p.join(5)  # exit status for the message
                    codes = _exit_codes(procs)
                    stats.worker_deaths += 1
                    entry.result = _failure(entry.item, "the worker process analysing it died" + _death(codes))
                except Exception as e:
                    entry.result = _unsent(entry.item, e)
        finally:
            if single is not None:
                single.shutdown(wait=True)
        return self._pool(spec, self.jobs)

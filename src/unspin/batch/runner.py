"""The batch runner interface, and the runner that works in this process.

A :class:`Runner` turns a stream of read articles into reports::

    stats = runner.run(items, spec, sink)

``items``
    an iterable of what :func:`unspin.ingest.read_inputs` yields, :class:`~unspin.ingest.RawArticle`
    or :class:`~unspin.ingest.Failure`, either plain or paired with the milliseconds it took to
    read, ``(item, read_ms)`` (see :func:`timed`; the time goes into the report's ``ingest``
    timing). Items are consumed lazily: a runner holds only a bounded window in memory.
``spec``
    a :class:`~unspin.pipeline.PipelineSpec` (frozen, picklable). It is built once in the calling
    process first, so a bad analyzer name or option raises there, before any article is read;
    its ``overrides`` apply to every article.
``sink``
    anything with ``put(result)``: it receives one result per item, a
    :class:`~unspin.report.model.Report` or a :class:`~unspin.ingest.Failure`, **in input order**,
    in the calling process (see :mod:`unspin.batch.sink`).

One bad item never stops a run: unreadable input arrives as a Failure and is passed on; an
:class:`~unspin.errors.InputError` (or any unexpected exception) while analysing an article
becomes a Failure of that article; a runner that uses other processes turns a worker that dies
into a :class:`~unspin.errors.WorkerError` Failure of the article it held. ``run`` returns
:class:`RunStats`. Runners do not close the sink.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, Union

from ..errors import InputError, WorkerError
from ..ingest import Failure, RawArticle
from ..report.model import Report

__all__ = ["Runner", "InProcessRunner", "RunStats", "Sink", "Result", "Item", "timed", "analyze_item", "pairs"]

Result = Report | Failure
Item = Union[RawArticle, Failure, "tuple[RawArticle | Failure, float]"]  # noqa: UP007 (a string member)


class Sink(Protocol):
    """Receives results in input order."""

    def put(self, result: Result) -> None: ...


@dataclass
class RunStats:
    """What a run did: ``ok`` reports, ``failed`` items (read or analysis failures, including
    ``worker_deaths`` articles whose worker process died), and the wall time in seconds."""

    ok: int = 0
    failed: int = 0
    worker_deaths: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.ok + self.failed

    def count(self, result: Result) -> None:
        if isinstance(result, Failure):
            self.failed += 1
        else:
            self.ok += 1


class Runner:
    """Interface: ``run(items, spec, sink) -> RunStats`` (see the module docstring)."""

    def run(self, items: Iterable[Item], spec, sink: Sink) -> RunStats:  # pragma: no cover
        raise NotImplementedError


def timed(items: Iterable) -> Iterator[tuple[RawArticle | Failure, float]]:
    """Pair each item with the milliseconds it took to read (part of the ``ingest`` timing)."""
    it = iter(items)
    while True:
        t = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            return
        yield item, (time.perf_counter() - t) * 1000


def pairs(items: Iterable[Item]) -> Iterator[tuple[RawArticle | Failure, float]]:
    """Items as ``(item, read_ms)`` pairs (plain items get 0 ms)."""
    for x in items:
        if isinstance(x, tuple):
            yield x[0], float(x[1])
        else:
            yield x, 0.0


def analyze_item(pipeline, item: RawArticle | Failure, read_ms: float = 0.0) -> Result:
    """One item's result: a Failure passes through; an article is analysed, and an error while
    analysing it becomes its Failure (never raised)."""
    if isinstance(item, Failure):
        return item
    try:
        return pipeline.analyze_raw(item, ingest_ms=read_ms)
    except InputError as e:
        return Failure(e.source, e)
    except Exception as e:  # one article's unexpected error must not lose the batch
        return Failure(item.source, WorkerError(item.source, f"analysis failed: {type(e).__name__}: {e}"))


class InProcessRunner(Runner):
    """Analyses one article after the other in this process."""

    def run(self, items: Iterable[Item], spec, sink: Sink) -> RunStats:
        t = time.perf_counter()
        pipeline = spec.build()
        stats = RunStats()
        for item, read_ms in pairs(items):
            result = analyze_item(pipeline, item, read_ms)
            stats.count(result)
            sink.put(result)
        stats.seconds = time.perf_counter() - t
        return stats

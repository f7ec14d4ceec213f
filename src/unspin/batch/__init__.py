"""Batch analysis: runners that turn a stream of read articles into reports, and output sinks.

    >>> from unspin.batch import runner_for, ListSink
    >>> from unspin.pipeline import PipelineSpec
    >>> from unspin.ingest import read_text
    >>> sink = ListSink()
    >>> runner_for(1).run([read_text("Council meets\\n\\nThe council met on Tuesday.", "a.txt")],
    ...                   PipelineSpec(analyzers=("headline",)), sink).ok
    1

See :mod:`unspin.batch.runner` for the interface (``Runner.run(items, spec, sink) -> RunStats``).
"""

from .runner import InProcessRunner, Runner, RunStats, Sink, analyze_item, timed
from .sink import ListSink, OutputSink, report_filename

__all__ = ["Runner", "InProcessRunner", "ProcessPoolRunner", "RunStats", "Sink", "ListSink", "OutputSink",
           "report_filename", "runner_for", "timed", "analyze_item"]


def __getattr__(name):
    if name == "ProcessPoolRunner":
        from .pool import ProcessPoolRunner

        return ProcessPoolRunner
    raise AttributeError(name)


def runner_for(jobs: int = 1) -> Runner:
    """The runner for ``jobs`` worker processes (1: in this process)."""
    if jobs <= 1:
        return InProcessRunner()
    from .pool import ProcessPoolRunner

    return ProcessPoolRunner(jobs)

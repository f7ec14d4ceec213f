import pytest

from unspin import EmptyInputError, PipelineSpec, UsageError
from unspin.batch import InProcessRunner, ListSink, RunStats, analyze_item, timed
from unspin.ingest import Failure, RawArticle


def test_in_process_runner_keeps_order_and_counts():
    items = [RawArticle("The council met on Tuesday. It voted.", "a", "text"),
             Failure("b", EmptyInputError("b", "empty file")),
             RawArticle("   ", "c", "text"),  # nothing to analyse: its InputError becomes its Failure
             RawArticle("The mayor spoke on Friday. She left.", "d", "text")]
    sink = ListSink()
    stats = InProcessRunner().run(timed(items), PipelineSpec(analyzers=("headline",)), sink)
    kinds = [type(r).__name__ for r in sink.results]
    assert kinds == ["Report", "Failure", "Failure", "Report"]
    assert [getattr(r, "source", None) or r.article.source for r in sink.results] == ["a", "b", "c", "d"]
    assert (stats.ok, stats.failed, stats.total) == (2, 2, 4) and stats.seconds >= 0


def test_an_unexpected_error_becomes_the_articles_failure():
    class Broken:
        def analyze_raw(self, raw, ingest_ms=0.0):
            raise KeyError("boom")

    r = analyze_item(Broken(), RawArticle("x", "src.txt", "text"))
    assert isinstance(r, Failure) and r.code == "WorkerError" and "KeyError" in r.reason
    assert r.message.startswith("src.txt: ")


def test_a_bad_spec_raises_before_any_item_is_read():
    def items():
        raise AssertionError("read")
        yield

    with pytest.raises(UsageError):
        InProcessRunner().run(items(), PipelineSpec(analyzers=("headline",), options={"headline": {"nope": 1}}), ListSink())


def test_run_stats_count():
    s = RunStats()
    s.count(Failure("x", EmptyInputError("x", "empty")))
    assert (s.ok, s.failed) == (0, 1)

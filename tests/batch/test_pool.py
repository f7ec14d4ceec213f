"""The process-pool runner never hangs: a worker that dies (SIGKILL, os._exit, segfault), raises
MemoryError or returns an unpicklable result costs only its own article. Each scenario runs in a
subprocess with a timeout, so a hang fails the test instead of blocking the suite."""

import json
import subprocess
import sys

import pytest

from unspin import PipelineSpec, RecordError
from unspin.batch import InProcessRunner, ListSink, ProcessPoolRunner, runner_for
from unspin.ingest import Failure, RawArticle

MODES = ("kill", "exit", "segv", "memory", "unpicklable")


@pytest.fixture(scope="module")
def crashes():
    """Every scenario, run once in one subprocess (timeout: a hang fails, it does not block)."""
    from pathlib import Path

    repo = Path(__file__).parent.parent.parent
    p = subprocess.run([sys.executable, "-m", "tests.batch.crashing", ",".join(MODES), "2", "10"],
                       capture_output=True, text=True, timeout=180, cwd=repo)
    assert p.returncode == 0, p.stderr[-2000:]
    return {d["mode"]: (d["results"], d["stats"]) for d in map(json.loads, p.stdout.splitlines())}


def _run(repo, mode, jobs=2, n=10):
    p = subprocess.run([sys.executable, "-m", "tests.batch.crashing", mode, str(jobs), str(n)],
                       capture_output=True, text=True, timeout=120, cwd=repo)
    assert p.returncode == 0, p.stderr[-2000:]
    d = json.loads(p.stdout)
    return d["results"], d["stats"]


@pytest.mark.parametrize("mode", ["kill", "exit", "segv"])
def test_a_worker_killed_mid_batch_fails_only_its_article(crashes, mode):
    results, stats = crashes[mode]
    assert [r.get("ok") or r.get("failed") for r in results] == [f"item{i}" for i in range(10)]  # input order
    failed = {r["failed"]: r for r in results if "failed" in r}
    assert set(failed) == {"item3", "item5", "item7"}
    for i in (3, 7):
        assert failed[f"item{i}"]["error"] == "WorkerError"
        assert "worker process analysing it died" in failed[f"item{i}"]["reason"]
    assert failed["item5"]["error"] == "RecordError"  # a read failure passes through
    assert stats == {"ok": 7, "failed": 3, "worker_deaths": 2}
    # the reports of the others are whole
    assert [r["title"] for r in results if "ok" in r] == [f"Title {i}" for i in (0, 1, 2, 4, 6, 8, 9)]


@pytest.mark.parametrize("mode", ["memory", "unpicklable"])
def test_memory_error_and_unpicklable_result_fail_only_their_article(crashes, mode):
    results, stats = crashes[mode]
    failed = [r["failed"] for r in results if "failed" in r]
    assert failed == [f"item3!{mode}", "item5", f"item7!{mode}"]
    assert stats["ok"] == 7 and stats["worker_deaths"] == 0


def test_one_job_pool_survives_too(repo):
    results, stats = _run(repo, "kill", jobs=1, n=9)
    assert stats == {"ok": 6, "failed": 3, "worker_deaths": 2}


def _items(n=7):
    items = [RawArticle(f"The council met on day {i}. It voted on the budget.", f"a{i}", "text",
                        title="Exclusive: secret vote revealed" if i % 2 else f"Council meets {i}")
             for i in range(n)]
    items.insert(2, Failure("bad:1", RecordError("bad:1", "no text")))
    return items


def test_pool_and_in_process_give_the_same_results_in_order():
    spec = PipelineSpec(analyzers=("headline",), overrides={"outlet": "Given"})
    one, two = ListSink(), ListSink()
    s1 = InProcessRunner().run(_items(), spec, one)
    s2 = ProcessPoolRunner(2, window=3).run([(x, 1.5) for x in _items()], spec, two)
    assert (s1.ok, s1.failed) == (s2.ok, s2.failed) == (7, 1)
    strip = lambda rs: [r.to_dict() if isinstance(r, Failure) else  # noqa: E731
                        (r.article.source, r.article.outlet, [f.kind for f in r.findings], r.verdict.label)
                        for r in rs]
    assert strip(one.results) == strip(two.results)
    assert two.results[0].timings_ms["ingest"] >= 1.5  # the read time of (item, read_ms) pairs


def test_runner_for():
    assert isinstance(runner_for(1), InProcessRunner)
    assert isinstance(runner_for(3), ProcessPoolRunner) and runner_for(3).jobs == 3
    with pytest.raises(ValueError):
        ProcessPoolRunner(0)

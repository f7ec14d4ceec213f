"""`unspin analyze -j N` on batches with bad input: it used to hang forever (an unpicklable
InputError killed the pool's workers). The real CLI runs in a subprocess with a timeout, so a
hang fails the test instead of blocking the suite; -j N must print what -j 1 prints."""

import json
import re
import subprocess
import sys

import pytest

TIMINGS = re.compile(rb'"timings_ms": \{[^}]*\}')


def _cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "unspin", *map(str, args)], capture_output=True, timeout=timeout)


def _messages(stderr: bytes) -> list[bytes]:
    return [ln for ln in stderr.splitlines() if ln.startswith(b"unspin: ")]


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    lines = []
    for i in range(14):
        lines.append(json.dumps({"id": f"feed/{i}", "text": f"The council met on day {i}. It voted on the budget.",
                                 "title": "Exclusive: secret vote revealed" if i % 3 == 0 else f"Council meets {i}"}))
        if i in (2, 9):
            lines.append(json.dumps({"text": 123}))
        if i == 5:
            lines.append("{not json")
        if i == 11:
            lines.append(json.dumps({"text": "   "}))
    (d / "many.jsonl").write_text("\n".join(lines) + "\n")
    (d / "empty.txt").write_text("")
    (d / "one.txt").write_text("Harbour news\n\nThe harbour opened on Monday. Boats came in.\n")
    return d


def test_jobs_n_prints_what_jobs_1_prints_on_a_batch_with_bad_lines(bad_batch):
    one = _cli("analyze", bad_batch, "-j", "1")
    assert one.returncode == 1, one.stderr
    assert len(one.stdout.splitlines()) == 15
    assert b"many.jsonl:4: field 'text' is a" in one.stderr and b"empty.txt" in one.stderr
    for jobs in (3,):
        many = _cli("analyze", bad_batch, "-j", jobs)  # hung forever before the fix
        assert many.returncode == one.returncode
        assert TIMINGS.sub(b"", many.stdout) == TIMINGS.sub(b"", one.stdout)
        # the same failure lines, in the same order, and the summary (Python warnings a library
        # may print once per process are not unspin's messages)
        assert _messages(many.stderr) == _messages(one.stderr)
    assert b"15 articles analysed, 5 failed" in one.stderr


def test_jobs_with_out_dir_lists_the_same_failures(bad_batch, tmp_path):
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        r = _cli("analyze", bad_batch / "many.jsonl", "-j", jobs, "--out", out, "--analyzers", "headline")
        assert r.returncode == 1
        outs[jobs] = (sorted(p.name for p in out.iterdir()), (out / "failures.jsonl").read_text())
    assert outs[1] == outs[2]
    names, failures = outs[1]
    assert len(names) == 14 + 1  # ids "feed/N" hold a slash: one file each, no traceback
    assert [json.loads(x)["source"].rsplit(":", 1)[1] for x in failures.splitlines()] == ["4", "8", "13", "16"]


def test_one_bad_file_with_jobs_does_not_hang(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": 123}\n')
    r = _cli("analyze", p, "-j", "2", "--analyzers", "headline", timeout=60)
    assert r.returncode == 1 and b"0 articles analysed, 1 failed" in r.stderr

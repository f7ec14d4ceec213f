import io
import json
import os
import re

import pytest

from unspin import EmptyInputError, PipelineSpec, UsageError
from unspin.batch import OutputSink, report_filename
from unspin.batch.sink import safe_slug
from unspin.ingest import Failure

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
IDS = ["a/b", "a_b", "../../etc/passwd", "..", ".", "", "x" * 5000, "новость/№1", "東京:記事", "a\\b", "C:\\x",
       "sha256:" + "ab" * 32, "with space", "nul\x00byte", "\ud800lone-surrogate", "-dash", "CON"]


@pytest.mark.parametrize("aid", IDS, ids=range(len(IDS)))
def test_file_names_are_safe_bounded_and_stable(aid):
    name = report_filename("dir/sub/My Article.v2.html", aid, ".json")
    assert SAFE.match(name), name
    assert "/" not in name and "\\" not in name and ".." not in name
    assert len(name) <= 100 + len(".json") and name.endswith(".json")
    assert name.startswith("My_Article-")
    assert report_filename("dir/sub/My Article.v2.html", aid, ".json") == name  # stable


def test_default_ids_keep_their_short_hash_and_other_ids_get_a_digest():
    assert report_filename("x/laundered.txt", "sha256:" + "0123456789ab" + "f" * 52, ".html") == "laundered-0123456789ab.html"
    a, b = report_filename("s.txt", "a/b", ".txt"), report_filename("s.txt", "a_b", ".txt")
    assert a != b and a.startswith("s-a_b-") and b.startswith("s-a_b-")
    assert report_filename("", None, ".txt").startswith("stdin-")
    assert report_filename("<stdin>", "x", ".txt").startswith("stdin-x-")


def test_safe_slug():
    assert safe_slug("../../etc/passwd", 50) == "etc_passwd"
    assert safe_slug("...", 10) == "" and safe_slug("a..b", 10) == "a.b"
    assert safe_slug("x" * 99, 10) == "x" * 10


@pytest.fixture(scope="module")
def report():
    return PipelineSpec(analyzers=("headline",)).build().analyze_text("Council meets\n\nThe council met on Tuesday.", "in/a.txt")


def test_directory_sink_writes_one_file_per_article_even_for_hostile_or_duplicate_ids(tmp_path, report):
    from dataclasses import replace

    out = tmp_path / "out"
    sink = OutputSink("json", str(out), batch=True)
    ids = [i for i in IDS if "\ud800" not in i] + ["a/b", "a/b", "A/B"]  # a lone surrogate cannot be written as UTF-8
    for aid in ids:
        sink.put(replace(report, article=replace(report.article, id=aid)))
    sink.put(Failure("in/bad.txt", EmptyInputError("in/bad.txt", "empty file")))
    sink.close()
    files = sorted(os.listdir(out))
    assert len(files) == len(ids) + 1  # every report, plus failures.jsonl
    assert len({f.lower() for f in files}) == len(files)
    assert all(SAFE.match(f) for f in files)
    assert not [p for p in tmp_path.rglob("*") if out not in p.parents and p != out]  # nothing outside
    written = sorted(json.loads((out / f).read_text())["article"]["id"] for f in files if f != "failures.jsonl")
    assert written == sorted(ids)
    assert json.loads((out / "failures.jsonl").read_text()) == {"source": "in/bad.txt", "error": "EmptyInputError", "reason": "empty file"}
    assert sink.failures_path == str(out / "failures.jsonl")


def test_stdout_and_jsonl_sinks(tmp_path, report):
    buf = io.StringIO()
    sink = OutputSink("json", None, batch=True, stdout=buf)
    sink.put(report)
    sink.put(report)
    sink.close()
    assert [json.loads(x)["article"]["source"] for x in buf.getvalue().splitlines()] == ["in/a.txt"] * 2
    with pytest.raises(UsageError, match="needs --format json"):
        OutputSink("text", str(tmp_path / "x.jsonl"), batch=True)
    (tmp_path / "file").write_text("")
    with pytest.raises(UsageError, match="not a directory"):
        OutputSink("json", str(tmp_path / "file"), batch=True)

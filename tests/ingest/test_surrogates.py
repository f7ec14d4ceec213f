"""Lone UTF-16 surrogates (valid JSON escapes, invalid Unicode) never reach a report."""

import json
import subprocess
import sys

from unspin.ingest import read_inputs
from unspin.ingest.normalize import normalize


def test_lone_surrogates_are_replaced_and_reported(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "a\\ud800b", "title": "T\\udc00", "text": "The council met on Tuesday \\ud800 and approved the plan."}\n')
    [raw] = list(read_inputs([str(p)]))
    doc = normalize(raw)
    for s in (doc.text, doc.title, doc.article.id):
        s.encode("utf-8")  # would raise on a surrogate
    assert "\ufffd" in doc.text and doc.article.id == "a\ufffdb"
    assert any(w["code"] == "lone_surrogate" for w in raw.warnings)


def test_the_cli_writes_the_report(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "x\\ud800", "text": "The council met on Tuesday \\ud800 and approved the plan for the bridge."}\n')
    r = subprocess.run([sys.executable, "-m", "unspin", "analyze", "--analyzers", "headline", str(p)],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-500:]
    assert json.loads(r.stdout)["article"]["id"] == "x\ufffd"

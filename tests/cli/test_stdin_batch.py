"""A CSV, JSONL or gzip batch on standard input is a batch: one report per record, JSON lines."""

import gzip
import json

from click.testing import CliRunner

from unspin.cli import main

CSV = ("id,title,text\n"
       '1,Budget,"The council met on Tuesday and approved the budget for the bridge repairs."\n'
       '2,School,"The mayor said the school will reopen next week after repairs to the roof."\n'
       '3,Port,"The port authority said cargo traffic rose in the spring after the new crane arrived."\n')


def _run(data: bytes):
    r = CliRunner().invoke(main, ["analyze", "--analyzers", "headline", "-"], input=data)
    lines = [json.loads(ln) for ln in r.stdout.splitlines() if ln.strip()]
    return r, lines


def test_csv_on_stdin_gives_one_report_per_row():
    r, lines = _run(CSV.encode())
    assert r.exit_code == 0, r.output
    assert [d["article"]["id"] for d in lines] == ["1", "2", "3"]
    assert "3 articles analysed, 0 failed" in r.stderr


def test_gzip_jsonl_on_stdin():
    rows = "".join(json.dumps({"id": f"r{i}", "text": "The council met on Tuesday and approved the plan."}) + "\n" for i in range(4))
    r, lines = _run(gzip.compress(rows.encode()))
    assert r.exit_code == 0, r.output
    assert [d["article"]["id"] for d in lines] == ["r0", "r1", "r2", "r3"]


def test_prose_on_stdin_stays_one_article():
    r = CliRunner().invoke(main, ["analyze", "--analyzers", "headline", "-"],
                           input=b"Budget approved\n\nThe council met on Tuesday, and it approved the budget.")
    assert r.exit_code == 0, r.output
    assert not r.stdout.lstrip().startswith("{")  # not JSON lines: the text report of one article
    assert r.stdout.count("╭─ unspin") == 1 and "articles analysed" not in r.stderr

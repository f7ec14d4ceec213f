"""The blind-set scorer counts a mark only where a finding of an answering kind covers it."""

import json
import shutil

from benchmarks.bench_blind import render_md, score_set


def test_scorer_on_a_small_set(tmp_path, fixtures):
    shutil.copy(fixtures / "laundered.txt", tmp_path / "01-en-a.txt")
    shutil.copy(fixtures / "clean.txt", tmp_path / "02-en-b.txt")
    marks = [
        {"file": "01-en-a.txt", "mark": "name_variant", "text": "Zacharowa", "expected": "Maria Zakharova"},
        {"file": "01-en-a.txt", "mark": "headline_sensational", "text": "Bombshell", "expected": ""},
        {"file": "01-en-a.txt", "mark": "llm_assistant_talk", "text": "Bombshell", "expected": ""},  # wrong kind there
        {"file": "01-en-a.txt", "mark": "calque", "text": "words that are not in the article", "expected": ""},
    ]
    (tmp_path / "marks.jsonl").write_text("".join(json.dumps(m) + "\n" for m in marks))
    (tmp_path / "clean.jsonl").write_text(json.dumps({"file": "02-en-b.txt", "must_not": ["council"]}) + "\n")
    r = score_set(tmp_path)
    assert r["marks"] == 4 and r["found"] == 2 and r["recall"] == 0.5
    assert r["by_type"]["calque"]["text_not_in_report"] == 1
    assert r["laundered_verdict_right"] == 1 and r["clean_verdict_right"] == 1
    assert "| 4 | 2 | 0.5 |" in render_md({"command": "x", "sets": [r]})

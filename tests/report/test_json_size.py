"""The JSON report of a huge article stays proportionate: its size follows the findings (and
their evidence spans), not the length of the article, unless the text is asked for."""

import json

from unspin import Entity, Finding, Span
from unspin.report.schema import validate_report

from ._reports import make_report

SENTENCE = "The regional council approved the new budget after a long debate on Tuesday. "


def _huge(n_sentences: int, n_findings: int = 2000):
    text = SENTENCE * n_sentences
    step = len(SENTENCE)
    findings = [
        Finding("source.unattributed_claim", "low", f"Claim number {i} without a source.",
                [Span("text", i * step, i * step + 20, text[i * step : i * step + 20])], confidence=0.5,
                data={"rule": "claim", "n": i})
        for i in range(n_findings)
    ]
    ents = [Entity("council", "ORG", [Span("text", k * step + 13, k * step + 20, "council") for k in range(n_findings)])]
    return make_report("Budget approved", text, findings=findings, entities=ents)


def test_json_size_follows_findings_not_text():
    small, big = _huge(2_500), _huge(25_000)  # 0.2 MB and 2 MB of text, the same 2000 findings
    assert len(big.text) > 1_900_000
    s_small, s_big = small.to_json(indent=None), big.to_json(indent=None)
    # only the article's "chars" / "words" numbers differ
    assert abs(len(s_big) - len(s_small)) < 20
    assert SENTENCE not in s_big
    per_finding = len(s_big) / len(big.findings)
    assert per_finding < 400, per_finding  # id, kind, message, one 20-char span, small data
    validate_report(json.loads(s_big))


def test_evidence_text_is_not_duplicated_beyond_the_spans():
    r = _huge(25_000)
    d = json.loads(r.to_json(indent=None))
    ev_chars = sum(len(s["text"]) for f in d["findings"] for s in f["evidence"])
    assert ev_chars == sum(s.end - s.start for f in r.findings for s in f.evidence)
    # entity mentions carry no text of their own
    assert all(set(s) == {"field", "start", "end"} for e in d["entities"] for s in e["spans"])


def test_include_text_adds_the_text_once():
    r = _huge(25_000)
    without, with_text = r.to_json(indent=None), r.to_json(indent=None, include_text=True)
    assert "text" not in json.loads(without)["article"]
    assert with_text.count(SENTENCE * 3) == 25_000 // 3  # the text is in there once
    assert json.loads(with_text)["article"]["text"] == r.text
    assert len(with_text) - len(without) < len(r.text) + 50  # the text once, plus its key

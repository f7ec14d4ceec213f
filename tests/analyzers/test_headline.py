import json
from pathlib import Path

import pytest

from unspin import Document
from unspin.analyzers.headline import HeadlineAnalyzer
from unspin.resources import Resources

GOLD = Path(__file__).parent.parent / "gold" / "headline.jsonl"

# Quality gate: pinned floors on our own gold set (tests/gold/headline.jsonl, 100 headlines in
# 8 languages). Measured at the time of pinning: precision 1.00, recall 0.94. Lower them only with
# a reason in the commit message.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.90


@pytest.fixture(scope="module")
def analyzer():
    a = HeadlineAnalyzer()
    a.setup(Resources(()))
    return a


def findings(analyzer, title):
    return list(analyzer.analyze(Document(title=title, text="Body.")))


def test_gold_set_precision_recall_floors(analyzer):
    tp = fp = fn = 0
    misses = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        hit = bool(findings(analyzer, g["title"]))
        tp += hit and g["sensational"]
        fp += hit and not g["sensational"]
        fn += (not hit) and g["sensational"]
        if hit != g["sensational"]:
            misses.append(g["title"])
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= PRECISION_FLOOR, (precision, misses)
    assert recall >= RECALL_FLOOR, (recall, misses)


def test_evidence_is_each_cue_in_the_title(analyzer):
    title = "Exclusive: Secret Bridge Operation Revealed"
    [f] = findings(analyzer, title)
    assert [e.text for e in f.evidence] == ["Exclusive", "Secret", "Revealed"]
    assert all(title[e.start : e.end] == e.text and e.field == "title" for e in f.evidence)
    assert f.severity == "medium" and f.kind == "headline.sensational"
    assert set(f.data["classes"]) == {"exclusivity", "secrecy", "revelation"}
    assert "exclusivity ('Exclusive')" in f.message


def test_one_cue_is_low(analyzer):
    [f] = findings(analyzer, "Shocking footage from the harbour")
    assert f.severity == "low"


def test_neutral_headlines_and_set_phrases_do_not_fire(analyzer):
    for t in ["Secret Service agents deployed", "Private sector grows", "Gas leak closes street",
              "Secretary meets envoy", "Victoria's Secret results", "", "   "]:
        assert findings(analyzer, t) == [], t


def test_capitals_count_more(analyzer):
    lo = analyzer.score("Minister shocked by report")[0]
    hi = analyzer.score("Minister SHOCKED by report")[0]
    assert hi > lo


def test_repetition_of_one_class_is_capped(analyzer):
    total, _ = analyzer.score("Shock, shocking, shocked: the shock of shocks")
    assert total <= 1.0 + 1e-9


def test_resource_override(tmp_path):
    d = tmp_path / "headline"
    d.mkdir()
    data = json.loads((Path(__file__).parents[2] / "src/unspin/resources/headline/cues.json").read_text())
    data["cues"].append({"class": "shock", "weight": 0.9, "pattern": r"\bzonk\b"})
    (d / "cues.json").write_text(json.dumps(data))
    a = HeadlineAnalyzer()
    a.setup(Resources((str(tmp_path),)))
    assert list(a.analyze(Document(title="Total zonk in parliament", text="x")))


def test_body_mismatch_unsupported_revelation(analyzer):
    body = ("The ministry announced on Tuesday that the new rail line will open in May. "
            "The minister said at a press conference that tickets will go on sale next week. " * 3)
    fs = list(analyzer.analyze(Document(title="Revealed: The Secret Rail Plan", text=body)))
    [m] = [f for f in fs if f.kind == "headline.body_mismatch"]
    assert m.severity == "medium" and m.data["form"] == "unsupported revelation"
    assert {e.field for e in m.evidence} == {"title", "text"}
    for e in m.evidence:
        src = "Revealed: The Secret Rail Plan" if e.field == "title" else body
        assert src[e.start : e.end] == e.text


def test_body_with_a_leak_supports_the_headline(analyzer):
    body = ("Internal documents obtained by this newspaper show the ministry planned the line in 2019, "
            "two officials who spoke on condition of anonymity said. The ministry announced the plan only this week. " * 3)
    fs = list(analyzer.analyze(Document(title="Revealed: The Secret Rail Plan", text=body)))
    assert not [f for f in fs if f.kind == "headline.body_mismatch"]


def test_body_mismatch_actor_not_in_body(analyzer):
    body = "The regional council approved the budget after a long debate about schools and roads. " * 8
    fs = list(analyzer.analyze(Document(title="Council budget approved as Kremlin watches", text=body)))
    [m] = [f for f in fs if f.kind == "headline.body_mismatch"]
    assert m.severity == "low" and m.data["actors"] == ["Kremlin"]
    body2 = body + "Moscow has criticised the plan."
    assert not [f for f in analyzer.analyze(Document(title="Council budget approved as Kremlin watches", text=body2))
                if f.kind == "headline.body_mismatch"]

import json
from pathlib import Path

import pytest

from unspin import Document
from unspin.analyzers.persuasion import (
    MAX_FINDINGS,
    MEDIUM_SPAN_P,
    MEDIUM_TECHNIQUE_P,
    PersuasionAnalyzer,
)
from unspin.resources import Resources

GOLD = Path(__file__).parent.parent / "gold" / "persuasion.jsonl"

# Quality gate on our own gold set (tests/gold/persuasion.jsonl: 27 persuasive sentences in six
# techniques, 13 neutral news sentences; each sentence analysed as a one-sentence article).
# Measured when pinned: persuasive sentences fired 25/27 (0.93), neutral fired 0/13,
# technique right on 17/27 (0.63). Lower only with a reason in the commit message.
RECALL_FLOOR = 0.80
NEUTRAL_FIRING_CEILING = 0.16
TECHNIQUE_FLOOR = 0.50


@pytest.fixture(scope="module")
def analyzer():
    a = PersuasionAnalyzer()
    a.setup(Resources(()))
    return a


def run(analyzer, text, title="", language="en"):
    return list(analyzer.analyze(Document(title=title, text=text, language=language)))


def _gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_set_floors(analyzer):
    pos = [g for g in _gold() if g["label"] != "none"]
    neg = [g for g in _gold() if g["label"] == "none"]
    assert len(pos) >= 25 and len(neg) >= 10
    fired = right = 0
    misses = []
    for g in pos:
        fs = run(analyzer, g["text"])
        fired += bool(fs)
        ok = any(f.kind == "persuasion." + g["label"] for f in fs)
        right += ok
        if not ok:
            misses.append((g["label"], g["text"], [f.kind for f in fs]))
    false = [g["text"] for g in neg if run(analyzer, g["text"])]
    assert fired / len(pos) >= RECALL_FLOOR, misses
    assert len(false) / len(neg) <= NEUTRAL_FIRING_CEILING, false
    assert right / len(pos) >= TECHNIQUE_FLOOR, misses


@pytest.mark.parametrize("text,kinds", [
    ("Can we really trust a government that has lied to us again and again?", {"persuasion.casting_doubt"}),
    ("Those radical leftist thugs and their crooked friends want to take your freedom.",
     {"persuasion.name_calling", "persuasion.loaded_language"}),
    ("Every real American should be proud to fight for the values that made this country great.",
     {"persuasion.flag_waving"}),
])
def test_own_sentences_get_their_technique(analyzer, text, kinds):
    fs = run(analyzer, text)
    assert {f.kind for f in fs} & kinds, [(f.kind, f.evidence[0].text) for f in fs]


@pytest.mark.parametrize("text", [
    "The regional parliament approved the new water tariff on Wednesday by 54 votes to 12.",
    "Heavy snow closed two mountain passes overnight, the road authority said.",
    "Shares of the carmaker rose 2 percent after it reported higher sales in Asia.",
])
def test_neutral_news_sentences_stay_quiet(analyzer, text):
    assert run(analyzer, text) == []


def test_finding_shape_evidence_slices_back_and_data(analyzer):
    title = "Traitors in the capital betray the nation"
    text = ("The corrupt elites have once again betrayed hardworking families. Officials met on Monday. "
            "Is it really a coincidence that the report vanished? If this goes on, our children will not be safe. "
            "The corrupt elites will stop at nothing.")
    doc = Document(title=title, text=text, language="en")
    fs = list(analyzer.analyze(doc))
    assert fs
    for f in fs:
        assert f.kind in analyzer.produces
        assert f.severity in ("info", "low", "medium")
        assert 0.0 < f.confidence <= 1.0
        [ev] = f.evidence
        assert doc.field(ev.field)[ev.start:ev.end] == ev.text and ev.text.strip()
        assert f.data["technique"] and f.data["category"] and f.data["ptc_class"]
        assert f.data["total_spans"] >= len(fs)
        assert ev.text in f.message and f.data["category"].split(" / ")[0] in f.message
        if f.severity == "medium":
            assert f.confidence >= MEDIUM_TECHNIQUE_P * MEDIUM_SPAN_P and f.data["span_probability"] >= MEDIUM_SPAN_P
    assert any(f.evidence[0].field == "title" for f in fs) or any(f.evidence[0].field == "text" for f in fs)


def test_cap_on_findings_with_total_in_data(analyzer):
    sents = [
        "The corrupt, treacherous elites betrayed us.", "These vile thugs must be stopped!",
        "Can anyone trust these liars?", "Our glorious nation will never bow to tyrants!",
        "This disgraceful, shameful scandal is a catastrophe.", "The evil regime is a gang of criminals.",
    ]
    text = " ".join(sents * 5)
    fs = run(analyzer, text)
    assert len(fs) == MAX_FINDINGS
    assert fs[0].data["total_spans"] > MAX_FINDINGS


def test_produces_matches_the_taxonomy(analyzer):
    assert set(analyzer.produces) == {m["kind"] for m in analyzer.ptc.values()}
    assert set(analyzer.model.classes) == set(analyzer.ptc)


def test_non_english_article_is_skipped(analyzer):
    assert run(analyzer, "Les élites corrompues ont trahi la nation !", language="fr") == []


def test_empty_article(analyzer):
    assert run(analyzer, "") == []


def test_a_600_word_article_classifies_a_bounded_number_of_spans(analyzer, monkeypatch):
    """The work per article is bounded (speed itself is measured in benchmarks/bench_persuasion.py,
    not asserted here): at most MAX_CLASSIFIED spans are classified, MAX_FINDINGS reported."""
    from unspin.analyzers.persuasion import MAX_CLASSIFIED, MAX_FINDINGS

    body = ("The committee met on Tuesday to discuss the proposal, and members asked detailed questions about "
            "costs. Critics called the plan a reckless disaster that betrays ordinary families. ")
    words = body.split()
    text = " ".join((words * (600 // len(words) + 1))[:600])
    doc = Document(title="Committee debates plan", text=text, language="en")
    doc.prepare(analyzer.needs)
    calls = []
    real = analyzer.model.classify
    monkeypatch.setattr(analyzer.model, "classify", lambda feats: calls.append(1) or real(feats))
    found = list(analyzer.analyze(doc))
    assert 0 < len(calls) <= MAX_CLASSIFIED
    assert len(found) <= MAX_FINDINGS

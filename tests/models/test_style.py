"""Tests of the model-free LLM-style scorer (unspin.models.style). No shared data needed: the texts
below were written for these tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import unspin
from unspin import Document
from unspin.models.style import FEATURES, LEVELS, StyleFeatures, StyleResult, StyleScorer
from unspin.resources import Resources

RES = Path(unspin.__file__).parent / "resources" / "llm"

WIRE = """The city council voted 7-2 on Tuesday to raise parking fees in the harbour district from $2 to $3.50 an hour, starting March 1.

"We haven't touched these rates since 2011," council member Dana Ortiz told reporters after the vote. "Something had to give."

Opponents said the increase would hurt small shops. Tom Reilly, who runs a bakery on Pier Street, said his takings fell 12% the last time the city changed parking rules. "People just drive to the mall instead," he said.

The fees are expected to raise about $1.4 million a year, according to a city budget memo seen by the Ledger. Officials said the money would go to road repairs and two new bus shelters.

The council will take up a separate proposal on residents' permits in April. A spokesman for the mayor, Jim Hale, declined to comment on whether she would veto the measure. Shares in the city's parking contractor, Parkwise, rose 3% on Wednesday.
"""

LLM = """In a move that underscores the growing tension between local authorities and residents, the city council has approved a significant increase in parking fees. This decision serves as a stark reminder of the complex challenges facing communities in today's ever-evolving economic landscape.

Moreover, the decision has sparked widespread concern among business owners, who fear that the change could have far-reaching implications for their livelihoods. It is important to note that the broader implications of this move remain to be seen, as stakeholders navigate the complexities of urban development.

Additionally, critics argue that the measure highlights the need for greater transparency and accountability in local governance. Furthermore, the situation sheds light on the delicate balance between fostering economic growth and ensuring the well-being of residents.

Ultimately, this development is a testament to the intricate interplay of competing priorities within the community. As the situation unfolds, it is crucial to foster meaningful dialogue and a sense of unity. Only time will tell whether this pivotal decision will pave the way for a more sustainable and vibrant future for all.
"""


@pytest.fixture(scope="module")
def scorer() -> StyleScorer:
    return StyleScorer(Resources(()))


def test_short_text_is_none(scorer):
    short = " ".join(LLM.split()[:60])
    assert scorer.min_words >= 50
    assert scorer.score(Document(text=short)) is None
    assert scorer.score(Document(text="")) is None


def test_result_shape(scorer):
    r = scorer.score(Document(text=LLM))
    assert isinstance(r, StyleResult)
    assert 0.0 <= r.probability <= 1.0
    lo, hi = r.interval
    assert 0.0 <= lo <= r.probability <= hi <= 1.0
    assert r.level in LEVELS
    assert list(r.features) == list(FEATURES)
    assert all(math.isfinite(v) for v in r.features.values())


def test_level_follows_thresholds(scorer):
    assert scorer.th_low <= scorer.th_medium < scorer.th_high
    assert scorer.level_of(scorer.th_high) == "high"
    assert scorer.level_of((scorer.th_medium + scorer.th_high) / 2) == "medium"
    assert scorer.level_of((scorer.th_low + scorer.th_medium) / 2) == "low"
    assert scorer.level_of(scorer.th_low - 0.01) == "none"
    for text in (WIRE, LLM):
        r = scorer.score(Document(text=text))
        assert r.level == scorer.level_of(r.probability)


def test_deterministic(scorer):
    a = scorer.score(Document(text=LLM))
    b = scorer.score(Document(text=LLM))
    c = StyleScorer(Resources(())).score(Document(text=LLM))
    assert a == b == c


def test_llm_prose_scores_higher_than_wire_report(scorer):
    wire = scorer.score(Document(text=WIRE))
    llm = scorer.score(Document(text=LLM))
    assert llm.probability > wire.probability
    assert llm.probability >= scorer.th_medium
    assert wire.level in ("none", "low")
    # the features move the documented way
    assert llm.features["llm_phrases"] > wire.features["llm_phrases"]
    assert wire.features["attribution"] > llm.features["attribution"]
    assert wire.features["human_words"] > llm.features["human_words"]


def test_evidence_offsets_slice_back(scorer):
    doc = Document(text=LLM)
    r = scorer.score(doc)
    assert r.markers, "stock phrases should be found"
    for seg in r.markers + r.marker_sentences:
        assert doc.field(seg.field)[seg.start:seg.end] == seg.text
    marked = {m.text.lower() for m in r.markers}
    assert "a testament to" in marked or "testament" in marked
    assert any(" " in m.text for m in r.markers), "multi-word phrases are marked as one span"
    assert set(r.marker_sentences) <= set(doc.sentences)
    assert 1 <= len(r.marker_sentences) <= 3


def test_offsets_with_text_whose_lower_case_is_longer(scorer):
    # 'İ' lower-cases to two characters: offsets must still be exact
    text = "İstanbul officials said on Monday. " + LLM
    doc = Document(text=text)
    r = scorer.score(doc)
    for seg in r.markers + r.marker_sentences:
        assert doc.text[seg.start:seg.end] == seg.text


def test_wire_report_has_no_stock_phrase_markers(scorer):
    r = scorer.score(Document(text=WIRE))
    assert not any(" " in m.text for m in r.markers)


def test_model_file_has_provenance_and_keys():
    m = json.loads((RES / "style_model.json").read_text(encoding="utf-8"))
    prov = m["provenance"]
    for k in ("name", "version", "what", "source", "licence", "built"):
        assert prov[k], k
    assert "fit_llm_style.py" in prov["built"]["command"]
    assert prov["built"]["split"] and prov["built"]["date"]
    assert m["features"] == list(FEATURES)
    k = len(FEATURES)
    assert len(m["mean"]) == len(m["scale"]) == len(m["coef"]) == k
    assert all(s > 0 for s in m["scale"])
    assert len(m["bootstrap"]["coef"]) == len(m["bootstrap"]["intercept"]) == m["bootstrap"]["n"] > 0
    assert all(len(row) == k for row in m["bootstrap"]["coef"])
    bins = m["calibration"]["bins"]
    assert bins[0]["lo"] == 0.0 and bins[-1]["hi"] == 1.0
    assert all(b["ci_lo"] <= b["machine_share"] <= b["ci_hi"] for b in bins)
    t = m["thresholds"]
    assert 0.5 <= t["low"] <= t["medium"] < t["high"] < 1.0
    assert m["min_words"] >= 50


def test_lexicon_file_has_provenance_and_attribution():
    lex = json.loads((RES / "style_lexicon.json").read_text(encoding="utf-8"))
    src = json.dumps(lex["provenance"]["source"])
    for name in ("Kobak", "slop-score", "antislop", "human_detectors"):
        assert name in src
    assert lex["terms"] and lex["kobak_style"]
    assert any(w > 0 for w in lex["terms"].values()) and any(w < 0 for w in lex["terms"].values())
    seeds = json.loads((RES / "style_phrases.json").read_text(encoding="utf-8"))
    assert seeds["provenance"]["licence"]


def test_features_react_to_sentence_rhythm():
    lex = json.loads((RES / "style_lexicon.json").read_text(encoding="utf-8"))
    fx = StyleFeatures({**lex, "min_words": 10})
    even = " ".join(["The committee reviewed the annual plan in detail today."] * 12)
    uneven = " ".join(["It rained.", "The committee reviewed the long annual plan in great detail over three days of hearings before the vote.", "Why?"] * 4)
    fe, _, _ = fx.extract(Document(text=even))
    fu, _, _ = fx.extract(Document(text=uneven))
    assert fe["sent_len_cv"] == 0.0
    assert fu["sent_len_cv"] > 0.5
    assert fu["short_sent"] > fe["short_sent"]
    assert fe["ttr50"] < fu["ttr50"]


def test_user_resources_override(tmp_path, scorer):
    lex = json.loads((RES / "style_lexicon.json").read_text(encoding="utf-8"))
    lex["min_words"] = 10
    (tmp_path / "llm").mkdir()
    (tmp_path / "llm" / "style_lexicon.json").write_text(json.dumps(lex), encoding="utf-8")
    model = json.loads((RES / "style_model.json").read_text(encoding="utf-8"))
    model["min_words"] = 10
    (tmp_path / "llm" / "style_model.json").write_text(json.dumps(model), encoding="utf-8")
    s = StyleScorer(Resources((str(tmp_path),)))
    short = " ".join(LLM.split()[:60])
    assert scorer.score(Document(text=short)) is None
    assert s.score(Document(text=short)) is not None

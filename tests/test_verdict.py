import pytest

from unspin import Finding, Span
from unspin.resources import Resources
from unspin.verdict import VerdictCombiner


@pytest.fixture(scope="module")
def combiner():
    return VerdictCombiner(Resources(()))


def F(kind, sev, conf=1.0):
    return Finding(kind, sev, f"{kind} message.", [Span("text", 0, 1, "x")], confidence=conf)


def test_no_findings(combiner):
    v = combiner.combine([])
    assert v.label == "no_strong_signals" and v.score == 0.0
    assert "No finding" in v.summary


def test_info_never_moves_the_score(combiner):
    v = combiner.combine([F("outlet.known", "info")] * 10)
    assert v.score == 0.0 and v.label == "no_strong_signals"


def test_framing_alone_is_not_laundering(combiner):
    v = combiner.combine([F("headline.sensational", "medium")])
    assert v.label == "no_strong_signals"


def test_high_transformation_evidence_raises_the_label(combiner):
    assert combiner.combine([F("llm.chatbot_residue", "high")]).label == "likely_laundered"
    assert combiner.combine([F("translation.transliteration", "high"), F("llm.meta_commentary", "high")]).label == "likely_laundered"


def test_style_alone_never_makes_an_article_likely_laundered(combiner):
    assert combiner.combine([F("llm.style", "medium", 0.99)]).label != "likely_laundered"
    assert combiner.combine([F("llm.style", "low", 0.99)]).label != "likely_laundered"


def test_weights_are_fitted_and_documented(combiner):
    from unspin.resources import Resources

    d = Resources(()).json("verdict/weights.json")
    held = d["provenance"]["held_out"]
    assert held["human news"]["likely_laundered"] <= 0.005
    assert d["provenance"]["human_news_all"]["n"] >= 20000
    assert d["provenance"]["human_news_all"]["likely_laundered_rate"] <= 0.005


def test_score_is_monotone_and_bounded(combiner):
    fs = []
    last = 0.0
    for sev in ["low", "medium", "high", "high", "high"]:
        fs.append(F("llm.x", sev))
        s = combiner.combine(fs).score
        assert last <= s <= 1.0
        last = s


def test_confidence_scales_the_weight(combiner):
    assert combiner.combine([F("llm.x", "high", 0.3)]).score < combiner.combine([F("llm.x", "high", 0.9)]).score


def test_summary_names_the_strongest_findings(combiner):
    v = combiner.combine([F("llm.chatbot_residue", "high"), F("headline.sensational", "low")])
    assert "1 high, 1 low" in v.summary and "llm.chatbot_residue message." in v.summary

"""The optional model-backed scorer, with a tiny stand-in backend instead of a real model.

The stand-in is a word-level model with a fixed distribution over a small vocabulary: enough to
exercise the statistics, the thresholds, the evidence and the registry, not to detect anything.
"""

import math
import re

import numpy as np
import pytest
from click.testing import CliRunner

from unspin import Document
from unspin.analyzers import registry
from unspin.analyzers.lm import LMScoreAnalyzer
from unspin.cli import main
from unspin.models.lm import TokenStats, _log_softmax_stats, scores


class StandIn:
    """Each word's probability is fixed: common words likely, others rare (uniform rest)."""

    name = "stand-in"
    COMMON = {"the": 0.2, "a": 0.1, "of": 0.1, "and": 0.1, "to": 0.1, "is": 0.05, "in": 0.05}
    REST = 0.3 / 1000  # 1000 other words share the remaining mass

    def token_stats(self, text, max_tokens):
        dist = list(self.COMMON.values()) + [self.REST] * 1000
        e = sum(p * math.log(p) for p in dist)
        v = sum(p * math.log(p) ** 2 for p in dist) - e * e
        lp, ex, va, off = [], [], [], []
        for m in list(re.finditer(r"\w+", text))[:max_tokens]:
            lp.append(math.log(self.COMMON.get(m.group().lower(), self.REST)))
            ex.append(e)
            va.append(v)
            off.append((m.start(), m.end()))
        return TokenStats(lp, ex, va, off)


@pytest.fixture
def analyzer(tmp_path):
    import json

    from unspin.resources import Resources

    (tmp_path / "llm").mkdir()
    (tmp_path / "llm" / "lm_calibration.json").write_text(json.dumps({
        "provenance": {"name": "test", "version": "t"}, "statistic": "mean_logprob", "min_words": 20,
        "max_tokens": 512, "thresholds": {"medium": -5.0, "high": -4.5}}))
    a = LMScoreAnalyzer(backend=StandIn())
    a.setup(Resources((str(tmp_path),)))
    return a


def test_log_softmax_stats_match_numpy():
    logits = np.array([2.0, 0.5, -1.0, 0.0])
    lp, e, v = _log_softmax_stats(logits, 1)
    p = np.exp(logits) / np.exp(logits).sum()
    assert lp == pytest.approx(math.log(p[1]))
    assert e == pytest.approx(float((p * np.log(p)).sum()))
    assert v == pytest.approx(float((p * np.log(p) ** 2).sum() - e * e))


def test_vectorised_stats_match_the_row_version():
    from unspin.models.lm import _distribution_stats

    rng = np.random.default_rng(0)
    logits = rng.normal(size=(70, 50)).astype(np.float32)
    targets = rng.integers(0, 50, size=70)
    lp, ex, va = _distribution_stats(logits, targets, chunk=16)
    for i in (0, 33, 69):
        a, b, c = _log_softmax_stats(logits[i].astype(np.float64), int(targets[i]))
        assert (lp[i], ex[i], va[i]) == pytest.approx((a, b, c), rel=1e-5, abs=1e-6)


def test_scores():
    st = TokenStats([-1.0, -3.0], [-2.0, -2.0], [1.0, 3.0], [(0, 1), (2, 3)])
    s = scores(st)
    assert s["mean_logprob"] == -2.0 and s["fast_detect"] == pytest.approx(0.0) and s["tokens"] == 2
    assert scores(TokenStats([], [], [], []))["tokens"] == 0


def test_predictable_text_fires_with_sentence_evidence(analyzer):
    text = ("The end of the road is the start of a trip. " * 6) + "Zebras juggle quartz vortex kumquats."
    doc = Document(text=text)
    [f] = list(analyzer.analyze(doc))
    assert f.kind == "llm.lm_score" and f.data["model"] == "stand-in" and f.data["level"] in ("medium", "high")
    for s in f.evidence:
        assert doc.text[s.start : s.end] == s.text
    assert all("Zebras" not in s.text for s in f.evidence)


def test_unpredictable_or_short_text_does_not_fire(analyzer):
    assert list(analyzer.analyze(Document(text="Zebras juggle quartz vortex kumquats daily. " * 5))) == []
    assert list(analyzer.analyze(Document(text="The end of the road."))) == []


def test_off_by_default_and_clear_error_without_the_model(monkeypatch):
    assert "lm" not in registry.select(None)
    assert registry.select(["lm"]) == ["lm"]
    monkeypatch.setenv("UNSPIN_LM_MODEL", "/nonexistent/model.gguf")
    r = CliRunner().invoke(main, ["analyze", "--analyzers", "lm", "-"], input="Some text here.")
    assert r.exit_code == 1
    assert r.stderr.startswith("unspin: error:") and ("llama-cpp-python" in r.stderr or "no such model file" in r.stderr)

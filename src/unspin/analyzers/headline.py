"""Sensational and clickbait framing in the headline (``headline.sensational``).

Matches the cue patterns of the ``headline/cues.json`` resource (exclusivity, revelation,
secrecy, shock, urgency, clickbait form; several languages) against the headline. Each cue has
a weight; a cue written in capitals in a headline that is not all capitals counts a little
more. The finding fires when the summed weight reaches ``thresholds.fire``; it is ``medium``
when the sum reaches ``thresholds.medium`` across at least ``medium_min_classes`` classes
(e.g. "Exclusive" + "secret" + "revealed"), ``low`` otherwise. Framing alone is not evidence of
laundering, hence never ``high``.

Trade-off: a lexicon is precise on the words it knows and blind to new hype words; the gold
set in ``tests/gold/headline.jsonl`` pins precision and recall so changes are measured.
"""

from __future__ import annotations

import re

from ..report.model import Finding, Span
from .base import Analyzer

CAPS_BONUS = 0.15


class HeadlineAnalyzer(Analyzer):
    name = "headline"
    version = "1"
    description = "Sensational or clickbait framing in the headline (exclusive, secret, revealed, bombshell...)."
    needs = frozenset({"title"})
    produces = ("headline.sensational",)

    def setup(self, resources) -> None:
        data = resources.json("headline/cues.json")
        self.classes = data["classes"]
        self.cues = [
            (c["class"], float(c["weight"]), re.compile(c["pattern"], re.IGNORECASE | re.UNICODE))
            for c in data["cues"]
        ]
        self.exceptions = [re.compile(p, re.IGNORECASE) for p in data.get("except", [])]
        t = data["thresholds"]
        self.fire = float(t["fire"])
        self.medium = float(t["medium"])
        self.medium_classes = int(t["medium_min_classes"])
        self.resource_version = data["provenance"].get("version", "?")

    def match(self, title: str) -> list[tuple[str, float, int, int]]:
        """(class, weight, start, end) for each cue hit, strongest per class and span kept."""
        excluded = [(m.start(), m.end()) for rx in self.exceptions for m in rx.finditer(title)]
        shouting = title.isupper()
        hits: list[tuple[str, float, int, int]] = []
        for cls, w, rx in self.cues:
            for m in rx.finditer(title):
                s, e = m.start(), m.end()
                # trim trailing separators captured by patterns such as "revealed:"
                while e > s and not title[e - 1].isalnum() and title[e - 1] != "!":
                    e -= 1
                while s < e and title[s].isspace():
                    s += 1
                if e <= s or any(a <= s and e <= b for a, b in excluded):
                    continue
                word = title[s:e]
                if not shouting and len(word) >= 4 and word.isupper():
                    w2 = w + CAPS_BONUS
                else:
                    w2 = w
                hits.append((cls, w2, s, e))
        # drop hits contained in a stronger (or equal) hit's span
        hits.sort(key=lambda h: (-h[1], h[2]))
        kept: list[tuple[str, float, int, int]] = []
        for h in hits:
            if any(k[2] <= h[2] and h[3] <= k[3] or h[2] <= k[2] and k[3] <= h[3] for k in kept):
                continue
            kept.append(h)
        return sorted(kept, key=lambda h: h[2])

    def score(self, title: str) -> tuple[float, list[tuple[str, float, int, int]]]:
        hits = self.match(title)
        # one class counts at most its two strongest cues: repetition is not more evidence
        by_class: dict[str, list[float]] = {}
        for cls, w, _, _ in hits:
            by_class.setdefault(cls, []).append(w)
        total = sum(sum(sorted(ws, reverse=True)[:2]) for ws in by_class.values())
        return total, hits

    def analyze(self, doc):
        title = doc.title
        if not title.strip():
            return
        total, hits = self.score(title)
        if total < self.fire:
            return
        classes = list(dict.fromkeys(h[0] for h in hits))
        severity = "medium" if total >= self.medium and len(classes) >= self.medium_classes else "low"
        parts = []
        for cls in classes:
            words = ", ".join(f"'{title[s:e]}'" for c, _, s, e in hits if c == cls)
            parts.append(f"{cls} ({words})")
        confidence = min(0.95, 0.4 + 0.25 * total)
        yield Finding(
            kind="headline.sensational",
            severity=severity,
            confidence=confidence,
            message="The headline uses sensational framing: " + "; ".join(parts) + ".",
            evidence=[Span("title", s, e, title[s:e]) for _, _, s, e in hits],
            data={
                "classes": classes,
                "score": round(total, 3),
                "cues": [{"class": c, "text": title[s:e], "weight": round(w, 3)} for c, w, s, e in hits],
                "resource": f"headline/cues.json@{self.resource_version}",
            },
        )

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
from ..text.lexicon import alternation
from .base import Analyzer, resources_of


class HeadlineAnalyzer(Analyzer):
    name = "headline"
    version = "2"
    description = "Sensational or clickbait framing in the headline, and headlines that promise more than the body holds."
    needs = frozenset({"title", "text", "tokens"})
    produces = ("headline.sensational", "headline.body_mismatch")

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
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
        #: added to a cue's weight when it is written in capitals in a headline that is not
        self.caps_bonus = float(t["caps_bonus"])
        self.resource_version = data["provenance"].get("version", "?")
        sup = resources.json("headline/support.json")
        self.support = alternation(sup["support"])
        self.public = alternation(sup["public"])
        self.promise = tuple(sup["promise_classes"]["all"])
        self.actor_families = [fam for fam in sup["actors"]]
        self.demonyms = frozenset(sup.get("demonyms", []))
        self.actor_index = {}
        for i, fam in enumerate(self.actor_families):
            for name in fam:
                self.actor_index[name] = i
        # actors match case-sensitively ("US", "Niger", "WHO"); a whole family is one actor
        self.actor_rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(self.actor_index, key=len, reverse=True)) + r")(?![\w-])")

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
                    w2 = w + self.caps_bonus
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
        yield from self._mismatch(doc, hits)
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

    def _mismatch(self, doc, hits):
        """headline.body_mismatch: a promised secret or revelation the body does not back, or an
        actor named in the headline that the body never mentions."""
        title, text = doc.title, doc.text
        if not text.strip():
            return
        promises = [(c, s, e) for c, _, s, e in hits if c in self.promise]
        if promises:
            public = list(self.public.finditer(text))
            support = list(self.support.finditer(text))
            if public and not support:
                ev = [Span("title", s, e, title[s:e]) for _, s, e in promises]
                ev += [Span("text", m.start(), m.end(), m.group(0)) for m in public[:3]]
                cues = ", ".join(f"'{title[s:e]}'" for _, s, e in promises)
                yield Finding(
                    kind="headline.body_mismatch", severity="medium", confidence=0.7,
                    message=(f"The headline promises a secret or a revelation ({cues}) but the body relays public "
                             f"statements ({', '.join(repr(m.group(0)) for m in public[:3])}) and shows no leak, "
                             "document or unnamed source behind it."),
                    evidence=ev,
                    data={"form": "unsupported revelation", "promises": [title[s:e] for _, s, e in promises],
                          "public_cues": [m.group(0) for m in public[:5]], "resource": "headline/support.json"},
                )
        body_fams = {self.actor_index[m.group(0)] for m in self.actor_rx.finditer(text)}
        missing = []
        for m in self.actor_rx.finditer(title):
            if m.group(0) in self.demonyms:
                continue
            fam = self.actor_index[m.group(0)]
            if fam not in body_fams and not any(f == fam for f, _ in missing):
                missing.append((fam, m))
        if missing and doc.word_count >= 80:
            names = ", ".join(f"'{m.group(0)}'" for _, m in missing)
            yield Finding(
                kind="headline.body_mismatch", severity="low", confidence=0.6,
                message=f"The headline names {names}, which the body never mentions (nor any other name for the same actor).",
                evidence=[Span("title", m.start(), m.end(), m.group(0)) for _, m in missing],
                data={"form": "actor not in body", "actors": [m.group(0) for _, m in missing], "resource": "headline/support.json"},
            )

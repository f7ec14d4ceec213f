"""The typography and house style of a non-English source (``translation.machine_style``):
guillemets, decimal commas, space thousands separators, "mln"/"bln", agency datelines, two
spellings of one place or name, and very few articles; patterns in ``translation/typography.json``."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...report.model import Finding, Span

__all__ = ["Typography", "Places", "TYPOGRAPHY"]

TYPOGRAPHY = "translation/typography.json"


def _quick(mark: dict) -> Callable[[str], object]:
    """The cheap pre-test of a mark: any of some substrings, or a short regex."""
    if "quick_pattern" in mark:
        return re.compile(mark["quick_pattern"]).search
    subs = tuple(mark.get("quick_any", ()))
    if not subs:
        return lambda t: True
    return lambda t: any(s in t for s in subs)


class Places:
    """``translation/translit_places.json``: lower-case spelling -> (place number, "english" or
    "variant")."""

    def __init__(self, data: dict | None):
        self.spellings: dict[str, tuple[int, str]] = {}
        if data:
            for i, p in enumerate(data.get("places", [])):
                self.spellings[p["english"].lower()] = (i, "english")
                for v in p.get("variants", []):
                    self.spellings[v.lower()] = (i, "variant")


class Typography:
    def __init__(self, data: dict):
        units = "|".join(data["decimal_comma_units"])
        months = "|".join(data["months"])
        self.marks: list[tuple[str, re.Pattern, Callable]] = []
        for m in data["marks"]:
            pattern = m["pattern"].replace("{units}", units).replace("{months}", months)
            rx = re.compile(pattern, re.IGNORECASE if m.get("ignore_case") else 0)
            self.marks.append((m["kind"], rx, _quick(m)))
        self.supporting = frozenset(data["supporting"])
        self.labels = dict(data["labels"])
        self.article_strings = tuple(data["article_strings"])
        self.article_rate_low = data["article_rate_low"]
        self.article_min_words = data["article_min_words"]
        self.examples = data["examples_per_mark"]
        self.max_evidence = data["max_evidence"]
        self.conf = dict(data["confidence"])

    def marks_of(self, doc, seen_names: dict[str, list[Span]],
                 place_hits: dict[int, dict[str, Span]]) -> list[tuple[str, Span]]:
        marks: list[tuple[str, Span]] = []
        for fld in ("title", "text"):
            text = doc.field(fld)
            if not text:
                continue
            for kind, rx, quick in self.marks:
                if not quick(text):  # cheap test first: the full patterns are slower scans
                    continue
                for m in rx.finditer(text):
                    marks.append((kind, Span(fld, m.start(), m.end(), m.group())))
        # two spellings of one place
        for spellings in place_hits.values():
            if len(spellings) > 1:
                marks.extend(("mixed_spelling", sp) for sp in spellings.values())
        # two spellings of one Cyrillic-looking name
        for spans in seen_names.values():
            if len({s.text for s in spans}) > 1:
                first = {}
                for s in spans:
                    first.setdefault(s.text, s)
                marks.extend(("mixed_spelling", s) for s in first.values())
        # article omission
        text = doc.text
        n_words = text.count(" ") + text.count("\n") + 1  # cheap word count: separators
        if n_words >= self.article_min_words:
            rate = sum(text.count(a) for a in self.article_strings) / n_words
            if rate < self.article_rate_low and doc.paragraphs:
                marks.append(("few_articles", Span.of(doc.paragraphs[0])))
        return marks

    def is_enough(self, marks: list[tuple[str, Span]]) -> bool:
        """True when some mark is more than supporting."""
        return any(k not in self.supporting for k, _ in marks)

    def finding(self, marks: list[tuple[str, Span]]) -> Finding:
        kinds = list(dict.fromkeys(k for k, _ in marks))
        independent = len(set(kinds))
        strong = len(set(kinds) - self.supporting)
        sev = "medium" if strong >= 2 else "low"
        parts = []
        for k in kinds:
            ex = [s.text for kk, s in marks if kk == k and k != "few_articles"][:self.examples]
            parts.append(self.labels[k] + (" (" + ", ".join(f"'{x}'" for x in ex) + ")" if ex else ""))
        evidence = []
        seen = set()
        for _, s in marks:
            if (s.field, s.start, s.end) not in seen:
                seen.add((s.field, s.start, s.end))
                evidence.append(s)
        c = self.conf
        return Finding(
            kind="translation.machine_style", severity=sev,
            confidence=round(min(c["max"], c["base"] + c["per_kind"] * independent), 3),
            message="The article keeps the typography or house style of a non-English source: " + "; ".join(parts) + ".",
            evidence=evidence[:self.max_evidence],
            data={"marks": kinds, "counts": {k: sum(1 for kk, _ in marks if kk == k) for k in kinds}},
        )

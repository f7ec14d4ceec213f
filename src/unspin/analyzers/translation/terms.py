"""Term lists of ``translation/{ru,uk,zh}_terms.json``: calques, state terminology and pinyin
terms, each a pattern run only where a literal it must contain occurs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import ResourceError
from ...report.model import Finding, Span
from .common import Rules
from .textutil import inside, max_width, quoted, required_literals, trie_pattern, windows

__all__ = ["Term", "Terms"]


@dataclass(frozen=True)
class Term:
    lang: str
    kind: str
    rx: re.Pattern
    literals: tuple[str, ...] | None
    entry: dict
    width: int = 0  # longest match the pattern can make, capped at the window


class Terms:
    """Every term of every source language, with the literal index that selects which to run."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.window = rules.t["term_window"]
        self.quote_pairs = dict(rules.raw["quote_pairs"])
        self.terms: list[Term] = []

    def add(self, lang: str, e: dict) -> None:
        pattern = e.get("pattern")
        if not pattern:
            return
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ResourceError(f"translation terms ({lang}): bad pattern {pattern!r}: {err}") from None
        lits = required_literals(pattern, re.IGNORECASE)
        self.terms.append(Term(lang, e.get("kind", "calque"), rx, tuple(lits) if lits is not None else None, e,
                               max_width(pattern, re.IGNORECASE, self.window)))

    def finish(self) -> None:
        """One trie-shaped regex over every term's required literals: a single scan of the
        text tells which terms can match, so the others are skipped (about 0.2 ms per
        article for a few hundred terms, against several ms for running them all)."""
        lits = sorted({lit for t in self.terms for lit in (t.literals or ())})
        self._lit_rx = re.compile("(?=(" + trie_pattern(lits) + "))") if lits else None
        self._lit_prefixes = {lit: [p for p in lits if lit.startswith(p)] for lit in lits}
        self._by_literal: dict[str, list[int]] = {}
        self._always = [i for i, t in enumerate(self.terms) if not t.literals]
        # patterns without a usable literal run together: one scan instead of one each
        self._always_rx = None
        if len(self._always) > 1:
            try:
                self._always_rx = re.compile(
                    "|".join(f"(?P<t{i}>{self.terms[i].rx.pattern})" for i in self._always), re.IGNORECASE)
            except re.error:  # e.g. clashing group names: run them one by one
                self._always_rx = None
        for i, t in enumerate(self.terms):
            for lit in t.literals or ():
                self._by_literal.setdefault(lit, []).append(i)

    def _present_literals(self, low: str) -> set[str]:
        if self._lit_rx is None:
            return set()
        out: set[str] = set()
        for lit in set(self._lit_rx.findall(low)):
            out.update(self._lit_prefixes.get(lit, (lit,)))
        return out

    def findings(self, doc) -> list[Finding]:
        t, c = self.rules.t, self.rules.c
        default_w = t["term_default_weight"]
        medium_w = t["term_medium_weight"]
        out: list[Finding] = []
        lowered = {"title": doc.title.lower(), "text": doc.text.lower()}
        present = {f: self._present_literals(low) for f, low in lowered.items()}
        quotes = None
        run = set(self._always)
        pre: dict[int, list[Span]] = {}
        if self._always_rx is not None:
            for fld in ("title", "text"):
                text = doc.field(fld)
                for m in self._always_rx.finditer(text):
                    if m.end() > m.start() and m.lastgroup:
                        pre.setdefault(int(m.lastgroup[1:]), []).append(Span(fld, m.start(), m.end(), m.group()))
            run.difference_update(self._always)
            run.update(pre)
        for lits in present.values():
            for lit in lits:
                run.update(self._by_literal.get(lit, ()))
        for ti in sorted(run):
            term = self.terms[ti]
            spans: list[Span] = list(pre.get(ti, ()))
            for fld in ("title", "text") if ti not in pre else ():
                if term.literals and present[fld].isdisjoint(term.literals):
                    continue
                text = doc.field(fld)
                low = lowered[fld]
                if term.literals and len(low) == len(text):
                    wins = windows(low, [lit for lit in term.literals if lit in present[fld]], term.width)
                else:
                    wins = [(0, len(text))]
                seen_m: set[tuple[int, int]] = set()
                for a, b in wins:
                    for m in term.rx.finditer(text, a, b):
                        if m.end() > m.start() and (m.start(), m.end()) not in seen_m:
                            seen_m.add((m.start(), m.end()))
                            spans.append(Span(fld, m.start(), m.end(), m.group()))
            if not spans:
                continue
            e = term.entry
            if term.kind == "pinyin_term":
                out.append(self._pinyin(term, spans))
                continue
            if term.kind == "state_term":
                if quotes is None:
                    quotes = {"title": quoted(doc.title, self.quote_pairs), "text": quoted(doc.text, self.quote_pairs)}
                own = [s for s in spans if not inside(quotes[s.field], s.start, s.end)]
                if not own:
                    continue
                # place-name spellings and other weak markers (weight < 0.6) are context only
                sev = "medium" if float(e.get("weight", default_w)) >= medium_w else "low"
                spans = own
                msg = (f"'{own[0].text}' is {term.lang} state terminology"
                       + (f" ({e.get('source_phrase')})" if e.get("source_phrase") else "")
                       + f" used in the article's own voice; neutral English: '{e.get('meaning_en', '')}'.")
            else:
                w = float(e.get("weight", default_w))
                sev = "medium" if w >= medium_w else "low"
                msg = (f"'{spans[0].text}' is a calque of the {term.lang} phrase"
                       + (f" {e.get('source_phrase')}" if e.get("source_phrase") else "")
                       + (f"; idiomatic English: '{e.get('meaning_en')}'" if e.get("meaning_en") else "") + ".")
            out.append(Finding(
                kind="translation.calque", severity=sev,
                confidence=round(min(c["term_max"], c["term_base"] + c["term_per_weight"] * float(e.get("weight", default_w))), 3),
                message=msg, evidence=spans,
                data={"term_kind": term.kind, "lang": term.lang, "source_phrase": e.get("source_phrase"),
                      "meaning_en": e.get("meaning_en"), "weight": e.get("weight"), "stance": e.get("stance"),
                      "note": e.get("note")},
            ))
        return out

    def _pinyin(self, term: Term, spans: list[Span]) -> Finding:
        e = term.entry
        tok = spans[0].text
        return Finding(
            kind="translation.transliteration", severity="high", confidence=self.rules.c["pinyin"],
            message=(f"'{tok}' is the Chinese term {e.get('hanzi', '')} left in pinyin; English writes "
                     f"'{e.get('meaning_en', '')}'."),
            evidence=spans,
            data={"token": tok, "cyrillic": None, "hanzi": e.get("hanzi"), "lang": "zh", "scheme": "pinyin",
                  "expansion": e.get("pinyin"), "meaning_en": e.get("meaning_en"),
                  "english_forms": [e["meaning_en"]] if e.get("meaning_en") else [],
                  "accepted_in_english": False, "zipf": None},
        )

"""Common nouns (and institution words such as Minoborony) left in Latin letters."""

from __future__ import annotations

from ...report.model import Finding, Span
from ...text.translit.index import Candidate, TranslitIndex
from .common import Rules, scheme_family

__all__ = ["Nouns"]


class Nouns:
    def __init__(self, index: TranslitIndex, rules: Rules):
        self.index = index
        self.rules = rules

    def finding(self, core: str, span: Span, cands: list[Candidate], mid_capital: bool) -> Finding | None:
        """A common noun (or an institution word such as Minoborony) left transliterated.

        A capitalised token inside a sentence is a proper name in English (Vedomosti,
        Sberbank, a House of Culture called Yunost): it only counts when pymorphy3 reads the
        candidate as an organisation word (минобороны, минздрав, госдума), and then as
        ``medium``. Candidates that are names, surnames, patronymics or places never count.
        """
        t, c = self.rules.t, self.rules.c
        min_zipf = t["noun_min_zipf"]
        if len(core) < t["noun_min_len"] or any(f in c_.flags for c_ in cands for f in "NSPG"):
            return None
        ru = [x for x in cands if x.lang == "ru" and x.zipf >= min_zipf]
        best = ru[0] if ru else cands[0]
        if best.zipf < min_zipf:
            return None
        if mid_capital and "O" not in best.flags:
            return None
        en = self.index.english_zipf(core)
        if en >= t["noun_english_quiet"]:
            return None
        schemes = self.index.schemes(core, best)
        fam = sorted({scheme_family(s) for s in schemes} - {""})
        conf = c["noun"] - (c["noun_mid_capital_penalty"] if mid_capital else 0.0)
        lemma = f" (dictionary form {best.lemma})" if best.lemma and best.lemma != best.cyrillic else ""
        lang = self.rules.raw["language_names"][best.lang]
        what = "institution name" if "O" in best.flags else "word"
        return Finding(
            kind="translation.transliteration",
            severity="medium" if mid_capital else "high",
            confidence=round(max(c["noun_floor"], conf), 3),
            message=f"'{core}' is the {lang} {what} {best.cyrillic}{lemma} left in Latin letters, not translated.",
            evidence=[span],
            data={"token": core, "cyrillic": best.cyrillic, "lemma": best.lemma, "lang": best.lang,
                  "scheme": schemes[0] if schemes else None, "scheme_families": fam, "expansion": None,
                  "meaning_en": None, "english_forms": [], "accepted_in_english": False,
                  "zipf": best.zipf, "english_zipf": en},
        )

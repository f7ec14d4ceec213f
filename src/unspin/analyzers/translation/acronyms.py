"""Acronyms spelled letter by letter from Cyrillic ("VSU" for ВСУ, "MO RF" for МО РФ)."""

from __future__ import annotations

import re

from ...report.model import Finding, Span
from ...text.translit.index import AcronymMapper
from .common import Rules, english_zipf

__all__ = ["Acronyms", "context_acronyms"]


class Acronyms:
    """The acronym tables of every source language, as one :class:`AcronymMapper`."""

    def __init__(self, entries: list[dict], rules: Rules, letters: dict):
        """``letters``: ``translation/acronym_letters.json`` (its ``letters`` and ``max_spellings``)."""
        self.mapper = AcronymMapper(entries, letters["letters"], max_spellings=letters["max_spellings"])
        self.rules = rules
        self.small_words = frozenset(rules.raw["acronym_definition_small_words"])

    def lookup(self, latin: str) -> list[dict]:
        return self.mapper.lookup(latin)

    def two_letter_ok(self, core: str) -> bool:
        """A two-letter spelling that is a common English word or acronym ("VS", "ES") is left
        alone; longer all-caps tokens are not the English word ("MID")."""
        return len(core) >= self.rules.t["acronym_min_letters"] or english_zipf(core) < self.rules.t["acronym_two_letter_english_max"]

    def finding(self, latin: str, span: Span, hits: list[dict]) -> Finding | None:
        t, c = self.rules.t, self.rules.c
        e = hits[0]
        if e.get("accepted_in_english"):
            return None
        forms_en = [f for f in e.get("english_forms", []) if f]
        if latin in {f.upper() for f in forms_en}:
            return None
        key = e["cyr"]
        meaning = e.get("meaning_en") or ""
        std = " or ".join(f"'{f}'" for f in forms_en[:2]) or f"'{meaning}'"
        exp = e.get("expansion") or ""
        lang_word = self.rules.raw["language_names"].get(e.get("lang", ""), "Russian/Ukrainian")
        msg = (f"'{latin}' is the {lang_word} acronym {key}"
               + (f" ({exp})" if exp else "")
               + f" spelled letter by letter; English writes {std}"
               + (f" ({meaning})" if meaning and meaning not in std else "") + ".")
        lang = e.get("lang", "ru")
        scheme = self.mapper.scheme_of(latin, e)
        plain = scheme == "letters" or latin in (e.get("translit") or [])
        en = english_zipf(latin) if " " not in latin else 0.0
        needs_context = en >= (t["acronym_english_plain"] if plain else t["acronym_english_mixed"])
        long_ = len(latin.replace(" ", "")) >= t["acronym_min_letters"]
        return Finding(
            kind="translation.transliteration",
            severity="high",
            confidence=(c["acronym"] if long_ else c["acronym_short"]) - (c["acronym_needs_context_penalty"] if needs_context else 0.0),
            message=msg,
            evidence=[span],
            data={"token": latin, "cyrillic": key, "lang": lang, "scheme": scheme,
                  "expansion": exp or None, "meaning_en": meaning or None, "english_forms": forms_en,
                  "accepted_in_english": False, "zipf": None, "category": e.get("category"),
                  "english_zipf": en, "needs_context": needs_context},
        )

    def defined_in_english(self, doc, f: Finding) -> bool:
        """True when the article spells an acronym finding out in English words whose initials
        give its letters: "personal video recorder (PVR)" makes PVR an English acronym here."""
        d = f.data
        tok = d.get("token") or ""
        if f.kind != "translation.transliteration" or not d.get("cyrillic") or not tok.isupper() or " " in tok:
            return False
        back = self.rules.t["acronym_definition_lookback"]
        for fld in ("text", "title"):
            text = doc.field(fld)
            for m in re.finditer(r"\(\s*" + re.escape(tok) + r"(?:s|'s|’s)?\s*\)", text):
                words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start() - back):m.start()])
                         if w.lower() not in self.small_words]
                initials = "".join(w[0].upper() for w in words[-(len(tok) + 1):])
                if initials.endswith(tok) or _subsequence(tok, initials):
                    return True
        return False


def _subsequence(letters: str, initials: str) -> bool:
    it = iter(initials)
    return bool(initials) and initials[0] == letters[0] and all(ch in it for ch in letters)


def context_acronyms(findings: list[Finding]) -> list[Finding]:
    """Acronym spellings that are also English words or acronyms ("MID", "MSP", "WEF") count
    only with support: another transliteration or name finding in the article, or a second such
    acronym. Alone they are more likely English ("MSP" for a Scottish MP)."""
    weak = [f for f in findings if f.data.get("needs_context")]
    if not weak:
        return findings
    support = any(f.kind in ("translation.transliteration", "translation.name_variant")
                  and not f.data.get("needs_context") for f in findings)
    if support or len({f.data.get("cyrillic") for f in weak}) >= 2:
        for f in weak:
            f.message += " (Read as Russian because the article has other marks of a Russian source.)"
        return findings
    return [f for f in findings if not f.data.get("needs_context")]

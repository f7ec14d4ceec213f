"""Names: known people (``gazetteer/people.json``) written in a non-standard romanisation, and
tokens that read as Russian names romanised only the way other languages do ("Petrow")."""

from __future__ import annotations

import re

from ...kb.gazetteer import CYRILLIC_LANGS, Gazetteer
from ...report.model import Finding, Span
from ...resources import cached_derivation
from ...text.translit import schemes as _schemes_module
from ...text.translit.index import Candidate, TranslitIndex
from ...text.translit.schemes import ENGLISH_FAMILY, forms, skeleton
from .common import SCHEMES_BY_NAME, Rules, english_zipf, scheme_family

__all__ = ["Names", "drop_covered"]

_WORD = re.compile(r"[A-Za-z]+")
#: cache key part for the name forms (the cache also keys on the input files' stamps)
_FORMS_VERSION = "2"


class Names:
    """Skeleton of every variant of each Cyrillic-named person's family (and given) name ->
    person, built once at set-up; read-only afterwards."""

    def __init__(self, gazetteer: Gazetteer | None, index: TranslitIndex, rules: Rules, rules_path: str = ""):
        self.index = index
        self.rules = rules
        uk = rules.raw["uk_to_ru"]
        self._uk_endings = tuple(tuple(p) for p in uk["endings"])
        self._uk_table = str.maketrans(dict(uk["letters"]))
        self._uk_keep = uk["keep_final"]
        self._foreign_mark = re.compile(rules.raw["foreign_name_mark"])
        self.people: list[dict] = []
        self.family_sk: dict[str, list[int]] = {}
        self.given_sk: dict[int, frozenset[str]] = {}
        self.accepted: dict[int, set[str]] = {}
        self.accepted_any: frozenset[str] = frozenset()
        self._forms_cache: dict = {}
        if gazetteer is None or not len(gazetteer):
            return
        # romanising every gazetteer name under every scheme costs ~0.3 s: cached between runs
        inputs = [gazetteer.path, _schemes_module.__file__, __file__] + ([rules_path] if rules_path else [])
        self._forms_cache = cached_derivation(
            "translation-name-forms", [p for p in inputs if p], _FORMS_VERSION, lambda: self._all_name_forms(gazetteer))
        min_sk = rules.t["skeleton_min_len"]
        accepted_any: set[str] = set()
        for p in gazetteer.cyrillic():
            lang = p.get("native_lang", "")
            fam, nfam = p["family"], p["native_family"]
            i = len(self.people)
            self.people.append(p)
            ok = {fam.lower()}
            for a in [p.get("name", "")] + list(p.get("aliases", [])):
                ok.update(w.lower() for w in _WORD.findall(a or ""))
            variants: set[str] = {fam.lower()}
            for key, schemes in self.name_forms(nfam, lang).items():
                variants.add(key)
                if any(scheme_family(s) == ENGLISH_FAMILY and not s.endswith("/ascii") for s in schemes):
                    ok.add(key)
            self.accepted[i] = ok
            accepted_any |= ok
            for v in variants:
                sk = skeleton(v)
                if len(sk) >= min_sk:
                    lst = self.family_sk.setdefault(sk, [])
                    if i not in lst:
                        lst.append(i)
            given, ngiven = p.get("given") or "", p.get("native_given") or ""
            gv = {given.lower()} | (set(self.name_forms(ngiven, p.get("native_lang", "ru"))) if ngiven else set())
            self.given_sk[i] = frozenset(skeleton(v) for v in gv if v)
        self.accepted_any = frozenset(accepted_any)

    # -- romanisations ---------------------------------------------------------------------
    def _uk_to_ru(self, word: str) -> str:
        """A Ukrainian word spelled with Russian letters (Зеленський -> Зеленскый -> close
        enough for skeleton matching; the ending -ський is mapped to -ский)."""
        w = word
        for a, b in self._uk_endings:
            w = w.replace(a, b)
        if w.endswith(self._uk_keep):
            return w[:-len(self._uk_keep)].translate(self._uk_table) + self._uk_keep
        return w.translate(self._uk_table)

    def _all_name_forms(self, gazetteer: Gazetteer) -> dict[str, dict[str, list[str]]]:
        out = {}
        for p in gazetteer:
            lang = p.get("native_lang", "")
            if lang not in CYRILLIC_LANGS:
                continue
            for native in (p.get("native_family"), p.get("native_given")):
                if native:
                    out[f"{lang}|{native}"] = self._compute_name_forms(native, lang)
        return out

    def name_forms(self, native: str, lang: str) -> dict[str, list[str]]:
        hit = self._forms_cache.get(f"{lang}|{native}")
        return hit if hit is not None else self._compute_name_forms(native, lang)

    def _compute_name_forms(self, native: str, lang: str) -> dict[str, list[str]]:
        """Romanisations of a native name: the language's own schemes, plus the Russian ones
        for Ukrainian and Belarusian names (English news often spells them from Russian)."""
        out: dict[str, list[str]] = {}
        word = native.strip().lower()
        if not word:
            return out
        langs = ["ru"] if lang in ("ru", "be") else ["uk", "ru"]
        for lg in langs:
            w = word if lg == lang or lang == "be" else self._uk_to_ru(word)
            for k, ss in forms(w, lg).items():
                out.setdefault(k, []).extend(ss)
        return out

    # -- findings --------------------------------------------------------------------------
    def known(self, core: str, span: Span, toks, j: int):
        """A finding for a known person's non-standard spelling; False when the token is a
        known person's accepted spelling (stop looking); None when it is not a known name."""
        c = self.rules.c
        low = core.lower()
        if low in self.accepted_any:
            return False
        ids = self.family_sk.get(skeleton(core))
        if not ids:
            return None
        if english_zipf(core) >= self.rules.t["name_english_quiet"]:
            return None
        i = ids[0]
        p = self.people[i]
        evidence = [span]
        given_note = ""
        if j > 0:
            prev = toks[j - 1]
            if prev.end + 1 == span.start and prev.text[:1].isupper() and skeleton(prev.text) in self.given_sk[i]:
                evidence = [Span(span.field, prev.start, span.end, prev.text + " " + core)]
                given_note = f" (with the given name '{prev.text}')"
        schemes = self.name_forms(p.get("native_family", ""), p.get("native_lang", "ru")).get(low, [])
        exact = bool(schemes)
        return Finding(
            kind="translation.name_variant",
            severity="medium",
            confidence=c["name_exact"] if exact else c["name_skeleton"],
            message=(f"'{core}'{given_note} looks like a non-standard romanisation of {p['name']} "
                     f"({p.get('native', p.get('native_family'))}); English-language news writes '{p.get('family')}'."),
            evidence=evidence,
            data={"token": core, "canonical": p["name"], "person_id": p.get("id"), "native": p.get("native"),
                  "lang": p.get("native_lang"), "schemes": schemes[:6], "match": "exact" if exact else "skeleton"},
        )

    def pattern(self, core: str, span: Span, cands: list[Candidate]) -> Finding | None:
        personal = [c for c in cands if c.personal and c.lang == "ru" and c.pos == "NOUN"]
        if not personal or len(core) < self.rules.t["pattern_name_min_len"] or not self._foreign_mark.search(core.lower()):
            return None
        if self.index.english_zipf(core) >= self.rules.t["name_english_quiet"]:
            return None
        c = personal[0]
        schemes = self.index.schemes(core, c)
        if not schemes or any(scheme_family(s) == ENGLISH_FAMILY for s in schemes):
            return None
        std = sorted(self.index.english_forms(c))
        bgn = next((SCHEMES_BY_NAME[s].translate(c.cyrillic) for s in self.rules.raw["standard_name_schemes"]
                    if c.lang in SCHEMES_BY_NAME[s].langs), std[0] if std else "")
        kind = self.rules.raw["name_kinds"]
        what = next((kind[f] for f in "SNP" if f in c.flags), "name")
        return Finding(
            kind="translation.name_variant",
            severity="low",
            confidence=self.rules.c["name_pattern"],
            message=(f"'{core}' reads as the {what} {c.cyrillic.capitalize()} romanised the "
                     f"{_scheme_words(schemes)} way; English-language news would write '{bgn.capitalize()}'."),
            evidence=[span],
            data={"token": core, "canonical": None, "person_id": None, "cyrillic": c.cyrillic, "lang": c.lang,
                  "schemes": schemes[:6], "standard": bgn.capitalize(), "match": "pattern"},
        )


def _scheme_words(schemes: list[str]) -> str:
    fams = {scheme_family(s) for s in schemes}
    names = sorted({s.split("/")[0].split("_")[0] for s in schemes})
    if fams <= {"foreign"}:
        return "/".join(n.capitalize() for n in names[:3])
    if "mixup" in fams:
        return "mixed-scheme"
    return "scholarly (" + "/".join(names[:3]) + ")"


def drop_covered(findings: list[Finding]) -> list[Finding]:
    """Pattern-only name findings whose every span lies inside a known person's finding
    ("Dmitrij" inside "Dmitrij Pieskow") say nothing more: drop them."""
    known = [e for f in findings if f.kind == "translation.name_variant" and f.data.get("person_id")
             for e in f.evidence]
    if not known:
        return findings

    def covered(f: Finding) -> bool:
        return all(any(k.field == e.field and k.start <= e.start and e.end <= k.end for k in known)
                   for e in f.evidence)

    return [f for f in findings if f.data.get("match") != "pattern" or not covered(f)]

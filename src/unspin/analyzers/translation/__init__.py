"""Marks that an English article was machine-translated from another language (``translation.*``).

Four kinds, all from resources plus the transliteration engine of :mod:`unspin.text.translit`:

``translation.transliteration``
    A Latin-script token that is a romanised Cyrillic word or acronym, or an untranslated pinyin
    term. *Acronyms*: an all-caps token (or two, "MO RF") that spells an entry of the acronym
    table letter by letter (``VSU``/``WSU`` for ВСУ, ``SVO`` for СВО) -> ``high`` when the
    entry's English form differs. Acronyms English uses as they are (TASS, FSB, KGB: table
    field ``accepted_in_english``) give **no finding**: they are English, and flagging them
    would fire on every wire story. A spelling that is also common English (wordfreq Zipf of
    the lower-case form >= 2.5 for plain spellings, >= 1.5 for mixed ones such as W for В:
    "MID", "MSP", "WEF") counts only when the article has another transliteration or name
    mark (or a second such acronym); an acronym the article spells out in English words with
    matching initials ("personal video recorder (PVR)") is English. Sentences written in
    capitals are skipped. *Common nouns*: a token whose lower-case form is a key of the forward
    index (romanised top-frequency Russian/Ukrainian words) and whose candidates are not names,
    surnames, patronymics or places for pymorphy3 (``shtab``, ``genshtab``) -> ``high``; a
    capitalised token inside a sentence is a name in English (Vedomosti, Sberbank) and only
    counts when pymorphy3 reads it as an organisation word (``Minoborony``) -> ``medium``.
    Loans English has adopted are silent: Kremlin, Duma, oblast, rouble are English words for
    wordfreq (>= 2.5, dropped at build time), and forms English text already uses at all
    (English Zipf >= 1.0: Kommersant, Roskomnadzor, tenge) are ignored here. Pinyin terms of
    ``zh_terms.json`` (``Waijiaobu``) -> ``high`` with ``lang`` "zh".
``translation.name_variant``
    A known person (``gazetteer/people.json``) written in a non-standard romanisation: the
    token's :func:`~unspin.text.translit.schemes.skeleton` matches one of the person's name variants
    but the token is neither the gazetteer's spelling, nor an alias, nor an English-family
    romanisation (BGN/PCGN, Wikipedia, passport...) -> ``medium`` (with the given name joined
    to the evidence when it precedes). A token the index reads as a Russian surname, given name
    or patronymic written *only* under non-English schemes and carrying a letter group English
    romanisation never uses (w, sz, cz, sch, j, ou, -ij) -> ``low`` (pattern only: "Petrow").
``translation.calque``
    Patterns of ``{ru,uk,zh}_terms.json``: calques and state terminology used in the article's
    own voice (both ``low``, ``medium`` from weight 0.6: old place-name spellings such as Kiev
    stay ``low``, being standard English before 2019); a state term that only
    occurs inside quotation marks is reported by nobody (quoting is what reporters do).
``translation.machine_style``
    One finding per article collecting the typography and house style of another language:
    paired «guillemets», decimal commas ("1,5 million"), space thousands separators ("1 200"),
    agency datelines ("MOSCOW, March 3. /TASS/."), two spellings of one place (Kiev and Kyiv,
    ``translit_places.json``) or of one name; "mln"/"bln" and a very low rate of a/an/the only
    support the others (Reuters wrote "mln" for decades; tables have few articles). ``medium``
    when at least two independent strong kinds co-occur, else ``low``.

Source languages plug in through :data:`SOURCE_LANGUAGES` (acronym table, terms file); Russian
and Ukrainian share the transliteration index, Chinese brings pinyin terms. Missing optional
tables are listed in ``self.missing`` and the rest runs.

Trade-offs: the index only knows frequent words (top 60k Russian, 30k Ukrainian): a rare word
left transliterated is missed, and so is a capitalised plain noun inside a sentence
("the Genshtab said": found when lower case or sentence-initial). Names are handled apart from
common nouns, so a badly spelled unknown *common* word is only found if some scheme produces
exactly that spelling. Every token costs one hash lookup; term patterns run only where a
literal they must contain occurs (one trie-shaped scan finds those), so the analyzer stays
under 2 ms on a 600-word article.
"""

from __future__ import annotations

import re
import re._parser as _sre
from dataclasses import dataclass
from functools import lru_cache

from ...errors import ResourceError
from ...report.model import Finding, Span
from ...text.translit import schemes as _schemes_module
from ...text.translit.index import AcronymMapper, Candidate, TranslitIndex
from ...text.translit.schemes import ENGLISH_FAMILY, SCHEMES, forms, skeleton
from ..base import Analyzer

__all__ = ["TranslationAnalyzer", "SourceLanguage", "SOURCE_LANGUAGES"]


@dataclass(frozen=True)
class SourceLanguage:
    """What one language of origin contributes: resource names (optional files)."""

    code: str
    acronyms: str | None = None
    terms: str | None = None


#: Languages of origin; a new one is a line here plus its resource files.
SOURCE_LANGUAGES: tuple[SourceLanguage, ...] = (
    SourceLanguage("ru", acronyms="translation/ru_acronyms.json", terms="translation/ru_terms.json"),
    SourceLanguage("uk", acronyms="translation/uk_acronyms.json", terms="translation/uk_terms.json"),
    SourceLanguage("zh", terms="translation/zh_terms.json"),
)

INDEX = "translation/translit_index.json"
PEOPLE = "gazetteer/people.json"
PLACES = "translation/translit_places.json"

# Common-noun transliteration: the Cyrillic candidate must be at least this frequent (wordfreq
# Zipf) and the token at least this long. A key that English text already uses (wordfreq
# English Zipf >= EN_QUIET: Kommersant 1.9, tenge 1.9, Roskomnadzor 1.3, Lokomotiv 1.9) is an
# accepted loan or name and is ignored; MT leftovers such as shtab, Genshtab, Minoborony have
# English Zipf 0. Measured on WMT21-23 ru-en MT output: the loans above were 60% of the hits
# at 2.0; at 1.0 they are gone and the leftovers stay.
MIN_ZIPF = 2.8
MIN_LEN = 4
EN_QUIET = 1.0
# Acronym spellings at least this frequent as English words (wordfreq Zipf of the lower-case
# form) need support from other marks in the article: plain letter-by-letter spellings
# (VSU, SVO: 1.7-2.1) and mixed ones with W for В, C for С... (WSU 2.7, WEF 2.4).
ACRONYM_EN_PLAIN = 2.5
ACRONYM_EN_MIXED = 1.5
# Names: tokens at least this frequent as English words (wordfreq Zipf) are left alone.
NAME_EN_QUIET = 1.5
# Article rate (a/an/the per word) under which Slavic-to-English article omission is suspected,
# on bodies of at least ARTICLE_MIN_WORDS words (measured on BBC news: see the module report).
ARTICLE_RATE_LOW = 0.03
ARTICLE_MIN_WORDS = 150

CYRILLIC_FAMILIES = {"ru", "uk", "be"}
_WORD = re.compile(r"[A-Za-z]+")
# Letters English romanisation never uses for Russian: W, Polish/Czech/German clusters, J, OU...
_FOREIGN_MARK = re.compile(r"w|sz|cz|sch|j|ou|ij$|yj$")
_ARTICLE_STRINGS = (" the ", " a ", " an ", "The ", "A ", "An ", "\nthe ", "\na ", "\nan ")

_GUILLEMETS = re.compile(r"«[^«»\n]{1,300}»|„[^„“\n]{1,300}“")
#: Marks that only support others: Reuters wrote "mln"/"bln" for decades, and tables or very
#: short items have few articles. Alone they raise nothing; they never make a finding medium.
SUPPORTING_MARKS = frozenset({"mln_bln", "few_articles"})
_DECIMAL_COMMA = re.compile(
    r"(?<![\d,.])\d{1,3},\d{1,2}(?!\d|,\d)\s*(?:%|per ?cent|percent|million|billion|trillion|thousand|mln|bln|bn|m\b|km|kg|tonnes|tons|hryvnias?|roubles?|rubles?|yuan|dollars|euros)",
    re.IGNORECASE,
)
_SPACE_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)(?=\s+[a-z%])")
_MLN = re.compile(r"\b(?:mln|bln|mlrd|trln)\b\.?", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z\-. ]{2,30}, (?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{1,2})?\. ?/[A-Za-z][A-Za-z .\-]{1,30}/\.?"
)
_QUICK = {
    "guillemets": lambda t: "«" in t or "„" in t,
    "decimal_comma": re.compile(r"\d,\d").search,
    "space_thousands": re.compile(r"\d[ \u00a0\u202f]\d\d\d").search,
    "mln_bln": lambda t: "ln" in t or "LN" in t or "lrd" in t or "LRD" in t,
    "dateline": lambda t: "/" in t,
}
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}


def _seq_literal(items) -> str:
    """The longest run of literal characters in a parsed regex sequence that every match must
    contain (runs inside required non-branching groups count too)."""
    best = ""
    run: list[str] = []

    def close() -> None:
        nonlocal best, run
        if len(run) > len(best):
            best = "".join(run)
        run = []

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
        elif name == "AT":
            continue
        elif name == "SUBPATTERN" and not any(str(o) == "BRANCH" for o, _ in arg[-1]):
            close()
            inner = _seq_literal(list(arg[-1]))
            if len(inner) > len(best):
                best = inner
        else:
            close()
    close()
    return best


def _alternatives(items) -> list[str] | None:
    """Literal sets for a parsed sequence: the longest plain run, or for a required alternation
    group one literal per alternative; the set whose weakest (shortest) literal is longest wins,
    so "the (publication|edition) writes" is keyed on publication/edition, not on "the"."""
    cands: list[list[str]] = []
    run = _seq_literal(items).strip().lower()
    if len(run) >= 3:
        cands.append([run])
    for op, arg in items:
        name = str(op)
        if name == "SUBPATTERN":
            inner = list(arg[-1])
            if len(inner) == 1 and str(inner[0][0]) == "BRANCH":
                op, arg = inner[0]
                name = "BRANCH"
        if name != "BRANCH":
            continue
        out: list[str] = []
        for b in arg[1]:
            lits = _alternatives(list(b))
            if lits is None:
                out = []
                break
            out.extend(lits)
        if out:
            cands.append(out)
    if not cands:
        return None
    return max(cands, key=lambda c: (min(len(x) for x in c), -len(c)))


def required_literals(pattern: str, flags: int = 0) -> list[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains (one per
    alternative when the pattern is an alternation), or None when some alternative has no
    literal of at least 3 characters (then the pattern always runs). Used to skip, with a
    substring test, patterns whose words are not in the text at all."""
    try:
        items = list(_sre.parse(pattern, flags))
    except re.error:
        return None
    lits = _alternatives(items)
    return sorted(set(lits)) if lits else None


@dataclass
class _Term:
    lang: str
    kind: str
    rx: re.Pattern
    literals: list[str] | None
    entry: dict
    width: int = 0  # longest match the pattern can make, capped at WINDOW


#: cache key part for the name forms (the cache also keys on this file's and the schemes' stamps)
_FORMS_VERSION = "1"


class TranslationAnalyzer(Analyzer):
    """Transliterated words and acronyms, non-standard name spellings, calques and state terms,
    and the typography of a translated article."""

    name = "translation"
    version = "1"
    description = "Marks of machine translation: transliterated acronyms and words, name variants, calques, source-language typography."
    needs = frozenset({"title", "text", "tokens", "title_tokens", "sentences"})
    produces = (
        "translation.transliteration",
        "translation.name_variant",
        "translation.calque",
        "translation.machine_style",
    )

    # ------------------------------------------------------------------ set-up

    def setup(self, resources) -> None:
        self.index = TranslitIndex(resources.json(INDEX))
        self.missing: list[str] = []
        entries: list[dict] = []
        self.terms: list[_Term] = []
        term_files = []
        for src in SOURCE_LANGUAGES:
            if src.acronyms:
                data = self._optional(resources, src.acronyms)
                if data:
                    entries.extend(data.get("entries", []))
            if src.terms:
                data = self._optional(resources, src.terms)
                if data:
                    term_files.append(resources.path(src.terms))
                    for e in data.get("entries", []):
                        self._add_term(src.code, e)
        self.acronyms = AcronymMapper(entries)
        self._setup_literals()
        people = self._optional(resources, PEOPLE)
        # romanising every gazetteer name under every scheme costs ~0.3 s: cached between runs
        self._forms_cache = {}
        if people:
            from ...resources import cached_derivation

            self._forms_cache = cached_derivation(
                "translation-name-forms", [resources.path(PEOPLE), _schemes_module.__file__, __file__], _FORMS_VERSION,
                lambda: self._all_name_forms(people))
        self._setup_people(people)
        places = self._optional(resources, PLACES)
        self.places: dict[str, tuple[int, str]] = {}
        if places:
            for i, p in enumerate(places.get("places", [])):
                self.places[p["english"].lower()] = (i, "english")
                for v in p.get("variants", []):
                    self.places[v.lower()] = (i, "variant")

    def _optional(self, resources, name: str) -> dict | None:
        try:
            return resources.json(name)
        except ResourceError:
            self.missing.append(name)
            return None

    def _add_term(self, lang: str, e: dict) -> None:
        pattern = e.get("pattern")
        if not pattern:
            return
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ResourceError(f"translation terms ({lang}): bad pattern {pattern!r}: {err}") from None
        try:
            width = min(WINDOW, int(_sre.parse(pattern, re.IGNORECASE).getwidth()[1]))
        except (re.error, OverflowError, ValueError):
            width = WINDOW
        self.terms.append(_Term(lang, e.get("kind", "calque"), rx, required_literals(pattern, re.IGNORECASE), e,
                                width))

    def _setup_literals(self) -> None:
        """One trie-shaped regex over every term's required literals: a single scan of the
        text tells which terms can match, so the others are skipped (about 0.2 ms per
        article for a few hundred terms, against several ms for running them all)."""
        lits = sorted({lit for t in self.terms for lit in (t.literals or ())})
        self._lit_rx = re.compile("(?=(" + _trie_pattern(lits) + "))") if lits else None
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

    def _setup_people(self, data: dict | None) -> None:
        """Skeleton of every variant of each person's family (and given) name -> person."""
        self.people: list[dict] = []
        self.family_sk: dict[str, list[int]] = {}
        self._given_sk: dict[int, set[str]] = {}
        self.accepted: dict[int, set[str]] = {}
        self.accepted_any: set[str] = set()
        if not data:
            return
        for p in data.get("entries", data.get("people", [])):
            lang = p.get("native_lang", "")
            fam, nfam = p.get("family") or "", p.get("native_family") or ""
            if lang not in CYRILLIC_FAMILIES or not fam or not nfam:
                continue
            i = len(self.people)
            self.people.append(p)
            ok = {fam.lower()}
            for a in [p.get("name", "")] + list(p.get("aliases", [])):
                ok.update(w.lower() for w in _WORD.findall(a or ""))
            variants: set[str] = {fam.lower()}
            for key, schemes in self._name_forms(nfam, lang).items():
                variants.add(key)
                if any(self._family(s) == ENGLISH_FAMILY and not s.endswith("/ascii") for s in schemes):
                    ok.add(key)
            self.accepted[i] = ok
            self.accepted_any |= ok
            for v in variants:
                sk = skeleton(v)
                if len(sk) >= 4:
                    lst = self.family_sk.setdefault(sk, [])
                    if i not in lst:
                        lst.append(i)

    def _given_skeletons(self, i: int) -> set[str]:
        """Skeletons of person ``i``'s given name under every scheme (computed on first need:
        only people whose family name turned up in an article ever need it)."""
        sk = self._given_sk.get(i)
        if sk is None:
            p = self.people[i]
            given, ngiven = p.get("given") or "", p.get("native_given") or ""
            variants = {given.lower()} | (set(self._name_forms(ngiven, p.get("native_lang", "ru"))) if ngiven else set())
            sk = self._given_sk[i] = {skeleton(v) for v in variants if v}
        return sk

    @staticmethod
    def _family(scheme: str) -> str:
        return _FAMILIES.get(scheme.split("/")[0], "")

    def _all_name_forms(self, data: dict) -> dict[str, dict[str, list[str]]]:
        out = {}
        for p in data.get("entries", data.get("people", [])):
            lang = p.get("native_lang", "")
            if lang not in CYRILLIC_FAMILIES:
                continue
            for native in (p.get("native_family"), p.get("native_given")):
                if native:
                    out[f"{lang}|{native}"] = self._compute_name_forms(native, lang)
        return out

    def _name_forms(self, native: str, lang: str) -> dict[str, list[str]]:
        hit = getattr(self, "_forms_cache", {}).get(f"{lang}|{native}")
        return hit if hit is not None else self._compute_name_forms(native, lang)

    @staticmethod
    def _compute_name_forms(native: str, lang: str) -> dict[str, list[str]]:
        """Romanisations of a native name: the language's own schemes, plus the Russian ones
        for Ukrainian and Belarusian names (English news often spells them from Russian)."""
        out: dict[str, list[str]] = {}
        word = native.strip().lower()
        if not word:
            return out
        langs = ["ru"] if lang in ("ru", "be") else ["uk", "ru"]
        for lg in langs:
            w = word if lg == lang or lang == "be" else _UK_TO_RU(word)
            for k, ss in forms(w, lg).items():
                out.setdefault(k, []).extend(ss)
        return out

    # ---------------------------------------------------------------- analysis

    def analyze(self, doc):
        findings: list[Finding] = []
        style: list[tuple[str, Span]] = []
        sentence_starts = {s.start for s in doc.sentences}
        sentence_starts.add(0)
        seen_names: dict[str, list[Span]] = {}
        place_hits: dict[int, dict[str, Span]] = {}
        for fld, toks, text in (("title", doc.title_tokens, doc.title), ("text", doc.tokens, doc.text)):
            if not toks:
                continue
            # text in capitals (a headline, a wire slug) spells every word like an acronym
            if fld == "title":
                shouting = [(0, len(text))] if text.isupper() else []
            else:
                shouting = [(x.start, x.end) for x in doc.sentences if x.text.isupper()]
            starts = sentence_starts if fld == "text" else {toks[0].start}
            findings.extend(self._tokens(toks, text, shouting, starts, seen_names, place_hits))
        findings = _context_acronyms(_drop_covered(_merge(findings)))
        findings = [f for f in findings if not _defined_in_english(doc, f)]
        findings.extend(self._terms(doc))
        style.extend(self._style_marks(doc, seen_names, place_hits))
        if any(k not in SUPPORTING_MARKS for k, _ in style):
            findings.append(self._style_finding(style))
        return findings

    def _tokens(self, toks, text: str, shouting: list[tuple[int, int]], starts: set[int], seen_names,
                place_hits: dict[int, dict[str, Span]]) -> list[Finding]:
        """Acronyms, known and pattern-only names, and common nouns, token by token.

        Speed: a lower-case token that is not an index key costs one hash test, nothing more.
        """
        out: list[Finding] = []
        n = len(toks)
        skip_next = False
        keys = self.index.keys
        places = self.places
        mid_caps: set[str] = set()
        held: list[Finding] = []
        for j, tok in enumerate(toks):
            if skip_next:
                skip_next = False
                continue
            t = tok.text
            c0 = t[0]
            if c0.islower():
                if t not in keys or len(t) < MIN_LEN or not t.isalpha():
                    continue
            elif not c0.isupper() or not t.isascii():
                continue
            core, end = t, tok.end
            if t.endswith(("'s", "’s")):
                core, end = t[:-2], tok.end - 2
            if not core.isalpha():
                continue
            span = Span(tok.field, tok.start, end, core)
            if core.isupper() and len(core) >= 2:
                if shouting and any(a <= tok.start < b for a, b in shouting):
                    continue
                # two-token acronym ("MO RF") first
                if j + 1 < n:
                    nxt = toks[j + 1]
                    if nxt.text.isupper() and nxt.text.isalpha() and nxt.start == tok.end + 1 and text[tok.end] == " ":
                        both = f"{core} {nxt.text}"
                        hits = self.acronyms.lookup(both)
                        if hits:
                            f = self._acronym_finding(both, Span(tok.field, tok.start, nxt.end, both), hits)
                            if f:
                                out.append(f)
                            skip_next = True
                            continue
                hits = self.acronyms.lookup(core)
                # a two-letter spelling that is a common English word or acronym ("VS", "ES")
                # is left alone; longer all-caps tokens are not the English word ("MID")
                if hits and (len(core) >= 3 or _english_zipf(core) < 3.0):
                    f = self._acronym_finding(core, span, hits)
                    if f:
                        out.append(f)
                continue
            if len(core) < 3:
                continue
            capital = core[0].isupper()
            if capital and places:
                hit = places.get(core.lower())
                if hit:
                    place_hits.setdefault(hit[0], {}).setdefault(core, span)
            initial = tok.start in starts
            if capital and self.family_sk:
                f = self._known_name(core, span, toks, j)
                if f is not None:
                    if f is not False:
                        out.append(f)
                        seen_names.setdefault(skeleton(core), []).append(span)
                    continue
            cands = self.index.lookup(core)
            if not cands:
                continue
            if capital:
                seen_names.setdefault(skeleton(core), []).append(span)
                if not initial:
                    mid_caps.add(core)
            f = self._common_noun(core, span, cands, capital and not initial)
            if f is not None:
                if capital and initial:
                    held.append(f)  # decided once the whole field has been read
                else:
                    out.append(f)
                continue
            if capital:
                f = self._pattern_name(core, span, cands)
                if f is not None:
                    out.append(f)
        # a capitalised word at the start of a sentence that the article also capitalises
        # inside sentences is a name there too ("Myasnikov said ... Dmitry Myasnikov")
        out.extend(f for f in held if f.data["token"] not in mid_caps)
        return out

    # acronyms ------------------------------------------------------------------

    def _acronym_finding(self, latin: str, span: Span, hits: list[dict]) -> Finding | None:
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
        lang_word = {"ru": "Russian", "uk": "Ukrainian"}.get(e.get("lang", ""), "Russian/Ukrainian")
        msg = (f"'{latin}' is the {lang_word} acronym {key}"
               + (f" ({exp})" if exp else "")
               + f" spelled letter by letter; English writes {std}"
               + (f" ({meaning})" if meaning and meaning not in std else "") + ".")
        lang = e.get("lang", "ru")
        scheme = self.acronyms.scheme_of(latin, e)
        plain = scheme == "letters" or latin in (e.get("translit") or [])
        en = _english_zipf(latin) if " " not in latin else 0.0
        needs_context = en >= (ACRONYM_EN_PLAIN if plain else ACRONYM_EN_MIXED)
        return Finding(
            kind="translation.transliteration",
            severity="high",
            confidence=(0.9 if len(latin.replace(" ", "")) >= 3 else 0.7) - (0.2 if needs_context else 0.0),
            message=msg,
            evidence=[span],
            data={"token": latin, "cyrillic": key, "lang": lang, "scheme": scheme,
                  "expansion": exp or None, "meaning_en": meaning or None, "english_forms": forms_en,
                  "accepted_in_english": False, "zipf": None, "category": e.get("category"),
                  "english_zipf": en, "needs_context": needs_context},
        )

    # common nouns ----------------------------------------------------------------

    def _common_noun(self, core: str, span: Span, cands: list[Candidate], mid_capital: bool) -> Finding | None:
        """A common noun (or an institution word such as Minoborony) left transliterated.

        A capitalised token inside a sentence is a proper name in English (Vedomosti,
        Sberbank, a House of Culture called Yunost): it only counts when pymorphy3 reads the
        candidate as an organisation word (минобороны, минздрав, госдума), and then as
        ``medium``. Candidates that are names, surnames, patronymics or places never count.
        """
        if len(core) < MIN_LEN or any(f in c.flags for c in cands for f in "NSPG"):
            return None
        ru = [c for c in cands if c.lang == "ru" and c.zipf >= MIN_ZIPF]
        best = ru[0] if ru else cands[0]
        if best.zipf < MIN_ZIPF:
            return None
        if mid_capital and "O" not in best.flags:
            return None
        en = self.index.english_zipf(core)
        if en >= EN_QUIET:
            return None
        schemes = self.index.schemes(core, best)
        fam = sorted({self._family(s) for s in schemes} - {""})
        conf = 0.85 - (0.1 if mid_capital else 0.0)
        lemma = f" (dictionary form {best.lemma})" if best.lemma and best.lemma != best.cyrillic else ""
        lang = {"ru": "Russian", "uk": "Ukrainian"}[best.lang]
        what = "institution name" if "O" in best.flags else "word"
        return Finding(
            kind="translation.transliteration",
            severity="medium" if mid_capital else "high",
            confidence=round(max(0.3, conf), 3),
            message=f"'{core}' is the {lang} {what} {best.cyrillic}{lemma} left in Latin letters, not translated.",
            evidence=[span],
            data={"token": core, "cyrillic": best.cyrillic, "lemma": best.lemma, "lang": best.lang,
                  "scheme": schemes[0] if schemes else None, "scheme_families": fam, "expansion": None,
                  "meaning_en": None, "english_forms": [], "accepted_in_english": False,
                  "zipf": best.zipf, "english_zipf": en},
        )

    # names -------------------------------------------------------------------------

    def _known_name(self, core: str, span: Span, toks, j: int):
        """A finding for a known person's non-standard spelling; False when the token is a
        known person's accepted spelling (stop looking); None when it is not a known name."""
        low = core.lower()
        if low in self.accepted_any:
            return False
        ids = self.family_sk.get(skeleton(core))
        if not ids:
            return None
        if _english_zipf(core) >= NAME_EN_QUIET:
            return None
        i = ids[0]
        p = self.people[i]
        evidence = [span]
        given_note = ""
        if j > 0:
            prev = toks[j - 1]
            if prev.end + 1 == span.start and prev.text[:1].isupper() and skeleton(prev.text) in self._given_skeletons(i):
                evidence = [Span(span.field, prev.start, span.end, prev.text + " " + core)]
                given_note = f" (with the given name '{prev.text}')"
        schemes = self._name_forms(p.get("native_family", ""), p.get("native_lang", "ru")).get(low, [])
        exact = bool(schemes)
        return Finding(
            kind="translation.name_variant",
            severity="medium",
            confidence=0.85 if exact else 0.65,
            message=(f"'{core}'{given_note} looks like a non-standard romanisation of {p['name']} "
                     f"({p.get('native', p.get('native_family'))}); English-language news writes '{p.get('family')}'."),
            evidence=evidence,
            data={"token": core, "canonical": p["name"], "person_id": p.get("id"), "native": p.get("native"),
                  "lang": p.get("native_lang"), "schemes": schemes[:6], "match": "exact" if exact else "skeleton"},
        )

    def _pattern_name(self, core: str, span: Span, cands: list[Candidate]) -> Finding | None:
        personal = [c for c in cands if c.personal and c.lang == "ru" and c.pos == "NOUN"]
        if not personal or len(core) < 5 or not _FOREIGN_MARK.search(core.lower()):
            return None
        if self.index.english_zipf(core) >= NAME_EN_QUIET:
            return None
        c = personal[0]
        schemes = self.index.schemes(core, c)
        if not schemes or any(self._family(s) == ENGLISH_FAMILY for s in schemes):
            return None
        std = sorted(self.index.english_forms(c))
        bgn = next((SCHEMES_BY_NAME[s].translate(c.cyrillic) for s in ("bgn_pcgn", "ukrainian_national")
                    if c.lang in SCHEMES_BY_NAME[s].langs), std[0] if std else "")
        kind = {"S": "surname", "N": "given name", "P": "patronymic"}
        what = next((kind[f] for f in "SNP" if f in c.flags), "name")
        return Finding(
            kind="translation.name_variant",
            severity="low",
            confidence=0.5,
            message=(f"'{core}' reads as the {what} {c.cyrillic.capitalize()} romanised the "
                     f"{_scheme_words(schemes)} way; English-language news would write '{bgn.capitalize()}'."),
            evidence=[span],
            data={"token": core, "canonical": None, "person_id": None, "cyrillic": c.cyrillic, "lang": c.lang,
                  "schemes": schemes[:6], "standard": bgn.capitalize(), "match": "pattern"},
        )

    # resource patterns -----------------------------------------------------------------

    def _terms(self, doc) -> list[Finding]:
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
                    windows = _windows(low, [lit for lit in term.literals if lit in present[fld]], term.width)
                else:
                    windows = [(0, len(text))]
                seen_m: set[tuple[int, int]] = set()
                for a, b in windows:
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
                    quotes = {"title": _quoted(doc.title), "text": _quoted(doc.text)}
                own = [s for s in spans if not _inside(quotes[s.field], s.start, s.end)]
                if not own:
                    continue
                # place-name spellings and other weak markers (weight < 0.6) are context only
                sev = "medium" if float(e.get("weight", 0.5)) >= 0.6 else "low"
                spans = own
                msg = (f"'{own[0].text}' is {term.lang} state terminology"
                       + (f" ({e.get('source_phrase')})" if e.get("source_phrase") else "")
                       + f" used in the article's own voice; neutral English: '{e.get('meaning_en', '')}'.")
            else:
                w = float(e.get("weight", 0.5))
                sev = "medium" if w >= 0.6 else "low"
                msg = (f"'{spans[0].text}' is a calque of the {term.lang} phrase"
                       + (f" {e.get('source_phrase')}" if e.get("source_phrase") else "")
                       + (f"; idiomatic English: '{e.get('meaning_en')}'" if e.get("meaning_en") else "") + ".")
            out.append(Finding(
                kind="translation.calque", severity=sev,
                confidence=round(min(0.9, 0.4 + 0.5 * float(e.get("weight", 0.5))), 3),
                message=msg, evidence=spans,
                data={"term_kind": term.kind, "lang": term.lang, "source_phrase": e.get("source_phrase"),
                      "meaning_en": e.get("meaning_en"), "weight": e.get("weight"), "stance": e.get("stance"),
                      "note": e.get("note")},
            ))
        return out

    def _pinyin(self, term: _Term, spans: list[Span]) -> Finding:
        e = term.entry
        tok = spans[0].text
        return Finding(
            kind="translation.transliteration", severity="high", confidence=0.85,
            message=(f"'{tok}' is the Chinese term {e.get('hanzi', '')} left in pinyin; English writes "
                     f"'{e.get('meaning_en', '')}'."),
            evidence=spans,
            data={"token": tok, "cyrillic": None, "hanzi": e.get("hanzi"), "lang": "zh", "scheme": "pinyin",
                  "expansion": e.get("pinyin"), "meaning_en": e.get("meaning_en"),
                  "english_forms": [e["meaning_en"]] if e.get("meaning_en") else [],
                  "accepted_in_english": False, "zipf": None},
        )

    # machine style ---------------------------------------------------------------------

    def _style_marks(self, doc, seen_names: dict[str, list[Span]],
                     place_hits: dict[int, dict[str, Span]]) -> list[tuple[str, Span]]:
        marks: list[tuple[str, Span]] = []
        for fld in ("title", "text"):
            text = doc.field(fld)
            if not text:
                continue
            for kind, rx in (("guillemets", _GUILLEMETS), ("decimal_comma", _DECIMAL_COMMA),
                             ("space_thousands", _SPACE_THOUSANDS), ("mln_bln", _MLN), ("dateline", _DATELINE)):
                if not _QUICK[kind](text):  # cheap test first: the full patterns are slower scans
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
        if n_words >= ARTICLE_MIN_WORDS:
            rate = sum(text.count(a) for a in _ARTICLE_STRINGS) / n_words
            if rate < ARTICLE_RATE_LOW and doc.paragraphs:
                marks.append(("few_articles", Span.of(doc.paragraphs[0])))
        return marks

    def _style_finding(self, marks: list[tuple[str, Span]]) -> Finding:
        kinds = list(dict.fromkeys(k for k, _ in marks))
        labels = {"guillemets": "«guillemets»", "decimal_comma": "decimal commas", "space_thousands":
                  "spaces as thousands separators", "mln_bln": "'mln'/'bln'", "dateline": "an agency dateline",
                  "mixed_spelling": "two spellings of one name or place", "few_articles":
                  "very few articles (a/an/the)"}
        independent = len(set(kinds))
        strong = len(set(kinds) - SUPPORTING_MARKS)
        sev = "medium" if strong >= 2 else "low"
        parts = []
        for k in kinds:
            ex = [s.text for kk, s in marks if kk == k and k != "few_articles"][:3]
            parts.append(labels[k] + (" (" + ", ".join(f"'{x}'" for x in ex) + ")" if ex else ""))
        evidence = []
        seen = set()
        for _, s in marks:
            if (s.field, s.start, s.end) not in seen:
                seen.add((s.field, s.start, s.end))
                evidence.append(s)
        return Finding(
            kind="translation.machine_style", severity=sev,
            confidence=round(min(0.9, 0.35 + 0.2 * independent), 3),
            message="The article keeps the typography or house style of a non-English source: " + "; ".join(parts) + ".",
            evidence=evidence[:40],
            data={"marks": kinds, "counts": {k: sum(1 for kk, _ in marks if kk == k) for k in kinds}},
        )


SCHEMES_BY_NAME = {s.name: s for s in SCHEMES}
_FAMILIES = {s.name: s.family for s in SCHEMES}
_UK_TO_RU_TABLE = str.maketrans({"і": "и", "и": "ы", "ї": "йи", "є": "е", "е": "э", "ґ": "г", "'": "ъ", "’": "ъ"})


def _UK_TO_RU(word: str) -> str:  # noqa: N802 - reads like the table it applies
    """A Ukrainian word spelled with Russian letters (Зеленський -> Зеленскый -> close enough
    for skeleton matching; the ending -ський is mapped to -ский)."""
    w = word.replace("ський", "ский").replace("цький", "цкий")
    if w.endswith("ий"):
        return w[:-2].translate(_UK_TO_RU_TABLE) + "ий"
    return w.translate(_UK_TO_RU_TABLE)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per (kind, word or person): later occurrences add their spans as evidence."""
    out: list[Finding] = []
    by_key: dict[tuple, Finding] = {}
    for f in findings:
        d = f.data
        if d.get("person_id"):
            key = (f.kind, d["person_id"], (d.get("token") or "").lower())
        else:
            key = (f.kind, d.get("cyrillic") or (d.get("token") or "").lower())
        prev = by_key.get(key)
        if prev is None:
            by_key[key] = f
            out.append(f)
        else:
            prev.evidence.extend(s for s in f.evidence if s not in prev.evidence)
    for f in out:
        f.evidence.sort(key=lambda e: (e.field != "title", e.start))
        f.data["occurrences"] = len(f.evidence)
    return out


#: Characters around a literal hit within which a term pattern is run: a match contains the
#: literal, so it lies within the pattern's longest match length of it (capped here: a term
#: is a phrase, and "\s+" makes the regex's own bound unlimited).
WINDOW = 120


def _windows(low: str, lits: list[str], margin: int = WINDOW) -> list[tuple[int, int]]:
    """Merged ranges of ``low`` around each occurrence of the literals."""
    spans = []
    for lit in lits:
        i = low.find(lit)
        while i != -1:
            spans.append((max(0, i - margin), min(len(low), i + len(lit) + margin)))
            i = low.find(lit, i + 1)
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first at each position), shaped as a trie so
    that each position costs a few character tests instead of one test per word."""
    trie: dict = {}
    for w in words:
        d = trie
        for ch in w:
            d = d.setdefault(ch, {})
        d[""] = {}

    def build(d: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(d.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in d else body

    return build(trie)


_SMALL_WORDS = frozenset("of and the for on in to a an & at by with".split())


def _defined_in_english(doc, f: Finding) -> bool:
    """True when the article spells an acronym finding out in English words whose initials
    give its letters: "personal video recorder (PVR)" makes PVR an English acronym here."""
    d = f.data
    tok = d.get("token") or ""
    if f.kind != "translation.transliteration" or not d.get("cyrillic") or not tok.isupper() or " " in tok:
        return False
    for fld in ("text", "title"):
        text = doc.field(fld)
        for m in re.finditer(r"\(\s*" + re.escape(tok) + r"(?:s|'s|’s)?\s*\)", text):
            words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start() - 200):m.start()])
                     if w.lower() not in _SMALL_WORDS]
            initials = "".join(w[0].upper() for w in words[-(len(tok) + 1):])
            if initials.endswith(tok) or _subsequence(tok, initials):
                return True
    return False


def _subsequence(letters: str, initials: str) -> bool:
    it = iter(initials)
    return bool(initials) and initials[0] == letters[0] and all(ch in it for ch in letters)


def _context_acronyms(findings: list[Finding]) -> list[Finding]:
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


def _drop_covered(findings: list[Finding]) -> list[Finding]:
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


@lru_cache(maxsize=8192)
def _english_zipf_impl(word: str) -> float:
    """English Zipf frequency of ``word`` (wordfreq, loaded on first use: about 0.15 s once)."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")


def _english_zipf(word: str) -> float:
    return _english_zipf_impl(word.lower())


def _scheme_words(schemes: list[str]) -> str:
    fams = {_FAMILIES.get(s.split("/")[0], "") for s in schemes}
    names = sorted({s.split("/")[0].split("_")[0] for s in schemes})
    if fams <= {"foreign"}:
        return "/".join(n.capitalize() for n in names[:3])
    if "mixup" in fams:
        return "mixed-scheme"
    return "scholarly (" + "/".join(names[:3]) + ")"


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, «», and straight double quotes)."""
    out = []
    stack: list[tuple[str, int]] = []
    straight = None
    for i, ch in enumerate(text):
        if ch == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
        elif ch in _QUOTE_PAIRS and ch != "‘":
            stack.append((_QUOTE_PAIRS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, s = stack.pop()
            out.append((s, i + 1))
        elif ch == "\n" and straight is not None and text[i - 1:i] == "\n":
            straight = None
    return out


def _inside(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in ranges)

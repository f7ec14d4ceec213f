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

Modules: :mod:`.acronyms`, :mod:`.names` (known people and name patterns), :mod:`.nouns`
(transliterated common nouns), :mod:`.terms` (calques, state terms, pinyin), :mod:`.typography`
(source-language typography and machine style); thresholds, confidences and word lists are in
``translation/rules.json`` and ``translation/typography.json``, the people in
:class:`~unspin.kb.gazetteer.Gazetteer`. Generic regex helpers are in :mod:`.textutil`.

Trade-offs: the index only knows frequent words (top 60k Russian, 30k Ukrainian): a rare word
left transliterated is missed, and so is a capitalised plain noun inside a sentence
("the Genshtab said": found when lower case or sentence-initial). Names are handled apart from
common nouns, so a badly spelled unknown *common* word is only found if some scheme produces
exactly that spelling. Every token costs one hash lookup; term patterns run only where a
literal they must contain occurs (one trie-shaped scan finds those), so the analyzer stays
under 2 ms on a 600-word article.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ResourceError
from ...kb.gazetteer import PEOPLE, Gazetteer
from ...report.model import Finding, Span
from ...text.translit.index import TranslitIndex
from ...text.translit.schemes import skeleton
from ..base import Analyzer
from .acronyms import Acronyms, context_acronyms
from .common import RULES, Rules
from .names import Names, drop_covered
from .nouns import Nouns
from .terms import Terms
from .textutil import required_literals
from .typography import TYPOGRAPHY, Places, Typography

__all__ = ["TranslationAnalyzer", "SourceLanguage", "SOURCE_LANGUAGES", "required_literals"]


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
PLACES = "translation/translit_places.json"
LETTERS = "translation/acronym_letters.json"


class TranslationAnalyzer(Analyzer):
    """Transliterated words and acronyms, non-standard name spellings, calques and state terms,
    and the typography of a translated article.

    Set up once (``setup(ctx)``), then read-only: ``analyze`` keeps everything of one article in
    locals, so one instance serves many threads. It pickles as its context and is set up again
    where it lands."""

    name = "translation"
    version = "1"
    description = "Marks of machine translation: transliterated acronyms and words, name variants, calques, source-language typography."
    needs = frozenset({"title", "text", "tokens", "title_tokens", "sentences", "paragraphs"})
    produces = (
        "translation.transliteration",
        "translation.name_variant",
        "translation.calque",
        "translation.machine_style",
    )

    # ------------------------------------------------------------------ set-up

    def setup(self, ctx) -> None:
        """``ctx``: a :class:`~unspin.context.Context` (a bare :class:`~unspin.resources.Resources`
        is accepted too). Every file is read through its resources, so ``--resources DIR`` wins."""
        self._context = ctx  # Analyzer.__reduce__ rebuilds from it in a worker
        res = getattr(ctx, "resources", ctx)
        missing: list[str] = []

        def optional(name: str) -> dict | None:
            try:
                return res.json(name)
            except ResourceError:
                missing.append(name)
                return None

        rules = Rules.of(res.json(RULES))
        self.rules = rules
        self.index = TranslitIndex(res.json(INDEX))
        entries: list[dict] = []
        self.terms = Terms(rules)
        for src in SOURCE_LANGUAGES:
            if src.acronyms:
                data = optional(src.acronyms)
                if data:
                    entries.extend(data.get("entries", []))
            if src.terms:
                data = optional(src.terms)
                if data:
                    for e in data.get("entries", []):
                        self.terms.add(src.code, e)
        self.terms.finish()
        self.acronyms = Acronyms(entries, rules, res.json(LETTERS))
        try:
            gazetteer = Gazetteer.load(res, PEOPLE)
        except ResourceError:
            missing.append(PEOPLE)
            gazetteer = None
        self.names = Names(gazetteer, self.index, rules, res.path(RULES))
        self.nouns = Nouns(self.index, rules)
        self.places = Places(optional(PLACES)).spellings
        self.typography = Typography(res.json(TYPOGRAPHY))
        self.missing = missing


    # ---------------------------------------------------------------- analysis

    def analyze(self, doc):
        findings: list[Finding] = []
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
        findings = context_acronyms(drop_covered(_merge(findings)))
        findings = [f for f in findings if not self.acronyms.defined_in_english(doc, f)]
        findings.extend(self.terms.findings(doc))
        style = self.typography.marks_of(doc, seen_names, place_hits)
        if self.typography.is_enough(style):
            findings.append(self.typography.finding(style))
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
        acronyms, names, nouns = self.acronyms, self.names, self.nouns
        min_len = self.rules.t["noun_min_len"]
        tok_min = self.rules.t["token_min_len"]
        mid_caps: set[str] = set()
        held: list[Finding] = []
        for j, tok in enumerate(toks):
            if skip_next:
                skip_next = False
                continue
            t = tok.text
            c0 = t[0]
            if c0.islower():
                if t not in keys or len(t) < min_len or not t.isalpha():
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
                        hits = acronyms.lookup(both)
                        if hits:
                            f = acronyms.finding(both, Span(tok.field, tok.start, nxt.end, both), hits)
                            if f:
                                out.append(f)
                            skip_next = True
                            continue
                hits = acronyms.lookup(core)
                if hits and acronyms.two_letter_ok(core):
                    f = acronyms.finding(core, span, hits)
                    if f:
                        out.append(f)
                continue
            if len(core) < tok_min:
                continue
            capital = core[0].isupper()
            if capital and places:
                hit = places.get(core.lower())
                if hit:
                    place_hits.setdefault(hit[0], {}).setdefault(core, span)
            initial = tok.start in starts
            if capital and names.family_sk:
                f = names.known(core, span, toks, j)
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
            f = nouns.finding(core, span, cands, capital and not initial)
            if f is not None:
                if capital and initial:
                    held.append(f)  # decided once the whole field has been read
                else:
                    out.append(f)
                continue
            if capital:
                f = names.pattern(core, span, cands)
                if f is not None:
                    out.append(f)
        # a capitalised word at the start of a sentence that the article also capitalises
        # inside sentences is a name there too ("Myasnikov said ... Dmitry Myasnikov")
        out.extend(f for f in held if f.data["token"] not in mid_caps)
        return out


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

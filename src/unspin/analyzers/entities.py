"""Named entities: people, organisations, places and nationalities (report field ``entities``).

A rule-and-gazetteer recogniser, CPU-only, with no model to download: well under 2 ms for a
600-word article (``benchmarks/bench_entities.py`` measures it). It yields only
:class:`~unspin.report.model.Entity` objects, one per mention; the pipeline merges mentions with
the same label and canonical form (or text).

Method, on the body (``text``):

1. **Units**: the Document's word tokens, with dotted abbreviations glued back ("U.S.",
   "St."), a possessive "'s" cut off (and ending the name), a lower-case hyphen tail cut off
   ("Kremlin-backed" -> "Kremlin") and a hyphenated pair of known names split ("Russia-Ukraine").
2. **Candidate runs**: maximal runs of capitalised units inside one sentence, with no
   punctuation between them, and with connectors inside ("of", "the", "de", "bin", "von"...)
   when a capitalised unit follows; "al-Assad"-style particles count as capitalised.
   Sentences written in capitals (shouting: 70%+ of 3+ words upper-case) are skipped.
3. **Segmentation of a run**, left to right:

   - an organisation head word (``resources/entities/lexicon.json``: Ministry, Council, Party,
     Bank, Inc...) ends an ORG that starts at the current unit ("Russian Defence Ministry"),
     extended by an "of"-phrase after heads that take one ("Ministry of Defence of Ukraine");
     a capitalised place suffix ("Oblast", "Region", "Sea") ends a GPE the same way;
   - else the longest gazetteer phrase: people (``gazetteer/people.json``: names, aliases,
     transliteration variants and native spellings, all -> the canonical English name),
     media outlets (``sources/media_aliases.json`` -> ORG, canonical outlet), places (lexicon,
     canonical spelling "Kiev" -> "Kyiv"), actor families (``headline/support.json``:
     institutions such as "Kremlin" or "NATO" -> ORG), English organisation forms of Russian
     acronyms (``translation/ru_acronyms.json``), nationalities (NORP);
   - else a person title ("President", "Gen.", "Foreign Minister") is skipped and makes the
     next name a PERSON; a leading "The" is skipped;
   - else the unknown stretch up to the next title or gazetteer phrase is classified: a known
     given name first -> PERSON; after a title or a role word ("spokesman Ivan Petrov") ->
     PERSON; one unit that is the surname of a person already named in the article -> that
     PERSON (canonical: the full name); an upper-case acronym -> ORG (minus common non-org
     abbreviations and common words in capitals); two or three rare words (word frequency) -> PERSON; one rare word after
     "in"/"near" or "the mayor of" -> GPE; anything else is left out (a rare word before "said"
     is as often a company as a person on real news, so it is not guessed).
4. **Sentence-initial words**: capitalisation there says nothing, so a first word that no
   lexicon knows is dropped when it is a common English word ("Officials", "Later").
5. **Coreference**: a surname alone resolves to the last full name with that surname in the
   article ("Zakharova" after "Maria Zakharova"); a gazetteer family name alone resolves
   directly when it is unique in the gazetteer and rare in English.

The title is scanned for gazetteer phrases and for surnames of people the body names in full
("Pearce keen on succeeding Keegan") only: headline title case makes every word look like a
name.

Trade-offs: no statistical model, so unknown multi-word names without a cue are labelled by
word rarity (a rare two-word company name can come out as PERSON), ORG spans follow head words
(an organisation without one, "Wagner" alone, is missed unless a gazetteer knows it), and
metonymy is not resolved ("Moscow said" is GPE, as in the gold guidelines). Recall on unknown
single-word names without a cue is low by design: precision first.
"""

from __future__ import annotations

import re

from ..kb.gazetteer import Gazetteer
from ..report.model import Entity, Span
from .base import Analyzer

_POSS = re.compile(r"['’]s$")
_SPLIT_WORDS = re.compile(r"[\w'’.-]+|[^\w\s]")

#: every file the analyzer reads, through the context's resources
LEXICON = "entities/lexicon.json"
RULES = "entities/rules.json"
COMMON_WORDS = "english/common_words.json"
PEOPLE = "gazetteer/people.json"
SUPPORT = "headline/support.json"
MEDIA = "sources/media_aliases.json"
ACRONYMS = "translation/ru_acronyms.json"


class _Unit:
    __slots__ = ("start", "end", "text", "brk", "sent_start")

    def __init__(self, start: int, end: int, text: str, brk: bool = False):
        self.start, self.end, self.text = start, end, text
        self.brk = brk  # a name cannot continue past this unit
        self.sent_start = False


def _is_cap(w: str, particles: tuple[str, ...]) -> bool:
    if w[:1].isupper():
        return True
    if "-" not in w[:6]:
        return False
    for p in particles:
        if w.startswith(p) and len(w) > len(p) and w[len(p)].isupper():
            return True
    return False


class EntitiesAnalyzer(Analyzer):
    name = "entities"
    version = "1"
    description = "Named entities (PERSON, ORG, GPE, NORP) by capitalised runs, title and head-word cues and gazetteers; canonical names for known people, outlets and places."
    needs = frozenset({"text", "title", "sentences", "tokens", "title_tokens"})
    produces = ()  # entities only (report field ``entities``), no findings

    def setup(self, ctx) -> None:
        """``ctx``: a :class:`~unspin.context.Context` (a bare :class:`~unspin.resources.Resources`
        is accepted too). Everything is read through its resources and kept on the instance,
        read-only afterwards: ``analyze`` keeps each article's state in locals."""
        self._context = ctx  # Analyzer.__reduce__ rebuilds from it in a worker
        resources = getattr(ctx, "resources", ctx)
        #: English words with wordfreq Zipf >= 2.5 (english/common_words.json): every threshold
        #: of rules.json is 2.5 or more, so a word missing from the table is simply "rare"
        self._common: dict[str, float] = resources.json(COMMON_WORDS)["words"]
        rules = resources.json(RULES)
        lex = resources.json(LEXICON)
        people = Gazetteer.load(resources, PEOPLE)
        support = resources.json(SUPPORT)
        media = resources.json(MEDIA)
        acr = resources.json(ACRONYMS)
        self._abbr_dot = re.compile(r"^(?:(?:[A-Z]\.)+[A-Z]|[A-Z]|"
                                    + "|".join(map(re.escape, rules["dotted_abbreviations"])) + ")$")
        self._acronym = re.compile(rules["acronym_pattern"])
        self._locative = frozenset(rules["locative_before"])
        self._modifiers = frozenset(rules["title_modifiers"])
        not_org_tail = frozenset(rules["not_org_tail"])
        z = self._z = dict(rules["zipf"])
        ln = self._len = dict(rules["lengths"])
        _zipf = self._zipf
        self.titles = frozenset(lex["person_titles"])
        self.roles = frozenset(lex["person_role_words"])
        self.org_heads = frozenset(lex["org_heads"])
        self.org_of = frozenset(lex["org_of_heads"])
        self.of_stop = frozenset(lex["org_of_stop_after"])
        self.sports = frozenset(lex["sports_heads"])
        self.connectors = frozenset(lex["connectors"])
        self.particles = tuple(lex["name_particles"])
        self.given = set(lex["given_names"])
        self.place_suffix = frozenset(lex["place_suffixes"])
        self.never = frozenset(lex["never_alone"])
        self.not_org = frozenset(lex["not_org_acronyms"])
        variants = lex["place_variants"]
        gaz: dict[tuple[str, ...], tuple[str, str, str]] = {}

        def add(phrase: str, label: str, canonical: str, source: str, override: bool = False) -> None:
            key = tuple(self._phrase_units(phrase))
            if not key or not key[0][:1].isupper() and not _is_cap(key[0], self.particles):
                return
            if override or key not in gaz:
                gaz[key] = (label, canonical, source)

        self.family: dict[str, str] = {}
        fam_count = people.family_counts()
        for e in people:
            canon = e["name"]
            self.given.add(e["given"])
            for form in people.spellings(e):
                add(form, "PERSON", canon, "gazetteer/people", override=True)
            if e.get("native_ru"):
                add(e["native_ru"], "PERSON", canon, "gazetteer/people")
            self.family[e["family"]] = canon
        # a gazetteer family name alone: only when unique there and rare in English
        self.family = {f: c for f, c in self.family.items()
                       if fam_count[f] == 1 and _zipf(f.lower()) < z["family_alone_max"] and f not in self.given}
        for p in lex["places"] + lex["places_multi"] + lex["place_abbrevs"]:
            add(p, "GPE", variants.get(p, p), "entities/lexicon", override=True)
        for n in lex["norp"]:
            add(n, "NORP", n, "entities/lexicon")
        for o in lex["organisations"] + lex["organisations_multi"]:
            add(o, "ORG", o, "entities/lexicon")
        self.org_prefix = frozenset(lex["org_prefixes"])
        self.place_prefix = frozenset(lex["place_prefixes"])
        self.place_nouns = frozenset(lex["place_nouns"])
        for e in media["entries"]:
            for a in e["aliases"]:
                add(a, "ORG", e["canonical"], "sources/media_aliases")
                if a.isupper() and len(a) >= ln["media_alias_title_case_min"] and a.isalpha():
                    add(a.title(), "ORG", e["canonical"], "sources/media_aliases")  # "Tass"
        # actor families: only their institutions (acronyms, names ending in a head word) are
        # taken; states, demonyms and leaders come from the place, NORP and people lists
        for fam in support["actors"]:
            head = fam[0]
            for m in fam:
                key = tuple(self._phrase_units(m))
                if key in gaz or not (m.replace(".", "").isupper() or key[-1] in self.org_heads):
                    continue
                hkey = tuple(self._phrase_units(head))
                add(m, "ORG", head if gaz.get(hkey, ("ORG",))[0] == "ORG" else m, "headline/support")
        org_cats = frozenset(rules["acronym_org_categories"])
        for e in acr["entries"]:
            for f in e.get("english_forms", ()) + e.get("translit", ()):
                words = f.split()
                if not f[:1].isupper() or f in self.not_org or words[-1] in not_org_tail:
                    continue
                if f.isupper() and (len(f) < ln["acronym_form_min"] or _zipf(f.lower()) >= z["upper_case_english_word"]):
                    continue  # "ES", "YES", "MID": too short or an English word in capitals
                if e["category"] in org_cats or any(w in self.org_heads for w in words):
                    if all(w[:1].isupper() or w in self.connectors for w in words):
                        add(f, "ORG", f, "translation/ru_acronyms")
        self.gaz = gaz
        self.maxlen = max(len(k) for k in gaz)
        self.firsts = frozenset(k[0] for k in gaz)


    def _zipf(self, word: str) -> float:
        """English Zipf frequency of a lower-case word (0 below 2.5)."""
        return self._common.get(word, 0.0)

    # -- units ---------------------------------------------------------------------------------
    def _phrase_units(self, phrase: str) -> list[str]:
        out: list[str] = []
        for w in _SPLIT_WORDS.findall(phrase):
            if w == "." and out and self._abbr_dot.match(out[-1]):
                out[-1] += "."
            else:
                out.append(w)
        return out

    def _units(self, text: str, tokens) -> list[_Unit]:
        units: list[_Unit] = []
        n = len(tokens)
        i = 0
        while i < n:
            t = tokens[i]
            w = t.text
            if not (w[0].isalnum() or w[0] == "_"):
                if units:
                    units[-1].brk = True
                i += 1
                continue
            start, end = t.start, t.end
            if i + 1 < n and tokens[i + 1].text == "." and tokens[i + 1].start == end and self._abbr_dot.match(w):
                end += 1
                w += "."
                i += 1
            brk = False
            if _POSS.search(w):
                w, end, brk = w[:-2], end - 2, True
            if "-" in w and w[0].isupper():
                parts = w.split("-")
                if len(parts) > 1 and parts[-1][:1].islower() and not parts[0].islower():
                    k = len(parts) - 1
                    while k > 1 and parts[k - 1][:1].islower():
                        k -= 1
                    keep = "-".join(parts[:k])
                    w, end, brk = keep, start + len(keep), True
                elif all(p[:1].isupper() for p in parts) and all((p,) in self.gaz for p in parts):
                    pos = start
                    for p in parts:
                        units.append(_Unit(pos, pos + len(p), p, True))
                        pos += len(p) + 1
                    if brk:
                        units[-1].brk = True
                    i += 1
                    continue
            if w:
                units.append(_Unit(start, end, w, brk))
            i += 1
        return units

    # -- analysis ------------------------------------------------------------------------------
    def analyze(self, doc):
        text = doc.text
        out: list[Entity] = []
        seen_family: dict[str, str] = {}
        if text:
            units = self._units(text, doc.tokens)
            bounds = [(s.start, s.end) for s in doc.sentences]
            si = 0
            by_sent: list[list[_Unit]] = [[] for _ in bounds]
            for u in units:
                while si < len(bounds) - 1 and u.start >= bounds[si][1]:
                    si += 1
                if bounds and bounds[si][0] <= u.start < bounds[si][1]:
                    by_sent[si].append(u)
            for sent in by_sent:
                if not sent or self._shouting(sent):
                    continue
                sent[0].sent_start = True
                for run, before in self._runs(text, sent):
                    for i, j, label, canon, data in self._segment(run, before, seen_family):
                        s, e = run[i].start, run[j].end
                        out.append(Entity(text[s:e], label, [Span("text", s, e, text[s:e])], canon, data))
        title = doc.title
        if title:
            units = self._units(title, doc.title_tokens)
            if units and not self._shouting(units):
                for run, _before in self._runs(title, units):
                    k = 0
                    while k < len(run):
                        hit = self._gaz_at(run, k)
                        if not hit and run[k].text in seen_family and len(run[k].text) >= self._len["title_surname_min"]:
                            hit = (1, ("PERSON", seen_family[run[k].text], "body"))  # a surname named in full in the body
                        if hit:
                            n, (label, canon, src) = hit
                            s, e = run[k].start, run[k + n - 1].end
                            out.append(Entity(title[s:e], label, [Span("title", s, e, title[s:e])], canon, {"cue": "surname" if src == "body" else "gazetteer", "source": src}))
                            k += n
                        else:
                            k += 1
        return out

    @staticmethod
    def _shouting(units: list[_Unit]) -> bool:
        words = [u.text for u in units if len(u.text) >= 2 and u.text[0].isalpha()]
        if len(words) < 3:
            return False
        return sum(1 for w in words if w.isupper()) >= 0.7 * len(words)

    def _runs(self, text: str, sent: list[_Unit]):
        """Capitalised runs of one sentence, each with the lower-cased word before it ("place_of"
        for "the mayor of X")."""
        i, n = 0, len(sent)
        while i < n:
            u = sent[i]
            if not _is_cap(u.text, self.particles):
                i += 1
                continue
            run = [u]
            j = i
            while not run[-1].brk and j + 1 < n and self._adjacent(text, sent[j], sent[j + 1]):
                nxt = sent[j + 1]
                if _is_cap(nxt.text, self.particles):
                    run.append(nxt)
                    j += 1
                    continue
                c = j + 1  # connectors, possibly chained ("von der"), then a capitalised unit
                while c < n and c - j <= 3 and sent[c].text in self.connectors and not sent[c].brk \
                        and c + 1 < n and self._adjacent(text, sent[c], sent[c + 1]):
                    c += 1
                if c > j + 1 and c < n and _is_cap(sent[c].text, self.particles):
                    run.extend(sent[j + 1 : c + 1])
                    j = c
                    continue
                break
            before = sent[i - 1].text.lower() if i > 0 and not sent[i - 1].brk else ""
            if before == "of" and i > 1 and not sent[i - 2].brk and sent[i - 2].text.lower() in self.place_nouns:
                before = "place_of"
            yield run, before
            i = j + 1

    @staticmethod
    def _adjacent(text: str, a: _Unit, b: _Unit) -> bool:
        gap = text[a.end : b.start]
        return gap.isspace() and "\n\n" not in gap and len(gap) <= 3

    def _gaz_at(self, run: list[_Unit], k: int):
        if run[k].text not in self.firsts:
            return None
        for n in range(min(self.maxlen, len(run) - k), 0, -1):
            hit = self.gaz.get(tuple(u.text for u in run[k : k + n]))
            if hit:
                return n, hit
        return None

    def _head_end(self, run: list[_Unit], k: int) -> tuple[int, str] | None:
        """Last unit of an ORG (or GPE by place suffix) starting at ``k``, or None."""
        for h in range(k, len(run)):
            w = run[h].text
            if w == "of":
                return None  # "Hannah Ward of the Refugee Council": the org starts after "of"
            if h > k and w in self.titles and w not in self._modifiers and w not in self.org_heads:
                return None  # "... Minister Ivan Petrov": a person follows, not an org
            if w in self.org_heads or (h > k and w in self.sports):
                while h + 1 < len(run) and run[h + 1].text in self.org_heads:
                    h += 1  # "Harlow Logistics Ltd", "Acme Holdings Inc"
                    w = run[h].text
                end = h
                if end == k + 1 and run[k].text in self.given:
                    return None  # "Helen Steel" is a person
                if w in self.org_of and h + 2 < len(run) and run[h + 1].text == "of":
                    e = h + 1
                    while e + 1 < len(run) and run[e + 1].text not in self.of_stop and not (
                            run[e + 1].text in self.titles and run[e + 1].text not in self._modifiers):
                        e += 1
                    while run[e].text in self.connectors:
                        e -= 1
                    end = max(end, e)
                # a longer head further on ("Council of the Federation Committee") is rare: stop here
                return end, "ORG"
            if h > k and w in self.place_suffix:
                return h, "GPE"
        if k + 1 < len(run) and run[k + 1].text not in self.titles:
            if run[k].text in self.org_prefix:
                return k + 1, "ORG"  # "Real Madrid", "Dynamo Kyiv"
            if run[k].text in self.place_prefix:
                return k + 1, "GPE"  # "Lake Baikal", "Mount Elbrus"
        return None

    def _segment(self, run: list[_Unit], before: str, seen_family: dict[str, str]):
        n = len(run)
        k = 0
        cue = "role" if before in self.roles else None
        while k < n:
            u = run[k]
            w = u.text
            if w in self.connectors:
                k += 1
                continue
            hit = self._gaz_at(run, k)
            if hit is None and w in self.given and k + 1 < n:
                nxt = self._gaz_at(run, k + 1)
                if nxt and nxt[0] == 1 and nxt[1][0] == "PERSON":
                    # "Maxim Timchenko": a gazetteer surname after another given name is someone else
                    yield from self._person(run, k, k + 1, None, {"cue": "given_name"}, seen_family)
                    k += 2
                    cue = None
                    continue
            if hit and hit[1][0] == "PERSON":
                m, (label, canon, src) = hit
                yield from self._person(run, k, k + m - 1, canon, {"cue": "gazetteer", "source": src}, seen_family)
                k += m
                cue = None
                continue
            if w in self.never and w not in self.titles and w not in self.org_heads and not hit:
                k += 1  # "But", "However": never part of a name
                continue
            head = None if (w in self.titles and w not in self._modifiers and w not in self.org_heads) or w == "The" else self._head_end(run, k)
            if head and hit and hit[0] >= head[0] - k + 1:
                head = None  # the gazetteer knows a phrase at least as long ("Credit Suisse")
            if head and head[0] == k and w in self.org_heads:
                head = None  # a head word alone ("Credit", "Energy") is not a name; "Duma" is in the gazetteer
            if head:
                end, label = head
                if label == "GPE" or end > k or w not in self.never:
                    canon = None
                    if hit and hit[0] == end - k + 1:
                        canon = hit[1][1]
                    yield k, end, label, canon, {"cue": "head_word"}
                    k = end + 1
                    cue = None
                    continue
            if hit:
                m, (label, canon, src) = hit
                s0 = k + 1 if w == "The" and label != "GPE" and m > 1 else k  # "the" is not part of an org's name
                yield s0, k + m - 1, label, canon, {"cue": "gazetteer", "source": src}
                k += m
                cue = None
                continue
            if w in self.titles or w == "The" or (u.sent_start and w.lower() in self.roles):
                if w != "The" and w not in self._modifiers:
                    cue = "title"  # "Energy" alone ("Energy Procurement") announces no person
                k += 1
                continue
            # an unknown stretch, up to the next title or gazetteer phrase
            e = k
            while e + 1 < n and run[e + 1].text not in self.titles and run[e + 1].text != "of" \
                    and self._gaz_at(run, e + 1) is None:
                e += 1
            while e > k and run[e].text in self.connectors:
                e -= 1
            if u.sent_start and w not in self.given and w not in seen_family and self._zipf(w.lower()) >= self._z["sentence_start_common"]:
                k += 1  # a common word capitalised only because it starts the sentence
                continue
            res = self._classify(run, k, e, cue, before if k == 0 else "", seen_family)
            if res:
                label, canon, data = res
                if label == "PERSON":
                    yield from self._person(run, k, e, canon, data, seen_family)
                else:
                    yield k, e, label, canon, data
            k = e + 1
            cue = None

    def _person(self, run, i, j, canon, data, seen_family):
        if j > i:
            full = canon or " ".join(u.text for u in run[i : j + 1])
            seen_family[run[j].text] = full
            if canon and canon.split()[-1] != run[j].text:
                seen_family[canon.split()[-1]] = canon
        yield i, j, "PERSON", canon, data

    def _classify(self, run, k, e, cue, before, seen_family):
        _zipf, z = self._zipf, self._z
        words = [u.text for u in run[k : e + 1]]
        first = words[0]
        if len(words) == 1:
            if first in seen_family:
                return "PERSON", seen_family[first], {"cue": "surname"}
            if first in self.family:
                return "PERSON", self.family[first], {"cue": "gazetteer_family"}
            if first in self.never:
                return None
            if self._acronym.match(first) and first not in self.not_org and (
                    len(first) <= self._len["acronym_always_org"] or _zipf(first.lower()) < z["upper_case_english_word"]):
                # an upper-case word that is a common English word ("HOPE", "LETTERS") is emphasis
                return "ORG", None, {"cue": "acronym"}
            if cue and _zipf(first.lower()) < z["cued_person_max"]:
                return "PERSON", None, {"cue": cue}
            if before in self._locative and _zipf(first.lower()) < z["locative_place_max"]:
                return "GPE", None, {"cue": "locative"}
            return None
        if any(w in self.never for w in words if w not in self.connectors):
            return None
        if first in self.given:
            return "PERSON", None, {"cue": "given_name"}
        if cue and _zipf(first.lower()) < z["cued_person_max"]:
            return "PERSON", None, {"cue": cue}
        if len(words) <= 3 and all(w in self.connectors or _is_cap(w, self.particles) and not w.isupper()
                                   and _zipf(w.lower()) < z["rare_word_max"] for w in words):
            return "PERSON", None, {"cue": "rare_words"}
        return None

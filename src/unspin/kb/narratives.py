"""Narrative retrieval: normalisation, a small BM25 index and the narrative catalogue.

The catalogue (``resources/narratives/``) holds the SemEval-2025 Task 10 taxonomy of narratives
and sub-narratives (Ukraine-Russia war, climate change) with short descriptions and cue phrases
in en, ru, fr, de, and EUvsDisinfo cases (claim summary and disproof) linked to the taxonomy.
A passage of an article is matched against it by retrieval, not by a keyword list:

- :func:`terms` normalises text: lower case, word split, stop words dropped, a light suffix
  stemmer per language (hand-written, pure Python: English plural/verb/adverb endings, and
  longest-ending stripping for Russian, French and German). Crude, but the same function runs
  on the catalogue and on the article, so a consistent conflation is all it needs.
- :class:`BM25` scores a bag of query terms against every document of a small collection
  (Okapi BM25, ``k1``/``b`` as usual), with postings held in numpy arrays.
- :class:`NarrativeCatalogue` keeps one BM25 index per language over the sub-narratives
  (description + cue phrases + parent narrative text), the cue phrases as term sets, and a BM25
  index over the English EUvsDisinfo cases for "nearest cases".

Trade-offs: bag-of-words retrieval sees topic and stance words, not who asserts what; the
analyzer therefore decides the *voice* (quoted or attributed vs the article's own) separately
and keeps thresholds high. Sub-narrative documents are short and hand-written, so recall
depends on how well the cue phrases cover the ways a claim is phrased; paraphrases with none of
their words are missed. Only numpy and the standard library are used at run time.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["NORMALISER_VERSION", "terms", "stem", "BM25", "NarrativeCatalogue", "Match"]

#: bumped whenever :func:`terms` can give a different output (pre-computed case terms are then
#: recomputed at load time)
NORMALISER_VERSION = "1"

#: a negation this many terms (stop words left out) before a frame's term unfills the frame
NEGATION_WINDOW = 3

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

_EN_KEEP_S = ("ss", "us", "sis", "ous", "ics")
_RU_ENDINGS = sorted(
    """ами ями ов ев ей ий ый ой ая яя ое ее ые ие ых их ым им ыми ими ого его ому ему ую юю ом ем
    ах ях ам ям ою ею а я о е ы и у ю ь ться тся ешь ет ем ете ут ют ит им ите ат ят ал ала али ало
    ил ила или ило ел ела ели ув ав ив ость ости ство ства ской ские ский ского ская ское ских
    ским ском ения ение ении ений ировать ировал ированный""".split(),
    key=len, reverse=True)
_FR_ENDINGS = sorted(
    """issements issement ements ement ations ation ateurs ateur atrices atrice ités ité ismes isme
    istes iste iques ique ables able ibles ible euses euse eux ives ive ifs if antes ante ants ant
    ences ence ances ance èrent erait eraient era eront ées ée és é ent es er ez e s x""".split(),
    key=len, reverse=True)
_DE_ENDINGS = sorted(
    """ungen ung heiten heit keiten keit schaften schaft ischen ische ischer isches isch lichen
    liche licher lich igen ige iger ig ern em en er es e n s""".split(),
    key=len, reverse=True)

#: guards the catalogue's one-time lazy builds (cases, their index, their links)
_LAZY = threading.RLock()


def _strip_accents(w: str) -> str:
    if w.isascii():
        return w
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def _stem_en(w: str) -> str:
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith(("ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_EN_KEEP_S):
        w = w[:-1]
    for suf in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and re.search(r"[aeiouy]", w[: -len(suf)]):
            w = w[: -len(suf)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    else:
        if w.endswith("ly") and len(w) >= 6:
            w = w[:-2]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _strip_longest(w: str, endings: Sequence[str], min_stem: int) -> str:
    for e in endings:
        if w.endswith(e) and len(w) - len(e) >= min_stem:
            return w[: -len(e)]
    return w


def stem(word: str, lang: str) -> str:
    """A light stem of a lower-case word (languages other than en/ru/fr/de: the word itself)."""
    if lang == "en":
        return _stem_en(word)
    if lang == "ru":
        return _strip_longest(word.replace("ё", "е"), _RU_ENDINGS, 3)
    if lang == "fr":
        w = word.replace("’", "'")
        if "'" in w[:3]:
            w = w.split("'", 1)[1]
        return _strip_accents(_strip_longest(w, _FR_ENDINGS, 3))
    if lang == "de":
        return _strip_accents(_strip_longest(word.replace("ß", "ss"), _DE_ENDINGS, 3))
    return word


def terms(text: str, lang: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Normalised terms of ``text``: lower case, stop words out, stemmed. Hyphenated words give
    their parts ("NATO-Osterweiterung" -> nato, osterweiter)."""
    out = []
    for m in _WORD.finditer(text.lower()):
        for w in re.split(r"[-]", m.group()):
            if w in stopwords or len(w) < 2 and not w.isdigit():
                continue
            if lang == "fr" and ("'" in w[:3] or "’" in w[:3]):
                w2 = w.replace("’", "'").split("'", 1)[1]
                if w2 in stopwords or not w2:
                    continue
            out.append(stem(w, lang))
    return out


class BM25:
    """Okapi BM25 over a fixed collection of term lists.

    ``score(query_terms)`` returns an array with one score per document; each distinct query
    term counts once (a passage repeating a word is not more on-topic). Postings are numpy
    arrays, so a query costs one small vector addition per distinct query term present in
    the collection.
    """

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75,
                 weights: Sequence[float] | None = None, term_weights: dict[str, float] | None = None):
        self.n = len(docs)
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        avgdl = float(lengths.mean()) if self.n else 1.0
        df: Counter = Counter()
        for d in docs:
            df.update(set(d))
        self.idf = {t: math.log(1.0 + (self.n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        post: dict[str, tuple[list[int], list[float]]] = {}
        norm = k1 * (1.0 - b + b * lengths / max(avgdl, 1e-9))
        for i, d in enumerate(docs):
            w = 1.0 if weights is None else float(weights[i])
            for t, f in Counter(d).items():
                ids, vals = post.setdefault(t, ([], []))
                ids.append(i)
                tw = term_weights.get(t, 1.0) if term_weights else 1.0
                vals.append(w * tw * self.idf[t] * f * (k1 + 1.0) / (f + norm[i]))
        self.postings = {t: (np.array(ids, dtype=np.int32), np.array(vals)) for t, (ids, vals) in post.items()}

    def score(self, query: Iterable[str]) -> np.ndarray:
        s = np.zeros(self.n)
        for t in set(query):
            p = self.postings.get(t)
            if p is not None:
                s[p[0]] += p[1]
        return s

    def matched(self, query: Iterable[str], doc: int) -> list[str]:
        """The query terms that occur in document ``doc``."""
        out = []
        for t in set(query):
            p = self.postings.get(t)
            if p is not None and doc in set(p[0].tolist()):
                out.append(t)
        return sorted(out)


@dataclass(frozen=True)
class Match:
    """The best sub-narrative for a passage."""

    sub: int  # index into NarrativeCatalogue.subs
    score: float  # BM25 + cue bonus
    bm25: float
    cue: str | None  # the best-covered cue phrase, when it counts
    cue_coverage: float
    terms: tuple[str, ...]  # query terms found in the sub-narrative's document
    claim_terms: int = 0  # how many of them are not entity terms
    frame: str | None = None  # the claim frame of the sub-narrative the passage fills, if any
    similarity: float | None = None  # sentence-embedding similarity (optional extra), if used
    prototype: str | None = None  # the description or cue phrase it was nearest to


class NarrativeCatalogue:
    """The taxonomy (and optionally the EUvsDisinfo cases) ready for retrieval.

    ``taxonomy`` is the parsed ``narratives/taxonomy.json``, ``cases`` the parsed
    ``narratives/euvsdisinfo.json`` (or None). Cue phrases add ``cue_weight`` times their
    idf-weighted coverage to a sub-narrative's score when at least two of their terms and at
    least ``min_cue_coverage`` of their weight are present in the passage. Topic words (the
    resource's ``topic_words``: Ukraine, NATO, Putin, climate...) count ``entity_weight`` times
    their BM25 weight: a passage must share *claim* words with a narrative, not only its subject.

    Claim frames (a sub-narrative's ``frames``) generalise cue phrases: ``"western|mainstream +
    media|press + lie|hide|ignore"`` is filled by a passage holding one alternative of every
    group (an alternative of several words needs them all), in any order, e.g. "the Western press
    ignores ...". A filled frame adds ``frame_weight`` to the sub-narrative's score and is
    reported as :attr:`Match.frame`. A passage with a negation ("not", "не", "pas", "nicht")
    fills only frames that have a negation of their own, since a negated claim is the opposite
    claim. Trade-off: frames are hand-written and see words, not syntax; who does what to whom
    is not checked, so they are kept to words that name the claim itself (conceal + losses,
    curators + Western), not its topic.
    """

    def __init__(self, taxonomy: dict, cases: dict | None = None, cue_weight: float = 4.0,
                 min_cue_coverage: float = 0.6, entity_weight: float = 0.3, frame_weight: float = 8.0):
        self.taxonomy = taxonomy
        self.langs = tuple(taxonomy["languages"])
        self.stop = {lg: frozenset(taxonomy["stopwords"].get(lg, ())) for lg in self.langs}
        self.narratives = {n["id"]: n for n in taxonomy["narratives"]}
        self.subs = list(taxonomy["subnarratives"])
        self.cue_weight = cue_weight
        self.min_cue_coverage = min_cue_coverage
        self.index: dict[str, BM25] = {}
        self._cue_flat: dict[str, list[tuple[int, str, frozenset[str], float, bool, frozenset[str]]]] = {}
        #: per language, negation terms: a cue with one ("sea levels are not rising") counts only
        #: for a passage with a negation; its other terms give the coverage
        self.negations = {lg: frozenset(t for w in taxonomy.get("negations", {}).get(lg, ())
                                        for t in self.terms(w, lg)) for lg in self.langs}
        self._cue_inv: dict[str, dict[str, list[int]]] = {}
        #: per language, the claim frames: (sub-narrative, frame text, groups of alternatives,
        #: each alternative a set of terms); and an inverted index on the first group's terms
        self._frames: dict[str, list[tuple[int, str, list[list[tuple[str, ...]]]]]] = {}
        self._frame_inv: dict[str, dict[str, set[int]]] = {}
        self.frame_weight = frame_weight
        self.cues: dict[str, list[list[tuple[str, frozenset[str]]]]] = {}
        #: per language, the terms that say what a passage is about (countries, leaders, war,
        #: climate) rather than what it claims: weighed down by ``entity_weight`` and not counted
        #: as claim terms
        self.entities = {lg: frozenset(t for w in taxonomy.get("topic_words", {}).get(lg, ())
                                       for t in self.terms(w, lg)) for lg in self.langs}
        self.entity_weight = entity_weight
        for lg in self.langs:
            docs = []
            cues = []
            for s in self.subs:
                n = self.narratives[s["narrative"]]
                parts = [s["description"].get(lg, ""), n["description"].get(lg, "")] + list(s["cues"].get(lg, []))
                if lg == "en":
                    parts += [s["label"] if s["label"] != "Other" else "", n["label"]]
                docs.append(self.terms(" ".join(parts), lg))
                cues.append([(c, frozenset(self.terms(c, lg))) for c in s["cues"].get(lg, [])])
            ents = self.entities.get(lg, frozenset())
            self.index[lg] = BM25(docs, term_weights={t: entity_weight for t in ents})
            self.cues[lg] = cues
            idf = self.index[lg].idf
            neg = self.negations.get(lg, frozenset())
            ents = self.entities.get(lg, frozenset())
            flat = [(i, text, ts - neg, math.fsum(idf.get(t, 1.0) for t in ts - neg), bool(ts & neg), ts & ents)
                    for i, cs in enumerate(cues) for text, ts in cs if len(ts - neg) >= 2]
            self._cue_flat[lg] = flat
            inv: dict[str, list[int]] = {}
            for k, (_, _, ts, _, _, _) in enumerate(flat):
                for t in ts:
                    inv.setdefault(t, []).append(k)
            self._cue_inv[lg] = inv
            self._frames[lg] = [(i, text, groups) for i, sub in enumerate(self.subs)
                                for text in sub.get("frames", {}).get(lg, ())
                                if (groups := self.parse_frame(text, lg)) is not None]
            finv: dict[str, set[int]] = {}
            for k, (_, _, groups) in enumerate(self._frames[lg]):
                for alt in groups[0]:
                    finv.setdefault(alt[0], set()).add(k)
            self._frame_inv[lg] = finv
        # the cases (3 MB) are read on first need: most articles match no narrative at all
        self._cases_src = cases
        self._cases: list | None = None
        #: added to a case's BM25 score when it is linked to the matched sub-narrative
        self.case_link_bonus = 5.0
        #: below this, a case is not "near" (an unrelated case is worse than none)
        self.case_min_score = 6.0
        #: ... and this much of it from claim (non-topic) terms
        self.case_min_claim_score = 8.0
        self._case_index: BM25 | None = None
        self._by_sub: dict[str, list[int]] | None = None

    def terms(self, text: str, lang: str) -> list[str]:
        return terms(text, lang, self.stop.get(lang, frozenset()))

    def parse_frame(self, text: str, lang: str) -> list[list[tuple[str, ...]]] | None:
        """``"a|b c + d"`` -> ``[[(a,), (b, c)], [(d,)]]`` (terms normalised as for passages;
        an alternative of several words is a phrase: its terms must follow each other, stop
        words aside); None when a group is left with no alternative (all stop words)."""
        groups = []
        for g in text.split("+"):
            alts = [tuple(self.terms(a, lang)) for a in g.split("|")]
            alts = [a for a in alts if a]
            if not alts:
                return None
            groups.append(alts)
        return groups if len(groups) >= 1 else None

    def frame_hits(self, query_terms: Sequence[str], lang: str) -> dict[int, str]:
        """Sub-narrative index -> the first of its frames that the (ordered) query terms fill.
        A frame with no negation of its own is not filled when a negation stands within
        ``NEGATION_WINDOW`` terms before one of the terms that fill it."""
        frames = self._frames.get(lang)
        if not frames:
            return {}
        q = set(query_terms)
        cand: set[int] = set()
        for t in q:
            ks = self._frame_inv[lang].get(t)
            if ks:
                cand |= ks
        if not cand:
            return {}
        neg = self.negations.get(lang, frozenset())
        negated_at = {}
        if q & neg:
            for pos, t in enumerate(query_terms):
                if t in neg:
                    for u in query_terms[pos + 1: pos + 1 + NEGATION_WINDOW]:
                        negated_at[u] = True
        out: dict[int, str] = {}
        for k in sorted(cand):
            i, text, groups = frames[k]
            if i in out:
                continue
            used: set[str] = set()
            for g in groups:
                alt = next((a for a in g if _present(a, q, query_terms)), None)
                if alt is None:
                    break
                used.update(alt)
            else:
                if negated_at and not any(t in neg for g in groups for a in g for t in a) \
                        and any(t in negated_at for t in used):
                    continue
                out[i] = text
        return out

    def frame_words(self, text: str, lang: str, frame: str) -> list[str]:
        """The words of ``text`` that fill ``frame`` (one entry per group, as written in the
        text), for a message a person can check against the passage."""
        groups = self.parse_frame(frame, lang) or []
        surface: dict[str, str] = {}
        for m in _WORD.finditer(text):
            for t in self.terms(m.group(), lang):
                surface.setdefault(t, m.group())
        out = []
        for g in groups:
            alt = next((a for a in g if all(t in surface for t in a)), None)
            if alt is not None:
                words = sorted({surface[t] for t in alt}, key=lambda w: text.find(w))
                out.append(" ".join(words))
        return out

    # -- sub-narratives -----------------------------------------------------------------------
    def rank(self, query_terms: Sequence[str], lang: str) -> np.ndarray:
        """Scores (BM25 + cue bonus + frame bonus) of every sub-narrative for a normalised query."""
        s = self.index[lang].score(query_terms)
        if self.cue_weight:
            s = s + self.cue_weight * self._cue_coverage(query_terms, lang)[0]
        for j in self.frame_hits(list(query_terms), lang):
            s[j] += self.frame_weight
        return s

    def _cue_coverage(self, query_terms: Sequence[str], lang: str) -> tuple[np.ndarray, list[str | None]]:
        """Per sub-narrative: the best idf-weighted coverage of one of its cue phrases by the
        query (0 unless at least two cue terms and ``min_cue_coverage`` are covered, and the
        cue's negation and topic words are all present), and that cue. Only cues sharing a term
        with the query are looked at (inverted index)."""
        q = set(query_terms)
        idf = self.index[lang].idf
        inv = self._cue_inv[lang]
        flat = self._cue_flat[lang]
        touched: Counter = Counter()
        for t in q:
            for k in inv.get(t, ()):
                touched[k] += 1
        cov = np.zeros(len(self.subs))
        best: list[str | None] = [None] * len(self.subs)
        negated = bool(q & self.negations.get(lang, frozenset()))
        for k in sorted(touched):  # cue order, not set order: ties go to the first cue, every run
            if touched[k] < 2:
                continue
            i, text, ts, total, needs_neg, subject = flat[k]
            if needs_neg and not negated or not subject <= q:
                continue  # a cue counts only with its negation and its topic words (its subject)
            c = math.fsum(idf.get(t, 1.0) for t in ts & q) / total  # exact: no set-order rounding
            if c >= self.min_cue_coverage and c > cov[i]:
                cov[i], best[i] = c, text
        return cov, best

    def best(self, text: str, lang: str) -> Match | None:
        """The best sub-narrative for ``text`` (None when nothing in it is in the catalogue)."""
        if lang not in self.index:
            return None
        return self.best_terms(self.terms(text, lang), lang)

    def best_terms(self, q: Sequence[str], lang: str, frames: bool = True) -> Match | None:
        """:meth:`best` for an already normalised query; ``frames=False`` leaves claim frames
        out (for passages longer than a sentence, whose words need not belong to one claim)."""
        if not q:
            return None
        bm = self.index[lang].score(q)
        cov, cue = self._cue_coverage(q, lang)
        total = bm + self.cue_weight * cov
        frames = self.frame_hits(q, lang) if frames else {}
        for j in frames:
            total[j] += self.frame_weight
        if frames:  # a filled frame names the claim: it wins over bag-of-words neighbours
            i = max(frames, key=lambda j: total[j])
        else:
            i = int(np.argmax(total))
        if total[i] <= 0:
            return None
        matched = tuple(self.index[lang].matched(q, i))
        ents = self.entities.get(lang, frozenset())
        return Match(i, float(total[i]), float(bm[i]), cue[i], float(cov[i]), matched,
                     sum(1 for t in matched if t not in ents), frames.get(i))

    def frame_matches(self, q: Sequence[str], lang: str) -> list[Match]:
        """One :class:`Match` per sub-narrative whose frame the query fills (a sentence may
        state two claims: "the Kyiv regime obeys its Western curators"), best first."""
        frames = self.frame_hits(q, lang)
        if not frames:
            return []
        bm = self.index[lang].score(q)
        cov, cue = self._cue_coverage(q, lang)
        ents = self.entities.get(lang, frozenset())
        out = []
        for i, fr in frames.items():
            matched = tuple(self.index[lang].matched(q, i))
            out.append(Match(i, float(bm[i] + self.cue_weight * cov[i] + self.frame_weight), float(bm[i]), cue[i],
                             float(cov[i]), matched, sum(1 for t in matched if t not in ents), fr))
        return sorted(out, key=lambda m: -m.score)

    def sub_info(self, i: int) -> dict:
        s = self.subs[i]
        n = self.narratives[s["narrative"]]
        return {"narrative_id": s["id"], "narrative": n["label"], "domain": n["domain"],
                "subnarrative": s["label"], "description": s["description"]["en"]}

    # -- EUvsDisinfo cases --------------------------------------------------------------------
    @property
    def cases(self) -> list:
        """The EUvsDisinfo cases; ``cases`` given to the constructor may be the parsed file or a
        function returning it (read on first use)."""
        if self._cases is None:
            with _LAZY:  # built once, even when several threads ask at the same time
                if self._cases is None:
                    src = self._cases_src() if callable(self._cases_src) else self._cases_src
                    self._cases = src["cases"] if src else []
        return self._cases

    def case_index(self) -> BM25:
        """BM25 over each case's title (twice), keywords and summary, in English (built once)."""
        if self._case_index is None:
            with _LAZY:
                if self._case_index is None:
                    docs = []
                    for c in self.cases:
                        ts = c.get("terms")
                        if not ts or c.get("terms_version") != NORMALISER_VERSION:
                            ts = self.terms(case_text(c), "en")
                        else:
                            ts = ts.split()
                        docs.append(ts)
                    self._case_index = BM25(docs, term_weights={t: self.entity_weight for t in self.entities.get("en", ())})
        return self._case_index

    def nearest_cases(self, text: str, lang: str, sub: int | None = None, k: int = 3) -> list[dict]:
        """The ``k`` cases nearest to ``text``. Cases linked to sub-narrative ``sub`` (by
        ``scripts/build_narratives.py``) come first, ranked by BM25 similarity to ``text`` (English)
        or by link strength (other languages: the case texts are English), ``how="linked"``. The
        rest of the ``k`` is filled by free retrieval over all cases (English only, topic words
        weighed down), ``how="retrieval"``, keeping only cases with a score of at least
        ``case_min_score`` and a claim-terms-only (non-topic) score of at least
        ``case_min_claim_score``: a passage that merely shares a subject gets no case rather than
        an unrelated one."""
        if not self.cases:
            return []
        sid = self.subs[sub]["id"] if sub is not None else None
        linked = self._linked().get(sid, []) if sid else []
        picked: list[tuple[int, str]] = []
        if lang == "en":
            q = self.terms(text, "en")
            idx = self.case_index()
            s = idx.score(q)
            picked = [(j, "linked") for j in sorted(linked, key=lambda j: -s[j])[:k]]
            ents = self.entities.get("en", frozenset())
            claim = idx.score([t for t in set(q) if t not in ents])
            for j in np.argsort(-s)[: 10 * k]:
                j = int(j)
                if s[j] < self.case_min_score or len(picked) >= k:
                    break
                if claim[j] >= self.case_min_claim_score and all(j != p for p, _ in picked):
                    picked.append((j, "retrieval"))
        else:
            picked = [(j, "linked") for j in linked[:k]]
        order = [j for j, _ in picked]
        hows = dict(picked)
        out = []
        for j in order:
            c = self.cases[j]
            out.append({"id": c["id"], "title": c["title"], "date": c.get("date"),
                        "disproof": excerpt(c.get("disproof", ""), 240), "url": c.get("url"),
                        "ref": c.get("ref"), "how": hows[j]})
        return out

    def _linked(self) -> dict[str, list[int]]:
        if self._by_sub is None:
            with _LAZY:
                if self._by_sub is None:
                    by: dict[str, list[tuple[float, int]]] = {}
                    for j, c in enumerate(self.cases):
                        for link in c.get("narratives", []):
                            by.setdefault(link["id"], []).append((-link["score"], j))
                    self._by_sub = {k: [j for _, j in sorted(v)] for k, v in by.items()}
        return self._by_sub


def _present(alt: tuple[str, ...], q: set[str], seq: Sequence[str]) -> bool:
    """Whether a frame alternative occurs in a query: one term anywhere, several as a run."""
    if len(alt) == 1:
        return alt[0] in q
    if not all(t in q for t in alt):
        return False
    n = len(alt)
    return any(tuple(seq[i:i + n]) == alt for i in range(len(seq) - n + 1) if seq[i] == alt[0])


def case_text(case: dict) -> str:
    """The text a case is indexed by: title (twice, it is the claim in a line), keywords, summary."""
    return " ".join([case.get("title", ""), case.get("title", ""), " ".join(case.get("keywords", [])),
                     case.get("summary", "")])


def excerpt(text: str, n: int) -> str:
    """``text`` cut at a word boundary near ``n`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > n // 2 else n] + "…"

"""Model-free LLM-style scorer: how much an article reads like LLM prose (weak evidence).

``StyleScorer(resources).score(doc)`` returns a :class:`StyleResult` with a calibrated
probability that the body was machine-written, a level (``high`` / ``medium`` / ``low`` /
``none``), an uncertainty interval, the named feature values, and evidence: the marker words and
stock phrases found (token spans with exact offsets into ``doc.text``) and the sentences richest
in them. Texts under ``min_words`` words (100, from ``llm/style_model.json``) get ``None``: below
that, sentence-length and vocabulary rates are mostly noise.

How it works. One pass over ``doc.tokens`` and ``doc.sentences`` computes about two dozen cheap,
generic features: the density of an LLM-overused lexicon (words and stock phrases from published
lists, Kobak et al. excess words, slop-score, antislop, the human_detectors guide, plus
news-register phrases written for unspin; each term weighted by its smoothed log-odds between
machine and human news in the training split, ``llm/style_lexicon.json``), the density of words
human reporters use and LLMs avoid ("said", "told", contractions, "pretty"...), attribution and
quotation rates, sentence-length mean and variation, the share of short sentences, commas and
participle clauses per sentence, word length, nominalisations, digits, capitalised names,
type-token ratio of 50-word segments, "human" punctuation (parentheses, dashes, colons), hedges,
sentence-initial transitions ("Moreover", "Additionally"), and a summarising last sentence.
A logistic regression (weights, feature means and scales in ``llm/style_model.json``, fitted by
``scripts/fit_llm_style.py``) combines them; Platt scaling fitted on out-of-fold scores makes the
probability calibrated *for a 50/50 mix* of human and machine news like the training data. The
levels are thresholds on that probability chosen on human news (``high``: about 0.5% false
alarms on the training split of human news, ``medium``: about 5%), so they do not depend on that
prior. The probability is kept within [0.01, 0.99]: style alone never makes a certainty. ``interval`` is the widest of (a) the 90% Wilson interval of the machine share among
out-of-fold training texts whose probability fell in the same calibration bin and (b) the 5-95%
range of the probability under bootstrap refits of the model.

Trade-offs. Style is weak evidence: careful human writers and non-native writers can look
"LLM-like", and an LLM told to imitate wire copy can look human; rewrites of a real article keep
much of its human structure. Paragraph features are left out on purpose: in the public training
data the human texts lost their paragraph breaks when scraped, so paragraph statistics would learn
the scraping, not the writer. Runtime uses the standard library and numpy only, about 1 ms per
600-word article once the Document is segmented.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter

import numpy as np

from ..document import Document
from ..spans import Span

__all__ = ["StyleResult", "StyleScorer", "StyleFeatures", "FEATURES", "LEVELS"]

LEVELS = ("high", "medium", "low", "none")

#: Feature names, in model order. Rates are per 100 words unless named otherwise.
FEATURES = (
    "llm_words",  # summed weight of LLM-overused single words per 100 words
    "llm_phrases",  # summed weight of LLM stock phrases (2+ words) per 100 words
    "human_words",  # summed |weight| of words humans use and LLMs underuse, per 100 words
    "kobak_style",  # Kobak et al. excess 'style' words per 100 words (published list, unweighted)
    "attribution",  # share of sentences with said/says/told/according to
    "quotes",  # quotation marks per 100 words
    "sent_len_mean",  # words per sentence
    "sent_len_cv",  # std/mean of words per sentence
    "short_sent",  # share of sentences with <= 8 words
    "commas_per_sent",
    "participle_clauses",  # ", <word>ing" per sentence
    "word_len",  # mean letters per word
    "nominalisations",  # -tion/-ment/-ity/-ness/-ance/-ence words per 100 words
    "digits",  # tokens with a digit per 100 words
    "names",  # capitalised words not at a sentence start per 100 words
    "ttr50",  # mean type-token ratio of 50-word segments
    "human_punct",  # ( ) - – — : ; per 100 words
    "contractions",  # n't 're 've 'll 'm 'd per 100 words
    "first_person",  # I me my we us our per 100 words
    "transitions",  # share of sentences opening with a transition adverb
    "hedges",  # hedging words per 100 words
    "and_rate",  # "and" per 100 words
    "closing",  # 1 if the last sentence reads as a summarising close
)

_APOS = str.maketrans({"’": "'", "‘": "'"})
_QUOTES = frozenset('"“”«»„')
_OPENERS = frozenset('.!?:;"“”«»„\'‘’()[]-–—…')
_HUMAN_PUNCT = frozenset("()-–—:;[]")
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'m", "'d")
_NOMINAL = ("tion", "sion", "ment", "ity", "ness", "ance", "ence")
_TTR_WINDOW = 50
_TEXT, _START, _BOUNDS = itemgetter(3), itemgetter(1), itemgetter(1, 2)
#: Style alone is never certain: the probability is kept inside [P_MIN, P_MAX].
P_MIN, P_MAX = 0.01, 0.99
_PARTICIPLE = re.compile(r", [a-z]{3,}ing\b")


@dataclass
class StyleResult:
    """What the style scorer says about one article.

    ``probability``: calibrated P(machine-written) for a 50/50 prior (see the module doc);
    ``level``: ``high`` | ``medium`` | ``low`` | ``none``; ``interval``: (low, high) uncertainty
    of ``probability``; ``features``: named feature values; ``markers``: marker words and stock
    phrases found (spans of ``doc.text``); ``marker_sentences``: the sentences richest in
    markers (from ``doc.sentences``), strongest first.
    """

    probability: float
    level: str
    interval: tuple[float, float]
    features: dict[str, float]
    markers: list[Span] = field(default_factory=list)
    marker_sentences: list[Span] = field(default_factory=list)


class StyleFeatures:
    """Feature extraction from a Document, driven by the ``llm/style_lexicon.json`` resource.

    Shared by the runtime scorer and the fitting script, so both see exactly the same numbers.
    """

    def __init__(self, lexicon: dict):
        self.min_words = int(lexicon.get("min_words", 100))
        self.marker_min_weight = float(lexicon.get("marker_min_weight", 0.5))
        # phrase table: first token -> [(rest tuple, weight, text)], longest first
        table: dict[str, list[tuple[tuple[str, ...], float]]] = {}
        for term, w in lexicon["terms"].items():
            toks = tuple(term.lower().translate(_APOS).split())
            if toks:
                table.setdefault(toks[0], []).append((toks[1:], float(w)))
        for v in table.values():
            v.sort(key=lambda x: -len(x[0]))
        self.table = table
        self.kobak = frozenset(w.lower() for w in lexicon["kobak_style"])
        self.attribution = frozenset(w.lower() for w in lexicon["attribution_words"])
        self.transitions = frozenset(w.lower() for w in lexicon["transitions"])
        self.hedges = frozenset(w.lower() for w in lexicon["hedges"])
        self.first_person = frozenset(w.lower() for w in lexicon["first_person"])
        self.closing_openers = tuple(w.lower() for w in lexicon["closing_openers"])
        self.closing_phrases = tuple(p.lower() for p in lexicon["closing_phrases"])

    def extract(self, doc: Document) -> tuple[dict[str, float], list[tuple[int, int, float]], int] | None:
        """(features, marker hits as (first token index, last token index + 1, weight), words),
        or None when the body has fewer than ``min_words`` words.

        Written for speed (about 1 ms for 600 words): per-type counts come from one Counter of
        the lower-cased tokens, per-sentence counts from prefix sums and bisection.
        """
        toks = doc.tokens
        text = doc.text
        texts = list(map(_TEXT, toks))
        initials = "".join([s[0] for s in texts])
        is_word = list(map(str.isalnum, initials))
        n_words = sum(is_word)
        if n_words < self.min_words:
            return None
        lt = text.lower()
        if "’" in lt or "‘" in lt:
            lt = lt.translate(_APOS)
        if len(lt) == len(text):
            low = [lt[a:b] for a, b in map(_BOUNDS, toks)]
        else:  # a character whose lower case is longer (rare): per token
            low = [t.lower().translate(_APOS) for t in texts]
        cnt = Counter(low)
        keys = cnt.keys()

        # lexicon: longest phrase match at each token, then move past it
        table = self.table
        llm_w = llm_p = hum = 0.0
        hits: list[tuple[int, int, float]] = []
        covered = 0  # tokens before this index belong to a phrase already matched
        for i in [j for j, w in enumerate(low) if w in table]:
            if i < covered:
                continue
            if i and texts[i][0].isupper() and texts[i - 1] not in _OPENERS:
                continue  # a capitalised word inside a sentence is a name ("Beacon", "Resilience Fund")
            for rest, w in table[low[i]]:
                k = len(rest)
                if k == 0 or tuple(low[i + 1:i + 1 + k]) == rest:
                    covered = i + 1 + k
                    if w > 0:
                        if k:
                            llm_p += w
                        else:
                            llm_w += w
                        if w >= self.marker_min_weight:
                            hits.append((i, i + 1 + k, w))
                    else:
                        hum -= w
                    break

        def count(words) -> int:
            return sum(cnt[w] for w in keys & words)

        kobak = count(self.kobak)
        quotes = count(_QUOTES)
        hpunct = count(_HUMAN_PUNCT)
        first = count(self.first_person)
        hedges = count(self.hedges)
        ands = cnt.get("and", 0)
        commas = cnt.get(",", 0)
        contractions = nominal = digits = 0
        for w, c in cnt.items():
            if w[0].isdigit() or w[-1].isdigit():
                digits += c
            elif w.endswith(_CONTRACTIONS):
                contractions += c
            elif len(w) > 6 and w.endswith(_NOMINAL):
                nominal += c
        words = list(compress(low, is_word))
        word_len = sum(map(len, words)) / n_words
        participle = len(_PARTICIPLE.findall(lt))
        capitalised = sum(map(str.isupper, initials))

        # sentences: words per sentence (prefix sums), first words, attribution
        sents = doc.sentences
        starts = list(map(_START, toks))
        cum = [0, *accumulate(is_word)]
        att_pos = [j for j, w in enumerate(low) if w in self.attribution]
        sent_lens: list[int] = []
        firsts = 0
        trans = 0
        attributed = 0
        ai = 0
        for s in sents:
            a = bisect_left(starts, s.start)
            b = bisect_left(starts, s.end, a)
            nw = cum[b] - cum[a]
            if not nw:
                continue
            sent_lens.append(nw)
            j = a
            while not is_word[j]:
                j += 1
            if texts[j][0].isupper():
                firsts += 1
            if low[j] in self.transitions:
                trans += 1
            while ai < len(att_pos) and att_pos[ai] < a:
                ai += 1
            if ai < len(att_pos) and att_pos[ai] < b:
                attributed += 1
        n_sent = max(1, len(sent_lens))
        mean_len = sum(sent_lens) / n_sent if sent_lens else float(n_words)
        if len(sent_lens) >= 2:
            var = sum((x - mean_len) ** 2 for x in sent_lens) / (len(sent_lens) - 1)
            cv = math.sqrt(var) / mean_len if mean_len else 0.0
        else:
            cv = 0.0
        short = sum(1 for x in sent_lens if x <= 8) / n_sent
        names = max(0, capitalised - firsts)

        ttr = _segment_ttr(words, _TTR_WINDOW)

        closing = 0.0
        if sents:
            last = sents[-1].text.lower().translate(_APOS)
            if last.startswith(self.closing_openers) or any(p in last for p in self.closing_phrases):
                closing = 1.0

        per100 = 100.0 / n_words
        feats = {
            "llm_words": llm_w * per100,
            "llm_phrases": llm_p * per100,
            "human_words": hum * per100,
            "kobak_style": kobak * per100,
            "attribution": attributed / n_sent,
            "quotes": quotes * per100,
            "sent_len_mean": mean_len,
            "sent_len_cv": cv,
            "short_sent": short,
            "commas_per_sent": commas / n_sent,
            "participle_clauses": participle / n_sent,
            "word_len": word_len,
            "nominalisations": nominal * per100,
            "digits": digits * per100,
            "names": names * per100,
            "ttr50": ttr,
            "human_punct": hpunct * per100,
            "contractions": contractions * per100,
            "first_person": first * per100,
            "transitions": trans / n_sent,
            "hedges": hedges * per100,
            "and_rate": ands * per100,
            "closing": closing,
        }
        return feats, hits, n_words


def _segment_ttr(words: list[str], window: int) -> float:
    """Mean type-token ratio of consecutive ``window``-word segments (MSTTR; length-robust,
    unlike plain TTR); plain TTR when there is less than one full segment."""
    n = len(words)
    if n < window:
        return len(set(words)) / n if n else 0.0
    segs = [len(set(words[i:i + window])) for i in range(0, n - window + 1, window)]
    return sum(segs) / (len(segs) * window)


class StyleScorer:
    """Scores documents with the fitted model in ``llm/style_model.json``.

    ``resources`` is a :class:`unspin.resources.Resources`; both resource files are read once,
    here. Thread-safe after construction (no mutable state).
    """

    def __init__(self, resources):
        lex = resources.json("llm/style_lexicon.json")
        model = resources.json("llm/style_model.json")
        self.features = StyleFeatures(lex)
        names = list(model["features"])
        if names != list(FEATURES):
            raise ValueError("llm/style_model.json: feature list does not match this version of unspin.models.style")
        self.min_words = int(model.get("min_words", self.features.min_words))
        self.features.min_words = self.min_words
        self.mean = np.asarray(model["mean"], dtype=float)
        self.scale = np.asarray(model["scale"], dtype=float)
        self.clip = float(model.get("clip_z", 5.0))
        self.coef = np.asarray(model["coef"], dtype=float)
        self.intercept = float(model["intercept"])
        self.platt_a = float(model["calibration"]["platt_a"])
        self.platt_b = float(model["calibration"]["platt_b"])
        boot = model.get("bootstrap", {})
        self.boot_coef = np.asarray(boot.get("coef", []), dtype=float).reshape(-1, len(names))
        self.boot_intercept = np.asarray(boot.get("intercept", []), dtype=float)
        self.bins = [(float(b["lo"]), float(b["hi"]), float(b["ci_lo"]), float(b["ci_hi"]))
                     for b in model["calibration"]["bins"]]
        th = model["thresholds"]
        self.th_high = float(th["high"])
        self.th_medium = float(th["medium"])
        self.th_low = float(th["low"])

    def probability_of(self, feats: dict[str, float]) -> tuple[float, tuple[float, float]]:
        """Calibrated probability and interval for a feature dict (used by the fitting script)."""
        x = np.fromiter((feats[n] for n in FEATURES), dtype=float, count=len(FEATURES))
        z = np.clip((x - self.mean) / self.scale, -self.clip, self.clip)
        p = _sigmoid(self.platt_a * (float(z @ self.coef) + self.intercept) + self.platt_b)
        p = min(P_MAX, max(P_MIN, p))
        lo = hi = p
        if len(self.boot_intercept):
            pb = 1.0 / (1.0 + np.exp(-(self.platt_a * (self.boot_coef @ z + self.boot_intercept) + self.platt_b)))
            pb.sort()
            last = len(pb) - 1
            lo = min(lo, float(pb[int(0.05 * last)]))
            hi = max(hi, float(pb[math.ceil(0.95 * last)]))
        for blo, bhi, clo, chi in self.bins:
            if blo <= p <= bhi:
                lo, hi = min(lo, clo), max(hi, chi)
                break
        return p, (round(lo, 4), round(hi, 4))

    def drivers(self, feats: dict[str, float], k: int = 3) -> list[tuple[str, float, float]]:
        """The ``k`` features that push the score up most: (name, value, contribution to the
        logit), strongest first; only features with a positive contribution."""
        x = np.fromiter((feats[n] for n in FEATURES), dtype=float, count=len(FEATURES))
        z = np.clip((x - self.mean) / self.scale, -self.clip, self.clip)
        contrib = z * self.coef
        order = [int(i) for i in np.argsort(-contrib)[:k] if contrib[int(i)] > 0]
        return [(FEATURES[i], float(x[i]), float(contrib[i])) for i in order]

    def level_of(self, p: float) -> str:
        if p >= self.th_high:
            return "high"
        if p >= self.th_medium:
            return "medium"
        if p >= self.th_low:
            return "low"
        return "none"

    def score(self, doc: Document) -> StyleResult | None:
        """The style result for ``doc``, or None when its body has fewer than ``min_words`` words."""
        out = self.features.extract(doc)
        if out is None:
            return None
        feats, hits, _ = out
        p, interval = self.probability_of(feats)
        toks = doc.tokens
        text = doc.text
        markers = []
        for a, b, _w in hits:
            s, e = toks[a].start, toks[b - 1].end
            markers.append(Span("text", s, e, text[s:e]))
        return StyleResult(
            probability=round(p, 4),
            level=self.level_of(p),
            interval=interval,
            features={k: round(v, 4) for k, v in feats.items()},
            markers=markers,
            marker_sentences=_richest_sentences(doc.sentences, hits, toks),
        )


def _richest_sentences(sents, hits, toks, top: int = 3) -> list[Span]:
    """Up to ``top`` sentences with the largest summed marker weight (at least one marker)."""
    if not hits or not sents:
        return []
    ends = [s.end for s in sents]
    weight: dict[int, float] = {}
    for a, _b, w in hits:
        k = bisect_left(ends, toks[a].end)
        if k < len(sents) and sents[k].start <= toks[a].start:
            weight[k] = weight.get(k, 0.0) + w
    best = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [sents[k] for k, _ in best]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)

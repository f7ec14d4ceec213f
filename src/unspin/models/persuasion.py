"""Persuasion-technique detection: features and linear-model inference (standard library + numpy).

Three linear models over one hashed feature space of ``2**BITS`` dimensions, trained by
``scripts/train_persuasion.py`` on the PTC corpus (SemEval-2020 Task 11) and shipped as float16
weights in ``resources/persuasion/model.json``:

1. **Token tagger** (:meth:`PersuasionModel.token_probs`): for each token, the probability that it
   lies inside a persuasion span. Features: the word, its neighbours (±2), the two bigrams through
   it, its shape and suffix, whether the word recurs in the article, its place in the sentence,
   whether it (or a neighbour) is in the hand-written cue lists (``persuasion/cues.json``: loaded
   words, in-group words, absolutes), and a bag of the sentence's words.
2. **Span scorer** (:meth:`PersuasionModel.score_candidates`): candidate spans are the runs of
   tokens above several tagger thresholds, the clauses between commas, colons and dashes, and the
   whole sentence (:func:`candidates`); each gets the probability that it matches a PTC span
   (character Jaccard >= 0.5), from the span's own features (below) and the shape of the token
   probabilities inside and at its edges (:func:`candidate_features`). :func:`select_spans`
   keeps the best non-duplicate ones above a threshold. (The earlier decoder, :func:`si_spans`,
   joined runs of tokens above one threshold: span F1 0.29 against 0.34 on one CV fold.)
3. **Technique classifier** (:meth:`PersuasionModel.classify`): a multinomial logistic
   regression over the 14 PTC classes, with features of the span (word 1-2 grams, words again
   apart for short and long spans, first and last word, character 2-4 grams), its context (words
   of the sentence outside it, the two words either side, the article's vocabulary at a low
   weight), and dense cues: length, share of the sentence covered, place in the sentence, how
   often the span's wording (and its 5-letter stems) recurs in the article and among the other
   spans, the share of its words found elsewhere in the article (the cues for Repetition),
   spans holding it or inside it, quotes, capitals, ``!``/``?``, cue-list words, the rarity of
   its rarest word (Zipf frequency, ``english/common_words.json``).

Hashing is numeric so that it runs vectorised in numpy: a word's base hash is ``zlib.crc32`` of
its lower-cased UTF-8 form; a feature index is a 64-bit multiplicative mix of that hash with a
salt per feature role, top ``BITS`` bits. Training and inference call the same functions
(:class:`Article`), so they cannot drift apart.

Trade-offs: hashing keeps the model small (no vocabulary file) at the cost of a few collisions;
linear models are fast and inspectable but miss what a fine-tuned transformer sees (published
RoBERTa systems reach ≈ 0.62-0.64 technique micro-F1 on PTC, ours is lower, see
``benchmarks/bench_persuasion.py``). English only.
"""

from __future__ import annotations

import base64
import bisect
import re
import zlib
from collections.abc import Sequence

import numpy as np

__all__ = ["Article", "Lexicon", "PersuasionModel", "tokenize", "si_spans", "candidates", "candidate_features", "select_spans",
           "nesting", "encode_f16", "BITS", "DIM"]

BITS = 16
DIM = 1 << BITS
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_QUOTES = frozenset("\"“”«»'‘’")
_M = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)
_S29 = np.uint64(29)


def _salt(name: str) -> np.uint64:
    return np.uint64(zlib.crc32(name.encode()) * 2654435761 % (1 << 64))


# one salt per feature role
_R = {r: _salt(r) for r in (
    "t", "tp", "tn", "tpp", "tnn", "tb", "tb2", "ta", "ta2", "tsh", "tps", "tsf", "trep", "tpos", "bias:si",
    "s", "slen", "sflag", "w", "wshort", "wlong", "b", "b2", "c2", "c3", "c4", "cc", "x", "l", "r", "dense", "bias:tc",
    "fw", "lw", "art", "sc", "tcue", "tcuen")}
_BOS = np.uint64(zlib.crc32(b"<s>"))
_EOS = np.uint64(zlib.crc32(b"</s>"))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) for each word or symbol of ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]


def _mix(h: np.ndarray, role: str) -> np.ndarray:
    # uint64 array arithmetic wraps modulo 2**64 without warnings (scalars would warn: keep 1-d)
    x = (h ^ _R[role]) * _M
    return x ^ (x >> _S29)


def _idx(h: np.ndarray) -> np.ndarray:
    return ((h * _M) >> _SHIFT).astype(np.int64)


def _pair(a: np.ndarray, b: np.ndarray, role: str, role2: str) -> np.ndarray:
    return _idx(_mix(_mix(a, role) ^ b, role2))


def _const(role: str, code: int) -> int:
    return int(_idx(_mix(np.array([code], dtype=np.uint64), role))[0])


_DENSE_KEYS = ("len1", "len2", "len3-4", "len5-9", "len10+", "loglen", "rep2", "rep3", "rep5", "logrep", "later",
               "same1", "same2", "rep2short", "rep2long", "same1short", "same1long", "cover>.8", "cover", "quote",
               "ctxquote", "excl", "q", "ctxq", "caps", "allcaps", "first", "pos", "whole",
               "srep2", "srep3", "srepmore", "wrep0", "wrep.5", "wrep1", "wrepfrac",
               "inside1", "inside2", "holds1", "holds2", "overlap", "sstart", "send", "smid",
               "zmin<3", "zmin3-4", "zmin4-5", "zmin>5", "zmean",
               "lex1", "lex2", "lexfrac", "grp1", "abs1")
_DENSE = {k: _const("dense", zlib.crc32(k.encode())) for k in _DENSE_KEYS}
_BIAS_TC = _const("bias:tc", 1)
_BIAS_SI = _const("bias:si", 1)
_SLEN = [_const("slen", k) for k in range(3)]
_SFLAG = [_const("sflag", k) for k in range(3)]


#: weight of each feature block of a span (words, words by length, char n-grams, sentence context,
#: the two words either side, first and last word, dense cues)
_BW = {"w": 1.0, "ws": 1.0, "c": 1.0, "x": 0.7, "lr": 0.7, "fl": 0.7, "d": 1.0, "art": 0.6}




#: Zipf frequency given to a word missing from the table (which holds Zipf >= 2.5 only)
_ZIPF_RARE = 2.0


class Lexicon:
    """The word tables features read: cue lists (``persuasion/cues.json``: word form -> 1 loaded,
    2 group, 3 absolute) and English Zipf frequencies (``english/common_words.json``, wordfreq,
    Zipf >= 2.5). Read through a :class:`~unspin.resources.Resources`, so a user resources
    directory overrides both; held by the model, never by the module."""

    __slots__ = ("cues", "zipf_table")

    def __init__(self, cues: dict[str, int], zipf_table: dict[str, float]):
        self.cues = cues
        self.zipf_table = zipf_table

    @classmethod
    def from_resources(cls, resources) -> Lexicon:
        d = resources.json("persuasion/cues.json")
        cues = {w: code for code, key in ((1, "loaded"), (2, "group"), (3, "absolute")) for w in d[key]}
        return cls(cues, resources.json("english/common_words.json")["words"])

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon of the configured resource path (for scripts that build articles without a
        model); analyzers pass the one of their context."""
        from ..resources import Resources
        from ..settings import load_settings

        return cls.from_resources(Resources(load_settings().resources))

    def zipf(self, word: str) -> float:
        return self.zipf_table.get(word, _ZIPF_RARE)


def _shape(w: str) -> int:
    if len(w) > 1 and w.isupper():
        return 1
    if w[:1].isupper():
        return 2
    if w.isdigit():
        return 3
    if w[:1].isalnum():
        return 4
    return 5


def _binary_block(idx: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    u = np.unique(idx)
    return u, np.full(len(u), weight / np.sqrt(len(u)) if len(u) else 0.0, dtype=np.float32)


class Article:
    """One article's tokens and hashes, shared by the tagger and the span classifier.

    ``text`` is one string and ``sentences`` its sentence bounds (the title first when there is
    one); tokens outside every sentence are ignored.
    """

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon | None = None):
        self.text = text
        lexicon = lexicon or Lexicon.default()
        self.lexicon = lexicon
        toks: list[tuple[int, int, str]] = []
        bounds = []
        for a, b in sentences:
            t0 = len(toks)
            toks.extend(tokenize(text, a, b))
            if len(toks) > t0:
                bounds.append((t0, len(toks), a, b))
        self.toks = toks
        self.sent_tokens = bounds  # (first token, end token, start char, end char)
        self.n_sent = len(bounds)
        self.starts = [t[0] for t in toks]
        uid: dict[str, int] = {}
        ids = []
        for _, _, w in toks:
            ids.append(uid.setdefault(w.lower(), len(uid)))
        self.ids = np.asarray(ids, dtype=np.int64)
        words = list(uid)
        sid: dict[str, int] = {}
        ustem = np.fromiter((sid.setdefault(w[:5], len(sid)) for w in words), dtype=np.int64, count=len(words))
        self.sids = ustem[self.ids] if ids else np.zeros(0, dtype=np.int64)
        self._stem_count = np.bincount(self.sids, minlength=len(sid)) if ids else np.zeros(0, dtype=np.int64)
        self.uh = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
        self.usuf = np.fromiter((zlib.crc32(w[-3:].encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
        cues = lexicon.cues
        ucue = np.fromiter((cues.get(w, 0) for w in words), dtype=np.int64, count=len(words))
        self.cue = ucue[self.ids] if ids else np.zeros(0, dtype=np.int64)
        self.ulen = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        self.ucount = np.bincount(self.ids, minlength=len(words)) if ids else np.zeros(0, dtype=np.int64)
        self.h = self.uh[self.ids] if ids else np.zeros(0, dtype=np.uint64)
        shapes: dict[str, int] = {}
        self.shape = np.fromiter((shapes[w] if w in shapes else shapes.setdefault(w, _shape(w)) for _, _, w in toks),
                                 dtype=np.int64, count=len(toks))
        self.alnum = self.shape <= 4  # shapes 1-4 start with a letter or digit
        self.sent_of = np.zeros(len(toks), dtype=np.int64)
        for k, (t0, t1, _, _) in enumerate(bounds):
            self.sent_of[t0:t1] = k
        self._ctx_flags: dict[int, tuple[bool, bool]] = {}
        self._tables: dict[str | int, np.ndarray] | None = None
        self._occ_index: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._words = words
        self._zipf = None

    def zipf(self) -> np.ndarray:
        if self._zipf is None:
            z = self.lexicon.zipf
            self._zipf = np.array([z(w) for w in self._words], dtype=np.float32)
        return self._zipf

    # -- stage 1: token tagger ------------------------------------------------------------------
    def tagger_features(self) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """(token index matrix [n_tokens x 15], per-sentence (indices, values) bag)."""
        n = len(self.toks)
        if not n:
            return np.zeros((0, 15), dtype=np.int64), []
        h = self.h
        first = np.zeros(n, dtype=bool)
        last = np.zeros(n, dtype=bool)
        for t0, t1, _, _ in self.sent_tokens:
            first[t0] = True
            last[t1 - 1] = True
        p1 = np.where(first, _BOS, np.roll(h, 1))
        n1 = np.where(last, _EOS, np.roll(h, -1))
        first2 = first | np.roll(first, 1)
        last2 = last | np.roll(last, -1)
        p2 = np.where(first2, _BOS, np.roll(h, 2))
        n2 = np.where(last2, _EOS, np.roll(h, -2))
        sh = self.shape
        shn = np.where(last, 0, np.roll(sh, -1))
        cnt = self.ucount[self.ids]
        ln = self.ulen[self.ids]
        rep = np.where(cnt <= 1, 0, np.where(cnt == 2, 1, np.where(ln > 3, 2, 3)))
        pos = np.where(first, 0, np.where(last, 1, 2))
        # a loaded word (cue list 1) among the two tokens either side, within the sentence
        lc = self.cue == 1
        near = np.zeros(n, dtype=np.int64)
        for d in (1, 2):
            near |= np.where(first2 if d == 2 else first, False, np.roll(lc, d)) & (self.sent_of == np.roll(self.sent_of, d))
            near |= np.where(last2 if d == 2 else last, False, np.roll(lc, -d)) & (self.sent_of == np.roll(self.sent_of, -d))
        cols = [
            _idx(_mix(h, "t")), _idx(_mix(p1, "tp")), _idx(_mix(n1, "tn")), _idx(_mix(p2, "tpp")),
            _idx(_mix(n2, "tnn")), _pair(p1, h, "tb", "tb2"), _pair(h, n1, "ta", "ta2"),
            _idx(_mix(sh.astype(np.uint64), "tsh")), _idx(_mix((sh * 8 + shn).astype(np.uint64), "tps")),
            _idx(_mix(self.usuf[self.ids], "tsf")), _idx(_mix(rep.astype(np.uint64), "trep")),
            _idx(_mix(pos.astype(np.uint64), "tpos")), np.full(n, _BIAS_SI, dtype=np.int64),
            _idx(_mix(self.cue.astype(np.uint64), "tcue")), _idx(_mix(near.astype(np.uint64), "tcuen")),
        ]
        rows = np.stack(cols, axis=1)
        bags = []
        sidx = _idx(_mix(h, "s"))
        for t0, t1, _, _ in self.sent_tokens:
            i, v = _binary_block(sidx[t0:t1], 1.0)
            m = t1 - t0
            ws = {self.toks[k][2] for k in range(t0, t1)}
            extra = [_SLEN[0 if m < 8 else 1 if m <= 20 else 2]]
            extra += [_SFLAG[j] for j, c in enumerate(("!", "?")) if c in ws]
            if ws & _QUOTES:
                extra.append(_SFLAG[2])
            bags.append((np.concatenate([i, np.asarray(extra, dtype=np.int64)]),
                         np.concatenate([v, np.ones(len(extra), dtype=np.float32)])))
        return rows, bags

    # -- stage 2: span classification ----------------------------------------------------------
    def token_range(self, s: int, e: int) -> tuple[int, int]:
        """Tokens inside [s, e) (or, when none is wholly inside, those overlapping it)."""
        i = bisect.bisect_left(self.starts, s)
        j = bisect.bisect_left(self.starts, e)
        if i >= j:  # span inside one token: take the token that overlaps it
            i = max(0, bisect.bisect_right(self.starts, s) - 1)
            j = min(len(self.toks), i + 1)
        return i, j

    def occurrences(self, i: int, j: int, ids: np.ndarray | None = None) -> np.ndarray:
        """Token positions where the token sequence [i, j) (lower-cased; or of ``ids``, e.g. the
        stem ids) occurs in the article."""
        if j <= i:
            return np.zeros(0, dtype=np.int64)
        which = "ids" if ids is None or ids is self.ids else ("sids" if ids is self.sids else None)
        if ids is None:
            ids, count = self.ids, self.ucount
        else:
            ids, count = ids, self._stem_count
        seq = ids[i:j]
        # anchor on the span's rarest token: a token seen once means one occurrence, this one
        r = int(np.argmin(count[seq]))
        if count[seq[r]] <= 1:
            return np.array([i], dtype=np.int64)
        if which is None:
            cand = np.flatnonzero(ids == seq[r]) - r
        else:  # the anchor's positions from a per-article index, not a scan of the whole article
            order, offs = self._positions(which)
            u = int(seq[r])
            cand = order[offs[u]:offs[u + 1]] - r
        cand = cand[(cand >= 0) & (cand <= len(ids) - (j - i))]
        for k in range(j - i):
            if not len(cand):
                break
            if k != r:
                cand = cand[ids[cand + k] == seq[k]]
        return cand

    def _positions(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """(token positions grouped by id in ascending order, offset of each id's group) for the
        word ids (``"ids"``) or the stem ids (``"sids"``): built once per article."""
        got = self._occ_index.get(which)
        if got is None:
            ids = self.ids if which == "ids" else self.sids
            count = self.ucount if which == "ids" else self._stem_count
            order = np.argsort(ids, kind="stable").astype(np.int64)
            offs = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(count)])
            got = self._occ_index[which] = (order, offs)
        return got

    def _span_tables(self) -> dict[str | int, np.ndarray]:
        """Hashed indices computed once per article for every token (words in each role, bigrams)
        and every character n-gram of the normalised word string (lower-cased word tokens joined
        by single spaces, a space at each end); spans slice them."""
        if self._tables is not None:
            return self._tables
        h = self.h
        T = {role: _idx(_mix(h, role)) for role in ("w", "wshort", "wlong", "x", "l", "r", "fw", "lw")}
        T["b"] = _pair(h[:-1], h[1:], "b", "b2")
        pos = np.zeros(len(self.toks), dtype=np.int64)
        end = np.zeros(len(self.toks), dtype=np.int64)
        parts, at = [" "], 1
        for t, (_, _, w) in enumerate(self.toks):
            if self.alnum[t]:
                lw = w.lower()
                pos[t], end[t] = at, at + len(lw)
                parts.append(lw)
                parts.append(" ")
                at += len(lw) + 1
        T["pos"], T["end"] = pos, end
        c = np.frombuffer("".join(parts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
        for n, role in ((2, "c2"), (3, "c3"), (4, "c4")):
            if len(c) >= n:
                g = _mix(c[: len(c) - n + 1], role)
                for q in range(1, n):
                    g = _mix(g ^ c[q: len(c) - n + 1 + q], "cc")
                T[n] = _idx(g)
            else:
                T[n] = np.zeros(0, dtype=np.int64)
        self._tables = T
        return T

    def span_features(self, s: int, e: int, same_spans: int = 0,
                      nesting: tuple[int, int, int] = (0, 0, 0)) -> tuple[np.ndarray, np.ndarray]:
        """Hashed (indices, values) of the span [s, e) of :attr:`text` for technique classification.

        ``same_spans``: how many *other* spans under consideration in the article have the same
        wording (gold spans in training and in the SemEval TC setting, detected ones in the
        analyzer).
        """
        i, j = self.token_range(s, e)
        k = int(self.sent_of[min(i, len(self.toks) - 1)]) if self.toks else 0
        t0, t1, a, b = self.sent_tokens[k] if self.sent_tokens else (0, 0, s, e)
        span = self.text[s:e]
        al = self.alnum[i:j]
        parts_i, parts_v = [], []

        def add(idx, w):
            # term counts (repeated indices add up in the dot product), block scaled to weight / sqrt(n)
            if len(idx):
                parts_i.append(idx)
                parts_v.append(np.full(len(idx), w / np.sqrt(len(idx)), dtype=np.float32))

        P = self._span_tables()
        bw = _BW
        add(np.concatenate([P["w"][i:j], P["b"][i:max(i, j - 1)]]), bw["w"])
        # the span's words again, apart for short (<= 2 tokens) and longer spans: a word weighs
        # differently in a two-word label than in a sentence-long claim (+0.9 points of CV micro-F1)
        add(P["wshort" if j - i <= 2 else "wlong"][i:j], bw["ws"])
        # character 2-4 grams of the span's words, lower-cased, joined by single spaces, padded
        # with a space either side, at most 302 characters: windows of the article-wide table
        words = np.flatnonzero(al)
        if len(words):
            c0 = int(P["pos"][i + words[0]]) - 1
            c1 = min(int(P["end"][i + words[-1]]) + 1, c0 + 302)
            add(np.concatenate([P[n][c0:max(c0, c1 - n + 1)] for n in (2, 3, 4)]), bw["c"])
        add(np.concatenate([P["x"][t0:i], P["x"][j:t1]]), bw["x"])
        add(np.concatenate([P["l"][max(t0, i - 2):i], P["r"][j:min(t1, j + 2)]]), bw["lr"])
        if bw["art"]:
            if "art" not in P:
                P["art"] = np.unique(_idx(_mix(self.uh, "art")))
            add(P["art"], bw["art"])
        if len(words):
            add(np.array([P["fw"][i + words[0]], P["lw"][i + words[-1]]]), bw["fl"])
        nw = int(al.sum())
        srep = len(self.occurrences(i, j, self.sids))
        wid = self.ids[i:j][al]
        if len(wid):  # how often each of the span's words occurs inside it (no article-sized table)
            uw, inv, n_in = np.unique(wid, return_inverse=True, return_counts=True)
            wfrac = float((self.ucount[wid] > n_in[inv]).mean())
        else:
            wfrac = 0.0
        occ = self.occurrences(i, j)
        rep = len(occ)
        cover = (e - s) / max(1, b - a)
        caps = float((self.shape[i:j][al] <= 2).sum()) / max(1, nw)
        if k not in self._ctx_flags:
            sent = self.text[a:b]
            self._ctx_flags[k] = (any(ch in sent for ch in _QUOTES), "?" in sent)
        ctx_quote, ctx_q = self._ctx_flags[k]
        lg = np.log1p
        dense = {
            "len1": nw <= 1, "len2": nw == 2, "len3-4": 3 <= nw <= 4, "len5-9": 5 <= nw <= 9, "len10+": nw >= 10,
            "loglen": lg(nw) / 3, "rep2": rep >= 2, "rep3": rep >= 3, "rep5": rep >= 5, "logrep": lg(rep) / 2,
            "later": bool(rep) and i > occ[0], "same1": same_spans >= 1, "same2": same_spans >= 2,
            "rep2short": rep >= 2 and nw <= 2, "rep2long": rep >= 2 and nw > 2,
            "same1short": same_spans >= 1 and nw <= 2, "same1long": same_spans >= 1 and nw > 2,
            "cover>.8": cover > 0.8, "cover": min(1.0, cover), "quote": any(ch in _QUOTES for ch in span),
            "ctxquote": ctx_quote, "excl": "!" in span, "q": "?" in span, "ctxq": ctx_q, "caps": caps,
            "allcaps": any(len(w) > 2 and w.isupper() for w in span.split()),
            "first": k == 0, "pos": k / max(1, self.n_sent - 1), "whole": i == t0 and j >= t1 - 1,
            "srep2": srep == 2, "srep3": srep == 3, "srepmore": srep > 3, "wrep0": wfrac == 0, "wrep.5": wfrac >= 0.5,
            "wrep1": wfrac == 1.0, "wrepfrac": wfrac,
            "inside1": nesting[0] >= 1, "inside2": nesting[0] >= 2, "holds1": nesting[1] >= 1, "holds2": nesting[1] >= 2,
            "overlap": nesting[2] >= 1, "sstart": i == t0, "send": j >= t1 - 1, "smid": i > t0 and j < t1 - 1,
        }
        cue = self.cue[i:j][al]
        nl = int((cue == 1).sum())
        dense.update({"lex1": nl >= 1, "lex2": nl >= 2, "lexfrac": nl / max(1, nw), "grp1": bool((cue == 2).any()),
                      "abs1": bool((cue == 3).any())})
        if len(wid):
            z = self.zipf()[wid]
            zm = float(z.min())
            dense.update({"zmin<3": zm < 3, "zmin3-4": 3 <= zm < 4, "zmin4-5": 4 <= zm < 5, "zmin>5": zm >= 5,
                          "zmean": float(z.mean()) / 7})
        di = [_DENSE[key] for key, v in dense.items() if v] + [_BIAS_TC]
        dv = [float(v) * bw["d"] for v in dense.values() if v] + [1.0]
        parts_i.append(np.asarray(di, dtype=np.int64))
        parts_v.append(np.asarray(dv, dtype=np.float32))
        return np.concatenate(parts_i), np.concatenate(parts_v)


def si_spans(probs: Sequence[float], toks: Sequence[tuple[int, int, str]], threshold: float,
             sentence_share: float = 0.4, max_gap: int = 1, inner_margin: float = 0.15) -> list[tuple[int, int, float]]:
    """Candidate spans (start, end, mean probability) of one sentence from its token probabilities.

    Word tokens at or above ``threshold`` are joined into runs (bridging ``max_gap`` word tokens
    below it). When the runs cover ``sentence_share`` of the sentence's words, the whole sentence
    is a span, and so are the runs at or above ``threshold + inner_margin`` inside it (PTC nests
    short loaded-language spans inside sentence-long ones: measured on one CV fold, span F1 0.285
    without the inner runs, 0.32 with them). Leading and trailing punctuation is left out.
    """
    idx = [k for k, t in enumerate(toks) if t[2][:1].isalnum()]
    if not idx:
        return []
    probs = probs.tolist() if isinstance(probs, np.ndarray) else probs
    on = [k for k in idx if probs[k] >= threshold]
    if not on:
        return []
    if len(on) >= sentence_share * len(idx):
        a, b = idx[0], idx[-1]
        whole = (toks[a][0], toks[b][1], sum(probs[k] for k in idx) / len(idx))
        inner = si_spans(probs, toks, threshold + inner_margin, 1.01, max_gap) if inner_margin > 0 else []
        return [whole] + [r for r in inner if (r[0], r[1]) != whole[:2]]
    pos = {k: j for j, k in enumerate(idx)}
    runs: list[list[int]] = [[on[0]]]
    for k in on[1:]:
        if pos[k] - pos[runs[-1][-1]] <= max_gap + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    out = []
    for r in runs:
        ks = [k for k in idx if r[0] <= k <= r[-1]]
        out.append((toks[r[0]][0], toks[r[-1]][1], sum(probs[k] for k in ks) / len(ks)))
    return out


#: token-probability thresholds whose runs become candidate spans for the span scorer
CAND_THRESHOLDS = (0.1, 0.17, 0.25, 0.35, 0.5)
#: a whole sentence is a candidate when its words' mean token probability reaches this
CAND_WHOLE = 0.1
_CLAUSE_BREAK = frozenset(",;:()—–")
_SC_KEYS = ("pmean", "pmax", "pmin", "pprev", "pnext", "edge", "pmean>.2", "pmean>.3", "pmean>.5", "pmax>.5",
            "prevlow", "nextlow", "whole", "bias")
_SC = {k: _const("sc", zlib.crc32(k.encode())) for k in _SC_KEYS}


def candidates(probs: Sequence[float], toks: Sequence[tuple[int, int, str]],
               thresholds: Sequence[float] = CAND_THRESHOLDS, whole: float = CAND_WHOLE) -> list[tuple[int, int]]:
    """Candidate spans (start, end) of one sentence for the span scorer: the runs of word tokens at
    or above each of ``thresholds`` (one word below bridged), and the whole sentence when its
    mean token probability reaches ``whole``."""
    idx = [k for k, t in enumerate(toks) if t[2][:1].isalnum()]
    if not idx:
        return []
    probs = probs.tolist() if isinstance(probs, np.ndarray) else probs
    out = set()
    for thr in thresholds:
        out.update((s, e) for s, e, _ in si_spans(probs, toks, thr, sentence_share=1.01, max_gap=1, inner_margin=0))
    if sum(probs[k] for k in idx) / len(idx) >= whole:
        out.add((toks[idx[0]][0], toks[idx[-1]][1]))
    # clauses: stretches between , ; : ( ) and dashes, of two words or more
    cl: list[int] = []
    for k, t in enumerate(toks + [(0, 0, ",")]):
        if t[2] in _CLAUSE_BREAK:
            if len(cl) >= 2 and len(cl) < len(idx) and sum(probs[q] for q in cl) / len(cl) >= whole:
                out.add((toks[cl[0]][0], toks[cl[-1]][1]))
            cl = []
        elif t[2][:1].isalnum():
            cl.append(k)
    return sorted(out)


def candidate_features(art: Article, probs: np.ndarray, s: int, e: int) -> tuple[np.ndarray, np.ndarray]:
    """Span-scorer features of the candidate [s, e): the span's technique features and how the
    token probabilities look inside it and at its edges."""
    fi, fv = art.span_features(s, e)
    i, j = art.token_range(s, e)
    al = art.alnum[i:j]
    p = probs[i:j][al] if al.any() else probs[i:j]
    k = int(art.sent_of[i])
    t0, t1 = art.sent_tokens[k][:2]
    prev = float(probs[i - 1]) if i > t0 else 0.0
    nxt = float(probs[j]) if j < t1 else 0.0
    pm, px, pn = float(p.mean()), float(p.max()), float(p.min())
    d = {"pmean": pm, "pmax": px, "pmin": pn, "pprev": prev, "pnext": nxt, "edge": pm - max(prev, nxt),
         "pmean>.2": pm > 0.2, "pmean>.3": pm > 0.3, "pmean>.5": pm > 0.5, "pmax>.5": px > 0.5,
         "prevlow": prev < 0.1, "nextlow": nxt < 0.1, "whole": i <= t0 + 1 and j >= t1 - 1, "bias": 1.0}
    di = [_SC[key] for key, v in d.items() if v]
    dv = [float(v) for v in d.values() if v]
    return np.concatenate([fi, np.asarray(di, dtype=np.int64)]), np.concatenate([fv, np.asarray(dv, dtype=np.float32)])


def nesting(s: int, e: int, spans) -> tuple[int, int, int]:
    """(spans holding [s, e), spans inside it, spans crossing it) among the other ``spans``."""
    inside = holds = cross = 0
    for s2, e2 in spans:
        if (s2, e2) == (s, e) or e2 <= s or s2 >= e:
            continue
        if s2 <= s and e <= e2:
            inside += 1
        elif s <= s2 and e2 <= e:
            holds += 1
        else:
            cross += 1
    return inside, holds, cross


def select_spans(scored: Sequence[tuple[int, int, float]], threshold: float, overlap: float = 0.5) -> list[tuple[int, int, float]]:
    """Scored candidates (start, end, score) at or above ``threshold``, best first, leaving out one
    that overlaps an already kept span by more than ``overlap`` of their union (a short span
    inside a long one is kept: PTC nests loaded words inside sentence-long claims)."""
    kept: list[tuple[int, int, float]] = []
    # kept spans by start, and the longest kept span: only those starting in (s - longest, e) can
    # overlap [s, e), so each candidate looks at its neighbourhood, not at every kept span
    by_start: list[tuple[int, int]] = []
    longest = 0
    for s, e, p in sorted(scored, key=lambda c: -c[2]):
        if p < threshold:
            break
        lo = bisect.bisect_right(by_start, (s - longest, float("inf"))) if overlap >= 0 else 0
        hi = bisect.bisect_left(by_start, (e, -1)) if overlap >= 0 else len(by_start)
        if any(min(e, e2) - max(s, s2) > overlap * (max(e, e2) - min(s, s2)) for s2, e2 in by_start[lo:hi]):
            continue
        kept.append((s, e, p))
        bisect.insort(by_start, (s, e))
        longest = max(longest, e - s)
    return kept


def _decode(b64: str, shape: tuple[int, ...]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype="<f2").astype(np.float32).reshape(shape)


def encode_f16(a: np.ndarray) -> str:
    """Base64 of ``a`` as little-endian float16 (how weights are stored in the model file)."""
    return base64.b64encode(np.asarray(a, dtype="<f2").tobytes()).decode("ascii")


class PersuasionModel:
    """The trained two-stage model, loaded from the ``persuasion/model.json`` resource dict."""

    def __init__(self, d: dict, lexicon: Lexicon | None = None):
        #: the word tables of the articles this model reads (see :meth:`article`)
        self.lexicon = lexicon or Lexicon.default()
        if int(d["dim"]) != DIM:
            raise ValueError(f"persuasion model has dim {d['dim']}, this code hashes into {DIM}")
        tc = d["tc"]
        self.classes: list[str] = list(tc["classes"])
        self.W = _decode(tc["weights"], (DIM, len(self.classes)))
        self.b = np.asarray(tc["bias"], dtype=np.float32)
        si = d["si"]
        self.w_si = _decode(si["weights"], (DIM,))
        self.b_si = float(si["bias"])
        self.threshold = float(si["threshold"])
        self.sentence_share = float(si.get("sentence_share", 0.4))
        sc = d.get("scorer")
        self.w_sc = _decode(sc["weights"], (DIM,)) if sc else None
        self.b_sc = float(sc["bias"]) if sc else 0.0
        self.sc_threshold = float(sc["threshold"]) if sc else 0.5
        self.sc_report = float(sc.get("report_threshold", self.sc_threshold)) if sc else 0.5

    def article(self, text: str, sentences: Sequence[tuple[int, int]]) -> Article:
        """An :class:`Article` read with this model's lexicon."""
        return Article(text, sentences, self.lexicon)

    def score_candidates(self, art: Article, probs: np.ndarray) -> list[tuple[int, int, float]]:
        """(start, end, probability that it is a persuasion span) for every candidate span of ``art``
        (about 0.1-0.2 ms a candidate, ~100 candidates in a 600-word article)."""
        out = []
        for t0, t1, _, _ in art.sent_tokens:
            for s, e in candidates(probs[t0:t1], art.toks[t0:t1]):
                idx, val = candidate_features(art, probs, s, e)
                z = float(val @ self.w_sc[idx]) + self.b_sc
                out.append((s, e, 1.0 / (1.0 + np.exp(-z))))
        return out

    def classify(self, feats: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Class probabilities (order of :attr:`classes`) for one span's (indices, values)."""
        idx, val = feats
        z = val @ self.W[idx] + self.b
        z = np.exp(z - z.max())
        return z / z.sum()

    def token_probs(self, art: Article) -> np.ndarray:
        """Probability, for each token of ``art``, that it is inside a persuasion span."""
        rows, bags = art.tagger_features()
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        sent = np.array([v @ self.w_si[i] for i, v in bags], dtype=np.float32)
        z = self.w_si[rows].sum(axis=1) + sent[art.sent_of] + self.b_si
        return 1.0 / (1.0 + np.exp(-z))

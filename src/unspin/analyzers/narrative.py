"""Known disinformation narratives in the article (kind ``narrative.match``).

Candidate passages (the headline, every sentence, and every paragraph of two to six sentences)
are matched by BM25 retrieval (:mod:`unspin.kb.narratives`) against the SemEval-2025 Task 10
narrative taxonomy (Ukraine-Russia war, climate change; descriptions and cue phrases in en, ru,
fr, de in ``resources/narratives/taxonomy.json``). A passage whose best sub-narrative scores at
least ``thresholds.match`` (and shares at least ``thresholds.min_terms`` claim terms with it,
topic words such as Ukraine, NATO or climate not counted) is a match; so is a sentence (or the
headline) that fills one of the sub-narrative's claim frames (hand-written groups of alternative
words, e.g. "Western curators", "<Ukrainian> + <losses> + <concealed / true scale>", see
:class:`unspin.kb.narratives.NarrativeCatalogue`). One finding per sub-narrative and voice, evidence
= the matching passages (at most three); ``data.frame_words`` gives the words that filled the frame.

Each finding says *who* asserts the narrative:

- ``adopted``: the article says it in its own voice, or pins it only on unnamed sources
  ("observers warned", "experts believe": the sources lexicon's ``vague_sources``): ``medium``
  when the score reaches ``thresholds.medium`` and one of the sub-narrative's cue phrases is
  (mostly) present, or when a frame is filled and a cue or the match score backs it; ``low``
  otherwise;
- ``attributed``: the passage is inside quotation marks (:class:`unspin.text.quotes.QuoteIndex`) or
  carries an attribution to a named source ("said", "claimed", "according to", "alleged",
  "заявил", "selon", "laut"… from the resource's ``voice`` patterns and the reporting verbs of
  ``sources/attribution.json``; a verb after "are", "was", "never"… is passive and does not
  count): ``info``, since reporting a claim is what news does.

``data`` carries the narrative id, labels, score, matched terms and cue, and, for Ukraine-war
narratives, up to three nearest EUvsDisinfo cases (title, disproof excerpt, report URL or issue
reference) from ``resources/narratives/euvsdisinfo.json`` (Source: EUvsDisinfo, EEAS East
StratCom Task Force). The cases are 2015-17 pro-Kremlin claims; none is about climate, so
climate findings carry none. Nearest cases come from bag-of-words retrieval too: they share the
passage's words, and a person should read their titles before citing one.

Trade-offs: bag-of-words retrieval matches topic and stance words, not meaning; negations
("it is false that Ukraine is run by Nazis") and irony are invisible to it, which is why a
denial or fact-check phrasing ("falsely", "baseless", "disinformation") counts as attributed.
Thresholds are set so that adopted-voice matches stay rare on human mainstream news
(``benchmarks/bench_narrative.py``); that costs recall on paraphrased claims. Languages other
than en, ru, fr, de are not analysed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import numpy as np

from ..kb.narratives import Match, NarrativeCatalogue
from ..report.model import Finding, Span
from ..text.lexicon import attribution_lexicon
from ..text.quotes import QuoteIndex
from .base import Analyzer, option, resources_of

MAX_PARAGRAPH_SENTENCES = 6
#: guards the one-time build of an instance's embedding index (shared by threads)
_PROTOS_LOCK = threading.Lock()
MAX_EVIDENCE = 3


class NarrativeAnalyzer(Analyzer):
    name = "narrative"
    version = "2"
    description = "Known disinformation narratives (SemEval-2025 Task 10 taxonomy) by retrieval, with voice and nearest EUvsDisinfo cases."
    needs = frozenset({"title", "text", "paragraphs", "sentences", "language"})
    produces = ("narrative.match",)

    #: ``with_cases``: False skips the EUvsDisinfo cases (no "nearest cases"), e.g. for a lighter
    #: start-up; ``embeddings``: None uses sentence embeddings when the [embeddings] extra is
    #: installed (and the ``embeddings`` setting allows it), True/False force it on or off
    options = {"with_cases": True, "embeddings": None}

    def __init__(self, with_cases: bool | None = None, embeddings: bool | None = None):
        # explicit constructor arguments win over the pipeline options (kept for scripts)
        self._args = {"with_cases": with_cases, "embeddings": embeddings}
        self.with_cases = True if with_cases is None else with_cases
        self.embeddings = embeddings
        self._protos: tuple | None = None

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
        if self._args["with_cases"] is None:
            self.with_cases = bool(option(ctx, type(self), "with_cases"))
        if self._args["embeddings"] is None:
            self.embeddings = option(ctx, type(self), "embeddings")
        tax = resources.json("narratives/taxonomy.json")
        cases = (lambda: resources.json("narratives/euvsdisinfo.json")) if self.with_cases else None
        self.catalogue = NarrativeCatalogue(tax, cases)
        t = tax["thresholds"]
        self.t_match = float(t["match"])
        self.t_medium = float(t["medium"])
        self.min_terms = int(t["min_terms"])
        #: embedding match: cosine similarity to a sub-narrative's description or cue, and the
        #: least BM25 score of that sub-narrative for the sentence (word-level support)
        self.t_embed = float(t.get("embedding_similarity", 0.62))
        self.t_embed_bm25 = float(t.get("embedding_min_bm25", 3.0))
        self.embed_min_words = int(t.get("embedding_min_words", 6))
        use = self.embeddings
        if use is None:
            from ..models.embeddings import enabled

            settings = getattr(ctx, "settings", None)
            use = enabled(settings.embeddings if settings is not None else None)
        self.use_embeddings = bool(use)
        self._taxonomy = tax
        self._taxonomy_path = resources.path("narratives/taxonomy.json")
        # the taxonomy's voice patterns plus the reporting verbs of the sources lexicon
        attribution = attribution_lexicon(resources)
        verbs = attribution.get("verbs", {})
        self.attribution = {}
        for lg, ps in tax["voice"]["attribution"].items():
            more = sorted(verbs.get(lg, []), key=len, reverse=True)
            pats = [f"(?:{p})" for p in ps] + ([r"\b(?:" + "|".join(map(re.escape, more)) + r")\b"] if more else [])
            self.attribution[lg] = re.compile("|".join(pats), re.IGNORECASE)
        #: a reporting verb right after these is passive or an infinitive ("are never told")
        self.passive = frozenset(attribution.get("passive_before_verb", {}).get("all", []))
        #: unnamed sources ("observers", "experts"): a claim pinned on them is the article's own
        vague = attribution.get("vague_sources", [])
        self.vague = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, vague), key=len, reverse=True)) + r")\b",
                                re.IGNORECASE) if vague else None
        self.resource = f"narratives/taxonomy.json@{tax['provenance'].get('version', '?')}"
        if cases:
            self.resource += ", narratives/euvsdisinfo.json"

    def language(self, doc) -> str | None:
        """The catalogue language to use: the document's, or English for an undetermined
        language ("und") written almost only in ASCII; None when the catalogue lacks it."""
        if doc.language in self.catalogue.index:
            return doc.language
        if doc.language == "und" and "en" in self.catalogue.index:
            sample = (doc.title + " " + doc.text)[:2000]
            letters = [c for c in sample if c.isalpha()]
            if letters and sum(c.isascii() for c in letters) >= 0.97 * len(letters):
                return "en"
        return None

    # -- embeddings (optional) ----------------------------------------------------------------
    def _embedding_index(self):
        """(encoder, prototype vectors, owner sub-narrative per prototype, prototype texts),
        built on first need: every sub-narrative's description and cue phrases in every
        catalogue language (the encoder is multilingual). Cached between runs; built once even
        when several threads need it at the same time."""
        if self._protos is not None:
            return self._protos
        with _PROTOS_LOCK:
            if self._protos is None:
                self._protos = self._build_embedding_index()
        return self._protos

    def _build_embedding_index(self):
        from ..models.embeddings import MODEL_NAME, SentenceEncoder
        from ..resources import cached_derivation

        encoder = SentenceEncoder()
        texts, owner = [], []
        for i, sub in enumerate(self.catalogue.subs):
            for lg in self.catalogue.langs:
                for t in [sub["description"].get(lg, "")] + list(sub["cues"].get(lg, [])):
                    if t:
                        texts.append(t)
                        owner.append(i)

        def compute():
            return encoder.encode(texts).astype(np.float32).tobytes()

        raw = cached_derivation("narrative-embeddings", [self._taxonomy_path], MODEL_NAME, compute)
        vecs = np.frombuffer(raw, dtype=np.float32).reshape(len(texts), -1)
        return (encoder, vecs, np.asarray(owner), texts)

    def embedding_matches(self, units: list[tuple[str, int, int, str]], lang: str) -> dict:
        """(field, start, end) -> (sub, similarity, prototype) for the sentence units whose
        nearest prototype reaches ``t_embed``, with the sub-narrative's BM25 score for the
        sentence at least ``t_embed_bm25``."""
        enc, vecs, owner, texts = self._embedding_index()
        todo = [(f, s, e, t) for f, s, e, t in units if len(t.split()) >= self.embed_min_words]
        if not todo:
            return {}
        sims = enc.encode([t for *_, t in todo]) @ vecs.T
        out = {}
        for row, (f, s, e, t) in zip(sims, todo, strict=True):
            j = int(np.argmax(row))
            if row[j] < self.t_embed:
                continue
            sub = int(owner[j])
            bm = float(self.catalogue.index[lang].score(self.catalogue.terms(t, lang))[sub])
            if bm >= self.t_embed_bm25:
                out[(f, s, e)] = (sub, float(row[j]), texts[j])
        return out

    # -- passages -----------------------------------------------------------------------------
    def passages(self, doc, lang: str) -> list[tuple[int, int, str, list[str]]]:
        """(start, end, unit, terms) of the candidate passages in the body: every sentence, then
        every paragraph of 2 to ``MAX_PARAGRAPH_SENTENCES`` sentences (its terms are its
        sentences' terms, normalised once)."""
        text = doc.text
        out = []
        by_para: dict[int, list[list[str]]] = {}
        for s, pi in zip(doc.sentences, doc.sentence_paragraph, strict=True):
            ts = self.catalogue.terms(text[s.start:s.end], lang)
            out.append((s.start, s.end, "sentence", ts))
            by_para.setdefault(pi, []).append(ts)
        for pi, p in enumerate(doc.paragraphs):
            parts = by_para.get(pi, [])
            if 2 <= len(parts) <= MAX_PARAGRAPH_SENTENCES:
                out.append((p.start, p.end, "paragraph", [t for ts in parts for t in ts]))
        return out

    def voice(self, text: str, start: int, end: int, lang: str, quotes: QuoteIndex) -> tuple[str, str | None]:
        """("attributed", why) when the passage is quoted or attributed, else ("adopted", None)."""
        if quotes.covers(start, end):
            return "attributed", "inside a quotation"
        for lg in (lang, "en") if lang != "en" else ("en",):
            rx = self.attribution.get(lg)
            m = None
            for m in (rx.finditer(text, start, end) if rx else ()):
                prev = text[max(start, m.start() - 12):m.start()].split()
                if not prev or prev[-1].lower() not in self.passive:
                    break
            else:
                m = None
            if m:
                who = self.unnamed_subject(text[max(start, m.start() - 80):m.start()])
                if who:
                    return "adopted", f"pinned only on unnamed '{who}' ('{m.group(0)}')"
                return "attributed", f"attribution '{m.group(0)}'"
        return "adopted", None

    def unnamed_subject(self, before: str) -> str | None:
        """The unnamed source ("observers", "many experts") that is the whole subject of a
        reporting verb, given the text before the verb in its sentence; None when the subject
        names anyone (a capitalised word after the first, brackets left out)."""
        if self.vague is None:
            return None
        before = re.split(r"[.!?;:]\s", before)[-1]
        found = list(self.vague.finditer(before))
        m = found[-1] if found else None
        if m is None:
            return None
        words = re.sub(r"\[[^\]]*\]", " ", before).split()
        named = [w for w in words[1:] if w[:1].isupper() and w.strip(",'\"").lower() not in m.group(0).lower().split()]
        return None if named else m.group(0)

    # -- analysis -----------------------------------------------------------------------------
    def analyze(self, doc):
        lang = self.language(doc)
        if lang is None or not (doc.text.strip() or doc.title.strip()):
            return
        quotes = {"text": QuoteIndex(doc.text), "title": QuoteIndex(doc.title)}
        hits: dict[tuple[int, str], list] = {}
        covered: list[tuple[int, int, int]] = []  # sentence matches: (start, end, sub)
        cands = [("text", s, e, u, ts) for s, e, u, ts in self.passages(doc, lang)]
        if doc.title.strip():
            cands.insert(0, ("title", 0, len(doc.title), "title", self.catalogue.terms(doc.title, lang)))
        emb = {}
        if self.use_embeddings:
            emb = self.embedding_matches([(f, s, e, doc.field(f)[s:e]) for f, s, e, u, _ in cands
                                          if u in ("sentence", "title")], lang)
        for fld, start, end, unit, ts in cands:
            m = self.catalogue.best_terms(ts, lang, frames=unit != "paragraph")
            lexical = m is not None and (m.frame or m.score >= self.t_match and m.claim_terms >= self.min_terms)
            e = emb.get((fld, start, end))
            if not lexical and e is not None:
                sub, sim, proto = e
                bm = float(self.catalogue.index[lang].score(ts)[sub])
                matched = tuple(self.catalogue.index[lang].matched(ts, sub))
                m = Match(sub, bm, bm, None, 0.0, matched, len(matched), None, sim, proto)
            elif not lexical:
                continue
            elif e is not None and e[0] == m.sub:
                m = replace(m, similarity=e[1], prototype=e[2])
            if unit == "paragraph" and any(start <= a and b <= end and s == m.sub for a, b, s in covered):
                continue  # a sentence of it already carries the same match
            v, why = self.voice(doc.field(fld), start, end, lang, quotes[fld])
            found = [m]
            if unit != "paragraph" and m.frame:  # a sentence may fill the frames of several claims
                found += [o for o in self.catalogue.frame_matches(ts, lang) if o.sub != m.sub]
            for mm in found:
                if unit == "sentence":
                    covered.append((start, end, mm.sub))
                hits.setdefault((mm.sub, v), []).append((mm, fld, start, end, why))
        for (sub, v), items in sorted(hits.items(), key=lambda kv: -max(h[0].score for h in kv[1])):
            items.sort(key=lambda h: -h[0].score)
            best, bf, bs, be, why = items[0]
            info = self.catalogue.sub_info(sub)
            if v == "adopted":
                strong = (best.frame and (best.cue or best.score >= self.t_match or best.similarity)) or \
                    (best.score >= self.t_medium and best.cue)
                sev = "medium" if strong else "low"
                voice_txt = "in the article's own voice"
            else:
                sev = "info"
                voice_txt = f"reported, not asserted ({why})"
            conf = round(min(0.85, 0.3 + 0.05 * (best.score - self.t_match) + (0.1 if best.cue else 0.0)
                             + (0.15 if best.frame else 0.0) + (0.1 if best.similarity else 0.0)), 3)
            method = "frame" if best.frame else ("bm25" if best.score >= self.t_match else "embedding")
            filled = self.catalogue.frame_words(doc.field(bf)[bs:be], lang, best.frame) if best.frame else []
            # the EUvsDisinfo cases are pro-Kremlin claims (2015-17): none is about climate policy
            near = (self.catalogue.nearest_cases(doc.field(bf)[bs:be], lang, sub)
                    if self.with_cases and info["domain"] == "URW" else [])
            evidence = sorted((Span(f, s, e, doc.field(f)[s:e]) for _, f, s, e, _ in items[:MAX_EVIDENCE]),
                              key=lambda sp: (sp.field != "title", sp.start))
            msg = (f"A passage matches the narrative “{info['narrative']} › {info['subnarrative']}” "
                   f"(SemEval-2025 Task 10 taxonomy, score {best.score:.1f}"
                   + (f", sentence similarity {best.similarity:.2f} to “{best.prototype}”" if best.similarity else "")
                   + f"), {voice_txt}"
                   + (f"; claim words “{' … '.join(filled)}”" if filled else "")
                   + (f"; cue “{best.cue}”" if best.cue else "")
                   + (f"; shared terms: {', '.join(best.terms[:8])}" if best.terms else "") + ".")
            if near:
                msg += f" Nearest EUvsDisinfo case: “{near[0]['title']}”."
            yield Finding(
                kind="narrative.match", severity=sev, confidence=max(0.05, conf), message=msg, evidence=evidence,
                data={**info, "score": round(best.score, 3), "bm25": round(best.bm25, 3), "cue": best.cue,
                      "frame": best.frame, "frame_words": filled, "terms": list(best.terms), "voice": v, "voice_reason": why, "passages": len(items),
                      "cases": near, "resource": self.resource, "method": method,
                      "similarity": round(best.similarity, 3) if best.similarity else None,
                      "prototype": best.prototype},
            )

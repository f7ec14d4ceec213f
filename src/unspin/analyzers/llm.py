"""LLM residue and LLM style (kinds ``llm.*``).

What a rewriting or generating model leaves in a text, found by structure, in en, fr, de, es,
it, pl, ru, uk (building blocks in ``resources/llm/residue.json``):

- ``llm.chatbot_residue``: the model talking as itself: AI self-reference ("as an AI language
  model"), refusals ("I'm sorry, but I cannot…"), knowledge-cutoff talk ("as of my last
  update"). High in the article's own voice; medium inside a quotation (a story may quote a
  chatbot).
- ``llm.meta_commentary``: a note about the text's own wording or source that hedges: a
  *linguistic self-reference* (term, acronym, "refers to", "the original text"…) and a *hedge*
  (likely, appears to, unclear, cannot be confirmed…) in one parenthetical or sentence. The
  evidence is the whole note. Parenthetical notes are high; whole sentences medium, or high
  when both parts are strong.
- ``llm.prompt_leftover``: instructions or assistant talk echoed into the article ("Here is the
  rewritten article…", "rewritten … with a conservative tone", "as you requested"), section
  labels ("Title:", "Headline:") and "Note:" disclaimers about the text, Markdown syntax in a
  news body (low on its own).
- ``llm.placeholder``: unfilled template slots: "[Insert quote from …]", "[Name]", "<city>",
  "{name}", "XX%" and "20XX".
- ``llm.style``: a calibrated, model-free style score (see :mod:`unspin.models.style`); weak evidence,
  shown with its uncertainty, never for very short texts; ``medium`` at its "high" level (held-out
  false-positive rate on human news about 0.3% pooled, 1.5% on 2020 US news), ``low`` at "medium".

Trade-off: residue rules are precise but only see what a model left behind; style sees every
text but also fires on some human genres (first-person opinion, hyperpartisan pages), so it stays
low weight.
"""

from __future__ import annotations

import bisect
import re

from ..report.model import Finding, Span
from ..text.lexicon import attribution_lexicon
from ..text.quotes import QuoteIndex
from .base import Analyzer, option, resources_of

_PAREN = re.compile(r"\(([^()\n]{12,400})\)|\[([^\[\]\n]{12,400})\]")
_BRACKET = re.compile(r"\[([^\[\]\n]{1,120})\]")


# refusal patterns are written with "^" for "start of a sentence"; on a whole text that becomes
# start of a line or right after a sentence end
_SENT_START = r"(?:^|(?<=[.!?] )|(?<=[.!?][\"”] )|(?<=[.!?]\n))"


def _split_anchored(patterns, flags=re.IGNORECASE):
    """(patterns written with a leading "^", to try only at a sentence or line start, with
    ``match``; the others, to search for), each combined into one regex."""
    start = [p[1:] for p in patterns if p.startswith("^")]
    anywhere = [p for p in patterns if not p.startswith("^")]
    return _combine(start, flags), _combine(anywhere, flags)


def _combine(patterns, flags=re.IGNORECASE | re.MULTILINE, sentence_start=False):
    """One alternation for many patterns: one pass over the text instead of one per pattern."""
    parts = []
    for p in patterns:
        if sentence_start and p.startswith("^"):
            p = _SENT_START + p[1:]
        parts.append(f"(?:{p})")
    return re.compile("|".join(parts) or r"(?!x)x", flags)


class LLMAnalyzer(Analyzer):
    name = "llm"
    version = "2"
    description = "LLM residue (chatbot talk, meta-commentary, prompt leftovers, placeholders) and a calibrated LLM-style score."
    needs = frozenset({"title", "text", "paragraphs", "sentences", "tokens", "title_tokens", "language", "article"})
    produces = ("llm.chatbot_residue", "llm.meta_commentary", "llm.prompt_leftover", "llm.placeholder", "llm.style")

    #: ``with_style``: False skips the style score (residue only), e.g. for corpus-scale residue scans
    options = {"with_style": True}

    def __init__(self, with_style: bool | None = None):
        #: an explicit constructor argument wins over the pipeline option (kept for scripts)
        self._with_style_arg = with_style
        self.with_style = True if with_style is None else with_style

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
        if self._with_style_arg is None:
            self.with_style = bool(option(ctx, type(self), "with_style"))
        g = resources.json("llm/genres.json")["style_out_of_domain_sections"]
        words = sorted({w for ws in g.values() for w in ws}, key=len, reverse=True)
        #: sections (opinion, editorial, letters...) whose prose the style model was not fitted on
        self.out_of_domain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
        d = resources.json("llm/residue.json")
        self.resource = f"llm/residue.json@{d['provenance'].get('version', '?')}"
        ch = d["chatbot"]
        all_langs = sorted(set(ch["ai_self"]) | set(ch["cutoff"]) | set(ch["refusal"]))
        self.langs = all_langs
        # chatbot and prompt echoes are distinctive in every language: always all of them
        self.chatbot_roles = [
            (role, *_split_anchored([p for lang in all_langs for p in ch[key].get(lang, [])]))
            for role, key in (("AI self-reference", "ai_self"), ("knowledge-cutoff talk", "cutoff"), ("refusal", "refusal"))
        ]
        trig = d["triggers"]
        self.trig_chatbot = frozenset(trig["chatbot"])
        self.trig_prompt = frozenset(trig["prompt_anywhere"])
        self.trig_tone = frozenset(trig["tone"])
        pr = d["prompt"]
        self.intro_start, self.intro_any = _split_anchored([p for lang in pr["intro"] for p in pr["intro"][lang]])
        self.tone = _combine([p for lang in pr["tone"] for p in pr["tone"][lang]])
        self.label = _split_anchored(pr["label"]["all"])[0]
        self.note = _split_anchored(pr["note"]["all"])[0]
        self.markdown = _combine(pr["markdown"]["all"], re.MULTILINE)
        # meta-commentary lexicons are ordinary words: per language (+ English)
        self.ling = {lang: _combine(ps) for lang, ps in d["meta"]["ling_strong"].items()}
        self.ling_sentence = {lang: _combine(ps) for lang, ps in d["meta"]["ling_sentence"].items()}
        self.hedge = {lang: _combine(ps) for lang, ps in d["meta"]["hedge"].items()}
        ph = d["placeholder"]
        self.ph_verbs = {lang: tuple(v.lower() for v in vs) for lang, vs in ph["verbs"].items()}
        self.ph_nouns = {lang: frozenset(v.lower() for v in vs) for lang, vs in ph["slot_nouns"].items()}
        self.ph_number = _combine(ph["number_slot"], 0)
        self.ph_head_cut = re.compile(r"\s+(?:" + "|".join(map(re.escape, ph["slot_head_cut"]["all"])) + r")\b")
        self.ph_article = re.compile(r"^(?:" + "|".join(map(re.escape, ph["slot_articles"]["all"])) + r")\s+")
        self.ph_last_nouns = frozenset(ph["slot_last_nouns"]["all"])
        self.insert_paren = re.compile(
            r"\((?:" + "|".join(map(re.escape, ph["paren_verbs"]["all"])) + r")\b[^()\n]{1,100}\)", re.IGNORECASE)
        self.weak_hedge = re.compile(
            "^(?:" + "|".join(re.escape(w) for lang, ws in d["meta"]["weak_hedge"].items() if not lang.startswith("_")
                              for w in ws) + ")$", re.IGNORECASE)
        self.rewrite_context = re.compile(r"\b(?:" + "|".join(pr["rewrite_context"]["all"]) + r")\b", re.IGNORECASE)
        # "said", "according to" ... in every language: the sources analyzer's lexicon, shared
        att = attribution_lexicon(resources)
        self.attribution = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(v) for group in ("verbs", "according_to")
                                         for vs in att[group].values() for v in vs) + r")(?![\w-])", re.IGNORECASE)
        self.ph_other = _combine(ph["other"], re.IGNORECASE)
        self.style = None
        if self.with_style:
            from ..models.style import StyleScorer

            self.style = StyleScorer(resources)

    # -- helpers -------------------------------------------------------------------------------
    def _langs(self, lang: str) -> list[str]:
        return ["en"] + ([lang] if lang in self.ling and lang != "en" else [])

    @staticmethod
    def _any(rxs, s: str, pos: int = 0, endpos: int | None = None):
        endpos = len(s) if endpos is None else endpos
        if not isinstance(rxs, (list, tuple)):
            rxs = [rxs]
        return [m for rx in rxs for m in rx.finditer(s, pos, endpos)]

    # -- analyzers ----------------------------------------------------------------------------
    def analyze(self, doc):
        quotes = QuoteIndex(doc.text)
        # where the trigger words of each role sit (token start offsets), computed once
        trig = {"chatbot": [], "prompt": [], "tone": []}
        for t in doc.tokens:
            w = t.text.lower()
            if w in self.trig_chatbot:
                trig["chatbot"].append(t.start)
            if w in self.trig_prompt:
                trig["prompt"].append(t.start)
            if w in self.trig_tone:
                trig["tone"].append(t.start)
        yield from self._chatbot(doc, quotes, trig)
        yield from self._meta(doc, quotes)
        yield from self._prompt(doc, quotes, trig)
        yield from self._placeholders(doc)
        if self.style is not None:
            yield from self._style(doc)

    @staticmethod
    def _has(positions: list[int], a: int, b: int) -> bool:
        i = bisect.bisect_left(positions, a)
        return i < len(positions) and positions[i] < b

    def _chatbot(self, doc, quotes, trig):
        units = [("title", 0, len(doc.title))] if doc.title else []
        units += [("text", sn.start, sn.end) for sn in doc.sentences]
        title_trig = any(t.text.lower() in self.trig_chatbot for t in doc.title_tokens)
        for field, a, b in units:
            text = doc.field(field)
            if not (title_trig if field == "title" else self._has(trig["chatbot"], a, b)):
                continue
            inside = []
            for role, rx_start, rx_any in self.chatbot_roles:
                m = rx_start.match(text, a, b)
                if m:
                    inside.append((role, m.start(), m.end()))
                inside += [(role, m.start(), m.end()) for m in rx_any.finditer(text, a, b)]
            if not inside:
                continue
            sent = text[a:b]
            roles = sorted({h[0] for h in inside})
            quoted = field == "text" and quotes.covers(a, b)
            if roles == ["refusal"] and (quoted or self.attribution.search(sent)):
                continue  # a person quoted saying "I cannot…" is not a chatbot
            sev, conf = ("medium", 0.55) if quoted else ("high", 0.9)
            where = ("inside a quotation (check whether the story is about a chatbot)"
                     if quoted else "in the article's own voice")
            yield Finding(
                kind="llm.chatbot_residue", severity=sev, confidence=conf,
                message=f"Chatbot talk left in the text ({', '.join(roles)}), {where}: “{sent.strip()}”",
                evidence=[Span(field, a, b, sent)],
                data={"roles": roles, "quoted": quoted, "cues": [text[x:y] for _, x, y in inside], "resource": self.resource},
            )

    def _meta(self, doc, quotes):
        langs = self._langs(doc.language)
        ling = [self.ling[lg] for lg in langs]
        ling_s = [self.ling_sentence[lg] for lg in langs]
        hedge = [self.hedge[lg] for lg in langs]
        text = doc.text
        flagged: list[tuple[int, int]] = []
        for m in _PAREN.finditer(text):
            inner_s, inner_e = m.span(1) if m.group(1) is not None else m.span(2)
            if len(text[inner_s:inner_e].split()) < 4:
                continue
            lm = self._any(ling, text, inner_s, inner_e)
            if not lm:
                continue
            hm = self._any(hedge, text, inner_s, inner_e)
            if hm:
                s, e = m.start(), m.end()
                flagged.append((s, e))
                yield self._meta_finding(doc, s, e, lm, hm, "parenthetical", "high", 0.85)
        # sentences: only those holding a narrow linguistic self-reference, in the narrator's voice
        hits = self._any(ling_s, text)
        if not hits:
            return
        # hits by start and the flagged notes (disjoint, in text order) looked up by bisection:
        # the cost stays linear in the number of sentences and hits
        hits.sort(key=lambda h: h.start())
        hit_starts = [h.start() for h in hits]
        flag_starts = [a for a, _ in flagged]
        for sent in doc.sentences:
            lm = hits[bisect.bisect_left(hit_starts, sent.start):bisect.bisect_left(hit_starts, sent.end)]
            if not lm:
                continue
            k = bisect.bisect_left(flag_starts, sent.end)  # notes starting before the sentence ends
            if k and flagged[k - 1][1] > sent.start:
                continue
            if quotes.covers(sent.start, sent.end) or self.attribution.search(sent.text):
                continue
            hm = self._any(hedge, text, sent.start, sent.end)
            strong_hedges = [h for h in hm if not self.weak_hedge.match(h.group(0).strip())]
            if not strong_hedges:
                continue
            strong = len(strong_hedges) >= 2 or len(lm) >= 2
            sev, conf = ("high", 0.75) if strong else ("medium", 0.6)
            yield self._meta_finding(doc, sent.start, sent.end, lm, hm, "sentence", sev, conf)

    def _meta_finding(self, doc, s, e, lm, hm, form, sev, conf):
        note = doc.text[s:e]
        refs = sorted({m.group(0) for m in lm})
        hedges = sorted({m.group(0) for m in hm})
        return Finding(
            kind="llm.meta_commentary", severity=sev, confidence=conf,
            message=(f"A note about the text's own wording or source, with hedging, left in the article "
                     f"({form}; refers to {', '.join(repr(r) for r in refs)}; hedges {', '.join(repr(h) for h in hedges)}): “{note}”"),
            evidence=[Span("text", s, e, note)],
            data={"form": form, "self_reference": refs, "hedges": hedges, "resource": self.resource},
        )

    def _prompt(self, doc, quotes, trig):
        units = [("title", 0, len(doc.title))] if doc.title else []
        units += [("text", p.start, p.end) for p in doc.paragraphs]
        title_words = {t.text.lower() for t in doc.title_tokens}
        for field, a, b in units:
            text = doc.field(field)
            if field == "title":
                has_prompt, has_tone = bool(title_words & self.trig_prompt), bool(title_words & self.trig_tone)
            else:
                has_prompt = self._has(trig["prompt"], a, b)
                has_tone = self._has(trig["tone"], a, b)
            # line starts inside this paragraph
            starts = [a]
            k = text.find("\n", a, b)
            while k >= 0:
                starts.append(k + 1)
                k = text.find("\n", k + 1, b)
            found = []
            for ls in starts:
                for role, rx, sev, conf in (
                    ("assistant or instruction echo", self.intro_start, "high", 0.9),
                    ("section label", self.label, "high", 0.85),
                    ("note about the text", self.note, "high", 0.8),
                ):
                    m = rx.match(text, ls, b)
                    if m:
                        found.append((role, sev, conf, m))
                        break
            if has_prompt:
                found += [("assistant or instruction echo", "high", 0.9, m) for m in self.intro_any.finditer(text, a, b)]
            seen_lines = set()
            for role, sev, conf, m in found:
                if field == "text" and quotes.covers(m.start(), m.end()):
                    continue
                ls = text.rfind("\n", 0, m.start()) + 1
                le = text.find("\n", m.end())
                le = len(text) if le < 0 else le
                if (ls, le) in seen_lines:
                    continue
                seen_lines.add((ls, le))
                span = Span(field, ls, le, text[ls:le])
                yield Finding(
                    kind="llm.prompt_leftover", severity=sev, confidence=conf,
                    message=f"Prompt or assistant leftover ({role}): “{span.text.strip()}”",
                    evidence=[span], data={"role": role, "cue": m.group(0), "resource": self.resource},
                )
            if has_tone:
                for m in self.tone.finditer(text, a, b):
                    x, y = m.start(), m.end()
                    if field == "text" and quotes.covers(x, y):
                        continue
                    # a tone request reads as an instruction only next to talk about rewriting
                    if not self.rewrite_context.search(text, max(0, x - 120), min(len(text), y + 120)):
                        continue
                    yield Finding(
                        kind="llm.prompt_leftover", severity="high", confidence=0.8,
                        message=f"Prompt leftover (requested tone or stance): “{m.group(0)}” next to talk about rewriting.",
                        evidence=[Span(field, x, y, m.group(0))], data={"role": "tone instruction", "resource": self.resource},
                    )
        if "**" in doc.text or "#" in doc.text or "•" in doc.text:
            md_spans = [Span("text", m.start(), m.end(), m.group(0)) for m in self.markdown.finditer(doc.text)]
        else:
            md_spans = []
        if md_spans:
            yield Finding(
                kind="llm.prompt_leftover", severity="low", confidence=0.4,
                message=f"Markdown syntax inside a news body ({len(md_spans)} place{'s' if len(md_spans) != 1 else ''}): chat output pasted as is, or a formatting habit.",
                evidence=md_spans[:20], data={"role": "markdown", "count": len(md_spans), "resource": self.resource},
            )

    def _slot_like(self, inner: str, lang: str) -> bool:
        s = inner.strip().lower().rstrip(".:")
        if not s or s in ("sic", "…", "...") or s.startswith(("sic", "…", "...")):
            return False
        langs = ["en"] + ([lang] if lang in self.ph_verbs and lang != "en" else [])
        for lg in langs:
            if any(s == v or s.startswith(v + " ") for v in self.ph_verbs[lg]) and (
                    len(s.split()) >= 2 or s in ("tbd", "tbc", "placeholder")):
                return True
            head = self.ph_head_cut.split(s)[0].strip()
            head = self.ph_article.sub("", head)
            head = re.sub(r"'s name$", "", head)
            if head in self.ph_nouns[lg] or head.replace("’", "'") in self.ph_nouns[lg]:
                return True
            words = head.replace("'s", "").split()
            # "[Author Name]", "[Company Name]", "[Expert's Name]": a short phrase ending in a slot noun
            if 2 <= len(words) <= 3 and words[-1] in self.ph_last_nouns:
                return True
        return False

    def _placeholders(self, doc):
        lang = doc.language
        for field, text in (("title", doc.title), ("text", doc.text)):
            if not any(c in text for c in "[({<XxLl"):
                continue
            for m in _BRACKET.finditer(text) if "[" in text else ():
                if self._slot_like(m.group(1), lang):
                    yield self._ph(field, m.start(), m.end(), text, "bracketed template slot", "high", 0.85)
            for m in self.insert_paren.finditer(text) if "(" in text else ():
                yield self._ph(field, m.start(), m.end(), text, "parenthesised instruction", "high", 0.8)
            for m in self.ph_number.finditer(text) if "XX" in text else ():
                yield self._ph(field, m.start(), m.end(), text, "number placeholder", "medium", 0.6)
            for m in self.ph_other.finditer(text):
                yield self._ph(field, m.start(), m.end(), text, "template variable", "medium", 0.6)

    def _ph(self, field, s, e, text, role, sev, conf):
        return Finding(
            kind="llm.placeholder", severity=sev, confidence=conf,
            message=f"Unfilled template slot ({role}): “{text[s:e]}”",
            evidence=[Span(field, s, e, text[s:e])], data={"role": role, "resource": self.resource},
        )

    def _style(self, doc):
        res = self.style.score(doc)
        if res is None or res.level in ("none", "low"):
            return
        sev = "medium" if res.level == "high" else "low"
        section = str(doc.article.section or "")
        genre = self.out_of_domain.search(section) if section else None
        if genre:
            sev = "info"  # the model was fitted on news reports, not on columns or letters
        lo, hi = res.interval
        evidence = [Span.of(s) for s in res.markers[:12]] + [Span.of(s) for s in res.marker_sentences[:3]]
        evidence = sorted(set(evidence), key=lambda s: (s.start, s.end))
        drivers = self.style.drivers(res.features)
        why = ("marker words and stock phrases such as " + ", ".join(f"'{s.text}'" for s in res.markers[:6])
               if res.markers else "no marker words; the score comes from how the text is built")
        if drivers:
            why += " (strongest features: " + ", ".join(f"{n.replace('_', ' ')} {v:.3g}" for n, v, _ in drivers) + ")"
        yield Finding(
            kind="llm.style", severity=sev, confidence=min(0.9, max(0.05, res.probability)),
            message=(f"The prose reads like LLM output (style score {res.probability:.2f}, plausible range "
                     f"{lo:.2f}–{hi:.2f}): {why}. "
                     + (f"Not evidence here: the article is filed under '{section}', a genre the style model "
                        "was not fitted on; opinion and letters read this way when people write them."
                        if genre else
                        "Weak evidence on its own: first-person opinion and advice pieces, hyperpartisan pages "
                        "and non-native writers can read this way too.")),
            evidence=evidence,
            data={"probability": round(res.probability, 4), "interval": [round(lo, 4), round(hi, 4)],
                  "level": res.level, "features": {k: round(v, 4) for k, v in res.features.items()},
                  "out_of_domain_section": section if genre else None,
                  "drivers": [{"feature": n, "value": round(v, 4), "logit": round(c, 3)} for n, v, c in drivers]},
        )

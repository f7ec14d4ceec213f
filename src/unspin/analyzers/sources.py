"""Who the article says its information comes from (kinds ``source.*``, report ``attributions``).

Attribution extraction, by pattern, in en (with fr, de, ru reporting verbs and "according to"
forms): "X said / told / reported (that) …", "… , X said", "according to X", "a report carried
by X", with the quoted words when there are any, and agency credits in a paragraph-initial
dateline ("MOSCOW, Nov. 12. /TASS/.", "BEIJING (Xinhua) --": the text is that agency's copy). Each
source gets a kind: ``state_media`` (a
state-affiliated outlet under any of its names, including translated and transliterated titles
such as "RIA News" or "New China News Agency": ``resources/sources/media_aliases.json``),
``news``, ``official`` (role words), ``person`` (a capitalised name) or ``unknown``. "He" and "she"
attach to the last named person or official.

Findings:

- ``source.state_media``: the article cites a state-affiliated outlet. ``low`` (reporters cite
  agencies every day), ``medium`` when that outlet carries at least half of the attributions or
  its dateline credit heads a paragraph.
- ``source.single_source``: every attribution of a story of 120+ words goes back to one source:
  ``low``, ``medium`` when that source is state media.
- ``source.unattributed_claim``: claims pinned on unnamed crowds ("Observers note that …",
  "Experts say …") in the article's own voice (``medium``), and sentences that assert with
  certainty words ("consistently ignores", "it is obvious") with no attribution (``low``).

Trade-off: patterns miss unusual syntax and coreference beyond "he/she"; they are fast (well under
1 ms per article), transparent and language-extensible through the resource file.
"""

from __future__ import annotations

import bisect
import re

from ..report.model import Attribution, Finding, Span
from ..text.lexicon import alternation, ends_with, longest
from ..text.quotes import QuoteIndex
from .base import Analyzer, resources_of

_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s+([A-Z][a-z'’-]+)\b")
_CAP = re.compile(r"^[A-ZА-ЯЁ][\w'’.-]*$")
_WORDISH = re.compile(r"[\w'’.-]+")
_HAS_WORD = re.compile(r"\w")
_NP_AFTER = re.compile(r"\s*((?:[\w'’.-]+\s*){1,10})")
#: characters of a sentence read back from a reporting verb before the whole sentence is (the
#: source phrase is at most 10 words after the last clause break: the window nearly always holds it)
_NP_WINDOW = 400
#: at most this many attributions are reported per article (the findings still weigh them all),
#: and a quotation attached to one is cut to this many characters: a pathological page (one
#: multi-megabyte "sentence" with an unclosed quote) must not make a report of tens of megabytes.
#: Real news stays far below both (at most 32 attributions and 444-character quotes on 1,300
#: articles of the report snapshot set).
MAX_ATTRIBUTIONS = 500
MAX_QUOTE_CHARS = 2000
#: evidence spans of one source finding
MAX_EVIDENCE = 60


_NO_QUOTE = object()


def _first_quote(text: str, quotes: QuoteIndex, s0: int, s1: int) -> str | None:
    """The first quotation starting in [s0, s1) with three words or more, marks stripped."""
    i = bisect.bisect_left(quotes.starts, s0)
    while i < len(quotes.ranges) and quotes.ranges[i][0] < s1:
        qa, qb = quotes.ranges[i]
        if len(text[qa:qb].split()) >= 3:
            return text[qa:qb].strip("\"“”«»„ ")
        i += 1
    return None


class SourcesAnalyzer(Analyzer):
    name = "sources"
    version = "2"
    description = "Attributions (who said or reported what), state-media sources under any name, single-source stories, unattributed claims."
    needs = frozenset({"text", "sentences", "paragraphs", "tokens"})
    produces = ("source.state_media", "source.single_source", "source.unattributed_claim")

    def setup(self, ctx) -> None:
        resources = resources_of(ctx)
        self._context = ctx
        lex = resources.json("sources/attribution.json")
        media = resources.json("sources/media_aliases.json")
        self.resource = f"sources/attribution.json@{lex['provenance'].get('version', '?')}"
        verbs = [v for vs in lex["verbs"].values() for v in vs]
        self.verb = alternation(verbs)
        self.according = alternation([v for vs in lex["according_to"].values() for v in vs])
        self.roles = alternation(lex["official_roles"])
        self.news = alternation(lex["news_words"])
        self.vague_src = alternation(lex["vague_sources"])
        self.vague_verb = alternation(lex["vague_verbs"])
        self.certainty = alternation(lex["certainty"])
        self.sweeping = alternation(lex["sweeping"])
        self.pronouns = frozenset(lex["pronouns"])
        self.trailing = frozenset(lex["np_trailing_words"]["all"])
        passive = lex["passive_before_verb"]["all"]
        self.passive = re.compile(r"\b(?:" + "|".join(map(re.escape, passive)) + r")\s*$", re.I)
        self.passive_len = longest(passive)
        recited = lex["recited_cues"]["all"]
        self.recited = re.compile(r"\b(?:" + "|".join(map(re.escape, recited)) + r")\s*$", re.I)
        self.recited_len = longest(recited)
        self.stop_np = re.compile(r"[,;:()\[\]“”\"«»]|\b(?:" + "|".join(map(re.escape, lex["np_stop_words"]["all"])) + r")\b", re.I)
        self.certainty_target = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["certainty_targets"]["all"])) + r")\b")
        self.media_anaphor = re.compile(r"^(?:" + "|".join(map(re.escape, lex["media_anaphors"]["all"])) + r")$", re.I)
        # media aliases: acronyms and short names match case-sensitively, longer names not
        self.media = {}
        cs, ci = [], []
        for e in media["entries"]:
            for a in e["aliases"]:
                self.media[a.lower()] = e
                (cs if len(a) <= 4 or a.isupper() else ci).append(a)
        self.media_cs = alternation(cs, 0)
        self.media_ci = alternation(ci)
        # the outlet registry: shared knowledge (kb/), the same object the outlet analyzer uses
        from ..kb.outlets import OutletRegistry

        self.registry = OutletRegistry.from_resources(resources)
        self.common = resources.json("english/common_words.json")["words"]
        #: agency credits in a dateline at the start of a paragraph: "MOSCOW, November 12. /TASS/.",
        #: "BEIJING, March 3 (Xinhua) --", "KYIV (Reuters) -"
        self.datelines = [
            re.compile(r"(?P<place>[A-ZА-ЯЁ][\w.'’-]*(?:[ -][A-ZА-ЯЁ][\w.'’-]*){0,3}),\s+[^\n/]{1,30}?\s*/(?P<a>[A-ZА-ЯЁ][\w .'-]{1,30}?)/"),
            re.compile(r"(?P<place>[A-ZА-ЯЁ][\w.'’-]*(?:[ -][A-ZА-ЯЁ][\w.'’-]*){0,3})(?:,\s+[^\n(]{1,30}?)?\s*\((?P<a>[A-ZА-ЯЁ][\w .&'-]{1,30}?)\)\s*(?:--|[-—–:])"),
        ]

    # -- helpers ---------------------------------------------------------------------------
    def _media_in(self, s: str):
        return list(self.media_cs.finditer(s)) + list(self.media_ci.finditer(s))

    def _np_before(self, text: str, start: int, limit: int) -> tuple[int, int] | None:
        """The noun phrase right before a reporting verb: up to 10 words, stopping at a clause break.

        Read from the last :data:`_NP_WINDOW` characters when they settle it (a clause break, or
        ten words, inside them), so that a very long sentence costs the same per verb."""
        w0 = start - _NP_WINDOW
        if w0 > limit:
            stops = list(self.stop_np.finditer(text, w0, start))
            if stops:  # the last clause break of the sentence lies in the window
                return self._np_words(text, stops[-1].end(), start)
            # no clause break in the window: the last ten words decide, the first (maybe cut) aside
            words = [w for w in _WORDISH.finditer(text, w0, start)][1:]
            words = [w for w in words if _HAS_WORD.search(w.group(0))][-10:]
            if len(words) == 10:
                return self._pick(words)
        seg = text[limit:start]
        cut = 0
        for m in self.stop_np.finditer(seg):
            cut = m.end()
        return self._np_words(text, limit + cut, start)

    def _np_words(self, text: str, a: int, b: int) -> tuple[int, int] | None:
        seg = text[a:b]
        words = [w for w in _WORDISH.finditer(seg) if _HAS_WORD.search(w.group(0))][-10:]
        r = self._pick(words)
        return (a + r[0], a + r[1]) if r else None

    def _pick(self, words) -> tuple[int, int] | None:
        while words and words[-1].group(0).lower() in self.trailing:
            words.pop()
        if not words:
            return None
        a, b = words[0].start(), words[-1].end()
        return (a, b) if b > a else None

    def _np_after(self, text: str, end: int, limit: int) -> tuple[int, int] | None:
        m = _NP_AFTER.match(text, end, limit)  # matched in place: no copy of the sentence's rest
        if not m:
            return None
        phrase = m.group(1)
        stop = self.stop_np.search(phrase)
        if stop and stop.start() > 0:
            phrase = phrase[: stop.start()]
        phrase = phrase.rstrip(" .")
        if not phrase:
            return None
        a = m.start(1)
        return a, a + len(phrase)

    def _kind(self, np: str, surnames=frozenset()) -> tuple[str, dict | None]:
        media = self._media_in(np)
        if media:
            e = self.media[media[0].group(0).lower()]
            if e["kind"] in ("state_media", "state_affiliated", "known_network"):
                return "state_media", e
            return "news", e
        low = np.lower().strip()
        if low in self.pronouns:
            return "pronoun", None
        reg = self._registry_outlet(np)
        if reg is not None:
            return reg
        if self.vague_src.fullmatch(low) or low.split()[-1:] and self.vague_src.fullmatch(low.split()[-1]) and not any(_CAP.match(w) for w in np.split()[1:]):
            return "vague", None
        if self.news.search(np) and not self.roles.search(np):
            return "news", None
        if self.roles.search(np):
            return "official", None
        words = np.split()
        caps = [w for w in words if _CAP.match(w)]
        if len(caps) >= 2 and len(caps) >= len(words) - 2:
            return "person", None
        if len(words) == 1 and caps and words[0].lower() in surnames:
            return "person", None  # a surname alone after the full name ("Hollis said" after "Ray Hollis")
        return "unknown", None

    def _registry_outlet(self, np: str):
        """A cited outlet the registry knows: the whole phrase is an outlet's name ("Kommersant",
        "the Moscow Times"), or a capitalised run next to a news word is ("the daily Kommersant")."""
        runs = [np.strip()]
        if self.news.search(np):
            runs += [m.group(0) for m in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*", np)]
        for run in runs:
            words = re.findall(r"[\w'’]+", run.lower())
            if len(run) < 4 or run.lower() in self.pronouns or not words:
                continue
            # names made only of common words ("The Paper", "Arab News") or of three letters
            # ("NBC") mean other things too often: the alias table covers the outlets that matter
            if all(w in ("the", "a") or self.common.get(w, 0.0) >= 3.5 for w in words):
                continue
            outlets, how = self.registry.lookup_name(run)
            if not outlets or how not in ("name", "domain"):
                continue
            o = outlets[0]
            kind = "state_media" if o.type in ("state_media", "known_network", "spoof") else "news"
            entry = {"canonical": o.display, "country": o.country or "?",
                     "kind": "state_media" if o.type == "state_media" else ("known_network" if kind == "state_media" else "news"),
                     "registry_id": o.id}
            return kind, entry
        return None

    def _dateline_credits(self, doc) -> list[dict]:
        """Agency credits in paragraph-initial datelines ("MOSCOW, Nov. 12. /TASS/."): the story
        (or that part of it) is the agency's copy. Only credits the alias table or the registry
        resolves to a news outlet count."""
        out = []
        text = doc.text
        starts = [x.start for x in doc.sentences]
        for p in doc.paragraphs:
            for rx in self.datelines:
                m = rx.match(text, p.start, min(p.end, p.start + 160))
                if not m:
                    continue
                a, b = m.span("a")
                kind, media = self._kind(text[a:b])
                if kind not in ("news", "state_media") or media is None:
                    continue
                i = bisect.bisect_right(starts, a) - 1  # sentences are sorted and do not overlap
                sent = doc.sentences[i] if i >= 0 and a < doc.sentences[i].end else None
                if sent is None:
                    continue
                out.append({"source": media["canonical"], "kind": kind, "media": media,
                            "np": Span("text", a, b, text[a:b]), "cue": Span("text", m.start(), m.end(), m.group(0)),
                            "quote": None, "sentence": sent, "dateline": True})
                break
        return out

    # -- analysis ----------------------------------------------------------------------------
    def analyze(self, doc):
        text = doc.text
        # surnames of the article's multi-word capitalised names, for "Hollis said" after "Ray Hollis"
        surnames = {m.group(2).lower() for m in _FULL_NAME.finditer(text)}
        quotes = QuoteIndex(text)
        attributions: list[dict] = []
        last_named = last_media = None
        attributions += self._dateline_credits(doc)
        for sent in doc.sentences:
            s0, s1 = sent.start, sent.end
            found = []
            for m in self.according.finditer(text, s0, s1):
                np = self._np_after(text, m.end(), s1)
                if np:
                    found.append((np, m))
            verbs = list(self.verb.finditer(text, s0, s1))
            for m in verbs:
                if quotes.covers(m.start(), m.end()) or ends_with(self.passive, text, s0, m.start(), self.passive_len):
                    continue  # inside a quotation, or passive / infinitive ("were reported", "to say")
                np = self._np_before(text, m.start(), s0)
                if np and not ends_with(self.recited, text, s0, m.start(), self.recited_len):
                    found.append((np, m))
            for m in verbs:
                before = text[max(s0, m.start() - 3) : m.start()]
                if re.search(r"[,”\"]\s*$", before):
                    np = self._np_after(text, m.end(), s1)
                    if np and _CAP.match(text[np[0] : np[1]].split()[0]):
                        found = [f for f in found if f[1] is not m]
                        found.append((np, m))
            quote = _NO_QUOTE
            for (a, b), m in found:
                np_text = text[a:b]
                kind, media = self._kind(np_text, surnames)
                if kind == "pronoun" or (self.media_anaphor.match(np_text) and last_media is not None):
                    ref = last_media if kind != "pronoun" else last_named
                    if ref is None:
                        continue
                    name, kind, media = ref
                else:
                    name = media["canonical"] if media else np_text
                    if kind in ("person", "official", "news", "state_media"):
                        last_named = (name, kind, media)
                    if kind in ("news", "state_media") and media:
                        last_media = (name, kind, media)
                if quote is _NO_QUOTE:  # the sentence's first quotation of three words or more
                    quote = _first_quote(text, quotes, s0, s1)
                attributions.append({
                    "source": name, "kind": kind, "media": media, "np": Span("text", a, b, np_text),
                    "cue": Span("text", m.start(), m.end(), m.group(0)), "quote": quote, "sentence": sent,
                })
        # one mention cited twice ("according to a report carried by Xinhua"): keep the first. The
        # kept mentions never overlap, so one sorted list of them answers "overlaps a kept one?"
        kept_starts: list[int] = []
        kept_ends: list[int] = []
        unique = []
        for at in attributions:
            a, b = at["np"].start, at["np"].end
            i = bisect.bisect_left(kept_starts, b)  # kept mentions starting before b
            if i and kept_ends[i - 1] > a:
                continue
            kept_starts.insert(i, a)
            kept_ends.insert(i, b)
            unique.append(at)
        attributions = unique
        # "Deputy head … Sergei Ryabkov" and later "Ryabkov" are one source: key on the surname
        for at in attributions:
            words = [w for w in re.findall(r"[\w'’-]+", at["source"]) if _CAP.match(w)]
            at["key"] = words[-1].lower() if at["kind"] in ("person", "official") and words else at["source"].lower()
        for at in attributions[:MAX_ATTRIBUTIONS]:
            q = at["quote"]
            yield Attribution(
                source=at["source"],
                source_kind=at["kind"] if at["kind"] in ("state_media", "news", "official", "person") else "unknown",
                evidence=[at["np"], at["cue"]] if at["np"].start < at["cue"].start else [at["cue"], at["np"]],
                quote=q if q is None or len(q) <= MAX_QUOTE_CHARS else q[: MAX_QUOTE_CHARS - 1] + "…",
                data={"media": {k: at["media"].get(k) for k in ("canonical", "country", "kind", "registry_id") if at["media"].get(k)} if at["media"] else None,
                      "vague": at["kind"] == "vague"},
            )
        yield from self._findings(doc, attributions, quotes)

    def _findings(self, doc, attributions, quotes):
        named = [a for a in attributions if a["kind"] not in ("vague", "unknown")]
        # state media
        by_media: dict[str, list] = {}
        for a in named:
            if a["kind"] == "state_media":
                by_media.setdefault(a["media"]["canonical"], []).append(a)
        for canonical, ats in by_media.items():
            share = len(ats) / max(1, len(named))
            dateline = any(a.get("dateline") for a in ats)
            e = ats[0]["media"]
            aliases = sorted({a["np"].text for a in ats if a["np"].text.lower() not in self.pronouns and not self.media_anaphor.match(a["np"].text)})
            translated = [x for x in aliases if x.lower() != canonical.lower() and canonical.lower() not in x.lower()]
            yield Finding(
                kind="source.state_media", severity="medium" if share >= 0.5 or dateline else "low",
                confidence=0.85 if dateline else 0.8,
                message=(f"The article cites {canonical} ({e['kind'].replace('_', ' ')}, {e['country']}) as a source "
                         f"{len(ats)} time{'s' if len(ats) != 1 else ''}"
                         + (f", under the name {', '.join(repr(x) for x in translated)}" if translated else "")
                         + (" and carries its dateline credit (the text is that agency's copy)" if dateline else "")
                         + f"; {share:.0%} of the named attributions."),
                evidence=sorted({a["np"] for a in ats} | {a["cue"] for a in ats}, key=lambda s: s.start)[:MAX_EVIDENCE],
                data={"canonical": None, "outlet": canonical, "country": e["country"], "media_kind": e["kind"],
                      "share": round(share, 3), "names_used": aliases, "dateline": dateline,
                      "resource": "outlets/registry" if e.get("registry_id") else "sources/media_aliases.json",
                      "registry_id": e.get("registry_id")},
            )
        # single source
        distinct = {a["key"] for a in named}
        if doc.word_count >= 120 and len(distinct) == 1 and named:
            src = named[0]
            state = src["kind"] == "state_media"
            yield Finding(
                kind="source.single_source", severity="medium" if state else "low", confidence=0.6,
                message=(f"Every attribution in the story goes back to one source: {src['source']}"
                         + (" (state media)." if state else ".")),
                evidence=sorted({a["np"] for a in named}, key=lambda s: s.start)[:MAX_EVIDENCE],
                data={"source": src["source"], "source_kind": src["kind"], "attributions": len(named)},
            )
        # unattributed: vague crowds and certainty without a source
        attributed_sents = {a["sentence"].start for a in attributions if a["kind"] != "vague"}
        for sent in doc.sentences:
            if quotes.covers(sent.start, sent.end):
                continue
            vs = self.vague_src.search(sent.text)
            vv = self.vague_verb.search(sent.text, vs.end()) if vs else None
            if vs and vv and vv.start() - vs.end() <= 25 and vs.start() <= 40:
                sweeping = [m.group(0) for m in self.sweeping.finditer(sent.text)]
                yield Finding(
                    kind="source.unattributed_claim", severity="medium" if sweeping else "low",
                    confidence=0.6 if sweeping else 0.4,
                    message=(f"A claim pinned on unnamed {vs.group(0)!r}, in the article's own voice"
                             + (f", in sweeping terms ({', '.join(repr(x) for x in sweeping)})" if sweeping else "")
                             + f": “{sent.text}”"),
                    evidence=[Span.of(sent)], data={"form": "vague source", "cue": vs.group(0), "sweeping": sweeping},
                )
                continue
            if sent.start in attributed_sents:
                continue
            cm = list(self.certainty.finditer(sent.text))
            if len(cm) >= 2 or (cm and self.certainty_target.search(sent.text)):
                yield Finding(
                    kind="source.unattributed_claim", severity="low", confidence=0.45,
                    message=f"A sweeping claim asserted without any source ({', '.join(repr(m.group(0)) for m in cm)}): “{sent.text}”",
                    evidence=[Span.of(sent)], data={"form": "certainty without source", "cues": [m.group(0) for m in cm]},
                )

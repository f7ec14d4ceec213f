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

import re

from ..report.model import Attribution, Finding, Span
from ..text.quotes import QuoteIndex
from .base import Analyzer

_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s+([A-Z][a-z'’-]+)\b")
_STOP_NP = re.compile(r"[,;:()\[\]“”\"«»]|\b(?:that|which|who|and|but|while|as|when|after|before|because|if|on|in|at|to|for)\b", re.I)
_CAP = re.compile(r"^[A-ZА-ЯЁ][\w'’.-]*$")


def _alt(words, flags=re.IGNORECASE):
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", flags)


class SourcesAnalyzer(Analyzer):
    name = "sources"
    version = "2"
    description = "Attributions (who said or reported what), state-media sources under any name, single-source stories, unattributed claims."
    needs = frozenset({"text", "sentences", "paragraphs", "tokens", "language"})
    produces = ("source.state_media", "source.single_source", "source.unattributed_claim")

    def setup(self, resources) -> None:
        lex = resources.json("sources/attribution.json")
        media = resources.json("sources/media_aliases.json")
        self.resource = f"sources/attribution.json@{lex['provenance'].get('version', '?')}"
        verbs = [v for vs in lex["verbs"].values() for v in vs]
        self.verb = _alt(verbs)
        self.according = _alt([v for vs in lex["according_to"].values() for v in vs])
        self.roles = _alt(lex["official_roles"])
        self.news = _alt(lex["news_words"])
        self.vague_src = _alt(lex["vague_sources"])
        self.vague_verb = _alt(lex["vague_verbs"])
        self.certainty = _alt(lex["certainty"])
        self.sweeping = _alt(lex["sweeping"])
        self.pronouns = frozenset(lex["pronouns"])
        self.trailing = frozenset(lex["np_trailing_words"]["all"])
        self.passive = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["passive_before_verb"]["all"])) + r")\s*$", re.I)
        self.media_anaphor = re.compile(r"^(?:" + "|".join(map(re.escape, lex["media_anaphors"]["all"])) + r")$", re.I)
        # media aliases: acronyms and short names match case-sensitively, longer names not
        self.media = {}
        cs, ci = [], []
        for e in media["entries"]:
            for a in e["aliases"]:
                self.media[a.lower()] = e
                (cs if len(a) <= 4 or a.isupper() else ci).append(a)
        self.media_cs = _alt(cs, 0)
        self.media_ci = _alt(ci)
        # the outlet registry (shared with the outlet analyzer: loaded once per process)
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
        """The noun phrase right before a reporting verb: up to 10 words, stopping at a clause break."""
        seg = text[limit:start]
        cut = 0
        for m in _STOP_NP.finditer(seg):
            cut = m.end()
        seg2 = seg[cut:]
        words = [w for w in re.finditer(r"[\w'’.-]+", seg2) if re.search(r"\w", w.group(0))][-10:]
        while words and words[-1].group(0).lower() in self.trailing:
            words.pop()
        if not words:
            return None
        a = limit + cut + words[0].start()
        b = limit + cut + words[-1].end()
        return (a, b) if b > a else None

    def _np_after(self, text: str, end: int, limit: int) -> tuple[int, int] | None:
        seg = text[end:limit]
        m = re.match(r"\s*((?:[\w'’.-]+\s*){1,10})", seg)
        if not m:
            return None
        phrase = m.group(1)
        stop = _STOP_NP.search(phrase)
        if stop and stop.start() > 0:
            phrase = phrase[: stop.start()]
        phrase = phrase.rstrip(" .")
        if not phrase:
            return None
        a = end + m.start(1)
        return a, a + len(phrase)

    def _kind(self, np: str) -> tuple[str, dict | None]:
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
        if len(words) == 1 and caps and words[0].lower() in self._surnames:
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
        for p in doc.paragraphs:
            for rx in self.datelines:
                m = rx.match(text, p.start, min(p.end, p.start + 160))
                if not m:
                    continue
                a, b = m.span("a")
                kind, media = self._kind(text[a:b])
                if kind not in ("news", "state_media") or media is None:
                    continue
                sent = next((x for x in doc.sentences if x.start <= a < x.end), None)
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
        self._surnames = {m.group(2).lower() for m in _FULL_NAME.finditer(text)}
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
            for m in self.verb.finditer(text, s0, s1):
                if quotes.covers(m.start(), m.end()) or self.passive.search(text[s0 : m.start()]):
                    continue  # inside a quotation, or passive / infinitive ("were reported", "to say")
                np = self._np_before(text, m.start(), s0)
                if np and not re.search(r"\b(?:according|reported by|cited by|carried by)\s*$", text[s0 : m.start()], re.I):
                    found.append((np, m))
            for m in self.verb.finditer(text, s0, s1):
                before = text[max(s0, m.start() - 3) : m.start()]
                if re.search(r"[,”\"]\s*$", before):
                    np = self._np_after(text, m.end(), s1)
                    if np and _CAP.match(text[np[0] : np[1]].split()[0]):
                        found = [f for f in found if f[1] is not m]
                        found.append((np, m))
            for (a, b), m in found:
                np_text = text[a:b]
                kind, media = self._kind(np_text)
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
                quote = None
                for qa, qb in quotes.ranges:
                    if s0 <= qa < s1 and len(text[qa:qb].split()) >= 3:
                        quote = text[qa:qb].strip("\"“”«»„ ")
                        break
                attributions.append({
                    "source": name, "kind": kind, "media": media, "np": Span("text", a, b, np_text),
                    "cue": Span("text", m.start(), m.end(), m.group(0)), "quote": quote, "sentence": sent,
                })
        # one mention cited twice ("according to a report carried by Xinhua"): keep the first
        seen_np: list[tuple[int, int]] = []
        unique = []
        for at in attributions:
            a, b = at["np"].start, at["np"].end
            if any(a < y and x < b for x, y in seen_np):
                continue
            seen_np.append((a, b))
            unique.append(at)
        attributions = unique
        # "Deputy head … Sergei Ryabkov" and later "Ryabkov" are one source: key on the surname
        for at in attributions:
            words = [w for w in re.findall(r"[\w'’-]+", at["source"]) if _CAP.match(w)]
            at["key"] = words[-1].lower() if at["kind"] in ("person", "official") and words else at["source"].lower()
        for at in attributions:
            yield Attribution(
                source=at["source"],
                source_kind=at["kind"] if at["kind"] in ("state_media", "news", "official", "person") else "unknown",
                evidence=[at["np"], at["cue"]] if at["np"].start < at["cue"].start else [at["cue"], at["np"]],
                quote=at["quote"],
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
                evidence=sorted({a["np"] for a in ats} | {a["cue"] for a in ats}, key=lambda s: s.start),
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
                evidence=sorted({a["np"] for a in named}, key=lambda s: s.start),
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
            if len(cm) >= 2 or (cm and re.search(r"\b(?:West|Western|Kyiv|Kiev|Washington|Moscow|Beijing|NATO|regime|media)\b", sent.text)):
                yield Finding(
                    kind="source.unattributed_claim", severity="low", confidence=0.45,
                    message=f"A sweeping claim asserted without any source ({', '.join(repr(m.group(0)) for m in cm)}): “{sent.text}”",
                    evidence=[Span.of(sent)], data={"form": "certainty without source", "cues": [m.group(0) for m in cm]},
                )

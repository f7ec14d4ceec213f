"""The outlet registry: who publishes news under which names and domains.

Loads ``outlets/registry.json.gz`` (a user's plain ``outlets/registry.json`` wins; built by
``scripts/build_outlet_registry.py`` from public MIT / CC0 / Apache datasets: state-media profiles, influence-operation indicators, pink-slime and
Portal Kombat site lists, US local-news directories, reliable/unreliable domain lists) and
``outlets/patterns.json`` (hand-written: platforms, public suffixes, masthead words, the major
outlets that get spoofed). Other analyzers import :class:`OutletRegistry` to ask "is this name or
domain a known outlet, and of which type?".

Lookups:

- :meth:`OutletRegistry.lookup_host` walks a host name up its labels (``de.rt.com`` -> ``rt.com``)
  and returns the first registered domain; a platform (youtube.com, substack.com...) is never an
  outlet, so ``someone.substack.com`` is not looked up as ``substack.com``.
- :meth:`OutletRegistry.lookup_name` matches a masthead: case, accents, punctuation, a leading
  article ("The", "Le", "Der"...) and trailing words such as "Newspaper" or "Online" do not
  count; then the name written without spaces is compared with registered domain labels
  ("The Washington Post" -> ``washingtonpost.com``), which recovers names for the many entries
  the datasets list by domain only.
- :meth:`OutletRegistry.lookalike` says whether an unregistered domain imitates a registered
  real outlet: the same label under another suffix (``welt.ws``, ``washingtonpost.ltd``), one or
  two edits (``spiegell``, ``bildd``), filler words added (``reuters-news.net``) or the real
  outlet's label as a subdomain of a foreign domain (``bbc.news-today.xyz``).
- :meth:`OutletRegistry.masthead_pattern` recognises the generic local-paper form
  "<Place> <Noun>" ("Denver Observer"), with the nouns taken from the last words of real US
  newspaper names in the registry build (Times, Herald, Gazette, Chronicle...).

Loading takes about a quarter of a second: the registry file carries its name and label indexes
(computed at build time by this module's own code; a registry without them, or built with other
suffixes or an older :data:`INDEX_VERSION`, is indexed at load). The lookalike index is built on
the first lookalike question (about half a second).

Trade-offs: the lookalike rules are strict for short or common-word labels (a TLD swap of
``thecourier`` is no evidence: many real papers share such names) and wide for the major
outlets of ``patterns.json`` and the outlets that spoofing operations imitated, so a typosquat
of a small local paper with a generic name is missed. Edit distance runs against labels of at
least eight letters for ordinary outlets (one edit) and of at least four for the major ones (two
edits from ten letters; a four-letter label only with a letter added: ``bildd``); short call
signs (``kwgn``) are never targets, nor is a label that is one ordinary English word
("inquirer", "forward": other real papers use it). Names are weak identifiers: many US papers
share a name ("The Courier"), so a name match returns all entries, most alarming type first, and
the caller decides.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ResourceError

__all__ = [
    "Outlet",
    "OutletRegistry",
    "Lookalike",
    "normalize_host",
    "name_key",
    "REGISTRY",
    "PATTERNS",
    "TYPE_PRIORITY",
    "REAL_TYPES",
]

REGISTRY = "outlets/registry.json"
REGISTRY_GZ = "outlets/registry.json.gz"
PATTERNS = "outlets/patterns.json"

#: Entry types, most alarming first; when a name matches entries of several types, the first wins.
TYPE_PRIORITY = ("spoof", "known_network", "state_media", "unreliable", "redirect",
                 "public_media", "real_news", "real_local")
#: Types of genuine outlets (targets of lookalike detection, ``outlet.known``).
REAL_TYPES = frozenset({"public_media", "real_news", "real_local"})

# Words that may end a masthead without being part of the name.
_TRAILING = ("newspaper", "newspapers", "online", "news site", "website", "com", "net", "org")
_ARTICLES = frozenset({"the", "le", "la", "les", "l", "der", "die", "das", "el", "il", "lo", "los", "las", "de"})
_PAREN = re.compile(r"\(([^()]*)\)")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DEFANG = re.compile(r"\[\.\]|\(\.\)|\{\.\}")
_HOST_OK = re.compile(r"^[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?"
                      r"(?:\.[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)+$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DOMAINLIKE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/.*)?$", re.IGNORECASE)

# Words that may follow a registered name in a masthead ("BBC News", "Reuters World").
_GENERIC_TAIL = frozenset({"news", "online", "world", "international", "digital", "live", "today"})

# Lookalike limits (see module docstring).
MAJOR_TLD_MIN = 3
MAJOR_EDIT1_MIN = 4
MAJOR_EDIT2_MIN = 10
OTHER_MIN = 8
COMMON_WORD_ZIPF = 3.3


def _fold(s: str) -> str:
    """Lower case without accents (é -> e), NFKC-normalised."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", s).lower()


def name_key(name: str, keep_article: bool = False) -> str:
    """A masthead reduced for comparison: folded case and accents, "&" as "and", punctuation as
    spaces, no parenthesised part, no leading article (unless ``keep_article``), no trailing
    "newspaper"/"online"/".com". ``"The Washington Post"`` -> ``"washington post"``."""
    s = _fold(_PAREN.sub(" ", name)).replace("&", " and ").replace("'", "").replace("’", "")
    words = [w for w in _NON_WORD.split(s) if w and w != "_"]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for t in _TRAILING:
            tw = t.split()
            if len(words) > len(tw) and words[-len(tw):] == tw:
                words = words[: -len(tw)]
                changed = True
    if not keep_article and len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def name_variants(name: str) -> list[str]:
    """The keys a name is indexed and looked up under: the name, and each parenthesised part
    ("National Public Radio (NPR)" -> "national public radio", "npr")."""
    out = [name_key(name)]
    for inner in _PAREN.findall(name):
        k = name_key(inner)
        if k:
            out.append(k)
    return [k for k in dict.fromkeys(out) if k]


def normalize_host(value: str | None) -> str | None:
    """The host of a URL or bare domain, lower case, without ``www.``, port, credentials or
    path; defanged forms (``example[.]com``, ``hxxps://``) are accepted. None when there is no
    plausible host name."""
    if not value:
        return None
    s = _DEFANG.sub(".", value.strip().strip(",;\"'<>")).strip()
    s = re.sub(r"^hxxps?://", "http://", s, flags=re.IGNORECASE)
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s, flags=re.IGNORECASE)
    s = s.lstrip("/")
    s = re.split(r"[/?#\\\s]", s, maxsplit=1)[0]
    s = s.rsplit("@", 1)[-1]
    s = s.split(":", 1)[0].strip(".").lower()
    while s.startswith("www.") or re.match(r"^www\d\.", s):
        s = s.split(".", 1)[1]
    if not s or "." not in s:
        return None
    if not (_HOST_OK.match(s) or _IPV4.match(s)):
        return None
    return s


def looks_like_domain(name: str) -> bool:
    """True for a masthead that is really a domain or URL ("www.nytimes.com")."""
    return bool(name) and " " not in name.strip() and bool(_DOMAINLIKE.match(name.strip()))


def _within(a: str, b: str, k: int) -> int | None:
    """Damerau-Levenshtein (optimal string alignment) distance of a and b if at most k."""
    if abs(len(a) - len(b)) > k:
        return None
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        lo = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            lo = min(lo, v)
        if lo > k:
            return None
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= k else None


@dataclass(frozen=True)
class Outlet:
    """One registry entry. ``type`` is one of :data:`TYPE_PRIORITY`; ``sources`` name the
    datasets (``dataset-id`` or ``dataset-id:list``) whose licence is in the registry's
    provenance; ``extra`` holds per-source details (typology, owner, target country...)."""

    id: str
    names: tuple[str, ...]
    domains: tuple[str, ...]
    type: str
    country: str | None = None
    network: str | None = None
    report: str | None = None
    sources: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def display(self) -> str:
        """A name to show: the first name, else the first domain."""
        return self.names[0] if self.names else (self.domains[0] if self.domains else self.id)

    def to_dict(self) -> dict:
        d = {"id": self.id, "names": list(self.names), "domains": list(self.domains), "type": self.type,
             "sources": list(self.sources)}
        for k in ("country", "network", "report"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        if self.extra:
            d["extra"] = self.extra
        return d


def _outlet(e: dict) -> Outlet:
    return Outlet(
        id=e["id"], names=tuple(e.get("names", ())), domains=tuple(e.get("domains", ())),
        type=e["type"], country=e.get("country"), network=e.get("network"), report=e.get("report"),
        sources=tuple(e.get("sources", ())), extra=e.get("extra", {}),
    )


class _LazyEntries:
    """The registry's entries as Outlet objects, each made on first access."""

    def __init__(self, raw: list[dict]):
        self._raw = raw
        self._made: list[Outlet | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i: int) -> Outlet:
        o = self._made[i]
        if o is None:
            o = self._made[i] = _outlet(self._raw[i])
        return o

    def __iter__(self):
        return (self[i] for i in range(len(self._made)))

    def append(self, o: Outlet) -> None:
        self._raw.append({})
        self._made.append(o)


class _DomainMap:
    """domain -> Outlet, backed by domain -> position in the lazy entries."""

    def __init__(self, entries: _LazyEntries):
        self.entries = entries
        self.ids: dict[str, int] = {}

    def __contains__(self, d) -> bool:
        return d in self.ids

    def __getitem__(self, d: str) -> Outlet:
        return self.entries[self.ids[d]]

    def get(self, d: str, default=None):
        i = self.ids.get(d)
        return default if i is None else self.entries[i]

    def items(self):
        return ((d, self.entries[i]) for d, i in self.ids.items())

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Lookalike:
    """An unregistered domain that imitates ``target`` (a real outlet) by ``rule``:
    ``tld_swap``, ``edit`` (with ``distance``), ``added_words`` or ``subdomain``."""

    host: str
    target: Outlet
    target_domain: str
    rule: str
    distance: int = 0
    major: bool = False


class OutletRegistry:
    """The loaded registry with its indexes (build once per process; lookups are dict hits)."""

    def __init__(self, registry: dict, patterns: dict):
        self.provenance = registry.get("provenance", {})
        self.source_info: dict[str, dict] = self.provenance.get("sources", {})
        self.platforms = frozenset(patterns.get("platforms", []))
        self.suffixes2 = frozenset(patterns.get("second_level_suffixes", []))
        self.qualifiers = frozenset(w.lower() for w in patterns.get("masthead_qualifiers", []))
        stop = set(patterns.get("masthead_noun_stoplist", []))
        self.masthead_nouns = {w: n for w, n in registry.get("masthead_nouns", {}).items() if w not in stop}
        self.fillers = frozenset(patterns.get("filler_words", []))
        self.entries: list[Outlet] = []
        self.by_domain: dict[str, Outlet] = {}
        self._name_ids: dict[str, list[int]] = {}
        self._label_ids: dict[str, list[int]] = {}
        raw = registry.get("entries", [])
        index = registry.get("index") or {}
        prebuilt = index.get("digest") == index_digest(patterns) and index.get("entries") == len(raw)
        if prebuilt:
            # the usual case: the name index ships with the registry, so the 26k Outlet objects
            # are made only when a lookup returns them (start-up cost: a domain map of ints)
            self.entries = _LazyEntries(raw)
            self.by_domain = _DomainMap(self.entries)
            for pos, e in enumerate(raw):
                for d in e.get("domains", ()):
                    self.by_domain.ids.setdefault(d, pos)
            self._pos = {}
            self._name_ids = index["names"]
            self._label_ids = index["labels"]
        else:
            for e in raw:
                self._add(_outlet(e), index=True)
        # Major outlets: the hand list plus the real outlets spoofing operations imitated.
        self.major_domains: set[str] = set()
        self.generic_domains: set[str] = set()
        self.label_pattern_exclude = frozenset(patterns.get("label_pattern_exclude", []))
        for m in patterns.get("major_outlets", []):
            doms = tuple(m["domains"])
            if m.get("generic_label"):
                self.generic_domains.update(doms)
            pos = next((self._position(d) for d in doms if d in self.by_domain), None)
            if pos is None:
                self._add(Outlet(id="major:" + doms[0], names=(m["name"], *m.get("aliases", ())), domains=doms,
                                 type="real_news", country=m.get("country"), sources=("unspin-patterns",)))
            else:
                for n in (m["name"], *m.get("aliases", ())):
                    for k in name_variants(n):
                        self._index(self._name_ids, k, pos)
            self.major_domains.update(doms)
        for e in raw:
            if e.get("type") == "spoof" and (e.get("extra") or {}).get("imitates"):
                self.major_domains.update(d for d in e["extra"]["imitates"] if d in self.by_domain)
        self._targets_built = False

    # -- building -----------------------------------------------------------------------------

    @staticmethod
    def _index(idx: dict[str, list[int]], key: str, pos: int) -> None:
        lst = idx.setdefault(key, [])
        if pos not in lst:
            lst.append(pos)

    def _position(self, domain: str) -> int:
        if isinstance(self.by_domain, _DomainMap):
            return self.by_domain.ids[domain]
        return self._pos[id(self.by_domain[domain])]

    def _add(self, o: Outlet, index: bool = True) -> None:
        pos = len(self.entries)
        self.entries.append(o)
        if not hasattr(self, "_pos"):
            self._pos: dict[int, int] = {}
        self._pos[id(o)] = pos
        for d in o.domains:
            if isinstance(self.by_domain, _DomainMap):
                self.by_domain.ids.setdefault(d, pos)
            else:
                self.by_domain.setdefault(d, o)
        if not index:
            return
        for d in o.domains:
            label = self.label(d).replace("-", "")
            # spoof and redirect labels copy real names ("slate.bz"): a masthead never means them
            if label and o.type not in ("spoof", "redirect"):
                self._index(self._label_ids, label, pos)
        for n in o.names:
            for k in name_variants(n):
                self._index(self._name_ids, k, pos)

    def index_block(self, n_entries: int, patterns: dict) -> dict:
        """The name and label indexes of the first ``n_entries`` entries, as the build script
        stores them in the registry file so that loading needs no name normalisation."""
        names = {k: [i for i in v if i < n_entries] for k, v in self._name_ids.items()}
        labels = {k: [i for i in v if i < n_entries] for k, v in self._label_ids.items()}
        return {"digest": index_digest(patterns), "entries": n_entries,
                "names": {k: v for k, v in sorted(names.items()) if v},
                "labels": {k: v for k, v in sorted(labels.items()) if v}}

    def _outlets(self, ids: list[int]) -> list[Outlet]:
        return [self.entries[i] for i in ids]

    @classmethod
    def from_resources(cls, resources) -> OutletRegistry:
        """Load ``outlets/registry.json`` (or ``registry.json.gz``) and ``outlets/patterns.json``."""
        return _cached(resources)

    # -- domains ------------------------------------------------------------------------------

    def split_domain(self, host: str) -> tuple[str, str]:
        """(registered domain, public suffix): ``news.bbc.co.uk`` -> (``bbc.co.uk``, ``co.uk``).
        Second-level suffixes come from ``patterns.json``; other hosts end in a one-label TLD."""
        labels = host.split(".")
        if len(labels) >= 3 and ".".join(labels[-2:]) in self.suffixes2:
            return ".".join(labels[-3:]), ".".join(labels[-2:])
        if len(labels) >= 2:
            return ".".join(labels[-2:]), labels[-1]
        return host, ""

    def label(self, host: str) -> str:
        """The registered name without its suffix: ``washingtonpost.pm`` -> ``washingtonpost``."""
        reg, suf = self.split_domain(host)
        return reg[: -len(suf) - 1] if suf else reg

    def is_platform(self, host: str) -> bool:
        reg, _ = self.split_domain(host)
        return host in self.platforms or reg in self.platforms

    def lookup_host(self, url_or_host: str | None) -> tuple[Outlet, str] | None:
        """The entry of a host or URL and the registered domain that matched, walking up the
        host's labels; None for unknown hosts and for subdomains of platforms."""
        host = normalize_host(url_or_host)
        if not host:
            return None
        if host in self.by_domain:
            return self.by_domain[host], host
        reg, _ = self.split_domain(host)
        if reg in self.platforms:
            return None
        labels = host.split(".")
        for i in range(1, len(labels) - 1):
            cand = ".".join(labels[i:])
            if cand in self.by_domain:
                return self.by_domain[cand], cand
            if cand == reg:
                break
        return None

    # -- names --------------------------------------------------------------------------------

    def lookup_name(self, name: str | None) -> tuple[list[Outlet], str]:
        """Entries whose name matches ``name``, most alarming type first, and how they matched:
        ``name`` (a registered name), ``domain_label`` (the name without spaces is a registered
        domain label) or ``""`` (no match)."""
        if not name or not name.strip():
            return [], ""
        if looks_like_domain(name):
            hit = self.lookup_host(name)
            return ([hit[0]], "domain") if hit else ([], "")
        for key in name_variants(name):
            if key in self._name_ids:
                return _ranked(self._outlets(self._name_ids[key]), key), "name"
        squashes = {name_key(name).replace(" ", ""), name_key(name, keep_article=True).replace(" ", "")}
        for inner in _PAREN.findall(name):
            squashes.add(name_key(inner).replace(" ", ""))
        for sq in sorted(squashes, key=len, reverse=True):
            if len(sq) >= 3 and sq in self._label_ids:
                return _ranked(self._outlets(self._label_ids[sq])), "domain_label"
        # "BBC News", "Reuters World": a registered name followed by a generic word
        key = name_key(name)
        words = key.split()
        if len(words) >= 2 and words[-1] in _GENERIC_TAIL:
            short = " ".join(words[:-1])
            if short in self._name_ids:
                return _ranked(self._outlets(self._name_ids[short]), short), "name"
        return [], ""

    def masthead_pattern(self, name: str | None) -> tuple[str, str] | None:
        """(place, noun) when ``name`` has the generic local-paper form "<Place> <Noun>"
        ("The Denver Observer" -> ("Denver", "Observer")): one to three capitalised words, at
        least one of them not a qualifier such as Daily/Evening/National, then a masthead noun."""
        if not name:
            return None
        words = [w for w in re.split(r"[\s]+", _PAREN.sub(" ", name).strip()) if w]
        if len(words) < 2:
            return None
        if words[0].lower() == "the":
            words = words[1:]
        noun = words[-1].strip(".,:;!'\"")
        prefix = words[:-1]
        if noun.lower() not in self.masthead_nouns or not 1 <= len(prefix) <= 3:
            return None
        if not all(w[:1].isupper() and re.fullmatch(r"[\w.'’-]+", w) for w in prefix + [noun]):
            return None
        place = [w for w in prefix if w.lower().strip(".") not in self.qualifiers
                 and w.lower() not in self.masthead_nouns and not (len(w) >= 2 and w.isupper())]
        if not place:
            return None
        return " ".join(prefix), noun

    def label_pattern(self, host: str) -> tuple[str, str] | None:
        """(prefix, noun) when a domain label is "<place><noun>" (``denverobserver.com``): the
        label ends in a masthead noun after at least four letters that are not a qualifier."""
        label = self.label(host).replace("-", "")
        if label.startswith("the"):
            label = label[3:]
        for noun in sorted(self.masthead_nouns, key=len, reverse=True):
            if noun in self.label_pattern_exclude:
                continue
            if label.endswith(noun) and len(label) - len(noun) >= 4:
                prefix = label[: -len(noun)]
                if prefix in self.qualifiers or prefix in self.masthead_nouns or prefix in self.fillers:
                    return None
                return prefix, noun
        return None

    # -- lookalikes ---------------------------------------------------------------------------

    def _build_targets(self) -> None:
        with _TARGETS_LOCK:  # several threads may meet the first unknown domain at once
            if not self._targets_built:
                self._build_targets_now()

    def _build_targets_now(self) -> None:
        """Lookalike targets: label -> [(outlet, domain, major)] for real outlets; the labels of
        major outlets apart (checked one by one, two edits allowed); for the others an index of
        each label and its one-letter deletions, so that one edit is found with a few dict hits."""
        targets: dict[str, list[tuple[Outlet, str, bool]]] = {}
        for d, o in self.by_domain.items():
            major = d in self.major_domains
            # a major outlet is a target whatever the lists say of it (Daily Mail: unreliable for
            # one list; Polskie Radio: state-controlled for the matrix): spoofers copy it all the same
            if self.is_platform(d) or not (o.type in REAL_TYPES or major and o.type in ("unreliable", "state_media")):
                continue
            lab = self.label(d)
            if not lab or d in self.generic_domains:
                continue
            if not major and (len(lab.replace("-", "")) < OTHER_MIN or _zipf(lab) >= COMMON_WORD_ZIPF):
                continue  # a one-word English label ("forward", "inquirer") is no one's own
            targets.setdefault(lab, []).append((o, d, major))
        major_labels = sorted(t for t, items in targets.items()
                                    if any(m for _, _, m in items) and len(t) >= MAJOR_EDIT1_MIN)
        del_index: dict[str, list[str]] = {}
        for t, items in targets.items():
            if any(m for _, _, m in items):
                continue
            for v in {t, *_deletes(t)}:
                del_index.setdefault(v, []).append(t)
        # published whole, flag last: a thread that sees the flag sees complete tables
        self._targets, self._major_labels, self._del_index = targets, major_labels, del_index
        self._targets_built = True

    def prepare(self) -> None:
        """Build the lookalike index now (about a second, once per process) instead of on the
        first unknown domain."""
        if not self._targets_built:
            self._build_targets()

    def _generic(self, label: str) -> bool:
        """True when a label is made only of common English words ("thecourier", "dailynews"):
        another TLD or one edit of it is no evidence of imitation."""
        return _all_common_words(label.replace("-", ""))

    def lookalike(self, url_or_host: str | None) -> Lookalike | None:
        """The real outlet an unregistered host imitates, or None (also None for registered
        hosts, platforms and IP addresses)."""
        host = normalize_host(url_or_host)
        if not host or _IPV4.match(host) or self.lookup_host(host) or self.is_platform(host):
            return None
        if not self._targets_built:
            self._build_targets()
        lab = self.label(host)
        reg, _ = self.split_domain(host)
        best: Lookalike | None = None

        def take(cand: Lookalike) -> None:
            nonlocal best
            rank = (cand.major, -cand.distance, cand.rule != "edit")
            if best is None or rank > (best.major, -best.distance, best.rule != "edit"):
                best = cand

        # 1. the same label under another suffix
        for o, d, major in self._targets.get(lab, ()):
            if major and len(lab) >= MAJOR_TLD_MIN or not major and not self._generic(lab):
                take(Lookalike(host, o, d, "tld_swap", 0, major))
        if best:
            return best
        # 2. the real label inside a longer label with filler words (reuters-news, bbcnews24)
        parts = [p for p in re.split(r"[-_]", lab) if p]
        for _target, items in self._match_added_words(lab, parts):
            for o, d, major in items:
                take(Lookalike(host, o, d, "added_words", 0, major))
        if best:
            return best
        # 3. the real registered domain or label as a subdomain of a foreign domain
        sub = host[: -len(reg)].rstrip(".") if host != reg else ""
        if sub:
            sub_labels = sub.split(".")
            for i in range(len(sub_labels)):
                cand = ".".join(sub_labels[i:])
                for o, d, major in self._targets.get(cand, ()):
                    if major:
                        take(Lookalike(host, o, d, "subdomain", 0, major))
                if cand in self.major_domains and cand in self.by_domain:
                    take(Lookalike(host, self.by_domain[cand], cand, "subdomain", 0, True))
            if best:
                return best
        # 4. one or two edits of a real label (a label of common words only imitates a major outlet)
        for t in self._major_labels:
            if len(t) < MAJOR_EDIT1_MIN + 1:
                # four letters (bild, welt): only a letter added (bildd, weltt); a changed letter
                # makes another word or call sign (wvlt)
                dist = 1 if len(lab) == len(t) + 1 and _subsequence(t, lab) else None
            else:
                dist = _within(lab, t, 2 if len(t) >= MAJOR_EDIT2_MIN else 1)
            if dist:
                for o, d, m in self._targets[t]:
                    take(Lookalike(host, o, d, "edit", dist, m))
        if best is None and len(lab) >= OTHER_MIN - 1 and not self._generic(lab):
            cands = {t for v in (lab, *_deletes(lab)) for t in self._del_index.get(v, ())}
            for t in sorted(cands):
                dist = _within(lab, t, 1)
                if dist and not self._generic(t):
                    for o, d, m in self._targets[t]:
                        take(Lookalike(host, o, d, "edit", dist, m))
        return best

    def _match_added_words(self, lab: str, parts: list[str]) -> Iterable[tuple[str, list]]:
        """Targets found in ``lab`` once filler words are removed at either end."""
        seen = set()
        # hyphenated: drop filler parts
        if len(parts) > 1:
            core = [p for p in parts if p not in self.fillers]
            if core and len(core) < len(parts):
                for cand in ("".join(core), "-".join(core)):
                    if cand in self._targets and cand not in seen:
                        seen.add(cand)
                        yield cand, [x for x in self._targets[cand] if x[2] or len(cand) >= OTHER_MIN]
        # glued: strip filler words from the ends, up to three of them (bbcnews24 -> bbc)
        flat = lab.replace("-", "")
        frontier = {flat}
        for _ in range(3):
            nxt = set()
            for cur in frontier:
                for f in self.fillers:
                    if cur.startswith(f) and len(cur) > len(f):
                        nxt.add(cur[len(f):])
                    if cur.endswith(f) and len(cur) > len(f):
                        nxt.add(cur[: -len(f)])
            for cand in sorted(nxt):
                if cand in self._targets and cand not in seen:
                    items = [x for x in self._targets[cand] if x[2] and len(cand) >= MAJOR_TLD_MIN]
                    if items:
                        seen.add(cand)
                        yield cand, items
            frontier = nxt

    # -- provenance ---------------------------------------------------------------------------

    def source_refs(self, o: Outlet) -> list[dict]:
        """For each source of an entry: id, dataset and licence (from the registry provenance)."""
        out = []
        for s in o.sources:
            base = s.split(":", 1)[0]
            info = self.source_info.get(base, {})
            out.append({"id": s, "dataset": info.get("dataset", base), "licence": info.get("licence", "")})
        return out


#: Bump when :func:`name_key` or the label rules change: prebuilt indexes then stop matching.
INDEX_VERSION = "1"


def index_digest(patterns: dict) -> str:
    """What a prebuilt index depends on besides the entries: the code version and the suffixes."""
    import hashlib

    blob = json.dumps([INDEX_VERSION, sorted(patterns.get("second_level_suffixes", []))])
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


def _ranked(outlets: list[Outlet], key: str | None = None) -> list[Outlet]:
    """Most alarming type first; within a type, entries whose main name is ``key``, then the
    entries more sources agree on."""
    order = {t: i for i, t in enumerate(TYPE_PRIORITY)}
    return sorted(outlets, key=lambda o: (order.get(o.type, len(order)),
                                          0 if key and o.names and name_key(o.names[0]) == key else 1,
                                          -len(o.sources), o.id))


def _subsequence(short: str, long: str) -> bool:
    """True when ``short`` is ``long`` with letters left out."""
    it = iter(long)
    return all(c in it for c in short)


def _deletes(s: str) -> set[str]:
    """``s`` with one letter removed, every way."""
    return {s[:i] + s[i + 1:] for i in range(len(s))}


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=4096)
def _all_common_words(s: str) -> bool:
    """True when ``s`` splits into at most three English words of Zipf >= COMMON_WORD_ZIPF."""
    n = len(s)
    if n == 0:
        return False
    best = [99] * (n + 1)
    best[0] = 0
    for i in range(1, n + 1):
        for j in range(max(0, i - 15), i):
            if best[j] < 3 and (i - j >= 2 or s[j:i] == "a") and _zipf(s[j:i]) >= COMMON_WORD_ZIPF:
                best[i] = min(best[i], best[j] + 1)
    return best[n] <= 3


def _read_registry(resources) -> dict:
    try:
        return resources.json(REGISTRY)
    except ResourceError:
        pass
    return resources.json(REGISTRY_GZ)  # .json.gz is read (and cached) like any resource


_CACHE: dict[tuple, OutletRegistry] = {}
_CACHE_LOCK = threading.Lock()
#: guards the one-time build of a registry's lookalike tables
_TARGETS_LOCK = threading.Lock()


def _cached(resources) -> OutletRegistry:
    key = (resources.path(PATTERNS), _registry_path(resources))
    with _CACHE_LOCK:  # one registry per pair of files and process, even with threads
        if key not in _CACHE:
            _CACHE[key] = OutletRegistry(_read_registry(resources), resources.json(PATTERNS))
        return _CACHE[key]


def _registry_path(resources) -> str:
    try:
        return resources.path(REGISTRY)
    except ResourceError:
        return resources.path(REGISTRY_GZ)

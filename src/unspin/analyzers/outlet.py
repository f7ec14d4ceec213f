"""Who published the article: the masthead and the URL checked against the outlet registry (``outlet.*``).

Reads ``doc.article.outlet`` (the masthead) and ``doc.article.url`` and asks
:class:`~unspin.kb.outlets.OutletRegistry` (``outlets/registry.json.gz`` + ``outlets/patterns.json``).
At most one finding per article, chosen in this order:

1. The URL's host (or a masthead that is itself a domain, "www.nytimes.com") is registered:
   ``outlet.known_network`` (``high``; a spoof domain or a site of an influence operation, with
   the operation and the report; a Doppelganger *redirect* domain is ``medium``: Meta says many
   are throwaway or compromised hosts), ``outlet.state_media`` (``medium``, with the country and
   the typology of the State Media Matrix), ``outlet.unreliable`` (``medium``: a domain on a
   fake-news or unreliable-news list) or ``outlet.known`` (``info``: a real newspaper,
   broadcaster or agency; public broadcasters that the matrix calls editorially independent,
   such as the BBC or DW, are known outlets, not state media).
2. The URL's host is not registered but imitates a real outlet's domain (same name under another
   suffix, one or two edits, filler words added, the real name as a subdomain):
   ``outlet.lookalike_domain`` (``high``), naming the real outlet.
3. The masthead matches registered names (case, accents, punctuation, "The", "Newspaper" do not
   count; the name without spaces may also match a registered domain label): the finding of
   the entry's type as in 1, with lower confidence (names are shared: several US papers are
   called "The Courier"). When the URL's domain is unknown, the finding says so.
4. Nothing matched: ``outlet.imposter_pattern`` (``low``) when the masthead (or failing
   that, the domain label) has the generic local-paper form "<Place> <Noun>" ("Denver Observer",
   ``sacramentoherald.com``) that influence networks copy and no registry knows, else
   ``outlet.unknown`` (``low``).

Evidence: metadata is not article text, so a finding has no span unless the masthead (or the
matched outlet's name) also occurs in the title or body, where that occurrence is the evidence;
``data`` always holds the matched value, the registry entry (id, type, sources with licences)
and, for lookalikes, the rule and the real outlet. An :class:`~unspin.report.model.Entity`
(label ``MEDIA``) is yielded for the outlet when its name occurs in the article.

Trade-offs: the registry knows US local papers (2018 directory, Wikipedia list) far better than
local papers elsewhere, so a real small paper outside the US with a "<Place> <Noun>" name is an
``imposter_pattern`` false alarm: on real US paper names that only one list knows it fires on
about 45% (``benchmarks/bench_outlet.py``), which is why it is ``low``, a hint to check the masthead,
never a finding that carries a verdict by itself; a spoof domain registered after the data
snapshot is only caught when it imitates a registered outlet's domain. The lookalike rules are
strict for common-word labels, so a typosquat of a small paper named with common words is missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Document
from ..kb.outlets import (
    REAL_TYPES,
    Lookalike,
    Outlet,
    OutletRegistry,
    looks_like_domain,
    name_key,
    normalize_host,
)
from ..report.model import Entity, Finding, Span
from .base import Analyzer, resources_of

__all__ = ["OutletAnalyzer"]


_ARCHIVE = re.compile(r"^(?:https?://)?(?:web\.)?archive\.org/web/[0-9a-z_*]+/(.+)$", re.IGNORECASE)


def _unwrap_archive(url: str) -> str:
    """The archived page's URL of a Wayback Machine link; other URLs unchanged."""
    m = _ARCHIVE.match(url.strip())
    return m.group(1) if m else url


class OutletAnalyzer(Analyzer):
    name = "outlet"
    version = "2"
    description = "Masthead and URL against the outlet registry: state media, influence networks, spoof/lookalike domains, imposter local-paper names."
    needs = frozenset({"title", "text", "article"})
    produces = ("outlet.known", "outlet.state_media", "outlet.known_network", "outlet.unreliable",
                "outlet.lookalike_domain", "outlet.imposter_pattern", "outlet.unknown")

    def setup(self, ctx) -> None:
        self._context = ctx
        resources = resources_of(ctx)
        # the lookalike index is built on the first unknown domain (about half a second), so a
        # process that only ever sees known outlets or no URL does not pay for it
        self.registry = OutletRegistry.from_resources(resources)
        t = resources.json("outlets/findings.json")
        #: registry type -> (finding kind, severity); words for a type; matrix typology names
        self.kind_of_type = {k: tuple(v) for k, v in t["kind_of_type"].items()}
        self.type_words = t["type_words"]
        self.typology = t["typology"]
        #: confidence by how the outlet was identified
        self.conf = {k: float(v) for k, v in t["confidence"].items()}
        self.reserved_tlds = frozenset(t["reserved_tlds"])

    # -- main -----------------------------------------------------------------------------------

    def analyze(self, doc: Document) -> Iterable[Finding | Entity]:
        art = doc.article
        masthead = (art.outlet or "").strip() or None
        url = (art.url or "").strip() or None
        url = _unwrap_archive(url) if url else None
        host = normalize_host(url) if url else None
        if host and host.rsplit(".", 1)[-1] in self.reserved_tlds:
            host = None  # example.com-style placeholders (RFC 2606) name no outlet
        platform = None
        if host and self.registry.is_platform(host) and not self.registry.lookup_host(host):
            platform, host = host, None  # a post on youtube.com or twitter.com says nothing of an outlet
        host_from = "url"
        if host is None and masthead and looks_like_domain(masthead):
            host = normalize_host(masthead)
            host_from = "masthead"
        if not masthead and not host:
            return
        for item in self._analyze(doc, masthead, url, host, host_from):
            if platform and isinstance(item, Finding):
                item.data["platform_host"] = platform
            yield item

    def _analyze(self, doc: Document, masthead: str | None, url: str | None, host: str | None,
                 host_from: str) -> Iterable[Finding | Entity]:
        reg = self.registry
        # 1. a registered host
        hit = reg.lookup_host(host) if host else None
        if hit:
            outlet, matched = hit
            yield from self._entry_finding(doc, outlet, "domain", masthead, host, matched, url_unknown=False,
                                           host_from=host_from)
            return
        # 2. a lookalike host
        look = reg.lookalike(host) if host else None
        if look:
            yield from self._lookalike_finding(doc, look, masthead, url)
            return
        # 3. a registered name
        if masthead and not looks_like_domain(masthead):
            outlets, how = reg.lookup_name(masthead)
            if outlets:
                yield from self._entry_finding(doc, outlets[0], how, masthead, host, None,
                                               url_unknown=bool(host), others=outlets[1:])
                return
        # 4. unknown: generic local-paper pattern or plain unknown
        yield from self._unknown_finding(doc, masthead, host, url)

    # -- findings -------------------------------------------------------------------------------

    def _entry_data(self, o: Outlet) -> dict:
        d = {"registry_id": o.id, "type": o.type, "name": o.display, "domains": list(o.domains[:5]),
             "sources": self.registry.source_refs(o)}
        for k in ("country", "network", "report"):
            if getattr(o, k):
                d[k] = getattr(o, k)
        for k in ("typology", "target_country", "registered", "imitates", "owner", "state", "cited_by"):
            if k in o.extra:
                d[k] = o.extra[k]
        return d

    def _entry_finding(self, doc: Document, o: Outlet, how: str, masthead: str | None, host: str | None,
                       matched: str | None, url_unknown: bool, others: list[Outlet] = (),
                       host_from: str = "url") -> Iterable:
        kind, severity = self.kind_of_type.get(o.type, ("outlet.known", "info"))
        conf = self.conf["domain"] if how in ("domain",) else self.conf["name"] if how == "name" else self.conf["name_label"]
        if how == "domain":
            what = f"The URL's domain {host}" if host_from == "url" else f"The masthead domain {host}"
            if matched and host and matched != host:
                what += f" (registered as {matched})"
        else:
            what = f"The masthead {masthead!r}"
            if how == "domain_label":
                what += f" (written as the domain name {o.domains[0] if o.domains else ''})"
        desc = self._describe(o)
        message = f"{what} is {desc}."
        data = {"matched_by": host_from if how == "domain" else f"masthead_{how}",
                "value": host if how == "domain" else masthead, "entry": self._entry_data(o)}
        if masthead:
            data["masthead"] = masthead
        if host:
            data["host"] = host
        if how == "domain" and masthead and not looks_like_domain(masthead):
            named, _ = self.registry.lookup_name(masthead)
            squash = {name_key(masthead).replace(" ", ""), name_key(masthead, keep_article=True).replace(" ", "")}
            own = {self.registry.label(d).replace("-", "") for d in o.domains}
            if (named and o not in named and not squash & own
                    and not any(set(x.domains) & set(o.domains) for x in named)):
                # "The Washington Post" served from rt.com: the page claims to be someone else
                message += f" The masthead {masthead!r} is the name of another registered outlet, {named[0].display}."
                data["masthead_names_other_outlet"] = [x.id for x in named[:5]]
        if url_unknown and host:
            message += f" The URL's domain {host} is not one of the domains registered for it."
            data["domain_not_registered_for_outlet"] = True
            if o.type in REAL_TYPES:
                conf = min(conf, self.conf["real_outlet_unregistered_domain"])
        if others:
            data["also_matches"] = [{"registry_id": x.id, "type": x.type} for x in others[:5]]
            other_kinds = {self.kind_of_type.get(x.type, ("outlet.known",))[0] for x in others} - {kind}
            if other_kinds and severity != "info":
                # "ABC": a Nigerian state broadcaster and the Australian public one
                names = ", ".join(f"{x.display} ({self.type_words.get(x.type, x.type)}"
                                  + (f", {x.country}" if x.country else "") + ")" for x in others[:3])
                message += f" The name is ambiguous: it also names {names}."
                severity, conf = "low", min(conf, self.conf["ambiguous"])
                data["ambiguous"] = True
        data["sources_text"] = self._sources_text(o)
        message += f" Source: {data['sources_text']}."
        evidence, entity = self._evidence(doc, [masthead] + list(o.names[:3]), o)
        yield Finding(kind, severity, message, evidence, confidence=conf, data=data)
        if entity:
            yield entity

    def _lookalike_finding(self, doc: Document, look: Lookalike, masthead: str | None, url: str | None) -> Iterable:
        t = look.target
        rule = {
            "tld_swap": f"the same name as {look.target_domain} under another suffix",
            "edit": f"{look.distance} character edit{'s' if look.distance > 1 else ''} away from {look.target_domain}",
            "added_words": f"{look.target_domain}'s name with words added",
            "subdomain": f"{look.target_domain}'s name used as a subdomain of another domain",
        }[look.rule]
        message = (f"The URL's domain {look.host} is not registered to any outlet but imitates {t.display} "
                   f"({look.target_domain}): {rule}.")
        data = {"host": look.host, "rule": look.rule, "distance": look.distance, "imitates": look.target_domain,
                "major_outlet": look.major, "entry": self._entry_data(t)}
        if url:
            data["url"] = url
        if masthead:
            data["masthead"] = masthead
            outlets, _ = self.registry.lookup_name(masthead)
            if t in outlets:
                message += f" The masthead {masthead!r} claims to be that outlet."
                data["masthead_claims_target"] = True
        evidence, _ = self._evidence(doc, [masthead, look.host], None)
        conf = self.conf["lookalike_major"] if look.major else self.conf["lookalike"]
        yield Finding("outlet.lookalike_domain", "high", message, evidence, confidence=conf, data=data)

    def _unknown_finding(self, doc: Document, masthead: str | None, host: str | None, url: str | None) -> Iterable:
        reg = self.registry
        pattern = reg.masthead_pattern(masthead) if masthead and not looks_like_domain(masthead) else None
        label_pattern = None if pattern or not host else reg.label_pattern(host)
        data: dict = {}
        if masthead:
            data["masthead"] = masthead
        if host:
            data["host"] = host
        if url:
            data["url"] = url
        unknown_what = " and ".join(x for x in (f"the masthead {masthead!r}" if masthead else "",
                                               f"the domain {host}" if host else "") if x)
        if pattern or label_pattern:
            place, noun = pattern or label_pattern
            data.update({"place": place, "noun": noun, "pattern_from": "masthead" if pattern else "domain",
                         "noun_count_in_real_papers": reg.masthead_nouns.get(noun.lower(), 0)})
            source = f"masthead {masthead!r}" if pattern else f"domain {host}"
            message = (f"No outlet registry knows {unknown_what}; the {source} has the generic local-paper form "
                       f"'<place> {noun.capitalize()}' that sites posing as local newspapers use.")
            evidence, _ = self._evidence(doc, [masthead], None)
            yield Finding("outlet.imposter_pattern", "low", message, evidence, confidence=self.conf["pattern"], data=data)
            return
        message = f"No outlet registry knows {unknown_what}."
        evidence, _ = self._evidence(doc, [masthead], None)
        yield Finding("outlet.unknown", "low", message, evidence, confidence=self.conf["unknown"], data=data)

    # -- helpers --------------------------------------------------------------------------------

    def _describe(self, o: Outlet) -> str:
        desc = self.type_words.get(o.type, o.type)
        bits = []
        if o.names:
            bits.append(o.names[0])
        if o.type == "state_media":
            typ = self.typology.get(o.extra.get("typology", ""))
            desc = f"{typ} media" if typ else desc
            if o.country:
                desc += f" of {o.country}"
        elif o.country and o.type in ("public_media",):
            desc += f" of {o.country}"
        if o.network and o.type in ("spoof", "known_network", "redirect", "state_media", "unreliable"):
            bits.append(o.network)
        if o.type == "spoof" and o.extra.get("imitates"):
            bits.append("imitates " + ", ".join(o.extra["imitates"][:3]))
        if o.report and o.type in ("spoof", "known_network", "redirect"):
            bits.append(o.report)
        return desc + (f" ({'; '.join(bits)})" if bits else "")

    def _sources_text(self, o: Outlet) -> str:
        out = []
        for ref in self.registry.source_refs(o):
            sub = ref["id"].split(":", 1)[1] if ":" in ref["id"] else ""
            label = ref["dataset"].split(" @")[0]
            out.append(f"{label}{' [' + sub + ']' if sub else ''} ({ref['licence']})")
        return "; ".join(dict.fromkeys(out))

    def _evidence(self, doc: Document, names: list[str | None], o: Outlet | None) -> tuple[list[Span], Entity | None]:
        """The first occurrence of one of ``names`` in the title or body (whole words, any case)."""
        for n in names:
            if not n or len(n) < 2:
                continue
            # short names (RT, ABC) only in their own case: "rt" or "Abc" are other words
            rx = re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)", re.IGNORECASE if len(n) > 4 else 0)
            for fld in ("title", "text"):
                m = rx.search(doc.field(fld) or "")
                if m:
                    span = Span(fld, m.start(), m.end(), m.group(0))
                    entity = None
                    if o is not None:
                        entity = Entity(text=m.group(0), label="MEDIA", spans=[span], canonical=o.display,
                                        data={"registry_id": o.id, "type": o.type})
                    return [span], entity
        return [], None

"""Document -> analyzers -> verdict -> Report, with timings and per-analyzer failure isolation."""

from __future__ import annotations

import time

from . import __version__
from .analyzers import registry
from .document import Document
from .errors import AnalyzerError
from .ingest import RawArticle, apply_overrides, normalize
from .report.model import Attribution, Entity, Finding, Report
from .resources import Resources, search_path
from .settings import Settings, load_settings
from .verdict import VerdictCombiner


class Pipeline:
    """Runs the selected analyzers on articles. Build once, use for many articles.

    ``analyzers``: names to run (default: all registered); ``exclude``: names to skip;
    ``resources``: user resource directories searched before the package.
    """

    def __init__(
        self,
        analyzers: list[str] | None = None,
        exclude: list[str] | None = None,
        resources: list[str] | None = None,
        settings: Settings | None = None,
    ):
        self.settings = settings or load_settings()
        self.resources_key = search_path(resources)
        self.resources = Resources(self.resources_key)
        self.names = registry.select(analyzers, exclude)
        self.infos = [registry.available()[n][0] for n in self.names]
        self.needs = frozenset().union(*(i.needs for i in self.infos)) if self.infos else frozenset()
        self.instances = [registry.instance(n, self.resources_key) for n in self.names]
        self.combiner = VerdictCombiner(self.resources)

    def analyze_raw(self, raw: RawArticle, overrides: dict | None = None, ingest_ms: float = 0.0) -> Report:
        t0 = time.perf_counter()
        if overrides:
            apply_overrides(raw, overrides)
        doc, article = normalize(raw, self.settings.min_langid_chars)
        timings = {"ingest": ingest_ms + (time.perf_counter() - t0) * 1000}
        return self.analyze_document(doc, article, list(raw.warnings), timings)

    def analyze_document(self, doc: Document, article: dict, warnings=None, timings=None) -> Report:
        warnings = list(warnings or [])
        timings = dict(timings or {})
        t = time.perf_counter()
        doc.prepare(self.needs | {"tokens"})
        article = dict(article)
        article["words"] = doc.word_count
        timings["document"] = (time.perf_counter() - t) * 1000
        findings = []
        extra_entities: list[Entity] = []
        attributions: list[dict] = []
        ran = []
        for info, inst in zip(self.infos, self.instances, strict=True):
            t = time.perf_counter()
            status = "ok"
            try:
                produced = list(inst.analyze(doc) or ())
            except Exception as e:  # one analyzer's bug must not lose the article
                produced = []
                status = "failed"
                warnings.append({"code": "analyzer_failed", "message": f"analyzer {info.ident} failed: {type(e).__name__}: {e}"})
            for f in produced:
                spans = f.spans if isinstance(f, Entity) else f.evidence
                bad = [s for s in spans if doc.field(s.field)[s.start : s.end] != s.text]
                what = getattr(f, "kind", None) or type(f).__name__.lower()
                if bad:
                    warnings.append({
                        "code": "bad_span",
                        "message": f"analyzer {info.ident} gave a span that does not match the article ({what}); dropped",
                    })
                    continue
                if isinstance(f, Entity):
                    extra_entities.append(f)
                elif isinstance(f, Attribution):
                    attributions.append(f.to_dict())
                elif isinstance(f, Finding):
                    f.analyzer = info.ident
                    findings.append(f)
            timings[info.name] = (time.perf_counter() - t) * 1000
            ran.append({"name": info.name, "version": info.version, "status": status})
        for i, f in enumerate(findings, 1):
            f.id = f"f{i}"
        entities = _entities_from(findings, extra_entities)
        t = time.perf_counter()
        verdict = self.combiner.combine(findings)
        timings["verdict"] = (time.perf_counter() - t) * 1000
        return Report(
            article=article,
            verdict=verdict,
            findings=findings,
            tool_version=__version__,
            title=doc.title,
            text=doc.text,
            warnings=warnings,
            entities=entities,
            attributions=attributions,
            analyzers=ran,
            timings_ms=timings,
        )


def _entities_from(findings, entities=()) -> list[dict]:
    """The report's entities: those analyzers yielded, plus every finding whose ``data`` names a
    ``canonical`` form (e.g. a known person's name in a non-standard spelling). Mentions with
    the same label and canonical form (or text) merge into one entity with all their spans."""
    merged: dict[tuple, dict] = {}

    def add(text, label, canonical, spans):
        key = (label, canonical or text)
        ent = merged.setdefault(key, {"text": text, "label": label, "canonical": canonical, "spans": []})
        if canonical and not ent["canonical"]:
            ent["canonical"] = canonical
        for s in spans:
            ref = {"field": s.field, "start": s.start, "end": s.end}
            if ref not in ent["spans"]:
                ent["spans"].append(ref)

    # a finding that resolves a name (e.g. a non-standard spelling of a known person) gives its
    # canonical form to the entity mentions it overlaps
    resolved = []
    for f in findings:
        canonical = f.data.get("canonical") if isinstance(f.data, dict) else None
        if canonical:
            resolved.append((canonical, f.data.get("entity_label", "PERSON"), f.evidence))
    chosen = []
    remap: dict[str, str] = {}
    for e in entities:
        canonical = e.canonical
        for can, label, spans in resolved:
            if label == e.label and any(s.field == m.field and s.start < m.end and m.start < s.end
                                        for s in spans for m in e.spans):
                if not canonical or canonical == e.text:
                    remap[canonical or e.text] = can
                    canonical = can
        chosen.append((e, canonical))
    for e, canonical in chosen:  # "Rjabkow" -> "Sergej Rjabkow" -> "Sergei Ryabkov"
        add(e.text, e.label, remap.get(canonical, canonical) if canonical else canonical, e.spans)
    for can, label, spans in resolved:
        add(spans[0].text if spans else can, label, can, spans)
    return list(merged.values())


def check_analyzer(name: str) -> None:
    if name not in registry.available():
        raise AnalyzerError(f"unknown analyzer {name!r}")

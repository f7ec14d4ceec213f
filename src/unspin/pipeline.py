"""Document -> analyzers -> verdict -> Report, with timings and per-analyzer failure isolation."""

from __future__ import annotations

import time

from . import __version__
from .analyzers import registry
from .document import Document
from .errors import AnalyzerError
from .ingest import RawArticle, apply_overrides, normalize
from .report.model import Report
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
                bad = [s for s in f.evidence if doc.field(s.field)[s.start : s.end] != s.text]
                if bad:
                    warnings.append({
                        "code": "bad_span",
                        "message": f"analyzer {info.ident} gave a span that does not match the article ({f.kind}); finding dropped",
                    })
                    continue
                f.analyzer = info.ident
                findings.append(f)
            timings[info.name] = (time.perf_counter() - t) * 1000
            ran.append({"name": info.name, "version": info.version, "status": status})
        for i, f in enumerate(findings, 1):
            f.id = f"f{i}"
        entities = _entities_from(findings)
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
            analyzers=ran,
            timings_ms=timings,
        )


def _entities_from(findings) -> list[dict]:
    """Entities resolved by analyzers: a finding whose ``data`` names a ``canonical`` form (e.g. a
    known person's name in a non-standard spelling) adds its evidence as an entity mention."""
    merged: dict[tuple, dict] = {}
    for f in findings:
        canonical = f.data.get("canonical") if isinstance(f.data, dict) else None
        if not canonical:
            continue
        label = f.data.get("entity_label", "PERSON")
        ent = merged.setdefault((label, canonical), {"text": f.evidence[0].text if f.evidence else canonical,
                                                     "label": label, "canonical": canonical, "spans": []})
        for s in f.evidence:
            ref = {"field": s.field, "start": s.start, "end": s.end}
            if ref not in ent["spans"]:
                ent["spans"].append(ref)
    return list(merged.values())


def check_analyzer(name: str) -> None:
    if name not in registry.available():
        raise AnalyzerError(f"unknown analyzer {name!r}")

"""Document -> analyzers -> verdict -> Report, with timings and per-analyzer failure isolation.

A :class:`PipelineSpec` says what to run (analyzers, their options, settings, metadata
overrides); it is small, frozen and picklable, so the same spec builds the same pipeline in this
process, in a worker process or on a Dask worker. :meth:`PipelineSpec.build` returns a
:class:`Pipeline` (cached per process: set-up analyzers are shared, and they are re-entrant).

    >>> from unspin.pipeline import PipelineSpec
    >>> pipe = PipelineSpec(analyzers=("headline",)).build()
    >>> pipe.analyze_text("Shocking truth revealed\\n\\nThe council met on Tuesday.").findings[0].kind
    'headline.sensational'
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import __version__
from .analyzers import registry
from .document import Document
from .errors import AnalyzerError
from .ingest import RawArticle, apply_overrides, normalize, read_text
from .report.model import Attribution, Entity, Finding, Report, Verdict
from .resources import Resources
from .settings import Settings, load_settings
from .verdict import VerdictCombiner

__all__ = ["PipelineSpec", "Pipeline", "entities_from"]


@dataclass(frozen=True)
class PipelineSpec:
    """What a pipeline runs. Every field is optional.

    ``analyzers``: names to run (default: every analyzer enabled by default); ``exclude``: names
    to skip; ``options``: per-analyzer options, ``{"llm": {"with_style": False}}`` (checked against
    what each analyzer declares); ``settings``: resolved :class:`~unspin.settings.Settings`
    (default: from the environment); ``overrides``: article metadata that wins over what was read
    (``title``, ``outlet``, ``url``, ``published``, ``language``, ``id``).
    """

    analyzers: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    options: tuple = ()  # ((analyzer, ((option, value), ...)), ...): hashable form of the dict
    settings: Settings = field(default_factory=load_settings)
    overrides: tuple = ()  # ((field, value), ...)

    def __post_init__(self):
        # accept lists and dicts for convenience; store hashable tuples
        object.__setattr__(self, "analyzers", tuple(self.analyzers or ()))
        object.__setattr__(self, "exclude", tuple(self.exclude or ()))
        opts = self.options
        if isinstance(opts, dict):
            opts = tuple(sorted((k, tuple(sorted(dict(v).items()))) for k, v in opts.items()))
        object.__setattr__(self, "options", tuple(opts or ()))
        ov = self.overrides
        if isinstance(ov, dict):
            ov = tuple(sorted((k, v) for k, v in ov.items() if v is not None))
        object.__setattr__(self, "overrides", tuple(ov or ()))

    def options_for(self, name: str) -> dict:
        return dict(dict(self.options).get(name, ()))

    def with_settings(self, **changes) -> PipelineSpec:
        return replace(self, settings=replace(self.settings, **changes))

    def build(self) -> Pipeline:
        """The pipeline for this spec, built once per process."""
        return _build(self)


@lru_cache(maxsize=16)
def _build(spec: PipelineSpec) -> Pipeline:
    return Pipeline(spec=spec)


class Pipeline:
    """Runs the selected analyzers on articles. Build once (from a :class:`PipelineSpec`), use for
    many articles, from any number of threads.

    The positional form ``Pipeline(analyzers, exclude, resources, settings)`` is kept for
    scripts; ``resources`` then adds user resource directories before those of the settings.
    """

    def __init__(
        self,
        analyzers: list[str] | None = None,
        exclude: list[str] | None = None,
        resources: list[str] | None = None,
        settings: Settings | None = None,
        options: dict | None = None,
        *,
        spec: PipelineSpec | None = None,
    ):
        if spec is None:
            settings = settings or load_settings()
            if resources:
                settings = replace(settings, resources=tuple(resources) + tuple(settings.resources))
            spec = PipelineSpec(tuple(analyzers or ()), tuple(exclude or ()), options or {}, settings)
        self.spec = spec
        self.settings = spec.settings
        self.resources = Resources(self.settings.resources)
        self.names = registry.select(list(spec.analyzers) or None, list(spec.exclude) or None)
        for name in dict(spec.options):
            if name not in registry.available():
                raise AnalyzerError(f"options given for unknown analyzer {name!r}")
        self.infos = [registry.available()[n][0] for n in self.names]
        self.needs = frozenset().union(*(i.needs for i in self.infos)) if self.infos else frozenset()
        self.instances = [
            registry.instance(n, self.settings, registry.check_options(n, spec.options_for(n)))
            for n in self.names
        ]
        self.combiner = VerdictCombiner(self.resources)

    def __reduce__(self):  # a pipeline travels as its spec and is rebuilt where it lands
        return (_build, (self.spec,))

    # -- entry points ---------------------------------------------------------------------
    def analyze_text(self, text: str, source: str = "<text>", overrides: dict | None = None) -> Report:
        """Analyse article text (a leading header block of short lines is read as metadata)."""
        return self.analyze_raw(read_text(text, source), overrides)

    def analyze_raw(self, raw: RawArticle, overrides: dict | None = None, ingest_ms: float = 0.0) -> Report:
        """Analyse an article as a reader produced it. ``overrides`` add to the spec's."""
        t0 = time.perf_counter()
        merged = dict(self.spec.overrides)
        merged.update(overrides or {})
        if merged:
            apply_overrides(raw, merged)
        doc = normalize(raw, self.settings.min_langid_chars, self.settings.resources)
        timings = {"ingest": ingest_ms + (time.perf_counter() - t0) * 1000}
        return self.analyze_document(doc, list(raw.warnings), timings)

    def analyze_document(self, doc: Document, warnings=None, timings=None) -> Report:
        """Run the analyzers on a Document (its ``article`` is copied, not changed)."""
        warnings = list(warnings or [])
        timings = dict(timings or {})
        t = time.perf_counter()
        doc.prepare(self.needs | {"tokens", "title_tokens"})
        article = replace(doc.article, field_sources=dict(doc.article.field_sources),
                          words=doc.word_count)
        timings["document"] = (time.perf_counter() - t) * 1000
        findings: list[Finding] = []
        extra_entities: list[Entity] = []
        attributions: list[Attribution] = []
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
                    attributions.append(f)
                elif isinstance(f, Finding):
                    f.analyzer = info.ident
                    findings.append(f)
            timings[info.name] = (time.perf_counter() - t) * 1000
            ran.append({"name": info.name, "version": info.version, "status": status})
        for i, f in enumerate(findings, 1):
            f.id = f"f{i}"
        entities = entities_from(findings, extra_entities)
        t = time.perf_counter()
        verdict = self.combiner.combine(findings)
        words = doc.word_count + sum(1 for tok in doc.title_tokens if tok.text[0].isalnum())
        if verdict.label == "no_strong_signals" and words < self.settings.min_words:
            verdict = Verdict(
                "not_enough_text", verdict.score,
                f"Not enough text to judge: {words} word{'s' if words != 1 else ''} (fewer than "
                f"min_words={self.settings.min_words}). " + verdict.summary.split(". ", 1)[-1],
            )
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


def entities_from(findings, entities=()) -> list[Entity]:
    """The report's entities: those analyzers yielded, plus every finding that resolves a name.

    The contract between analyzers (no analyzer calls another): a finding whose ``data`` holds
    ``canonical`` (the standard form of a name it found written otherwise, e.g. a known person's
    name in a broken transliteration) and optionally ``entity_label`` (default ``PERSON``) gives
    that canonical form to the entity mentions its evidence overlaps, and is an entity mention
    itself. Mentions with the same label and canonical form (or text) merge into one entity
    with all their spans.
    """
    merged: dict[tuple, Entity] = {}

    def add(text, label, canonical, spans):
        key = (label, canonical or text)
        ent = merged.get(key)
        if ent is None:
            ent = merged[key] = Entity(text=text, label=label, spans=[], canonical=canonical)
        if canonical and not ent.canonical:
            ent.canonical = canonical
        have = {(s.field, s.start, s.end) for s in ent.spans}
        for s in spans:
            if (s.field, s.start, s.end) not in have:
                ent.spans.append(s)
                have.add((s.field, s.start, s.end))

    resolved = []
    for f in findings:
        canonical = f.data.get(CANONICAL) if isinstance(f.data, dict) else None
        if canonical:
            resolved.append((canonical, f.data.get(ENTITY_LABEL, "PERSON"), f.evidence))
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


#: ``Finding.data`` keys of the name-resolution contract (see :func:`entities_from`)
CANONICAL = "canonical"
ENTITY_LABEL = "entity_label"


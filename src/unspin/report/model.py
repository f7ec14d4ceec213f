"""Findings, spans and reports: the data every analyzer produces and every renderer reads.

The JSON form is ``unspin.report/1`` (``report/unspin.report-1.schema.json``); adding fields is
fine, renaming or removing one needs a new schema version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..spans import Span

SCHEMA_ID = "unspin.report/1"

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

#: kind family -> category, as in DESIGN.md. An analyzer may set ``category`` itself for a
#: family this table does not know.
FAMILY_CATEGORY = {
    "llm": "transformation",
    "translation": "transformation",
    "source": "provenance",
    "outlet": "provenance",
    "trace": "provenance",
    "headline": "framing",
    "narrative": "framing",
    "persuasion": "framing",
}
CATEGORIES = ("transformation", "provenance", "framing", "other")

#: DEL and the C1 control characters, which ``json.dumps(ensure_ascii=False)`` leaves raw
_C1 = re.compile("[\x7f-\x9f]")

LABELS = ("likely_laundered", "suspicious", "no_strong_signals", "not_enough_text")


@dataclass
class Article:
    """What the report says about the article itself (its ``article`` block).

    Built once by :func:`unspin.ingest.normalize` and shared read-only by the Document
    (``doc.article``) and the Report. ``field_sources`` says where each metadata field came from
    (``header-block``, ``html-metadata``, ``record``, ``override``, ``detected``, ``sha256``).
    """

    id: str
    source: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    section: str | None = None
    language: str = "und"
    language_confidence: float | None = None
    chars: int = 0
    format: str = "text"
    field_sources: dict[str, str] = field(default_factory=dict)
    words: int | None = None

    def to_dict(self) -> dict:
        d = {
            "id": self.id, "source": self.source, "title": self.title, "outlet": self.outlet,
            "url": self.url, "published": self.published, "author": self.author,
            "section": self.section, "language": self.language,
            "language_confidence": self.language_confidence, "chars": self.chars,
            "format": self.format, "field_sources": dict(self.field_sources),
        }
        if self.words is not None:
            d["words"] = self.words
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Article:
        """The inverse of :meth:`to_dict` (unknown keys are ignored: reports may carry more)."""
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Finding:
    """One observation with its evidence.

    ``kind`` is dotted, family first (``headline.sensational``); ``severity`` says how much the
    finding alone should move an analyst; ``confidence`` (0..1) how sure the analyzer is that
    the observation itself is right; ``message`` is a sentence a person can check against the
    ``evidence`` spans; ``data`` holds analyzer-specific details (resource entries matched...).
    ``id`` and ``analyzer`` are filled in by the pipeline.
    """

    kind: str
    severity: str
    message: str
    evidence: list[Span]
    confidence: float = 0.5
    data: dict[str, Any] = field(default_factory=dict)
    category: str | None = None
    analyzer: str = ""
    id: str = ""

    def __post_init__(self):
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"severity {self.severity!r} not one of {SEVERITIES}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")
        if self.category is None:
            self.category = FAMILY_CATEGORY.get(self.kind.split(".", 1)[0], "other")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "category": self.category,
            "severity": self.severity,
            "confidence": round(self.confidence, 4),
            "message": self.message,
            "analyzer": self.analyzer,
            "evidence": [s.to_dict() for s in self.evidence],
            "data": self.data,
        }


@dataclass
class Entity:
    """A person, organisation or place mention, yielded by an analyzer next to its findings.

    Mentions with the same ``label`` and ``canonical`` (or text) are merged into one report
    entity with all their spans.
    """

    text: str
    label: str  # PERSON | ORG | GPE | LOC | NORP | MEDIA | ...
    spans: list[Span]
    canonical: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The report's entity: mentions as spans without text (the text is the entity's)."""
        return {"text": self.text, "label": self.label, "canonical": self.canonical,
                "spans": [s.ref() for s in self.spans]}


@dataclass
class Attribution:
    """Who is said to have said or reported what: the report's ``attributions`` entries.

    ``source_kind`` is one of state_media, news, official, person, unknown; ``quote`` the
    reported words when there are any; ``evidence`` the spans (the source's name, the verb, the
    quote).
    """

    source: str
    source_kind: str
    evidence: list[Span]
    quote: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"source": self.source, "source_kind": self.source_kind, "quote": self.quote,
             "evidence": [s.to_dict() for s in self.evidence]}
        if self.data:
            d["data"] = self.data
        return d


@dataclass
class Verdict:
    label: str
    score: float
    summary: str

    def to_dict(self) -> dict:
        return {"label": self.label, "score": round(self.score, 4), "summary": self.summary}


@dataclass
class Report:
    """The result of analysing one article.

    ``title`` and ``text`` keep the article strings the spans point into (not in the JSON unless
    asked, so that corpus-scale JSONL stays small); renderers that show the article use them.
    """

    article: Article
    verdict: Verdict
    findings: list[Finding]
    tool_version: str
    title: str = ""
    text: str = ""
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    analyzers: list[dict] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    trace: dict | None = None

    def to_dict(self, include_text: bool = False) -> dict:
        article = self.article.to_dict()
        if include_text:
            article["text"] = self.text
        d = {
            "schema": SCHEMA_ID,
            "tool": {"name": "unspin", "version": self.tool_version},
            "article": article,
            "verdict": self.verdict.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict() for a in self.attributions],
            "analyzers": self.analyzers,
            "warnings": self.warnings,
            "timings_ms": {k: round(v, 3) for k, v in self.timings_ms.items()},
        }
        if self.trace is not None:
            d["trace"] = self.trace
        return d

    def to_json(self, indent: int | None = 2, include_text: bool = False) -> str:
        """The report as JSON (UTF-8 text, not ASCII-escaped). ``json`` escapes the C0 control
        characters itself; DEL and the C1 controls (``\\x9b`` is a one-byte CSI) are escaped
        here too (``\\u009b``), so a report printed on a terminal cannot drive it."""
        import json

        s = json.dumps(self.to_dict(include_text=include_text), ensure_ascii=False, indent=indent)
        return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", s)

    def findings_by_category(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for cat in CATEGORIES:
            fs = [f for f in self.findings if f.category == cat]
            if fs:
                out[cat] = sorted(fs, key=lambda f: (SEVERITY_RANK[f.severity], -f.confidence))
        return out

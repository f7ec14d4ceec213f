"""Hand-built reports for renderer tests (no pipeline: fast, and any string can be put in)."""

from __future__ import annotations

from unspin import Article, Attribution, Entity, Finding, Report, Span, Verdict


def make_report(title: str = "A headline", text: str = "The council met on Tuesday. It voted.", *,
                outlet: str | None = "Valley Courier", findings: list[Finding] | None = None,
                entities: list[Entity] | None = None, attributions: list[Attribution] | None = None,
                warnings: list[dict] | None = None, label: str = "suspicious", score: float = 0.5,
                summary: str = "Suspicious (score 0.50).") -> Report:
    article = Article(id="sha256:" + "ab" * 32, source="article.txt", title=title, outlet=outlet,
                      url="https://example.org/a", language="en", chars=len(text), words=len(text.split()))
    fs = findings or []
    for i, f in enumerate(fs, 1):
        f.id = f.id or f"f{i}"
        f.analyzer = f.analyzer or "test@1"
    return Report(article=article, verdict=Verdict(label, score, summary), findings=fs, tool_version="0.0-test",
                  title=title, text=text, entities=entities or [], attributions=attributions or [],
                  warnings=warnings or [], analyzers=[{"name": "test", "version": "1", "status": "ok"}])


def span(report_field: str, source: str, needle: str) -> Span:
    start = source.index(needle)
    return Span(report_field, start, start + len(needle), needle)

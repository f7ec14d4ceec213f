"""Renderer dispatch: ``render(report, fmt)`` for json, markdown, html; text goes to a console."""

from __future__ import annotations

from ..errors import UsageError
from .model import Report

FORMATS = ("text", "json", "markdown", "html")
EXTENSIONS = {"text": ".txt", "json": ".json", "markdown": ".md", "html": ".html"}


def render(report: Report, fmt: str, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
    if fmt == "json":
        return report.to_json(indent=indent, include_text=include_text) + "\n"
    if fmt == "markdown":
        from .render_markdown import render as r

        return r(report)
    if fmt == "html":
        from .render_html import render as r

        return r(report)
    if fmt == "text":
        from .render_text import render_to_string

        return render_to_string(report, width=None if color else 100, color=color)
    raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")

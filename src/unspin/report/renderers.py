"""The built-in renderers, registered under the ``unspin.renderers`` entry-point group.

Each is an object with ``name`` (the ``--format`` value), ``extension`` (the file ending used
with ``--out DIR``) and ``render(report, *, include_text=False, indent=2, color=False) -> str``
(see :mod:`unspin.hookspecs`). A third-party renderer provides the same three things and is found
the same way; :func:`unspin.report.render.render` dispatches on the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Report

__all__ = ["TEXT", "JSON", "MARKDOWN", "HTML", "TextRenderer", "JsonRenderer", "MarkdownRenderer", "HtmlRenderer"]


@dataclass(frozen=True)
class TextRenderer:
    """The terminal report (rich); ``color`` uses the terminal's width and ANSI colours."""

    name: str = "text"
    extension: str = ".txt"

    def render(self, report: Report, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
        from .render_text import render_to_string

        return render_to_string(report, width=None if color else 100, color=color)


@dataclass(frozen=True)
class JsonRenderer:
    """``unspin.report/1`` JSON; ``indent=None`` gives one line (JSON Lines)."""

    name: str = "json"
    extension: str = ".json"

    def render(self, report: Report, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
        return report.to_json(indent=indent, include_text=include_text) + "\n"


@dataclass(frozen=True)
class MarkdownRenderer:
    name: str = "markdown"
    extension: str = ".md"

    def render(self, report: Report, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
        from .render_markdown import render

        return render(report)


@dataclass(frozen=True)
class HtmlRenderer:
    """One self-contained page, the article with its evidence highlighted (it always shows the text)."""

    name: str = "html"
    extension: str = ".html"

    def render(self, report: Report, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
        from .render_html import render

        return render(report)


TEXT = TextRenderer()
JSON = JsonRenderer()
MARKDOWN = MarkdownRenderer()
HTML = HtmlRenderer()

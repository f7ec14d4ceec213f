"""Markdown rendering. Article text is untrusted: kept out of Markdown syntax and out of HTML.

:func:`md_escape` backslash-escapes the Markdown metacharacters that could start emphasis, code,
links, tables or strike-through anywhere in a line (and headings, lists and rules at its start),
and writes ``<``, ``>`` and ``&`` as entities so that a raw tag such as ``<script>`` shows as
text; every other character, apostrophes and quotes included, stays as it is.
"""

from __future__ import annotations

import re

from .model import LABELS, Report
from .render_text import CAT_TITLE
from .safe import clean, safe_report

#: metacharacters that act anywhere in a line
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
#: block syntax at the start of a line: heading, list item, setext underline / rule, ordered list
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML = re.compile(r"[&<>]")


def md_escape(s) -> str:
    """``s`` as one line of literal Markdown text: no markup, no HTML, no control characters."""
    s = clean("" if s is None else str(s)).replace("\r\n", " ").replace("\n", " ")
    s = _HTML.sub(lambda m: _ENTITIES[m.group()], s)
    s = _MD_INLINE.sub(r"\\\1", s)
    m = _MD_LINE_START.match(s)
    if m:
        if m.group(2).isdigit():  # "1." / "1)" would start an ordered list: escape the dot
            i = m.end()
            s = s[:i] + "\\" + s[i:]
        else:
            s = s[: m.start(2)] + "\\" + s[m.start(2):]
    return s


def _code(s: str) -> str:
    """An identifier (finding kind) as inline code, or escaped text when it holds a backtick."""
    s = clean(s)
    return f"`{s}`" if "`" not in s and "\n" not in s else md_escape(s)


def render(report: Report) -> str:
    report = safe_report(report)
    a, v = report.article, report.verdict
    out = [f"# unspin report: {md_escape(a.title or '(no headline)')}", ""]
    rows = [("Outlet", a.outlet), ("Section", a.section), ("Published", a.published),
            ("URL", a.url), ("Language", a.language), ("Words", a.words),
            ("Source", a.source), ("Article id", a.id)]
    out += ["| field | value |", "| --- | --- |"]
    out += [f"| {k} | {md_escape(str(val))} |" for k, val in rows if val not in (None, "")]
    out += ["", f"## Verdict: **{v.label if v.label in LABELS else md_escape(v.label)}** (score {round(v.score, 4):.2f})", "", md_escape(v.summary), ""]
    by_cat = report.findings_by_category()
    if not by_cat:
        out += ["No findings.", ""]
    for cat, fs in by_cat.items():
        out += [f"## {CAT_TITLE[cat]} ({cat})", ""]
        for f in fs:
            out.append(f"- **{f.severity.upper()}** {_code(f.kind)} (confidence {f.confidence:.2f}, {md_escape(f.id)}, "
                       f"{md_escape(f.analyzer)}): {md_escape(f.message)}")
            for s in f.evidence:
                out.append(f"  - {md_escape(s.field)} {s.start}–{s.end}: “{md_escape(s.text)}”")
        out.append("")
    if report.entities:
        out += ["## Entities", ""] + [
            f"- {md_escape(e.text)} ({md_escape(e.label)})" + (f" → {md_escape(e.canonical)}" if e.canonical else "")
            for e in report.entities] + [""]
    if report.warnings:
        out += ["## Warnings", ""] + [f"- {md_escape(w['message'])}" for w in report.warnings] + [""]
    ran = ", ".join(f"{clean(x['name'])}@{clean(x['version'])}" for x in report.analyzers)
    out.append(f"_Analyzers: {ran}; unspin {report.tool_version}; schema unspin.report/1._")
    return "\n".join(out) + "\n"

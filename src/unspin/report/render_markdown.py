"""Markdown rendering. Article text is untrusted: HTML-escaped and kept out of Markdown syntax."""

from __future__ import annotations

import html
import re

from .model import Report
from .render_text import CAT_TITLE

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md_escape(s: str) -> str:
    """Escape text so that it renders literally in Markdown and as HTML (no tags, no links)."""
    s = html.escape(s.replace("\n", " "), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", s)


def render(report: Report) -> str:
    d = report.to_dict()
    a, v = d["article"], d["verdict"]
    out = [f"# unspin report: {md_escape(a['title'] or '(no headline)')}", ""]
    rows = [("Outlet", a.get("outlet")), ("Section", a.get("section")), ("Published", a.get("published")),
            ("URL", a.get("url")), ("Language", a["language"]), ("Words", a.get("words")),
            ("Source", a["source"]), ("Article id", a["id"])]
    out += ["| field | value |", "| --- | --- |"]
    out += [f"| {k} | {md_escape(str(val))} |" for k, val in rows if val not in (None, "")]
    out += ["", f"## Verdict: **{v['label']}** (score {v['score']:.2f})", "", md_escape(v["summary"]), ""]
    by_cat = report.findings_by_category()
    if not by_cat:
        out += ["No findings.", ""]
    for cat, fs in by_cat.items():
        out += [f"## {CAT_TITLE[cat]} ({cat})", ""]
        for f in fs:
            out.append(f"- **{f.severity.upper()}** `{f.kind}` (confidence {f.confidence:.2f}, {f.id}, {f.analyzer}): "
                       f"{md_escape(f.message)}")
            for s in f.evidence:
                out.append(f"  - {s.field} {s.start}–{s.end}: “{md_escape(s.text)}”")
        out.append("")
    if report.entities:
        out += ["## Entities", ""] + [
            f"- {md_escape(e.text)} ({md_escape(e.label)})" + (f" → {md_escape(e.canonical)}" if e.canonical else "")
            for e in report.entities] + [""]
    if report.warnings:
        out += ["## Warnings", ""] + [f"- {md_escape(w['message'])}" for w in report.warnings] + [""]
    ran = ", ".join(f"{x['name']}@{x['version']}" for x in report.analyzers)
    out.append(f"_Analyzers: {ran}; unspin {report.tool_version}; schema unspin.report/1._")
    return "\n".join(out) + "\n"

"""Terminal rendering with rich: verdict, findings grouped by category, evidence quoted."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from .model import Report
from .safe import safe_report

SEV_STYLE = {"high": "bold white on red", "medium": "bold black on yellow", "low": "black on cyan", "info": "white on grey37"}
LABEL_STYLE = {"likely_laundered": "bold red", "suspicious": "bold yellow", "no_strong_signals": "bold green", "not_enough_text": "bold"}
CAT_TITLE = {"transformation": "What was done to it", "provenance": "Where it came from",
             "framing": "What it pushes", "other": "Other"}
CONTEXT = 40


def _quote(report: Report, span: dict) -> Text:
    src = report.title if span["field"] == "title" else report.text
    s, e = span["start"], span["end"]
    t = Text("“")
    if src and src[s:e] == span["text"]:
        a = max(0, s - CONTEXT)
        b = min(len(src), e + CONTEXT)
        pre = src[a:s].replace("\n", " ")
        post = src[e:b].replace("\n", " ")
        t.append(("…" if a > 0 else "") + pre, style="dim")
        t.append(span["text"].replace("\n", " "), style="bold underline")
        t.append(post + ("…" if b < len(src) else ""), style="dim")
    else:
        t.append(span["text"], style="bold underline")
    t.append(f"”  [{span['field']} {s}–{e}]", style="dim")
    return t


def _title_quote(report: Report, spans) -> Text:
    """The headline once, with every evidence span in it underlined."""
    title = report.title
    t = Text("“")
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start < pos or title[s.start : s.end] != s.text:
            continue
        t.append(title[pos : s.start], style="dim")
        t.append(s.text, style="bold underline")
        pos = s.end
    t.append(title[pos:], style="dim")
    t.append("”  [title " + ", ".join(f"{s.start}–{s.end}" for s in spans) + "]", style="dim")
    return t


def _inner_quote(report: Report, outer, inner) -> Text:
    """An evidence passage with the evidence spans inside it underlined."""
    src = report.text
    t = Text("“")
    pos = outer.start
    for s in sorted(inner, key=lambda s: s.start):
        if s.start < pos:
            continue
        t.append(src[pos : s.start].replace("\n", " "))
        t.append(s.text.replace("\n", " "), style="bold underline")
        pos = s.end
    t.append(src[pos : outer.end].replace("\n", " "))
    t.append(f"”  [text {outer.start}–{outer.end}; " + ", ".join(f"{s.start}–{s.end}" for s in inner) + "]", style="dim")
    return t


def render(report: Report, console: Console) -> None:
    """Print ``report`` on ``console``. Every string from the article (and from analyzers) goes
    through :func:`unspin.report.safe.clean` first: no control character reaches the terminal."""
    report = safe_report(report)
    a = report.article
    v = report.verdict
    head = Text()
    head.append(a.title or "(no headline)", style="bold")
    head.append("\n")
    meta = [x for x in (a.outlet, a.section, a.published, a.url) if x]
    head.append(" · ".join(meta) + ("\n" if meta else ""), style="dim")
    head.append(f"{a.source} · {a.language} · {a.words or 0} words · {a.id[:19] + '…' if a.id.startswith('sha256:') else a.id}", style="dim")
    verdict = Text()
    verdict.append(v.label.replace("_", " ").upper(), style=LABEL_STYLE.get(v.label, "bold"))
    verdict.append(f"  score {round(v.score, 4):.2f}\n", style="bold")
    verdict.append(v.summary)
    console.print(Panel(Group(head, Text(""), verdict), title="unspin", title_align="left", expand=True))
    by_cat = report.findings_by_category()
    if not by_cat:
        console.print(Text("No findings.", style="green"))
    for cat, fs in by_cat.items():
        console.print(Text(f"{CAT_TITLE[cat]} ({cat})", style="bold underline"))
        for f in fs:
            line = Text("  ")
            line.append(f" {f.severity.upper()} ", style=SEV_STYLE[f.severity])
            line.append(f" {f.kind}", style="bold")
            line.append(f"  conf {f.confidence:.2f}  {f.id} · {f.analyzer}", style="dim")
            console.print(line)
            console.print(Padding(Text(f.message), (0, 0, 0, 4)))
            title_spans = [s for s in f.evidence if s.field == "title"]
            if title_spans:
                console.print(Padding(_title_quote(report, title_spans), (0, 0, 0, 4)))
            text_spans = [s for s in f.evidence if s.field == "text"]
            # spans inside another evidence span (marker words in a marked sentence) are shown
            # underlined inside it rather than quoted again
            outer = [s for s in text_spans
                     if not any(o is not s and o.start <= s.start and s.end <= o.end and (o.end - o.start) > (s.end - s.start)
                                for o in text_spans)]
            for s in outer[:6]:
                inner = [x for x in text_spans if x is not s and s.start <= x.start and x.end <= s.end]
                q = _quote(report, s.to_dict()) if not inner else _inner_quote(report, s, inner)
                console.print(Padding(q, (0, 0, 0, 4)))
            if len(outer) > 6:
                console.print(Text(f"    … and {len(outer) - 6} more", style="dim"))
        console.print()
    if report.entities:
        ents = "; ".join(
            f"{e.text} → {e.canonical}" if e.canonical and e.canonical != e.text else e.text
            for e in report.entities[:12])
        console.print(Text(f"entities: {ents}", style="dim"))
    for w in report.warnings:
        console.print(Text(f"warning: {w['message']}", style="yellow"))
    ran = ", ".join(f"{x['name']}@{x['version']}" + ("" if x.get("status", "ok") == "ok" else " (failed)") for x in report.analyzers)
    console.print(Text(f"analyzers: {ran} · unspin {report.tool_version}", style="dim"))


def render_to_string(report: Report, width: int | None = 100, color: bool = False) -> str:
    """The terminal report as a string. ``width=None`` uses the terminal's width."""
    import io
    import shutil

    if width is None:
        width = max(60, min(140, shutil.get_terminal_size((100, 24)).columns))

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, emoji=False)
    render(report, console)
    return buf.getvalue()


__all__ = ["render", "render_to_string", "escape"]

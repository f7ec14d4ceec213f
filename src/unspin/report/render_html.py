"""One self-contained HTML page: the article with each finding's evidence highlighted.

Colour by category, hover shows the findings on a passage, click jumps to the finding in the
list (and each finding links back to its evidence). The page has no script at all and a
Content-Security-Policy that forbids scripts and remote loads, and every piece of article
text is escaped with ``html.escape(quote=True)``: article text is untrusted.
"""

from __future__ import annotations

import html

from .model import SEVERITY_RANK, Report
from .render_text import CAT_TITLE
from .safe import clean, safe_report

CAT_COLOR = {"transformation": "#f4a261", "provenance": "#8ab6f9", "framing": "#e9c46a", "other": "#cccccc"}

CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1d1d1f;color:#fff;padding:14px 24px}
header .label{font-weight:700;letter-spacing:.04em}
.likely_laundered{color:#ff6b6b}.suspicious{color:#ffd166}.no_strong_signals{color:#7bd389}.not_enough_text{color:#aaa}
main{display:flex;gap:24px;padding:24px;align-items:flex-start}
article{flex:3;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
aside{flex:2;position:sticky;top:12px;max-height:95vh;overflow:auto}
h1{font-size:1.6em;line-height:1.25;margin:.2em 0 .4em}
.meta{color:#666;font-size:.9em}
.body{white-space:pre-wrap;margin-top:14px}
mark{border-radius:3px;padding:0 1px;cursor:pointer}
mark a{color:inherit;text-decoration:none}
mark.transformation{background:#f4a26180;border-bottom:2px solid #f4a261}
mark.provenance{background:#8ab6f980;border-bottom:2px solid #8ab6f9}
mark.framing{background:#e9c46a80;border-bottom:2px solid #e9c46a}
mark.other{background:#cccccc80}
mark.high{outline:2px solid #d62828}
mark:target{outline:3px solid #1d1d1f}
.finding{background:#fff;border-left:6px solid #ccc;padding:8px 12px;margin:0 0 10px;border-radius:4px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.finding:target{box-shadow:0 0 0 3px #1d1d1f}
.finding.transformation{border-color:#f4a261}.finding.provenance{border-color:#8ab6f9}
.finding.framing{border-color:#e9c46a}.finding.other{border-color:#ccc}
.sev{font-size:.75em;font-weight:700;padding:1px 6px;border-radius:3px;color:#fff;background:#777}
.sev.high{background:#d62828}.sev.medium{background:#e09f3e}.sev.low{background:#2a9d8f}.sev.info{background:#777}
.kind{font-family:ui-monospace,monospace;font-size:.85em}
.ev{font-size:.85em;color:#444}
.legend span{display:inline-block;margin-right:10px;font-size:.85em}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
footer{color:#888;font-size:.8em;padding:0 24px 24px}
"""


def _e(s) -> str:
    return html.escape(clean("" if s is None else str(s)), quote=True)


def _highlight(text: str, field: str, report: Report) -> str:
    """Escaped ``text`` with <mark> around every evidence span of ``field`` (overlaps split)."""
    spans = []
    for f in report.findings:
        for k, s in enumerate(f.evidence):
            if s.field == field and 0 <= s.start < s.end <= len(text):
                spans.append((s.start, s.end, f, k))
    if not spans:
        return _e(text)
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out = []
    first_anchor = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = text[a:b]
        cover = [(f, k) for s, e, f, k in spans if s <= a and b <= e]
        if not cover:
            out.append(_e(seg))
            continue
        cover.sort(key=lambda x: SEVERITY_RANK[x[0].severity])
        top = cover[0][0]
        tip = "\n".join(f"[{f.severity}] {f.kind}: {f.message}" for f, _ in cover)
        anchor = ""
        key = (top.id, cover[0][1])
        if key not in first_anchor:
            first_anchor.add(key)
            anchor = f' id="{_e(top.id)}-e{cover[0][1]}"'
        out.append(
            f'<mark class="{_e(top.category)} {_e(top.severity)}"{anchor} title="{_e(tip)}">'
            f'<a href="#{_e(top.id)}">{_e(seg)}</a></mark>'
        )
    return "".join(out)


def render(report: Report) -> str:
    report = safe_report(report)  # no control character in the page (it may be printed on a terminal)
    a, v = report.article, report.verdict.to_dict()
    meta = " · ".join(_e(x) for x in (a.outlet, a.section, a.published, a.url) if x)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>unspin: {_e(a.title or '(no headline)')}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header><span class="label {_e(v["label"])}">{_e(v["label"].replace("_", " ").upper())}</span>'
        f" &nbsp;score {v['score']:.2f}<div>{_e(v['summary'])}</div></header>",
        f'<main><article lang="{_e(a.language) if a.language != "und" else ""}">',
        f'<div class="meta">{meta}</div>',
        f"<h1>{_highlight(report.title, 'title', report) or '(no headline)'}</h1>",
        f'<div class="meta">{_e(a.source)} · {_e(a.language)} · {a.words or 0} words · {_e(a.id)}</div>',
        f'<div class="body">{_highlight(report.text, "text", report)}</div>',
        "</article><aside>",
        '<div class="legend">' + "".join(f'<span><i style="background:{c}"></i>{_e(k)}</span>' for k, c in CAT_COLOR.items() if k != "other") + "</div>",
        f"<h2>Findings ({len(report.findings)})</h2>",
    ]
    if not report.findings:
        parts.append("<p>No findings.</p>")
    for cat, fs in report.findings_by_category().items():
        parts.append(f"<h3>{_e(CAT_TITLE[cat])}</h3>")
        for f in fs:
            ev = "".join(
                f'<li><a href="#{_e(f.id)}-e{k}">{_e(s.field)} {s.start}–{s.end}</a>: “{_e(s.text)}”</li>'
                for k, s in enumerate(f.evidence)
            )
            parts.append(
                f'<div class="finding {_e(f.category)}" id="{_e(f.id)}">'
                f'<span class="sev {_e(f.severity)}">{_e(f.severity.upper())}</span> '
                f'<span class="kind">{_e(f.kind)}</span> <small>conf {f.confidence:.2f} · {_e(f.analyzer)}</small>'
                f"<div>{_e(f.message)}</div><ul class=\"ev\">{ev}</ul></div>"
            )
    if report.entities:
        parts.append("<h3>Entities</h3><ul>" + "".join(
            f"<li>{_e(e.text)} <small>{_e(e.label)}</small>" + (f" → {_e(e.canonical)}" if e.canonical else "") + "</li>"
            for e in report.entities) + "</ul>")
    if report.warnings:
        parts.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{_e(w['message'])}</li>" for w in report.warnings) + "</ul>")
    ran = ", ".join(f"{x['name']}@{x['version']}" for x in report.analyzers)
    parts.append(f"</aside></main><footer>unspin {_e(report.tool_version)} · analyzers: {_e(ran)} · schema unspin.report/1</footer></body></html>")
    return "\n".join(parts) + "\n"

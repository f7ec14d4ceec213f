"""Blind sets: how many of the marks a human analyst points at does unspin report?

Each folder under ``benchmarks/blind/`` is a set written by a writer who saw only a description of
the laundering pattern (never the code, resources, tests or examples), frozen when written:
articles (``NN-lang-slug.txt``), ``marks.jsonl`` (one mark per line: file, mark type, the exact
text, what it should be recognised as) and ``clean.jsonl`` (clean articles and what must not be
flagged in them). Needs no ``../shared``.

A mark counts as **found** when a finding of a kind that answers it (table ``ANSWERS``) has an
evidence span overlapping the mark's text in the article; **found in family** when any finding of
the same family overlaps (a right place, another label). ``quote_speaker`` marks are found when an
attribution holding or overlapping the quote names the expected speaker (in family: the quote is
attributed, to someone else). Verdicts: a laundered article is
right when ``likely_laundered`` or ``suspicious``; a clean one when neither. The figure to report
for a detector change is the first-look score of a set written after the change.

    python -m benchmarks.bench_blind            # every set
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from .common import REPO, git_rev, machine

BLIND = REPO / "benchmarks" / "blind"
NAME = "Blind sets: marks an analyst points at"

#: mark type -> finding kinds that answer it
ANSWERS = {
    "name_variant": {"translation.name_variant"},
    "transliteration": {"translation.transliteration"},
    "acronym": {"translation.transliteration"},
    "calque": {"translation.calque"},
    "pinyin": {"translation.calque", "translation.transliteration"},
    "typography": {"translation.machine_style"},
    "cyrillic_in_latin": {"translation.transliteration", "translation.machine_style"},
    "llm_assistant_talk": {"llm.chatbot_residue"},
    "llm_note": {"llm.meta_commentary"},
    "llm_placeholder": {"llm.placeholder", "llm.prompt_leftover"},
    "headline_sensational": {"headline.sensational"},
    "headline_mismatch": {"headline.body_mismatch"},
    "narrative_adopted": {"narrative.match"},
    "narrative_attributed": {"narrative.match"},
    "state_media_source": {"source.state_media"},
}
LAUNDERED_LABELS = {"likely_laundered", "suspicious"}


def _places(report, needle: str) -> list[tuple[str, int, int]]:
    out = []
    for fld, s in (("title", report.title), ("text", report.text)):
        for hay, ndl in ((s, needle), (s.lower(), needle.lower())):
            i = hay.find(ndl)
            while i >= 0:
                out.append((fld, i, i + len(ndl)))
                i = hay.find(ndl, i + 1)
            if out:
                break
    return out


def _overlaps(spans, places) -> bool:
    return any(s.field == f and s.start < e and b < s.end for s in spans for f, b, e in places)


def score_set(folder: Path) -> dict:
    import unspin

    marks = [json.loads(ln) for ln in (folder / "marks.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    clean = {}
    if (folder / "clean.jsonl").is_file():
        for ln in (folder / "clean.jsonl").read_text(encoding="utf-8").splitlines():
            if ln.strip():
                d = json.loads(ln)
                clean[d["file"]] = d.get("must_not", [])
    reports = {}
    for p in sorted(folder.glob("*.txt")):
        reports[p.name] = unspin.analyze_file(p)
    by_type = defaultdict(Counter)
    missed = []
    for m in marks:
        rep = reports.get(m["file"])
        t = m["mark"]
        if rep is None:
            by_type[t]["no_file"] += 1
            continue
        places = _places(rep, m["text"])
        by_type[t]["marks"] += 1
        if not places:
            by_type[t]["text_not_in_report"] += 1
            missed.append((m["file"], t, m["text"], "text not found after normalisation"))
            continue
        if t == "quote_speaker":
            exp = (m.get("expected") or "").lower()
            quoted = [a for a in rep.attributions if _overlaps(a.evidence, places)
                      or (a.quote and m["text"].lower() in a.quote.lower())]
            ok = any(exp and (exp in a.source.lower() or a.source.lower() in exp) for a in quoted)
            fam = bool(quoted)
        else:
            kinds = ANSWERS.get(t, set())
            families = {k.split(".")[0] for k in kinds}
            ok = any(f.kind in kinds and _overlaps(f.evidence, places) for f in rep.findings)
            fam = ok or any(f.kind.split(".")[0] in families and _overlaps(f.evidence, places) for f in rep.findings)
        by_type[t]["found"] += ok
        by_type[t]["found_in_family"] += fam
        if not ok:
            missed.append((m["file"], t, m["text"], "other label in the right place" if fam else "not reported"))
    laundered_files = sorted({m["file"] for m in marks} - set(clean))
    verdicts = {f: reports[f].verdict.label for f in reports}
    clean_rows = []
    for f, must_not in clean.items():
        rep = reports.get(f)
        if rep is None:
            continue
        loud = [x for x in rep.findings if x.severity in ("high", "medium")]
        flagged = [s for s in must_not if any(_overlaps(x.evidence, _places(rep, s)) for x in rep.findings
                                                 if x.severity != "info")]
        clean_rows.append({"file": f, "verdict": rep.verdict.label, "medium_or_high": len(loud),
                           "must_not_flagged": flagged})
    total = sum(c["marks"] for c in by_type.values())
    found = sum(c["found"] for c in by_type.values())
    fam = sum(c["found_in_family"] for c in by_type.values())
    return {
        "set": folder.name, "articles": len(reports), "laundered": len(laundered_files), "clean": len(clean_rows),
        "marks": total, "found": found, "found_in_family": fam,
        "recall": round(found / total, 3) if total else None,
        "by_type": {t: dict(c) for t, c in sorted(by_type.items())},
        "laundered_verdict_right": sum(verdicts.get(f) in LAUNDERED_LABELS for f in laundered_files),
        "clean_verdict_right": sum(r["verdict"] not in LAUNDERED_LABELS for r in clean_rows),
        "verdicts": verdicts, "clean_rows": clean_rows, "missed": missed[:80],
    }


def run() -> dict:
    sets = sorted(p for p in BLIND.iterdir() if (p / "marks.jsonl").is_file()) if BLIND.is_dir() else []
    if not sets:
        return {"name": NAME, "skipped": "no blind set under benchmarks/blind/"}
    return {"name": NAME, "command": "python -m benchmarks.bench_blind", "sets": [score_set(s) for s in sets]}


def render_md(r: dict) -> str:
    out = [f"## {NAME}", "", f"`{r['command']}`. Marks from each set's `marks.jsonl`, written before the "
           "work they score (see `benchmarks/blind/*/README.md`); found = a finding of an answering kind "
           "overlaps the mark; in family = some finding of the same family overlaps it.", ""]
    out += ["| set | articles | marks | found | recall | found in family | laundered verdict right | clean verdict right |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for s in r["sets"]:
        out.append(f"| {s['set']} | {s['articles']} | {s['marks']} | {s['found']} | {s['recall']} | "
                   f"{s['found_in_family']} | {s['laundered_verdict_right']} of {s['laundered']} | "
                   f"{s['clean_verdict_right']} of {s['clean']} |")
    for s in r["sets"]:
        out += ["", f"### {s['set']}: by mark type", "", "| mark | marks | found | in family |", "| --- | --- | --- | --- |"]
        for t, c in s["by_type"].items():
            out.append(f"| `{t}` | {c.get('marks', 0)} | {c.get('found', 0)} | {c.get('found_in_family', 0)} |")
        flagged = [row for row in s["clean_rows"] if row["must_not_flagged"] or row["medium_or_high"]]
        if flagged:
            out += ["", "Clean articles with medium/high findings or a must-not flagged:", ""]
            out += [f"- `{row['file']}`: verdict {row['verdict']}, {row['medium_or_high']} medium/high, flagged "
                    f"{row['must_not_flagged']}" for row in flagged]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    res = run()
    res["_run"] = {"commit": git_rev(), "machine": machine()}
    print(json.dumps(res, ensure_ascii=False, indent=1))

"""`make bench`: runs every benchmark and writes docs/benchmarks.md (machine, command, date).

Run from the repository root::

    python -m benchmarks.run                       # every benchmark
    python -m benchmarks.run bench_translation ... # only these; the others are rendered from results.json
    python -m benchmarks.run --check-skip          # self-check of the keep-on-skip merge, no benchmark runs

Benchmarks that need ../shared/data skip with a message when it is absent. A benchmark that skips
keeps its previous section of docs/benchmarks.md and its previous entry in benchmarks/results.json
untouched (one that is not selected is rendered again from that entry): a machine without the data never overwrites recorded numbers
with "skipped". Numbers are compared with the goal named in the issue as ratios, in the same run
(these machines are noisy).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

from . import (
    bench_blind,
    bench_cold_start,
    bench_entities,
    bench_fuzz,
    bench_headline,
    bench_ingest,
    bench_langid,
    bench_llm_residue,
    bench_llm_style,
    bench_lm,
    bench_narrative,
    bench_outlet,
    bench_persuasion,
    bench_scaling,
    bench_sources,
    bench_transform_speed,
    bench_translation,
    bench_verdict,
)
from .common import DATA, REPO, git_rev, machine

#: every benchmark, in the order its section appears in docs/benchmarks.md
BENCHMARKS = (bench_cold_start, bench_ingest, bench_headline, bench_langid, bench_llm_residue, bench_llm_style,
              bench_translation, bench_transform_speed, bench_lm, bench_sources, bench_narrative, bench_outlet,
              bench_entities, bench_persuasion, bench_verdict, bench_scaling, bench_fuzz, bench_blind)

OUT = REPO / "docs" / "benchmarks.md"
RESULTS = REPO / "benchmarks" / "results.json"
HEADER = "_header"

_MARK = re.compile(r"<!-- bench:(?P<name>[\w.-]+) -->\n(?P<body>.*?)\n<!-- /bench:(?P=name) -->", re.S)


def short(mod) -> str:
    return mod.__name__.rsplit(".", 1)[-1]


def parse_sections(md: str) -> dict[str, str]:
    """Section name -> its Markdown body, for a page written by :func:`merge_sections`. A page
    without markers (written before they existed) has no sections."""
    return {m["name"]: m["body"] for m in _MARK.finditer(md or "")}


def merge_sections(old_md: str, new_sections: dict[str, str], skipped: set[str]) -> str:
    """The page for ``new_sections`` (name -> Markdown, in page order), except that a name in
    ``skipped`` keeps its section of ``old_md`` verbatim when ``old_md`` has one (a skipped run
    never replaces recorded numbers). Each section is wrapped in ``<!-- bench:NAME -->`` markers
    so the next run can find it again. Pure: no files, no clock."""
    old = parse_sections(old_md)
    parts = []
    for name, body in new_sections.items():
        if name in skipped and name in old:
            body = old[name]
        parts.append(f"<!-- bench:{name} -->\n{body.strip(chr(10))}\n<!-- /bench:{name} -->")
    return "\n\n".join(parts) + "\n"


def merge_results(old: dict, new: dict, skipped: set[str]) -> dict:
    """results.json: a skipped benchmark keeps its previous entry (if it had one)."""
    out = {}
    for name, res in new.items():
        out[name] = old[name] if name in skipped and name in old else res
    return out


def _skipped_md(res: dict, name: str) -> str:
    return f"## {res.get('name', name)}\n\nSkipped: {res['skipped']}\n"


def section_md(mod, res: dict) -> str:
    if "skipped" in res:
        return _skipped_md(res, short(mod))
    md = mod.render_md(res).rstrip("\n")
    run = res.get("_run")
    if run:
        md += f"\n\n_Last run {run['date']}, commit {run['commit']}, {run['machine']}._"
    return md + "\n"


def header_md(ran: list[str], kept: list[str], command: str) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); do not edit by hand. Raw numbers: "
        "`benchmarks/results.json`. A benchmark that skips (no `../shared/data`) keeps the section of its "
        "last run; one not selected in a run is rendered again from its recorded results.",
        "",
        f"- Last run: {now}, `{command}`",
        f"- Machine: {machine()}",
        f"- Commit: {git_rev()}",
        f"- Rerun in that run: {', '.join(ran) or 'none'}",
        f"- From earlier runs: {', '.join(kept) or 'none'} (each section says when it last ran, where recorded)",
        "- Threads: BLAS/OpenMP pinned to 1; throughput runs pinned to one core (`sched_setaffinity`).",
        "",
    ]
    return "\n".join(out)


def _previous() -> dict:
    try:
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _check_skip() -> int:
    """Self-check of the keep-on-skip merge (the same assertions a unit test would make)."""
    old = merge_sections("", {HEADER: "# old", "a": "## A\n\n42", "b": "## B\n\n7"}, set())
    new = merge_sections(old, {HEADER: "# new", "a": "## A\n\nSkipped: no data", "b": "## B\n\n8"}, {"a"})
    secs = parse_sections(new)
    assert secs["a"] == "## A\n\n42", secs
    assert secs["b"] == "## B\n\n8", secs
    assert secs[HEADER] == "# new", secs
    first = merge_sections("# legacy page without markers", {"a": "## A\n\nSkipped: x"}, {"a"})
    assert parse_sections(first)["a"] == "## A\n\nSkipped: x"
    r = merge_results({"a": {"n": 42}}, {"a": {"skipped": "no data"}, "b": {"n": 8}}, {"a", "b"})
    assert r == {"a": {"n": 42}, "b": {"n": 8}}, r
    print("check-skip: ok (skipped sections and results keep their previous values)", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--check-skip" in argv:
        return _check_skip()
    known = {short(m) for m in BENCHMARKS}
    only = {a for a in argv if not a.startswith("-")}
    unknown = only - known
    if unknown:
        print(f"error: unknown benchmark{'s' if len(unknown) > 1 else ''} {', '.join(sorted(unknown))}; known: "
              f"{', '.join(sorted(known))}", file=sys.stderr)
        return 2
    if not DATA.exists():
        print(f"note: shared data folder {DATA.name}/ not found next to the repo: data benchmarks skip and keep "
              "their recorded sections", file=sys.stderr)
    prev = _previous()
    old_md = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    results, keep, ran = {}, set(), []
    for mod in BENCHMARKS:
        name = short(mod)
        if only and name not in only:  # re-rendered from its recorded results, or kept as it is
            results[name] = prev.get(name, {"name": name, "skipped": "not run yet"})
            if "skipped" in results[name]:
                keep.add(name)
            continue
        print(f"running {name} ...", file=sys.stderr)
        res = mod.run()
        if "skipped" in res:
            kept = "keeping its previous section and results" if name in prev and "skipped" not in prev[name] \
                else "no previous results to keep"
            print(f"skipped {name}: {res['skipped']} ({kept})", file=sys.stderr)
            keep.add(name)
        else:
            res["_run"] = {"date": now, "commit": git_rev(), "machine": machine()}
            ran.append(name)
            print(json.dumps(res, ensure_ascii=False)[:400], file=sys.stderr)
        results[name] = res
    results = merge_results(prev, results, keep)
    command = "python -m benchmarks.run" + (" " + " ".join(sorted(only)) if only else "")
    sections = {HEADER: header_md(ran, [short(m) for m in BENCHMARKS if short(m) not in ran], command)}
    for mod in BENCHMARKS:
        sections[short(mod)] = section_md(mod, results[short(mod)])
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(merge_sections(old_md, sections, keep), encoding="utf-8")
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} and {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

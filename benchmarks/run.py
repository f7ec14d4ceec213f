"""`make bench`: runs every benchmark and writes docs/benchmarks.md (machine, command, date).

`python benchmarks/run.py bench_translation ...` reruns only the named benchmarks and keeps the
others' last results (from benchmarks/results.json) in the page.

Benchmarks that need ../shared/data skip with a message when it is absent. Numbers are compared
with the goal named in the issue as ratios, in the same run (these machines are noisy).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_cold_start  # noqa: E402
import bench_entities  # noqa: E402
import bench_headline  # noqa: E402
import bench_ingest  # noqa: E402
import bench_langid  # noqa: E402
import bench_llm_residue  # noqa: E402
import bench_llm_style  # noqa: E402
import bench_lm  # noqa: E402
import bench_narrative  # noqa: E402
import bench_outlet  # noqa: E402
import bench_persuasion  # noqa: E402
import bench_sources  # noqa: E402
import bench_transform_speed  # noqa: E402
import bench_translation  # noqa: E402
import bench_verdict  # noqa: E402

#: benchmarks with their own Markdown section, in the order they appear in docs/benchmarks.md
SECTIONS = (bench_langid, bench_llm_residue, bench_llm_style, bench_translation, bench_transform_speed, bench_lm, bench_sources, bench_narrative, bench_outlet, bench_entities, bench_persuasion, bench_verdict)
from common import DATA, REPO, git_rev, machine  # noqa: E402

OUT = REPO / "docs" / "benchmarks.md"


def main() -> int:
    if not DATA.exists():
        print(f"note: shared data folder {DATA.name}/ not found next to the repo: data benchmarks skip", file=sys.stderr)
    results = {}
    only = set(sys.argv[1:])
    for mod in (bench_cold_start, bench_ingest, bench_headline, *SECTIONS):
        if only and mod.__name__ not in only:
            prev = _previous().get(mod.__name__)
            if prev is not None:
                results[mod.__name__] = prev
                continue
        print(f"running {mod.__name__} ...", file=sys.stderr)
        results[mod.__name__] = mod.run()
        print(json.dumps(results[mod.__name__], ensure_ascii=False)[:400], file=sys.stderr)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(render(results), encoding="utf-8")
    (REPO / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}", file=sys.stderr)
    return 0


def _previous() -> dict:
    p = REPO / "benchmarks" / "results.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def render(r: dict) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python benchmarks/run.py`); do not edit by hand. Raw numbers: "
        "`benchmarks/results.json`.",
        "",
        f"- Date: {now}",
        f"- Machine: {machine()}",
        f"- Commit: {git_rev()}",
        "- Threads: BLAS/OpenMP pinned to 1; throughput runs pinned to one core (`sched_setaffinity`).",
        "",
        "## Speed against the goals of issue #2",
        "",
        "| benchmark | command / input | result | goal | ratio to goal | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    c = r["bench_cold_start"]
    out.append(f"| cold start + one article | `{c['command']}` ({c['runs']} runs) | median {c['median_s']} s "
               f"(min {c['min_s']}, max {c['max_s']}; bare `python -c pass` {c['python_startup_median_s']} s; default "
               f"install, [embeddings] extra off"
               + (f"; with it {c['with_embeddings_median_s']} s" if c.get("with_embeddings_median_s") else "")
               + f") | < {c['goal_s']} s | {c['goal_ratio']} of the budget | {'yes' if c['met'] else 'NO'} |")
    i = r["bench_ingest"]
    if "skipped" in i:
        out.append(f"| ingest + Document | skipped: {i['skipped']} | | ≥ 200 articles/s | | |")
    else:
        out.append(f"| ingest + Document, one core | {i['articles']} real news articles ({i['words']:,} words) from "
                   f"`../shared/data` (BBC deduplicated, then RECOVERY), JSON record → Document with paragraphs, "
                   f"sentences, tokens | {i['articles_per_s']} articles/s ({i['words_per_s']:,} words/s; runs "
                   f"{', '.join(map(str, i['articles_per_s_all_runs']))}); language model load "
                   f"{i['language_model_load_s']} s once | ≥ {i['goal_articles_per_s']:.0f} articles/s | "
                   f"{i['goal_ratio']}× | {'yes' if i['met'] else 'NO'} |")
    out += ["", "Commands: `python benchmarks/bench_cold_start.py`, `python benchmarks/bench_ingest.py`.", ""]
    h = r["bench_headline"]
    out += ["## `headline.sensational` firing rates on real headlines", "",
            "`python benchmarks/bench_headline.py`. Unique headlines per corpus; a firing on ordinary news is "
            "a false alarm or a genuinely loud headline (the analyzer only ever says `low` or `medium`).", ""]
    if "skipped" in h:
        out.append(f"Skipped: {h['skipped']}")
    else:
        out += ["| corpus | headlines | fired | rate | of which medium |", "| --- | --- | --- | --- | --- |"]
        out += [f"| {x['corpus']} | {x['headlines']} | {x['fired']} | {x['rate'] * 100:.2f}% | {x['medium']} |" for x in h["rows"]]
        out += ["", "Strongest firings on ordinary (non-hyperpartisan, reliable) news:", "",
                "| score | corpus | headline | classes |", "| --- | --- | --- | --- |"]
        out += [f"| {x['score']} | {x['corpus']} | {x['title'].replace('|', '/')} | {', '.join(x['classes'])} |"
                for x in h["top_on_ordinary_news"]]
        bm = h.get("body_mismatch")
        if bm:
            out += ["", "`headline.body_mismatch` on whole human articles (a firing is a false alarm or a headline that "
                    "really oversells; the unsupported-revelation form is `medium`, the actor form `low`):", "",
                    "| corpus | articles | unsupported revelation | actor not in body |", "| --- | --- | --- | --- |"]
            out += [f"| {x['corpus']} | {x['articles']} | {x['unsupported_revelation']} ({x['revelation_rate']:.2%}) | "
                    f"{x['actor_not_in_body']} ({x['actor_rate']:.2%}) |" for x in bm["rows"]]
            if bm["examples"]:
                out += ["", "Firings, as found: " + "; ".join(f"“{x['title']}” ({x['form']})" for x in bm["examples"][:8]) + "."]
    out.append("")
    for mod in SECTIONS:
        res = r.get(mod.__name__)
        if res is None:
            continue
        if "skipped" in res:
            out += [f"## {res.get('name', mod.__name__)}", "", f"Skipped: {res['skipped']}", ""]
        else:
            out.append(mod.render_md(res))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())

"""Shared helpers for benchmarks: where the shared data is, machine facts, one-core pinning."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("UNSPIN_SHARED_DATA", REPO.parent / "shared" / "data"))


def data_path(*parts: str) -> Path | None:
    """A file of the shared data folder, or None (the benchmark then skips with a message)."""
    p = DATA.joinpath(*parts)
    return p if p.exists() else None


def pin_one_core() -> None:
    """Run this process on one core, so numbers mean 'per core'."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu or 'unknown CPU'}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def git_rev() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, timeout=10).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def iter_jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def human_news(limit: int | None = None, dedupe: bool = True):
    """(name, record) of real human news from the shared data, BBC first (deduplicated by body)."""
    sources = [("bbc-news-2225", "bbc_news.jsonl"), ("recovery-covid-news-2020", "recovery_news_articles.jsonl"),
               ("buzzfeed-webis-2016", "buzzfeed_webis_2016.jsonl"), ("reuters-21578", "reuters21578.jsonl")]
    seen = set()
    n = 0
    for folder, fname in sources:
        p = data_path(folder, fname)
        if p is None:
            continue
        for rec in iter_jsonl(p):
            body = rec.get("text") or "\n\n".join(rec.get("paragraphs") or [])
            if not body.strip():
                continue
            key = hash(body)
            if dedupe and key in seen:
                continue
            seen.add(key)
            yield folder, rec
            n += 1
            if limit and n >= limit:
                return


def mainstream_news():
    """(corpus name, records) of ordinary human news with paragraphs: BBC 2004-05 (bodies
    deduplicated), RECOVERY 2020 reliable outlets, BuzzFeed-Webis 2016 mainstream pages. Corpora
    missing from ../shared/data are left out."""
    p = data_path("bbc-news-2225", "bbc_news.jsonl")
    if p:
        seen = set()
        recs = []
        for r in iter_jsonl(p):
            body = "\n\n".join(r["paragraphs"])
            if body not in seen:
                seen.add(body)
                recs.append(r)
        yield "BBC News 2004-05", recs
    p = data_path("recovery-covid-news-2020", "recovery_news_articles.jsonl")
    if p:
        yield "RECOVERY 2020, reliable outlets", [r for r in iter_jsonl(p) if r.get("reliability") == "reliable"]
    p = data_path("buzzfeed-webis-2016", "buzzfeed_webis_2016.jsonl")
    if p:
        yield "BuzzFeed-Webis 2016, mainstream", [r for r in iter_jsonl(p) if r.get("orientation") == "mainstream"]


def load_script(name: str):
    """Import ``scripts/<name>.py`` (the resource-building scripts are not a package) by file path,
    without touching ``sys.path``."""
    import importlib.util
    import sys

    mod_name = f"unspin_scripts_{name}"
    if mod_name in sys.modules:
        return sys.modules[mod_name]
    if "_bench" not in sys.modules:  # what scripts import their shared-data helpers from
        spec = importlib.util.spec_from_file_location("_bench", REPO / "scripts" / "_bench.py")
        helper = importlib.util.module_from_spec(spec)
        sys.modules["_bench"] = helper
        spec.loader.exec_module(helper)
    spec = importlib.util.spec_from_file_location(mod_name, REPO / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = mod
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        del sys.modules[mod_name]
        raise
    return mod

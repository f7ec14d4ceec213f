"""Snapshot the JSON reports of a fixed article set, and compare two snapshots.

Used to show that a refactor changed no behaviour: run ``snapshot`` on the old revision and on the
new one, then ``compare``; every difference is listed (article, JSON path, old -> new) so each can
be traced to the fix that caused it. Timings are left out (they differ run to run).

The set: the bundled demo articles (``examples/articles``) and the first 1,000 real articles of
``../shared/data`` (400 BBC, 200 BuzzFeed-Webis, 200 RIA Novosti, 100 Russian Wikinews, 100 WMT
Russian->English documents). Without ``../shared/data`` only the demo articles are used. The
reports come from the ``unspin`` command line (``unspin analyze --format json``), the interface
that stays stable across revisions.

    python scripts/report_snapshot.py snapshot before.jsonl     # on the old revision
    python scripts/report_snapshot.py snapshot after.jsonl      # on the new one
    python scripts/report_snapshot.py compare before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("UNSPIN_SHARED_DATA", REPO.parent / "shared" / "data"))
SOURCES = [  # folder, file, how many
    ("bbc-news-2225", "bbc_news.jsonl", 400),
    ("buzzfeed-webis-2016", "buzzfeed_webis_2016.jsonl", 200),
    ("ru-news", "ria_2023.jsonl", 200),
    ("ru-news", "nerel_wikinews_ru.jsonl", 100),
    ("wmt-ruen-docs", "ruen_documents.jsonl", 100),
]
VOLATILE = {"timings_ms"}


def _records():
    for folder, fname, n in SOURCES:
        p = DATA / folder / fname
        if not p.is_file():
            print(f"snapshot: {p} missing; its articles are left out", file=sys.stderr)
            continue
        k = 0
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if k >= n:
                    break
                rec = json.loads(line)
                text = rec.get("text") or rec.get("body") or "\n\n".join(rec.get("paragraphs") or [])
                if not text and folder == "wmt-ruen-docs":  # the English reference translation
                    refs = rec.get("ref_paragraphs") or {}
                    paras = next(iter(refs.values()), [])
                    text = "\n\n".join(" ".join(p) for p in paras)
                    rec = {**rec, "id": rec.get("docid"), "title": paras[0][0] if paras and paras[0] else ""}
                if isinstance(text, list):
                    text = "\n\n".join(map(str, text))
                if not str(text).strip():
                    continue
                k += 1
                yield {"id": f"{folder}/{rec.get('id', k)}", "title": rec.get("title") or "",
                       "outlet": rec.get("outlet") or "", "text": str(text)}


def _unspin() -> str:
    exe = shutil.which("unspin", path=str(Path(sys.executable).parent)) or shutil.which("unspin")
    if not exe:
        sys.exit("snapshot: the unspin command is not installed (make install)")
    return exe


def _clean(report: dict) -> dict:
    return {k: v for k, v in report.items() if k not in VOLATILE}


def snapshot(out: str) -> None:
    exe = _unspin()
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "real.jsonl"
        with open(batch, "w", encoding="utf-8") as fh:
            for rec in _records():
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        inputs = [str(p) for p in sorted((REPO / "examples" / "articles").iterdir())]
        if batch.stat().st_size:
            inputs.append(str(batch))
        raw = Path(tmp) / "reports.jsonl"
        subprocess.run([exe, "analyze", "--format", "json", "--no-progress", "--out", str(raw), *inputs],
                       cwd=REPO, stderr=subprocess.DEVNULL, check=False)
        reports = [_clean(json.loads(ln)) for ln in raw.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for r in reports:  # paths relative to the repo or the batch file, so snapshots compare
            src = r["article"]["source"]
            r["article"]["source"] = src.replace(str(batch), "real.jsonl").replace(str(REPO) + os.sep, "")
    with open(out, "w", encoding="utf-8") as fh:
        for r in reports:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"snapshot: {len(reports)} reports -> {out}", file=sys.stderr)


def _diff(a, b, path=""):
    if type(a) is not type(b):
        yield path, a, b
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield f"{path}.{k}", a.get(k, "<absent>"), b.get(k, "<absent>")
            else:
                yield from _diff(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            yield f"{path}[len]", len(a), len(b)
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from _diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield path, a, b


def compare(before: str, after: str, limit: int = 400) -> int:
    def load(p):
        out = {}
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                out[r["article"]["source"]] = r
        return out

    a, b = load(before), load(after)
    n_diff = 0
    shown = 0
    for key in sorted(set(a) | set(b)):
        if key not in a or key not in b:
            n_diff += 1
            print(f"{key}: only in {'before' if key in a else 'after'}")
            continue
        diffs = list(_diff(a[key], b[key]))
        if diffs:
            n_diff += 1
            for path, x, y in diffs:
                if shown < limit:
                    print(f"{key}: {path}: {json.dumps(x, ensure_ascii=False)[:160]} -> {json.dumps(y, ensure_ascii=False)[:160]}")
                shown += 1
    print(f"{len(set(a) | set(b))} articles, {n_diff} with differences ({shown} differing values)")
    return 1 if n_diff else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    c.add_argument("--limit", type=int, default=400, help="differing values to print")
    args = ap.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.out)
    else:
        sys.exit(compare(args.before, args.after, args.limit))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build ``resources/narratives/euvsdisinfo.json`` and check ``resources/narratives/taxonomy.json``.

1. Checks the hand-written taxonomy against the SemEval-2025 Task 10 taxonomy file
   (``../shared/data/semeval2025-t10-narratives/taxonomy.json``): every narrative and
   sub-narrative label of the task is present under the right narrative, ids are unique, every
   entry has a description in every catalogue language.
2. Reads the EUvsDisinfo cases with claim summary and disproof (2015-2017,
   ``../shared/data/euvsdisinfo/kalkun_cases_with_summary_disproof_2015-2017.csv``), keeps one
   record per distinct title (outlets and languages of the repeats merged), adds the
   euvsdisinfo.eu report URL where the case title is also in the cknabs case list, and links each
   case to its closest sub-narratives by retrieval: the case title + summary is the query, the
   sub-narrative index of :class:`unspin.kb.narratives.NarrativeCatalogue` ranks; the top two with
   a score of at least ``LINK_MIN`` are kept, with their scores (reproducible: same code, same
   catalogue, same links).
3. Stores each case's normalised index terms (so the analyzer need not re-normalise 2,600
   summaries at start-up), stamped with the normaliser version.

Usage::

    python scripts/build_narratives.py [--data ../shared/data] [--out src/unspin/resources/narratives]

Trade-off: links come from bag-of-words retrieval over short hand-written descriptions; many
2015-17 cases (MH17, Syria, elections) belong to no 2022-era taxonomy entry and stay unlinked
or weakly linked. The score is kept so users can filter.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
from pathlib import Path

from unspin.kb.narratives import NORMALISER_VERSION, NarrativeCatalogue, case_text, terms

REPO = Path(__file__).resolve().parent.parent

LINK_MIN = 10.0
TAX_FILE = "taxonomy.json"
CASES_FILE = "euvsdisinfo.json"


def check_taxonomy(tax: dict, task: dict | None) -> list[str]:
    """Problems found in the hand-written taxonomy (empty list when none)."""
    problems = []
    ids = [n["id"] for n in tax["narratives"]] + [s["id"] for s in tax["subnarratives"]]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    narr = {n["id"]: n for n in tax["narratives"]}
    for e in tax["narratives"] + tax["subnarratives"]:
        for lg in tax["languages"]:
            if not e["description"].get(lg):
                problems.append(f"{e['id']}: no {lg} description")
    for s in tax["subnarratives"]:
        if s["narrative"] not in narr:
            problems.append(f"{s['id']}: unknown narrative {s['narrative']}")
        for lg in tax["languages"]:
            if not s["cues"].get(lg):
                problems.append(f"{s['id']}: no {lg} cues")
    if task is not None:
        ours = {(narr[s["narrative"]]["domain"], narr[s["narrative"]]["label"], s["label"]) for s in tax["subnarratives"]}
        for dom, nn in task.items():
            for n, subs in nn.items():
                for s in subs:
                    if (dom, n, s) not in ours:
                        problems.append(f"task label missing: {dom} / {n} / {s}")
    return problems


def _date(s: str) -> str:
    return dt.datetime.strptime(s.strip(), "%m/%d/%y").date().isoformat()


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60]


def load_cases(data: Path) -> list[dict]:
    src = data / "euvsdisinfo" / "kalkun_cases_with_summary_disproof_2015-2017.csv"
    urls = {}
    cpath = data / "euvsdisinfo" / "cknabs_posts_2015-2021.csv"
    if cpath.exists():
        with open(cpath, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                urls.setdefault(" ".join(r["title"].lower().split()), r["id"])
    cases: dict[str, dict] = {}
    with open(src, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            title = " ".join(r["title"].split())
            summary = " ".join(r["summary"].split())
            disproof = r["disproof"].strip()
            if not title or not summary or not disproof:
                continue
            key = title.lower()
            if key in cases:
                c = cases[key]
                for fld, val in (("outlets", r["outlet"].strip()), ("languages", r["language"].strip())):
                    if val and val not in c[fld]:
                        c[fld].append(val)
                continue
            date = _date(r["date"])
            cases[key] = {
                "id": f"evd-{date}-{_slug(title)}",
                "title": title,
                "date": date,
                "keywords": [k.strip() for k in r["keywords"].split(",") if k.strip()],
                "summary": summary,
                "disproof": disproof,
                "outlets": [r["outlet"].strip()] if r["outlet"].strip() else [],
                "languages": [r["language"].strip()] if r["language"].strip() else [],
                "url": urls.get(key),
                "ref": f"EUvsDisinfo Disinformation Review, issue {r['issue'].strip()} ({date})",
            }
    out = sorted(cases.values(), key=lambda c: (c["date"], c["id"]))
    seen: dict[str, int] = {}
    for c in out:  # ids unique even for near-identical titles
        n = seen.get(c["id"], 0)
        seen[c["id"]] = n + 1
        if n:
            c["id"] = f"{c['id']}-{n + 1}"
    return out


def link(cat: NarrativeCatalogue, case: dict, k: int = 2) -> list[dict]:
    """The ``k`` best sub-narratives for a case (title + summary as the query), score >= LINK_MIN."""
    q = cat.terms(case["title"] + " " + case["summary"], "en")
    s = cat.rank(q, "en")
    order = sorted(range(len(s)), key=lambda i: -s[i])[:k]
    return [{"id": cat.subs[i]["id"], "score": round(float(s[i]), 3)} for i in order if s[i] >= LINK_MIN]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(REPO / "src" / "unspin" / "resources" / "narratives"))
    a = ap.parse_args(argv)
    data, out = Path(a.data), Path(a.out)
    tax = json.loads((out / TAX_FILE).read_text(encoding="utf-8"))
    tpath = data / "semeval2025-t10-narratives" / "taxonomy.json"
    task = json.loads(tpath.read_text(encoding="utf-8")) if tpath.exists() else None
    problems = check_taxonomy(tax, task)
    for p in problems:
        print("PROBLEM", p)
    if problems:
        return 1
    cat = NarrativeCatalogue(tax)
    cases = load_cases(data)
    linked = 0
    for c in cases:
        c["narratives"] = link(cat, c)
        linked += bool(c["narratives"])
        c["terms"] = " ".join(terms(case_text(c), "en", cat.stop["en"]))
        c["terms_version"] = NORMALISER_VERSION
    doc = {
        "provenance": {
            "name": "narratives/euvsdisinfo",
            "version": "1",
            "what": ("EUvsDisinfo cases of pro-Kremlin disinformation (2015-2017) with the claim summary and the "
                     "disproof, one record per distinct title; each linked to its closest SemEval-2025 Task 10 "
                     "sub-narratives by retrieval (field 'narratives', with scores), and its normalised index "
                     "terms ('terms')."),
            "source": ("Source: EUvsDisinfo (EEAS East StratCom Task Force), https://euvsdisinfo.eu/disinformation-cases/ "
                       "- reuse authorised provided the source is acknowledged (EEAS copyright notice; Commission "
                       "reuse Decision of 12 Dec 2011). Rows from github.com/kalkun/euvsdisinfo-scraper "
                       "(commit 8f78469c, full_dataset_formatted.csv); report URLs joined by title from "
                       "github.com/cknabs/EUvsDisinfo (commit c4acb109, data/posts.csv). Quotes inside summaries "
                       "and disproofs may carry their own rights."),
            "licence": "EUvsDisinfo content: reuse with attribution to EUvsDisinfo (EEAS); links and terms: Apache-2.0 (unspin).",
            "how_built": f"scripts/build_narratives.py (link threshold {LINK_MIN}, normaliser version {NORMALISER_VERSION}).",
            "counts": {"cases": len(cases), "linked": linked, "with_url": sum(1 for c in cases if c["url"])},
        },
        "cases": cases,
    }
    (out / CASES_FILE).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(json.dumps(doc["provenance"]["counts"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

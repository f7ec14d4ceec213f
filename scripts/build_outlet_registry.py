"""Build ``src/unspin/resources/outlets/registry.json.gz`` from the public datasets in ../shared/data.

    python scripts/build_outlet_registry.py [--data ../shared/data] [--out src/unspin/resources/outlets]

Reads (each folder's PROVENANCE.md gives commit and licence):

- ``asd-state-media-profiles/State_Media_Matrix.csv`` (MIT): state-affiliated media. Typology SC
  (state-controlled), CaPu / CaPr (captured public / private) -> ``state_media``; IP, ISM, ISF,
  ISFM (independent public or state-funded but editorially independent: BBC, ARD, DW...) ->
  ``public_media``.
- ``asd-disinfo-laundromat/sites_of_concern.csv`` (MIT): Pink Slime -> ``known_network``
  (partisan pink-slime local-news networks); Viginum (Portal Kombat) -> ``known_network``;
  Intel/Suspected -> ``known_network`` (Russia-linked proxy sites); RT Mirror/Repost ->
  ``state_media`` (RT content on other domains); EuVsDisinfo, Wikipedia Fake News, Newsguard AI
  -> ``unreliable``; Wikidata All News -> ``real_news``. EUvsDisinfo cites platforms and also
  mainstream outlets that carried a claim: platforms are dropped and a domain that a reference
  list (Wikidata All News, the machine-made reliable list) also holds stays ``real_news``.
- ``meta-threat-research/*.csv`` (MIT): domain indicators of coordinated inauthentic behaviour
  (CIB) reports only (not the APT / malware reports): "0.6.2 Acquiring domains to support
  influence operations" -> ``spoof`` when Meta's comment says the domain spoofs news or
  government sites, else ``known_network``; the Doppelganger "9.5.3 Using redirect domains"
  -> ``redirect`` (throwaway or compromised hosts, Meta warns); ``domain_name`` rows of the older
  CIB reports -> ``known_network``.
- ``local-news-dataset-2018/local_news_dataset_2018.csv`` (MIT) and
  ``wiki-media-cred/data__wikipedia-us-newspapers.tsv`` (CC0): US local newspapers and TV
  stations -> ``real_local`` (the Wikipedia list has names and states, no domains).
- ``machine-made-media-domains`` (Apache-2.0): reliable -> ``real_news``, unreliable ->
  ``unreliable``.

Entries are merged by domain (names, sources and details are united; the type is the most
alarming one, except the EUvsDisinfo rule above, and ``redirect`` which never overrides a real
outlet). Name-only entries (Wikipedia list, state-media rows without URL) are merged into an
entry with the same name and state when there is one. The script also writes the masthead nouns
(last words of real US newspaper names and their counts) used to recognise the generic
"<Place> <Noun>" pattern. Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import glob
import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from unspin.kb.outlets import TYPE_PRIORITY, OutletRegistry, name_key, normalize_host

REPO = Path(__file__).resolve().parent.parent

DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "unspin" / "resources" / "outlets"

SOURCES = {
    "asd-state-media": {
        "dataset": "ASD-at-GMF/state-media-profiles State_Media_Matrix.csv @d878fee (seed columns from the State Media Monitor, Media and Journalism Research Center)",
        "licence": "MIT",
        "url": "https://github.com/ASD-at-GMF/state-media-profiles",
    },
    "asd-laundromat": {
        "dataset": "ASD-at-GMF/disinfo-laundromat sites_of_concern.csv @6c82e3f",
        "licence": "MIT",
        "url": "https://github.com/ASD-at-GMF/disinfo-laundromat",
    },
    "meta-threat-research": {
        "dataset": "facebook/threat-research indicators @a1b05bf (Meta adversarial threat reports)",
        "licence": "MIT",
        "url": "https://github.com/facebook/threat-research",
    },
    "local-news-2018": {
        "dataset": "yinleon/LocalNewsDataset local_news_dataset_2018.csv @d97f2f8 (Zenodo 10.5281/zenodo.1345145)",
        "licence": "MIT",
        "url": "https://github.com/yinleon/LocalNewsDataset",
    },
    "wiki-media-cred": {
        "dataset": "hearvox/wiki-media-cred wikipedia-us-newspapers.tsv @e61118c",
        "licence": "CC0-1.0",
        "url": "https://github.com/hearvox/wiki-media-cred",
    },
    "machine-made-media": {
        "dataset": "hanshanley/machine-made-media reliable_domains.txt / unreliable_domains.txt @2cff68d (Hanley & Durumeric, ICWSM 2024)",
        "licence": "Apache-2.0",
        "url": "https://github.com/hanshanley/machine-made-media",
    },
    "unspin-patterns": {
        "dataset": "unspin outlets/patterns.json (hand-written major outlets)",
        "licence": "project licence",
        "url": "",
    },
}

STATE_TYPOLOGY = {"SC": "state_media", "CaPu": "state_media", "CaPr": "state_media", "": "state_media",
                  "IP": "public_media", "ISM": "public_media", "ISF": "public_media", "ISFM": "public_media",
                  "ISFM?": "public_media"}
LAUNDROMAT = {
    "Pink Slime": ("known_network", "Pink-slime partisan local-news networks (Metric Media and similar)", "United States"),
    "Viginum (Portal Kombat)": ("known_network", "Portal Kombat (the 'Pravda' network), reported by VIGINUM, February 2024", "Russia"),
    "Intel/Suspected": ("known_network", "Russia-linked proxy sites (ASD: intelligence-sourced or suspected)", "Russia"),
    "RT Mirror/Repost": ("state_media", "RT mirror or repost site", "Russia"),
    "EuVsDisinfo": ("unreliable", "Cited as a disinformation source in EUvsDisinfo cases", None),
    "Wikipedia Fake News": ("unreliable", "Wikipedia list of fake news websites", None),
    "Newsguard AI": ("unreliable", "AI-generated news site (NewsGuard, via ASD)", None),
    "Wikidata All News": ("real_news", None, None),
}
# Reference lists: a domain that one of these holds is a real outlet even when EUvsDisinfo cites it.
REFERENCE = {"asd-laundromat:Wikidata All News", "machine-made-media:reliable"}
SKIP_META_FILE = re.compile(r"hackers|surveillance|malware|malicious|APT|Espionage|Killchain", re.IGNORECASE)
META_CIB_COMMENT = re.compile(r"\bCIB\b")
DOPPELGANGER = "Doppelganger (Russia-based CIB network)"


class Builder:
    def __init__(self, patterns: dict):
        self.platforms = set(patterns.get("platforms", []))
        self.exclude = set(patterns.get("exclude_domains", {}))
        self.suffixes2 = set(patterns.get("second_level_suffixes", []))
        self.by_domain: dict[str, dict] = {}
        self.name_only: list[dict] = []
        self.skipped = Counter()

    def _is_platform(self, host: str) -> bool:
        labels = host.split(".")
        for i in range(len(labels) - 1):
            if ".".join(labels[i:]) in self.platforms:
                return True
        return False

    def add(self, *, domain: str | None, names=(), type_: str, source: str, country=None, network=None,
            report=None, extra: dict | None = None, state=None) -> None:
        names = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
        host = normalize_host(domain) if domain else None
        if domain and not host:
            self.skipped["bad domain"] += 1
            return
        if host and (host in self.exclude):
            self.skipped["excluded"] += 1
            return
        if host and self._is_platform(host):
            self.skipped["platform"] += 1
            return
        rec = {"names": names, "types": {type_: [source]}, "country": country,
               "networks": {type_: (network, report)} if network or report else {},
               "sources": [source], "extra": dict(extra or {}), "state": state}
        if host is None:
            if not names:
                self.skipped["neither domain nor name"] += 1
                return
            self.name_only.append(rec)
            return
        cur = self.by_domain.get(host)
        if cur is None:
            rec["domains"] = [host]
            self.by_domain[host] = rec
        else:
            _merge(cur, rec)

    def entries(self) -> list[dict]:
        # Name-only records join a domain entry of the same name (and state, when both have one).
        name_index: dict[str, list[dict]] = {}
        for rec in self.by_domain.values():
            for n in rec["names"]:
                name_index.setdefault(name_key(n), []).append(rec)
        loose: dict[tuple, dict] = {}
        for rec in self.name_only:
            hit = None
            for n in rec["names"]:
                for cand in name_index.get(name_key(n), []):
                    if rec.get("state") and cand.get("state") and rec["state"] != cand["state"]:
                        continue
                    if rec.get("country") and cand.get("country") and rec["country"] != cand["country"]:
                        continue
                    hit = cand
                    break
                if hit:
                    break
            if hit:
                _merge(hit, rec)
                continue
            key = (name_key(rec["names"][0]), rec.get("state") or rec.get("country"))
            if key in loose:
                _merge(loose[key], rec)
            else:
                rec["domains"] = []
                loose[key] = rec
        out = []
        for host in sorted(self.by_domain):
            out.append(_finish(self.by_domain[host], "d:" + host))
        for key in sorted(loose, key=lambda k: (k[0], k[1] or "")):
            rec = loose[key]
            slug = re.sub(r"[^a-z0-9]+", "-", key[0]).strip("-")
            where = re.sub(r"[^a-z0-9]+", "-", (key[1] or "").lower()).strip("-")
            out.append(_finish(rec, f"n:{slug}" + (f"@{where}" if where else "")))
        seen = Counter(e["id"] for e in out)
        assert max(seen.values()) == 1, [k for k, v in seen.items() if v > 1][:5]
        return out


def _merge(cur: dict, rec: dict) -> None:
    for n in rec["names"]:
        if n not in cur["names"]:
            cur["names"].append(n)
    for t, srcs in rec["types"].items():
        cur["types"].setdefault(t, [])
        cur["types"][t] += [s for s in srcs if s not in cur["types"][t]]
    for s in rec["sources"]:
        if s not in cur["sources"]:
            cur["sources"].append(s)
    for k in ("country", "state"):
        if not cur.get(k) and rec.get(k):
            cur[k] = rec[k]
    for t, nr in rec["networks"].items():
        cur["networks"].setdefault(t, nr)
    for k, v in rec["extra"].items():
        if k == "imitates":
            cur["extra"].setdefault(k, [])
            cur["extra"][k] += [x for x in v if x not in cur["extra"][k]]
        else:
            cur["extra"].setdefault(k, v)
    for d in rec.get("domains", []):
        if d not in cur.setdefault("domains", []):
            cur["domains"].append(d)


def _resolve_type(rec: dict) -> tuple[str, dict]:
    """The entry's type from all the types its sources gave, and notes on what was overridden."""
    types = rec["types"]
    notes: dict = {}
    is_reference = any(s in REFERENCE for s in rec["sources"])
    cand = set(types)
    if "unreliable" in cand and is_reference and set(types["unreliable"]) <= {"asd-laundromat:EuVsDisinfo"}:
        cand.discard("unreliable")
        notes["cited_by"] = "EUvsDisinfo"
    if "redirect" in cand and cand & {"real_news", "real_local", "public_media"}:
        cand.discard("redirect")
        notes["redirect_domain_of"] = (rec["networks"].get("redirect") or ("an influence operation",))[0]
    for t in TYPE_PRIORITY:
        if t in cand:
            return t, notes
    raise AssertionError(types)


def _finish(rec: dict, id_: str) -> dict:
    type_, notes = _resolve_type(rec)
    e: dict = {"id": id_}
    if rec["names"]:
        e["names"] = rec["names"]
    if rec.get("domains"):
        e["domains"] = rec["domains"]
    e["type"] = type_
    if rec.get("country"):
        e["country"] = rec["country"]
    network, report = rec["networks"].get(type_, (None, None))
    if network:
        e["network"] = network
    if report:
        e["report"] = report
    e["sources"] = rec["sources"]
    extra = dict(rec["extra"])
    if rec.get("state"):
        extra["state"] = rec["state"]
    extra.update(notes)
    if extra:
        e["extra"] = extra
    return e


# -- readers ---------------------------------------------------------------------------------

# Parenthesised words in the State Media Matrix that are editions, not names.
_NOT_NAMES = {"english", "chinese", "russian", "arabic", "spanish", "french", "german", "portuguese", "online",
              "international", "global", "web", "website", "tv", "radio", "print"}


def _split_names(s: str) -> list[str]:
    """'Russia-1 (Россия-1)' -> ['Russia-1', 'Россия-1']; 'News agency: Xinhua' -> ['Xinhua']."""
    s = re.sub(r"^[A-Za-z ]{2,20}:\s*", "", s.strip().rstrip("*").strip())
    out = [re.sub(r"\s*\([^()]*\)?\s*$", "", s).strip()]
    out += [m.strip() for m in re.findall(r"\(([^()]+)\)", s)]
    return [x for x in dict.fromkeys(out) if x and x.lower() not in _NOT_NAMES]


def read_state_media(b: Builder, data: Path) -> None:
    p = data / "asd-state-media-profiles" / "State_Media_Matrix.csv"
    with open(p, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            typ = STATE_TYPOLOGY.get(r["Typology"].strip(), "state_media")
            names = _split_names(r["Main assets"]) + _split_names(r["Media company"])
            b.add(domain=r["URL"].strip() or None, names=names, type_=typ, source="asd-state-media",
                  country=r["Country"].strip() or None,
                  extra={"typology": r["Typology"].strip(), "company": r["Media company"].strip().rstrip("*").strip()})


def read_laundromat(b: Builder, data: Path) -> None:
    p = data / "asd-disinfo-laundromat" / "sites_of_concern.csv"
    with open(p, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            src = r["Source"].strip()
            if src not in LAUNDROMAT:
                b.skipped[f"laundromat source {src}"] += 1
                continue
            typ, network, country = LAUNDROMAT[src]
            report = "VIGINUM, 'Portal Kombat' (February 2024)" if src.startswith("Viginum") else None
            names = [r["Name"]] if r["Name"].strip() else []
            b.add(domain=r["Domain"], names=names, type_=typ, source=f"asd-laundromat:{src}", country=country,
                  network=network, report=report)


_META_COUNTRY = re.compile(r"Country likely targeted:\s*([^\n\"]+)")
_META_FILE = re.compile(r"^(Q[\d-]+_\d{4}|H1_2026|\d{4}_\d{2})")


def _meta_report(fname: str) -> tuple[str, str]:
    """(operation, report) from a Meta indicator file name
    ("Q1_2024__Q1_2024_Bangladesh_Based_Cib_Network.csv" -> ("Bangladesh-based CIB network",
    "Meta adversarial threat report Q1 2024: Bangladesh-based CIB network"))."""
    stem = Path(fname).stem.replace("_updated", "")
    periods = list(re.finditer(r"(Q[\d-]+|H\d)_(\d{4})", stem))
    period = f"{periods[-1].group(1)} {periods[-1].group(2)}" if periods else ""
    rest = stem[periods[-1].end():] if periods else stem
    rest = re.sub(r"[_\s]+", " ", rest.replace("GithubIOCs_-_", "")).strip(" -")
    m = re.match(r"^(.*?)[ -]based (CIB network|CIB cluster|IB cluster|Cib Network)\s*(.*)$", rest, re.IGNORECASE)
    if m:
        who = m.group(1).strip()
        if who.isupper() and len(who) > 3:
            who = who.title()
        op = f"{who}-based {m.group(2).replace('Cib', 'CIB').replace('Network', 'network').replace('NETWORK', 'network')}"
        op = op.replace("CIB NETWORK", "CIB network").replace("CIB CLUSTER", "CIB cluster")
        tail = m.group(3).strip()
        if tail:
            op += f" {tail}"
    else:
        op = rest
    if "Doppelganger" in rest:
        op = DOPPELGANGER
    return op, f"Meta adversarial threat report {period}: {rest}".strip()


def _old_meta_report(fname: str) -> str:
    """"2022_09_removing_coordinated_inauthentic_behavior_from_china_and_russia.csv" ->
    "Meta report 2022-09: removing coordinated inauthentic behavior from china and russia"."""
    m = re.match(r"(\d{4})_(\d{2})_(.*)", Path(fname).stem)
    return f"Meta report {m.group(1)}-{m.group(2)}: {m.group(3).replace('_', ' ')}" if m else f"Meta report {fname}"


def read_meta(b: Builder, data: Path) -> None:
    folder = data / "meta-threat-research"
    for f in sorted(glob.glob(str(folder / "*.csv"))):
        name = os.path.basename(f)
        if SKIP_META_FILE.search(name):
            continue
        with open(f, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows:
            continue
        head = [h.strip().lower() for h in rows[0]]
        op, report = _meta_report(name)
        if "indicator_type" in head:  # older format: indicator_type, indicator_value, comment, ds
            it, iv, ic = head.index("indicator_type"), head.index("indicator_value"), head.index("comment")
            for r in rows[1:]:
                if len(r) <= ic or r[it] != "domain_name" or not META_CIB_COMMENT.search(r[ic]):
                    continue
                comment = r[ic].strip()
                target = re.match(r"^(.*?)-targeting", comment)
                op2 = op
                if "russia" in name.lower() and target:
                    op2 = DOPPELGANGER
                elif comment.startswith("CIB:"):
                    op2 = f"{comment[4:].strip()}-based CIB network"
                b.add(domain=r[iv], type_="known_network", source="meta-threat-research", network=op2,
                      report=_old_meta_report(name),
                      extra={"meta_comment": comment, **({"target_country": target.group(1)} if target else {})})
            continue
        try:
            ip, ii = head.index("procedure"), head.index("indicator")
        except ValueError:
            continue
        ic = next((i for i, h in enumerate(head) if h in ("comments", "commernts", "notes", "note")), None)
        for r in rows[1:]:
            if len(r) <= ii:
                continue
            proc, ind = r[ip].strip(), r[ii].strip()
            comment = r[ic].strip() if ic is not None and len(r) > ic else ""
            if proc.startswith("0.6.2"):
                if not re.search(r"[\w-]+(?:\[\.\]|\.)[a-z]{2,}", ind, re.IGNORECASE) or " " in ind.strip():
                    continue
                spoof = "spoofing" in comment.lower()
                extra = {}
                mc = _META_COUNTRY.search(comment)
                if mc:
                    extra["target_country"] = mc.group(1).strip().rstrip('"').strip()
                mr = re.search(r"Registration date:\s*([^,]+)", comment)
                if mr:
                    extra["registered"] = mr.group(1).strip()
                b.add(domain=ind, type_="spoof" if spoof else "known_network", source="meta-threat-research",
                      network=op, report=report, extra=extra)
            elif proc.startswith("9.5.3") and "Doppelganger" in op:
                b.add(domain=ind, type_="redirect", source="meta-threat-research", network=op, report=report,
                      extra={"role": "redirect domain"})


def read_local_news(b: Builder, data: Path) -> None:
    p = data / "local-news-dataset-2018" / "local_news_dataset_2018.csv"
    with open(p, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            dom = (r["domain"] or r["website"]).strip()
            extra = {"medium": r["medium"].strip()}
            if r["owner"].strip():
                extra["owner"] = r["owner"].strip()
            b.add(domain=dom or None, names=[r["name"]], type_="real_local", source="local-news-2018",
                  country="United States", extra=extra, state=r["state"].strip() or None)


def read_wiki_media_cred(b: Builder, data: Path) -> None:
    folder = data / "wiki-media-cred"
    states = {}
    with open(folder / "data__wikidata-us-states.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            states[r["state"].strip()] = r["abbr"].strip()
    with open(folder / "data__wikipedia-us-newspapers.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            title = re.sub(r"\s*\([^()]*\)\s*$", "", r["WP-title"]).strip()
            if not title:
                continue
            extra = {"medium": "Newspapers"}
            if r.get("qid", "").strip():
                extra["wikidata"] = r["qid"].strip()
            b.add(domain=None, names=[title], type_="real_local", source="wiki-media-cred", country="United States",
                  extra=extra, state=states.get(r["state"].strip(), r["state"].strip() or None))


def read_machine_made(b: Builder, data: Path) -> None:
    folder = data / "machine-made-media-domains"
    for fname, typ, sub in (("reliable_domains.txt", "real_news", "reliable"),
                            ("unreliable_domains.txt", "unreliable", "unreliable")):
        with open(folder / fname, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    b.add(domain=line.strip(), type_=typ, source=f"machine-made-media:{sub}",
                          network="Unreliable-news list of Hanley & Durumeric (ICWSM 2024)" if typ == "unreliable" else None)


def masthead_nouns(entries: list[dict], min_count: int) -> dict[str, int]:
    """Last words of real US newspaper names with their counts (at least ``min_count``)."""
    c: Counter = Counter()
    for e in entries:
        if e["type"] != "real_local" or e.get("extra", {}).get("medium") != "Newspapers":
            continue
        seen = set()
        for n in e.get("names", []):
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", n)
            if len(words) >= 2:
                seen.add(words[-1].lower())
        c.update(seen)
    return {w: n for w, n in sorted(c.items(), key=lambda x: (-x[1], x[0])) if n >= min_count}


def build(data: Path, patterns: dict) -> dict:
    b = Builder(patterns)
    read_state_media(b, data)
    read_laundromat(b, data)
    read_meta(b, data)
    read_local_news(b, data)
    read_wiki_media_cred(b, data)
    read_machine_made(b, data)
    for m in patterns.get("major_outlets", []):
        for d in m["domains"]:
            b.add(domain=d, names=[m["name"], *m.get("aliases", [])], type_="real_news", source="unspin-patterns",
                  country=m.get("country"))
    entries = b.entries()
    # Which real outlets the spoof domains imitate: same label as a real outlet's domain.
    labels: dict[str, list[str]] = {}
    for e in entries:
        if e["type"] in ("real_news", "public_media", "real_local"):
            for d in e.get("domains", []):
                labels.setdefault(_label(d, b.suffixes2), []).append(d)
    for m in patterns.get("major_outlets", []):
        for d in m["domains"]:
            labels.setdefault(_label(d, b.suffixes2), []).append(d)
    for e in entries:
        if e["type"] == "spoof":
            for d in e.get("domains", []):
                lab = _label(d, b.suffixes2)
                hits = sorted(set(labels.get(lab, [])))
                if hits:
                    e.setdefault("extra", {})["imitates"] = hits
    nouns = masthead_nouns(entries, min_count=20)
    by_type = Counter(e["type"] for e in entries)
    by_source = Counter(s for e in entries for s in e["sources"])
    reg = {
        "provenance": {
            "name": "outlets/registry",
            "version": "1",
            "what": "News outlets and influence-operation domains: names, domains, country, type "
                    "(" + ", ".join(TYPE_PRIORITY) + "), network/operation and report where known, and the "
                    "datasets each entry comes from. Plus masthead_nouns: last words of real US newspaper names.",
            "source": "See 'sources' (dataset, licence, URL per source id); the copies used are in ../shared/data with PROVENANCE.md.",
            "licence": "Derived from MIT, CC0-1.0 and Apache-2.0 data; each entry names its sources.",
            "how": "python scripts/build_outlet_registry.py (merging rules in its docstring).",
            "sources": SOURCES,
            "counts": {"entries": len(entries), "by_type": dict(sorted(by_type.items())),
                       "by_source": dict(sorted(by_source.items())), "skipped": dict(sorted(b.skipped.items()))},
        },
        "masthead_nouns": nouns,
        "entries": entries,
    }
    # name and label indexes, computed by the loader's own code, so loading skips that work
    reg["index"] = OutletRegistry(reg, patterns).index_block(len(entries), patterns)
    return reg


def _label(d: str, suffixes2: set[str]) -> str:
    labels = d.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in suffixes2:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else d


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"{data}: shared data folder not found", file=sys.stderr)
        return 1
    out = Path(args.out)
    patterns = json.loads((REPO / "src" / "unspin" / "resources" / "outlets" / "patterns.json").read_text(encoding="utf-8"))
    reg = build(data, patterns)
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(reg, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # one entry per line keeps diffs readable
    text = text.replace(',{"id":', ',\n{"id":')
    raw = (text + "\n").encode("utf-8")
    target = out / "registry.json.gz"
    # mtime=0 and no file name in the header: the same data gives the same bytes
    with open(target, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    stale = out / "registry.json"
    if stale.exists():
        stale.unlink()
    c = reg["provenance"]["counts"]
    print(f"{c['entries']} entries -> {target} ({len(raw) / 1e6:.2f} MB JSON, {target.stat().st_size / 1e6:.2f} MB gzip)")
    print("by type:", c["by_type"])
    print("by source:", c["by_source"])
    print("skipped:", c["skipped"])
    print("masthead nouns:", list(reg["masthead_nouns"])[:40])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

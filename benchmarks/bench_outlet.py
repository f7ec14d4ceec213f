"""The outlet analyzer on real outlets, and the lookalike rules on data the registry did not see.

1. Human news with outlet metadata (RECOVERY 2020: masthead + URL; BuzzFeed-Webis 2016: portal
   id + URL): which ``outlet.*`` kind each article gets, with the URL and with the masthead
   alone. Every outlet here is real, so ``lookalike_domain``, ``imposter_pattern`` and
   ``known_network`` are false alarms; ``unreliable`` on Natural News and the hyperpartisan
   BuzzFeed portals is a correct label.
2. Held-out lookalikes: the registry without Meta's spoof domains (and the operation's own
   brands), then each spoof domain that imitates a registered outlet is given to
   :meth:`~unspin.kb.outlets.OutletRegistry.lookalike` (recall, and whether the right outlet is named).
3. Held-out real domains: the registry without the entries that only the machine-made-media
   reliable list holds, then each of those real domains is checked (lookalike false alarms on
   real outlets the registry does not know).
4. Held-out real mastheads: US newspaper names of the Wikipedia list that only that list holds,
   with the list removed (how often a real paper unknown to the registry gets
   ``imposter_pattern``: the price of that finding).
5. Registry counts by type and by source.

Needs ../shared/data (skips with a message when absent).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict

from unspin.analyzers.outlet import OutletAnalyzer
from unspin.document import Document
from unspin.kb.outlets import OutletRegistry, _read_registry
from unspin.report.model import Article
from unspin.resources import Resources

from .common import data_path, iter_jsonl

FALSE_ALARM_KINDS = ("outlet.lookalike_domain", "outlet.imposter_pattern", "outlet.known_network")


def _records():
    p = data_path("recovery-covid-news-2020", "recovery_news_articles.jsonl")
    if p:
        for r in iter_jsonl(p):
            yield "RECOVERY 2020", r.get("outlet"), r.get("url"), r.get("reliability")
    p = data_path("buzzfeed-webis-2016", "buzzfeed_webis_2016.jsonl")
    if p:
        for r in iter_jsonl(p):
            yield "BuzzFeed-Webis 2016", r.get("outlet"), r.get("url"), r.get("orientation")


def _kinds(a: OutletAnalyzer, outlet: str | None, url: str | None) -> list:
    return [f for f in a.analyze(Document(title="", text="", article=Article(id="", source="<test>", outlet=outlet, url=url))) if hasattr(f, "kind")]


def _human_news(a: OutletAnalyzer) -> dict:
    by_corpus: dict = {}
    per_outlet: dict = defaultdict(Counter)
    alarms = []
    n = 0
    t0 = time.perf_counter()
    for corpus, outlet, url, label in _records():
        n += 1
        for mode, (o, u) in (("url+masthead", (outlet, url)), ("masthead only", (outlet, None))):
            if mode == "masthead only" and corpus.startswith("BuzzFeed"):
                continue  # its 'outlet' is a portal id (politico, right-wing-news), not a masthead
            fs = _kinds(a, o, u)
            kind = fs[0].kind if fs else "(none)"
            c = by_corpus.setdefault(f"{corpus}, {mode}", Counter())
            c[kind] += 1
            c["_articles"] += 1
            if mode == "url+masthead":
                per_outlet[f"{corpus}: {outlet} ({label})"][kind] += 1
            if kind in FALSE_ALARM_KINDS and len(alarms) < 30:
                alarms.append({"corpus": corpus, "mode": mode, "outlet": outlet, "url": u, "kind": kind,
                               "message": fs[0].message[:240]})
    dt = time.perf_counter() - t0
    return {"articles": n, "by_corpus": {k: dict(sorted(v.items())) for k, v in by_corpus.items()},
            "per_outlet": {k: dict(v) for k, v in sorted(per_outlet.items())},
            "false_alarm_examples": alarms, "ms_per_call": round(dt * 1000 / max(1, 2 * n), 3)}


def _held_out(raw: dict, patterns: dict) -> dict:
    # 2. spoof domains, registry without Meta's spoof and brand domains
    entries = raw["entries"]
    spoofs = [e for e in entries if e["type"] == "spoof" and e.get("extra", {}).get("imitates")]
    all_spoofs = [e for e in entries if e["type"] == "spoof"]
    kept = [e for e in entries if e["type"] not in ("spoof",) and "meta-threat-research" not in e["sources"]]
    reg = OutletRegistry({**raw, "entries": kept}, patterns)
    reg.prepare()
    hit = right = 0
    misses, other_hits = [], 0
    for e in spoofs:
        d = e["domains"][0]
        la = reg.lookalike(d)
        if la:
            hit += 1
            right += la.target_domain in e["extra"]["imitates"] or la.target.id in {
                (reg.lookup_host(x) or (None,))[0].id for x in e["extra"]["imitates"] if reg.lookup_host(x)}
        else:
            misses.append(d)
    for e in all_spoofs:
        if not e.get("extra", {}).get("imitates") and reg.lookalike(e["domains"][0]):
            other_hits += 1
    spoof = {"spoof_domains_imitating_a_registered_outlet": len(spoofs), "flagged": hit,
             "recall": round(hit / max(1, len(spoofs)), 3), "right_outlet_named": right,
             "missed_examples": misses[:15],
             "spoof_domains_without_registered_target": len(all_spoofs) - len(spoofs),
             "of_those_flagged_as_lookalike": other_hits}
    # 3. real domains only the machine-made reliable list holds
    only_rel = [e for e in entries if e["sources"] == ["machine-made-media:reliable"]]
    kept = [e for e in entries if e["sources"] != ["machine-made-media:reliable"]]
    reg = OutletRegistry({**raw, "entries": kept}, patterns)
    reg.prepare()
    fa = []
    for e in only_rel:
        la = reg.lookalike(e["domains"][0])
        if la:
            fa.append(f"{e['domains'][0]} ~ {la.target_domain} ({la.rule})")
    real = {"held_out_real_domains": len(only_rel), "flagged_as_lookalike": len(fa),
            "false_alarm_rate": round(len(fa) / max(1, len(only_rel)), 4), "examples": fa[:20]}
    # 4. real US newspaper names only the Wikipedia list holds
    only_wp = [e for e in entries if e["sources"] == ["wiki-media-cred"]]
    kept = [e for e in entries if e["sources"] != ["wiki-media-cred"]]
    reg = OutletRegistry({**raw, "entries": kept}, patterns)
    pat = known = 0
    for e in only_wp:
        name = e["names"][0]
        if reg.lookup_name(name)[0]:
            known += 1
        elif reg.masthead_pattern(name):
            pat += 1
    names = {"held_out_real_paper_names": len(only_wp), "still_matched_by_other_entries": known,
             "imposter_pattern": pat, "imposter_pattern_rate": round(pat / max(1, len(only_wp)), 3)}
    return {"spoof_recall": spoof, "real_domain_false_alarms": real, "real_masthead_pattern": names}


def run() -> dict:
    if data_path("recovery-covid-news-2020") is None and data_path("buzzfeed-webis-2016") is None:
        return {"name": "outlet registry", "skipped": "../shared/data not found"}
    res = Resources(())
    t0 = time.perf_counter()
    a = OutletAnalyzer()
    a.setup(res)
    setup_s = time.perf_counter() - t0
    raw = _read_registry(res)
    out = {"name": "outlet registry", "setup_s": round(setup_s, 2),
           "registry": raw["provenance"]["counts"], "masthead_nouns": len(a.registry.masthead_nouns)}
    out["human_news"] = _human_news(a)
    out["held_out"] = _held_out(raw, res.json("outlets/patterns.json"))
    return out


def render_md(r: dict) -> str:
    if r.get("skipped"):
        return f"## Outlet registry\n\nSkipped: {r['skipped']}.\n"
    c = r["registry"]
    out = ["## Outlet registry", "", "`python -m benchmarks.bench_outlet`. Registry built by "
           "`python scripts/build_outlet_registry.py`; analyzer setup " f"{r['setup_s']} s.", "",
           f"{c['entries']:,} entries. By type: " + ", ".join(f"{k} {v:,}" for k, v in c["by_type"].items()) + ".", "",
           "| source | entries |", "| --- | --- |"]
    out += [f"| {k} | {v:,} |" for k, v in c["by_source"].items()]
    h = r["human_news"]
    out += ["", f"Real outlets ({h['articles']:,} articles; {h['ms_per_call']} ms per call): the kind each article gets.", "",
            "| corpus, input | articles | kinds |", "| --- | --- | --- |"]
    for k, v in h["by_corpus"].items():
        kinds = ", ".join(f"{kk.replace('outlet.', '')} {vv}" for kk, vv in v.items() if not kk.startswith("_"))
        out.append(f"| {k} | {v['_articles']} | {kinds} |")
    out += ["", "| outlet (label) | kinds with URL |", "| --- | --- |"]
    for k, v in h["per_outlet"].items():
        out.append(f"| {k} | " + ", ".join(f"{kk.replace('outlet.', '')} {vv}" for kk, vv in v.items()) + " |")
    if h["false_alarm_examples"]:
        out += ["", "False alarms (lookalike / imposter / known network on real outlets):", ""]
        seen = set()
        for e in h["false_alarm_examples"]:
            key = (e["outlet"], e["kind"], e["mode"])
            if key not in seen:
                seen.add(key)
                out.append(f"- {e['corpus']} ({e['mode']}): {e['outlet']} -> `{e['kind']}`: {e['message']}")
    s = r["held_out"]["spoof_recall"]
    f = r["held_out"]["real_domain_false_alarms"]
    n = r["held_out"]["real_masthead_pattern"]
    out += ["", "Held out from the registry:", "",
            f"- Meta spoof domains imitating a registered outlet: {s['flagged']}/{s['spoof_domains_imitating_a_registered_outlet']} "
            f"flagged as lookalikes (recall {s['recall']}), right outlet named for {s['right_outlet_named']}; "
            f"missed e.g. {', '.join(s['missed_examples'][:8]) or '-'}. Spoof domains whose target the registry lacks: "
            f"{s['spoof_domains_without_registered_target']}, of which {s['of_those_flagged_as_lookalike']} flagged.",
            f"- Real domains only the reliable list knows: {f['flagged_as_lookalike']}/{f['held_out_real_domains']} "
            f"flagged as lookalikes (false-alarm rate {f['false_alarm_rate']}): {'; '.join(f['examples'][:10]) or '-'}.",
            f"- Real US paper names only the Wikipedia list knows: {n['imposter_pattern']}/{n['held_out_real_paper_names']} "
            f"get `imposter_pattern` (rate {n['imposter_pattern_rate']}); {n['still_matched_by_other_entries']} still match "
            "other entries. This is what the pattern costs on real papers the registry does not know.", ""]
    return "\n".join(out)


if __name__ == "__main__":
    res = run()
    if "--md" in sys.argv:
        print(render_md(res))
    else:
        json.dump(res, sys.stdout, indent=1, ensure_ascii=False)

"""The fitted verdict combiner: the numbers its fitting run recorded on the held-out split.

`python scripts/fit_verdict.py` runs every default analyzer over the labelled data (about 2 min,
cached in benchmarks/.cache), fits the weights and thresholds on one half and measures on the
other; it stores those measurements in `resources/verdict/weights.json`, which this section shows.
"""

from __future__ import annotations

import json

from .common import REPO

WEIGHTS = REPO / "src" / "unspin" / "resources" / "verdict" / "weights.json"


def run() -> dict:
    d = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    p = d["provenance"]
    if "held_out" not in p:
        return {"name": "verdict", "skipped": "weights.json holds no fitted numbers: run scripts/fit_verdict.py"}
    return {"name": "verdict", "date": p.get("date"), "held_out": p["held_out"], "human_news_all": p["human_news_all"],
            "labels": d["labels"], "analyzers": p.get("analyzers"), "weights": d["kind_weight"]}


def render_md(r: dict) -> str:
    h = r["held_out"]
    a = r["human_news_all"]
    out = ["## Verdict (fitted combiner)", "",
           f"`python scripts/fit_verdict.py` ({r['date']}; analyzer families {', '.join(r['analyzers'] or [])}): "
           f"thresholds likely_laundered ≥ {r['labels']['likely_laundered']}, suspicious ≥ {r['labels']['suspicious']}. "
           "Held-out half, split by source document:", "",
           "| texts | n | likely_laundered | suspicious or more |", "| --- | --- | --- | --- |"]
    for k in ("human news", "machine-translated", "LLM-written"):
        v = h[k]
        out.append(f"| {k} | {v['n']:,} | {v['likely_laundered'] * 100:.2f}% | {v['suspicious_or_more'] * 100:.2f}% |")
    out += ["", f"Precision of `likely_laundered` on the held-out mix {h['precision_likely_laundered (as mixed)']}, recall "
            f"{h['recall_likely_laundered']}; of suspicious-or-more {h['precision_suspicious_or_more (as mixed)']} / "
            f"{h['recall_suspicious_or_more']} (the mix has about 3 human articles per machine text).", "",
            f"All {a['n']:,} human news articles: `likely_laundered` on {a['likely_laundered_rate'] * 100:.2f}% (goal ≤ 0.5%); "
            f"of the {a['citing_state_media']['n']} that cite state media, {a['citing_state_media']['likely_laundered_rate'] * 100:.2f}%"
            + (f"; of the {a['attributed_narrative']['n']} that report a known narrative with attribution, "
               f"{a['attributed_narrative']['likely_laundered_rate'] * 100:.2f}%" if a["attributed_narrative"]["n"] else "")
            + ". (Half of these articles were used to fit.)", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

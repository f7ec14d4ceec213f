"""The optional model-backed `lm` analyzer: numbers recorded by its fitting run.

Scoring with the model takes about 1.5–2 s per article and needs `pip install '.[lm]'`, so
`make bench` does not rerun it: it shows what `python scripts/fit_lm_score.py` measured on its
held-out half and stored in `resources/llm/lm_calibration.json` (rerun that script to refresh).
"""

from __future__ import annotations

import json

from .common import REPO

CAL = REPO / "src" / "unspin" / "resources" / "llm" / "lm_calibration.json"


def run() -> dict:
    d = json.loads(CAL.read_text(encoding="utf-8"))
    ho = d["provenance"].get("held_out")
    if not ho:
        return {"name": "lm analyzer", "skipped": "lm_calibration.json holds no fitted numbers: run scripts/fit_lm_score.py"}
    return {"name": "lm analyzer", "source": d["provenance"]["source"], "date": d["provenance"].get("date"),
            "held_out": ho, "thresholds": d["thresholds"], "statistic": d["statistic"]}


def render_md(r: dict) -> str:
    ho = r["held_out"]
    rows = ["## Optional `lm` analyzer (model-backed, off by default)", "",
            f"Recorded by `{r['source'].split(' with ')[0]}` on {r['date']} ({r['source'].split(' with ')[1].split(':')[0]}); "
            "not rerun by `make bench` (needs `pip install '.[lm]'`, about 2 s per article). Held-out half of the pairs.", "",
            "| statistic | XSum GPT-4 | XSum GPT-3.5 | llmfake rewrite |", "| --- | --- | --- | --- |"]
    for stat, a in ho["auroc"].items():
        rows.append(f"| {stat} AUROC | {a.get('xsum-gpt-4')} | {a.get('xsum-gpt-3.5-turbo')} | {a.get('llmfake-rewrite')} |")
    t = ho["tpr_at_high"]
    rows += [f"| TPR at the 'high' threshold ({r['statistic']} ≥ {r['thresholds']['high']}) | {t.get('xsum-gpt-4')} | "
             f"{t.get('xsum-gpt-3.5-turbo')} | {t.get('llmfake-rewrite')} |", "",
             f"False-positive rate at 'high' on held-out human texts: {ho['fpr_high_on_held_out_humans'] * 100:.1f}%; "
             f"{ho['seconds_per_article']} s per article on one core. Anchor (FINDINGS.md): SmolLM2-135M mean log-likelihood "
             "0.923 AUROC on GPT-4 XSum, 0.978 on GPT-3.5. The model-free `llm.style` score does better on every set "
             "(see above), which is why this analyzer stays optional.", ""]
    return "\n".join(rows)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

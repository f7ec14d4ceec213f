"""Articles written after the detectors, in wordings none of them was tuned on (laundered from
Russian and Chinese sources, and a wire report that cites state media and quotes a narrative with
attribution). They pin what the tool must generalise to; the fixtures are our own writing."""

from pathlib import Path

import pytest

import unspin

HERE = Path(__file__).parent / "unseen"

CASES = {
    "laundered-ru-pinewood.txt": {
        "verdict": "likely_laundered",
        "kinds": {"llm.prompt_leftover": "Below is a rewritten version", "headline.body_mismatch": "Won't Tell You",
                  "translation.transliteration": "MTschS", "translation.name_variant": "Wolodin",
                  "source.state_media": "RIA Novosti", "narrative.match": "Western press has chosen to remain silent"},
    },
    "laundered-zh-clearwater.txt": {
        "verdict": "likely_laundered",
        "kinds": {"translation.transliteration": "Yidai Yilu", "llm.chatbot_residue": "knowledge cutoff",
                  "llm.placeholder": "[Add a quote", "source.state_media": "Xinhua", "translation.calque": "inject strong momentum into"},
    },
    "wire-kremlin-grain.txt": {"verdict": "no_strong_signals", "kinds": {}},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_wordings(name):
    want = CASES[name]
    r = unspin.analyze(HERE / name)
    assert r.verdict.label == want["verdict"], r.verdict.summary
    for kind, piece in want["kinds"].items():
        assert any(f.kind == kind and any(piece in s.text or s.text in piece and len(s.text) >= 3 for s in f.evidence)
                   for f in r.findings), (kind, piece, [(f.kind, [s.text for s in f.evidence]) for f in r.findings])
    if want["verdict"] == "no_strong_signals":
        # the narrative it quotes is reported, not asserted
        narr = [f for f in r.findings if f.kind == "narrative.match"]
        assert narr and all(f.data["voice"] == "attributed" for f in narr)

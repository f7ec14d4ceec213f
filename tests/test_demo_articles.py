"""The repo's own demo articles: every planted mark is found with the right evidence, and the
clean ones raise no transformation finding (examples/expected.json lists the marks)."""

import json

import pytest

import unspin

EXPECTED_FILE = "examples/expected.json"


def _expected(repo):
    data = json.loads((repo / EXPECTED_FILE).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def test_every_demo_article_is_listed(repo):
    listed = set(_expected(repo))
    present = {f"articles/{p.name}" for p in (repo / "examples" / "articles").iterdir()}
    assert listed == present


@pytest.mark.parametrize("name", ["harbour-ledger-drones.txt", "lakeshore-tribune-port.html", "riverbend-post-grid.txt",
                                  "valley-courier-school-board.txt", "wire-grain-exports.json", "night-shift-tabloid.txt",
                                  "millbrook-sentinel-mill-oped.txt"])
def test_planted_marks_are_found(repo, name):
    exp = _expected(repo)[f"articles/{name}"]
    report = unspin.analyze(repo / "examples" / "articles" / name)
    missing = []
    for mark in exp["marks"]:
        if "data" in mark:  # findings about metadata (the masthead, the URL) name what they checked in data
            hits = [f for f in report.findings if f.kind == mark["kind"]
                    and all(f.data.get(k) == v for k, v in mark["data"].items())]
        else:
            hits = [f for f in report.findings if f.kind == mark["kind"]
                    and any(mark["evidence"] in s.text or s.text in mark["evidence"] and len(s.text) >= 3 for s in f.evidence)]
        if not hits:
            missing.append(mark)
    assert not missing, (missing, [(f.kind, [s.text for s in f.evidence]) for f in report.findings])
    if exp["clean"]:
        bad = [(f.kind, f.message) for f in report.findings if f.kind.split(".")[0] in ("llm", "translation")]
        assert not bad
        assert report.verdict.label == "no_strong_signals"
    if exp.get("verdict"):
        assert report.verdict.label == exp["verdict"], report.verdict.summary
    if exp.get("nothing_above_info"):
        loud = [(f.kind, f.severity) for f in report.findings if f.severity != "info"]
        assert not loud

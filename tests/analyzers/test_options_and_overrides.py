"""Options and resource overrides of the sources, llm, headline, narrative, outlet and persuasion
analyzers: a user resources directory holding a modified copy of one of an analyzer's resource
files changes its output (``PipelineSpec`` with ``settings.resources=(dir,)``). Threads, pickling
and declared needs are checked for every analyzer in ``test_contracts.py``."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest

from unspin import PipelineSpec
from unspin.resources import Resources
from unspin.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def _doc_text(name: str) -> str:
    return (ROOT / "tests" / "unseen" / name).read_text(encoding="utf-8")


def test_llm_with_style_option_turns_the_style_score_off():
    text = _doc_text("laundered-ru-pinewood.txt")
    on = PipelineSpec(analyzers=("llm",)).build().analyze_text(text)
    off = PipelineSpec(analyzers=("llm",), options={"llm": {"with_style": False}}).build().analyze_text(text)
    assert "llm.style" in {f.kind for f in on.findings}
    assert "llm.style" not in {f.kind for f in off.findings}
    assert {f.kind for f in off.findings} == {f.kind for f in on.findings} - {"llm.style"}


def test_narrative_with_cases_option():
    from unspin.analyzers import registry

    assert registry.check_options("narrative", {"with_cases": False}) == (("embeddings", None), ("with_cases", False))
    pipe = PipelineSpec(analyzers=("narrative",), options={"narrative": {"with_cases": False}}).build()
    assert pipe.instances[0].with_cases is False


def test_unknown_option_is_a_usage_error():
    from unspin import UsageError

    with pytest.raises(UsageError, match="with_styl"):
        PipelineSpec(analyzers=("llm",), options={"llm": {"with_styl": False}}).build()


# -- resource overrides --------------------------------------------------------------------------

def _override(tmp_path, name: str, change) -> PipelineSpec:
    d = copy.deepcopy(Resources().json(name))
    change(d)
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return replace(load_settings(), resources=(str(tmp_path),))


def _kinds(analyzer, text, settings=None, overrides=None):
    spec = PipelineSpec(analyzers=(analyzer,), settings=settings or load_settings())
    return spec.build().analyze_text(text, overrides=overrides)


def test_override_sources_media_aliases(tmp_path):
    text = "The Daily Planet said on Monday that the dam would be closed, officials added."
    before = _kinds("sources", text)
    assert "source.state_media" not in {f.kind for f in before.findings}
    s = _override(tmp_path, "sources/media_aliases.json", lambda d: d["entries"].append(
        {"canonical": "Daily Planet", "country": "XX", "kind": "state_media", "aliases": ["Daily Planet"]}))
    after = _kinds("sources", text, s)
    assert "source.state_media" in {f.kind for f in after.findings}


def test_override_llm_residue(tmp_path):
    text = "The mayor opened the new bridge on Monday. [Blue Widget] said the cost was fair."
    assert "llm.placeholder" not in {f.kind for f in _kinds("llm", text).findings}
    s = _override(tmp_path, "llm/residue.json", lambda d: d["placeholder"]["slot_last_nouns"]["all"].append("widget"))
    assert "llm.placeholder" in {f.kind for f in _kinds("llm", text, s).findings}


def test_override_headline_cues(tmp_path):
    text = "Zorblax council budget\n\nThe council met on Tuesday and passed the budget."
    assert not _kinds("headline", text).findings
    s = _override(tmp_path, "headline/cues.json", lambda d: d["cues"].append(
        {"class": "shock", "weight": 1.0, "pattern": r"\bzorblax\b"}))
    assert "headline.sensational" in {f.kind for f in _kinds("headline", text, s).findings}


def test_override_narrative_taxonomy(tmp_path):
    text = _doc_text("laundered-ru-pinewood.txt")
    before = [f for f in _kinds("narrative", text).findings if f.severity != "info"]
    assert before, "the article must hold a narrative in the article's own voice"

    def attribute_everything(d):
        d["voice"]["attribution"]["en"].append(r"\w")

    after = _kinds("narrative", text, _override(tmp_path, "narratives/taxonomy.json", attribute_everything))
    assert after.findings and all(f.severity == "info" for f in after.findings)


def test_override_outlet_patterns(tmp_path):
    meta = {"url": "https://zqxv-daily-herald.com/news/1"}
    text = "The council met on Tuesday."
    assert _kinds("outlet", text, overrides=meta).findings
    s = _override(tmp_path, "outlets/patterns.json", lambda d: d["platforms"].append("zqxv-daily-herald.com"))
    assert not _kinds("outlet", text, s, overrides=meta).findings


def test_override_persuasion_taxonomy(tmp_path):
    text = (ROOT / "examples" / "articles" / "millbrook-sentinel-mill-oped.txt").read_text(encoding="utf-8")
    assert any(f.kind.startswith("persuasion.") for f in _kinds("persuasion", text).findings)

    def describe(d):
        for t in d["techniques"].values():
            t["description"] = "OVERRIDDEN DESCRIPTION."

    after = _kinds("persuasion", text, _override(tmp_path, "persuasion/taxonomy.json", describe))
    assert after.findings and all("OVERRIDDEN DESCRIPTION." in f.message for f in after.findings)


def test_override_persuasion_cues_reach_the_model(tmp_path):
    """persuasion/cues.json is read through the resources (it used to be opened by path)."""
    from unspin.models.persuasion import Lexicon

    s = _override(tmp_path, "persuasion/cues.json", lambda d: d["loaded"].append("zorblaxian"))
    lex = Lexicon.from_resources(Resources(s.resources))
    assert lex.cues["zorblaxian"] == 1
    inst = PipelineSpec(analyzers=("persuasion",), settings=s).build().instances[0]
    assert inst.model.lexicon.cues.get("zorblaxian") == 1

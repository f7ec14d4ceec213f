"""Re-entrancy, pickling, options, declared needs and resource overrides of the sources, llm,
headline, narrative, outlet and persuasion analyzers.

- one set-up instance, 8 threads analysing different documents at once: the same findings as
  one thread analysing them in turn;
- a pickled instance (rebuilt from its context) gives the same findings;
- every Document part an analyzer reads is in its ``needs``;
- a user resources directory holding a modified copy of one of its resource files changes its
  output (``PipelineSpec`` with ``settings.resources=(dir,)``).
"""

from __future__ import annotations

import copy
import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from unspin import Document, PipelineSpec
from unspin.ingest import apply_overrides, normalize, read_text
from unspin.resources import Resources
from unspin.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("sources", "llm", "headline", "narrative", "outlet", "persuasion")
OUTLETS = [json.loads(x) for x in (ROOT / "tests" / "gold" / "outlet.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def _texts() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "tests" / "unseen").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
    paths += sorted((ROOT / "examples" / "articles").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def _docs(pipe) -> list[Document]:
    docs = []
    for i, (name, text) in enumerate(_texts() * 2):  # 2 x the articles, with varied mastheads/URLs
        raw = read_text(text, name)
        o = OUTLETS[i % len(OUTLETS)]
        if i >= len(_texts()):
            apply_overrides(raw, {"outlet": o.get("outlet"), "url": o.get("url")})
        doc = normalize(raw)
        doc.prepare(pipe.needs | {"tokens", "title_tokens"})
        docs.append(doc)
    return docs


def _out(inst, doc) -> list[dict]:
    return [x.to_dict() for x in inst.analyze(doc)]


@pytest.fixture(scope="module", params=NAMES)
def setup_(request):
    pipe = PipelineSpec(analyzers=(request.param,)).build()
    return request.param, pipe, pipe.instances[0], _docs(pipe)


def test_eight_threads_give_the_sequential_findings(setup_):
    name, _, inst, docs = setup_
    sequential = [_out(inst, d) for d in docs]
    assert any(sequential), f"{name}: the test documents must give findings"
    with ThreadPoolExecutor(8) as pool:
        for _ in range(2):
            threaded = list(pool.map(lambda d: _out(inst, d), docs))
            assert threaded == sequential


def test_a_pickled_instance_gives_the_same_findings(setup_):
    name, _, inst, docs = setup_
    clone = pickle.loads(pickle.dumps(inst))
    assert type(clone) is type(inst)
    assert [_out(clone, d) for d in docs[:6]] == [_out(inst, d) for d in docs[:6]]


class _Refusing:
    """A Document that refuses the parts an analyzer did not declare."""

    def __init__(self, doc: Document, needs):
        self._doc, self._needs = doc, frozenset(needs)

    def _check(self, *parts):
        missing = [p for p in parts if p not in self._needs]
        if missing:
            raise AssertionError(f"reads undeclared Document parts {missing}")

    def field(self, name):
        self._check(name)
        return self._doc.field(name)

    def __getattr__(self, name):
        parts = {"word_count": ("tokens",), "sentence_paragraph": ("sentences", "paragraphs"),
                 "tokens_in": ("tokens",)}.get(name, (name,))
        self._check(*parts)
        return getattr(self._doc, name)


def test_every_part_read_is_declared(setup_):
    name, _, inst, docs = setup_
    for d in docs:
        assert _out(inst, _Refusing(d, inst.needs)) == _out(inst, d)


def test_every_kind_emitted_is_declared(setup_):
    name, _, inst, docs = setup_
    kinds = {f["kind"] for d in docs for f in _out(inst, d) if "kind" in f}
    assert kinds <= set(inst.produces)


# -- options -----------------------------------------------------------------------------------

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

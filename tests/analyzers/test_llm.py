import json
from pathlib import Path

import pytest

from unspin import Article, Document
from unspin.analyzers.llm import LLMAnalyzer
from unspin.resources import Resources

GOLD = Path(__file__).parent.parent / "gold" / "llm.jsonl"

# Quality gate on our own gold set (tests/gold/llm.jsonl: residue in 8 languages in wordings
# written for the test, and hard negatives from ordinary news style). Measured when pinned:
# precision 1.00, recall 1.00 over the four residue kinds. Lower only with a reason.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95


@pytest.fixture(scope="module")
def residue():
    a = LLMAnalyzer(with_style=False)
    a.setup(Resources(()))
    return a


def run(a, text, title="", lang="en"):
    doc = Document(title=title, text=text, language=lang)
    fs = list(a.analyze(doc))
    for f in fs:
        for s in f.evidence:
            assert doc.field(s.field)[s.start : s.end] == s.text
    return fs


def test_gold_precision_recall(residue):
    tp = fp = fn = 0
    errors = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        fs = run(residue, g["text"], lang=g.get("lang", "en"))
        got = {f.kind for f in fs}
        exp = set(g["kinds"])
        tp += len(got & exp)
        fp += len(got - exp)
        fn += len(exp - got)
        if got != exp:
            errors.append((g["text"], sorted(got)))
        if "severity" in g and fs:
            assert fs[0].severity == g["severity"], g
    assert tp / max(1, tp + fp) >= PRECISION_FLOOR, errors
    assert tp / max(1, tp + fn) >= RECALL_FLOOR, errors


def test_meta_commentary_evidence_is_the_whole_note(residue):
    text = ("The mayor visited the plant (the abbreviation TEC here most likely denotes a heating plant, "
            "but the original wording is unclear). Work resumed.")
    [f] = run(residue, text)
    assert f.kind == "llm.meta_commentary" and f.severity == "high"
    assert f.evidence[0].text.startswith("(the abbreviation") and f.evidence[0].text.endswith("unclear)")


def test_chatbot_in_narrator_voice_is_high_and_quoted_is_medium(residue):
    [f] = run(residue, "As an AI language model, I cannot confirm these numbers. Officials said 12 died.")
    assert f.kind == "llm.chatbot_residue" and f.severity == "high" and not f.data["quoted"]
    [g] = run(residue, 'The bot answered: "As an AI language model, I cannot confirm these numbers." Critics laughed.')
    assert g.severity == "medium" and g.data["quoted"]


def test_quoted_person_refusing_is_not_a_chatbot(residue):
    assert run(residue, '"I cannot comment on that," the minister said.') == []
    assert run(residue, "I'm sorry, but I can't support this bill, the senator told reporters.") == []


def test_prompt_label_in_the_title(residue):
    [f] = run(residue, "Body text here.", title="Headline: Town Rallies Behind Veterans")
    assert f.kind == "llm.prompt_leftover" and f.evidence[0].field == "title"


def test_tone_request_needs_rewriting_context(residue):
    assert run(residue, "The governor spoke in a critical tone about the budget.") == []
    fs = run(residue, "This article was rewritten with a critical stance toward the mayor.")
    assert [f.kind for f in fs] == ["llm.prompt_leftover"]


def test_markdown_alone_is_low(residue):
    [f] = run(residue, "## Background\n\nThe council met. **Key point**: costs rose.")
    assert f.severity == "low" and f.data["role"] == "markdown" and f.data["count"] == 2


def test_placeholders(residue):
    kinds = [f.data["role"] for f in run(residue, "Revenue rose XX% in 20XX, said [Name of CEO]. Call <name>.")]
    assert sorted(kinds) == ["bracketed template slot", "number placeholder", "number placeholder", "template variable"]
    assert run(residue, "He was sentenced [sic] in the XX century to [the] prison term.") == []


def test_clean_articles_raise_nothing(residue, fixtures):
    from unspin.ingest import normalize, read_inputs

    for name in ("clean.txt",):
        [raw] = list(read_inputs([str(fixtures / name)]))
        doc = normalize(raw)
        assert list(residue.analyze(doc)) == []


def test_every_language_has_every_role():
    d = Resources(()).json("llm/residue.json")
    langs = {"en", "fr", "de", "es", "it", "pl", "ru", "uk"}
    for role in ("ai_self", "cutoff", "refusal"):
        assert set(d["chatbot"][role]) == langs, role
    for part in ("ling_strong", "ling_sentence", "hedge"):
        assert set(d["meta"][part]) == langs, part
    assert set(d["prompt"]["intro"]) == langs
    assert set(d["placeholder"]["verbs"]) == langs and set(d["placeholder"]["slot_nouns"]) == langs


def test_style_is_part_of_the_registered_analyzer():
    a = LLMAnalyzer()
    a.setup(Resources(()))
    assert a.style is not None
    short = Document(title="", text="Too short for a style score. " * 3, language="en")
    assert [f for f in a.analyze(short) if f.kind == "llm.style"] == []


def test_style_in_an_opinion_section_is_info_not_evidence():
    from tests.models.test_style import LLM

    a = LLMAnalyzer()
    a.setup(Resources(()))
    news = Document(title="Parking fees rise", text=LLM, language="en", article=Article(id="", source="<test>", section="Local news"))
    opinion = Document(title="Parking fees rise", text=LLM, language="en", article=Article(id="", source="<test>", section="Opinion"))
    [in_news] = [f for f in a.analyze(news) if f.kind == "llm.style"]
    [in_opinion] = [f for f in a.analyze(opinion) if f.kind == "llm.style"]
    assert in_news.severity in ("low", "medium") and in_news.data["out_of_domain_section"] is None
    assert in_opinion.severity == "info" and in_opinion.data["out_of_domain_section"] == "Opinion"
    assert "filed under 'Opinion'" in in_opinion.message
    # the strongest features are named, so a reader sees why
    assert in_news.data["drivers"] and all(d["logit"] > 0 for d in in_news.data["drivers"])

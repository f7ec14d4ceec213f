import json
from pathlib import Path

import pytest

from unspin import Document
from unspin.analyzers.narrative import NarrativeAnalyzer
from unspin.resources import Resources

GOLD = Path(__file__).parent.parent / "gold" / "narrative.jsonl"

# Quality gate on our own gold set (tests/gold/narrative.jsonl: 32 passages written for unspin in
# en, ru, fr, de: 15 narratives in the article's voice, 7 reported with attribution, 10 neutral).
# Measured at the time of pinning: adopted recall 13/15 = 0.87, adopted precision 1.00, voice
# right on 7/7 attributed passages, no finding on the 10 neutral ones. The passages were written
# by the catalogue's authors, so these are optimistic; the floors catch regressions.
ADOPTED_RECALL_FLOOR = 0.75
ADOPTED_PRECISION_FLOOR = 0.95
ATTRIBUTED_RECALL_FLOOR = 0.8
NARRATIVE_RIGHT_FLOOR = 0.9


@pytest.fixture(scope="module")
def analyzer():
    a = NarrativeAnalyzer()
    a.setup(Resources(()))
    return a


def run(a, text, lang="en"):
    doc = Document(title="", text=text, language=lang)
    return doc, list(a.analyze(doc))


def test_gold_set_floors(analyzer):
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    adopted_tp = adopted_fp = adopted_n = attributed_ok = attributed_n = right = matched = 0
    for g in gold:
        _, fs = run(analyzer, g["text"], g["lang"])
        adopted = [f for f in fs if f.data["voice"] == "adopted"]
        if g["expect"] == "adopted":
            adopted_n += 1
            adopted_tp += bool(adopted)
        else:
            adopted_fp += bool(adopted)
        if g["expect"] == "attributed":
            attributed_n += 1
            attributed_ok += bool(fs) and all(f.data["voice"] == "attributed" and f.severity == "info" for f in fs)
        if g["expect"] != "none" and fs:
            matched += 1
            right += fs[0].data["narrative_id"].startswith(g["narrative"] + ".")
        if g["expect"] == "none":
            assert not fs, (g["text"], [f.message for f in fs])
    assert adopted_tp / adopted_n >= ADOPTED_RECALL_FLOOR
    assert adopted_tp / max(1, adopted_tp + adopted_fp) >= ADOPTED_PRECISION_FLOOR
    assert attributed_ok / attributed_n >= ATTRIBUTED_RECALL_FLOOR
    assert right / matched >= NARRATIVE_RIGHT_FLOOR


def test_adopted_claim_is_medium_with_exact_evidence_and_cases(analyzer):
    text = ("Officials opened a new bridge on Monday.\n\n"
            "Everyone knows the truth: Ukraine is governed by neo-Nazis, and its regime openly glorifies "
            "Bandera and his fascist followers.")
    doc, fs = run(analyzer, text)
    [f] = fs
    assert f.kind == "narrative.match" and f.severity == "medium"
    assert f.data["voice"] == "adopted" and f.data["narrative_id"] == "URW.discredit_ua.nazism"
    assert f.data["narrative"] == "Discrediting Ukraine" and f.data["subnarrative"] == "Ukraine is associated with nazism"
    for sp in f.evidence:
        assert doc.field(sp.field)[sp.start:sp.end] == sp.text
    assert "bridge" not in " ".join(sp.text for sp in f.evidence)
    assert len(f.data["cases"]) == 3
    for c in f.data["cases"]:
        assert c["id"].startswith("evd-") and c["title"] and c["disproof"] and (c["url"] or c["ref"])
    assert "own voice" in f.message


def test_same_claim_attributed_is_info(analyzer):
    quoted = ("“Ukraine is governed by neo-Nazis who glorify Bandera and his fascist followers,” the "
              "Russian ambassador said on Tuesday.")
    reported = ("The Russian ambassador claimed that Ukraine is governed by neo-Nazis who glorify Bandera "
                "and his fascist followers.")
    for text in (quoted, reported):
        doc, fs = run(analyzer, text)
        assert fs and all(f.severity == "info" and f.data["voice"] == "attributed" for f in fs), text
        assert all(doc.text[s.start:s.end] == s.text for f in fs for s in f.evidence)


def test_quotation_alone_makes_it_attributed(analyzer):
    text = "Ahead of the summit, one banner read: “Sanctions hurt Europe more than Russia and cause the energy crisis”."
    _, fs = run(analyzer, text)
    assert fs and fs[0].data["voice"] == "attributed" and fs[0].data["voice_reason"] == "inside a quotation"


def test_neutral_war_and_climate_news_is_silent(analyzer):
    text = ("Russian missiles hit energy infrastructure in western Ukraine overnight, the air force said.\n\n"
            "NATO defence ministers will meet in Brussels next week to discuss air defence supplies.\n\n"
            "The government wants a third of the country's electricity to come from offshore wind by 2030.")
    _, fs = run(analyzer, text)
    assert fs == []


def test_climate_denial_in_own_voice(analyzer):
    _, fs = run(analyzer, "Man-made global warming is a myth: the climate has always changed through natural cycles of the sun.")
    assert fs and fs[0].data["domain"] == "CC" and fs[0].data["voice"] == "adopted"
    assert fs[0].severity in ("low", "medium")


def test_russian_adopted_and_unsupported_language(analyzer):
    _, fs = run(analyzer, "Расширение НАТО на восток спровоцировало войну, а Запад сорвал Минские соглашения.", "ru")
    assert fs and fs[0].data["narrative_id"] == "URW.blame.west_aggressor" and fs[0].data["voice"] == "adopted"
    # the cases are English: for ru they are the ones linked to the sub-narrative
    assert all(c["how"] == "linked" for c in fs[0].data["cases"])
    _, fs = run(analyzer, "NATO-uitbreiding heeft de oorlog uitgelokt.", "nl")
    assert fs == []


def test_without_cases(analyzer):
    a = NarrativeAnalyzer(with_cases=False)
    a.setup(Resources(()))
    _, fs = run(a, "Ukraine is governed by neo-Nazis and its regime glorifies Bandera and his fascist followers.")
    assert fs and fs[0].data["cases"] == []


def test_declared_attributes():
    assert NarrativeAnalyzer.name == "narrative" and NarrativeAnalyzer.version == "2"
    assert NarrativeAnalyzer.produces == ("narrative.match",)
    assert {"text", "sentences", "paragraphs", "language"} <= NarrativeAnalyzer.needs


def test_headline_is_a_passage_too(analyzer):
    doc = Document(title="Sanctions hurt Europe more than Russia, the energy crisis proves it",
                   text="Prices rose again this winter.", language="en")
    fs = list(analyzer.analyze(doc))
    assert fs and fs[0].evidence[0].field == "title"
    assert doc.title[fs[0].evidence[0].start:fs[0].evidence[0].end] == fs[0].evidence[0].text


def test_undetermined_language_falls_back_to_english_only_for_latin_text(analyzer):
    assert analyzer.language(Document(text="Sanctions hurt Europe more than Russia.", language="und")) == "en"
    assert analyzer.language(Document(text="Санкции бьют по Европе сильнее, чем по России.", language="und")) is None
    assert analyzer.language(Document(text="Text", language="fr")) == "fr"


def test_debunking_frame_is_attributed_but_propaganda_words_are_not(analyzer):
    _, fs = run(analyzer, "The claim that Ukraine is governed by neo-Nazis who glorify Bandera is false and has been debunked.")
    assert fs and all(f.data["voice"] == "attributed" for f in fs)
    # "lie", "fake", "disinformation" are the narrative's own words about its opponents
    _, fs = run(analyzer, "Western media lie every day: they hide the truth about the war and spread fake news and disinformation.")
    assert fs and fs[0].data["voice"] == "adopted" and fs[0].data["narrative_id"].startswith("URW.media_distrust")


def test_climate_findings_carry_no_euvsdisinfo_cases(analyzer):
    _, fs = run(analyzer, "Climate change is a hoax and a pretext that global elites use to control us and raise taxes.")
    assert fs and fs[0].data["domain"] == "CC" and fs[0].data["cases"] == []

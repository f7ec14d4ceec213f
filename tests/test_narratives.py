import json
import sys
from pathlib import Path

import pytest

from unspin.analyzers.narrative import NarrativeAnalyzer
from unspin.document import Document
from unspin.narratives import BM25, NarrativeCatalogue, excerpt, stem, terms
from unspin.resources import Resources

REPO = Path(__file__).resolve().parent.parent


def tiny_taxonomy() -> dict:
    def entry(sid, nid, label, desc, cues):
        return {"id": f"{nid}.{sid}", "narrative": nid, "label": label,
                "description": {"en": desc}, "cues": {"en": cues}}

    return {
        "provenance": {"name": "narratives/taxonomy", "version": "test", "what": "tiny test catalogue"},
        "languages": ["en"],
        "narratives": [
            {"id": "T.moon", "domain": "T", "label": "Moon doubts", "description": {"en": "Doubts about the moon landing."}},
            {"id": "T.water", "domain": "T", "label": "Water fears", "description": {"en": "Fears about tap water."}},
        ],
        "subnarratives": [
            entry("staged", "T.moon", "The landing was staged", "The landing was filmed in a studio by a director.",
                  ["the moon landing was staged", "filmed in a studio"]),
            entry("cheese", "T.moon", "The moon is not rock", "The moon is made of cheese and not rock.",
                  ["the moon is not rock"]),
            entry("poison", "T.water", "Tap water is poisoned", "Chemicals added to tap water poison people.",
                  ["chemicals poison the tap water"]),
        ],
        "stopwords": {"en": ["the", "a", "is", "was", "in", "of", "by", "to", "and", "about", "are", "it", "said"]},
        "topic_words": {"en": ["moon", "water"]},
        "negations": {"en": ["not", "no"]},
        "voice": {"attribution": {"en": [r"\b(?:said|claimed|according to)\b"]}},
        "thresholds": {"match": 3.0, "medium": 6.0, "min_terms": 2},
    }


def tiny_cases() -> dict:
    return {"provenance": {"name": "narratives/euvsdisinfo", "version": "test"}, "cases": [
        {"id": "c1", "title": "A studio filmed the landing", "date": "2016-01-01", "keywords": ["space"],
         "summary": "A famous director filmed the moon landing in a studio.", "disproof": "Rock samples and telemetry prove the landings.",
         "url": None, "ref": "test issue 1", "narratives": [{"id": "T.moon.staged", "score": 9.0}]},
        {"id": "c2", "title": "Fluoride poisons towns", "date": "2016-01-02", "keywords": ["water"],
         "summary": "Chemicals in tap water poison whole towns.", "disproof": "Concentrations are far below harmful levels.",
         "url": "https://example.org/c2", "ref": None, "narratives": [{"id": "T.water.poison", "score": 8.0}]},
    ]}


def test_stemmer_conflates_inflections():
    assert stem("provoked", "en") == stem("provoke", "en") == stem("provokes", "en")
    assert stem("nazis", "en") == stem("nazi", "en")
    assert stem("crisis", "en") == "crisis"
    assert stem("украинские", "ru") == stem("украинская", "ru")
    assert stem("élargissement", "fr") == stem("élargissements", "fr")
    assert stem("Erweiterungen".lower(), "de") == stem("erweiterung", "de")
    assert stem("word", "xx") == "word"


def test_terms_drop_stopwords_and_split_hyphens():
    assert terms("Der NATO-Osterweiterung und Krieg", "de", frozenset({"der", "und"})) == ["nato", "osterweiter", "krieg"]
    assert terms("L'expansion de l'OTAN", "fr", frozenset({"de"})) == ["expansion", "otan"]


def test_bm25_ranks_the_matching_document_first():
    idx = BM25([["moon", "studio", "film"], ["water", "poison"], ["moon", "cheese"]])
    s = idx.score(["studio", "film", "film"])
    assert s.argmax() == 0 and s[1] == 0
    assert idx.matched(["studio", "water"], 0) == ["studio"]
    # a rarer term weighs more than a common one
    assert idx.idf["studio"] > idx.idf["moon"]


def test_catalogue_retrieval_cues_negation_and_subject():
    cat = NarrativeCatalogue(tiny_taxonomy(), tiny_cases())
    m = cat.best("Everyone knows the moon landing was staged and filmed in a studio.", "en")
    assert cat.subs[m.sub]["id"] == "T.moon.staged" and m.cue is not None and m.claim_terms >= 2
    # the cue "the moon is not rock" needs its negation
    with_neg = cat.best("The moon is not rock at all.", "en")
    without = cat.best("The moon is rock at all.", "en")
    assert with_neg.cue == "the moon is not rock" and without.cue is None
    # a cue needs its subject (topic word): "chemicals poison" alone is not about tap water
    assert cat.best("Chemicals poison the soil of farms.", "en").cue is None
    assert cat.best("nothing in common here", "en") is None
    assert cat.best("moon landing", "xx") is None
    assert cat.sub_info(0)["narrative"] == "Moon doubts"


def test_nearest_cases_by_retrieval_and_by_link():
    cat = NarrativeCatalogue(tiny_taxonomy(), tiny_cases())
    cat.case_min_score = cat.case_min_claim_score = 0.1
    near = cat.nearest_cases("Chemicals in the tap water poison towns.", "en", sub=2)
    assert near[0]["id"] == "c2" and near[0]["url"] == "https://example.org/c2" and near[0]["how"] == "retrieval"
    near = cat.nearest_cases("whatever", "de", sub=0)
    assert [c["id"] for c in near] == ["c1"] and near[0]["how"] == "linked"


def test_excerpt():
    assert excerpt("short  text", 50) == "short text"
    e = excerpt("word " * 100, 40)
    assert e.endswith("…") and len(e) <= 41


def test_analyzer_on_a_tiny_catalogue_in_a_resources_dir(tmp_path):
    d = tmp_path / "narratives"
    d.mkdir()
    (d / "taxonomy.json").write_text(json.dumps(tiny_taxonomy()), encoding="utf-8")
    (d / "euvsdisinfo.json").write_text(json.dumps(tiny_cases()), encoding="utf-8")
    a = NarrativeAnalyzer()
    a.setup(Resources((str(tmp_path),)))
    text = "Weather was fine.\n\nThe moon landing was staged: a director filmed it in a studio.\n\nAn expert said chemicals poison the tap water."
    doc = Document(text=text, language="en")
    fs = {f.data["narrative_id"]: f for f in a.analyze(doc)}
    assert fs["T.moon.staged"].data["voice"] == "adopted" and fs["T.moon.staged"].severity in ("low", "medium")
    assert fs["T.water.poison"].data["voice"] == "attributed" and fs["T.water.poison"].severity == "info"
    for f in fs.values():
        for sp in f.evidence:
            assert doc.text[sp.start:sp.end] == sp.text
    assert "resource" in fs["T.moon.staged"].data


def test_shipped_taxonomy_is_complete():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from build_narratives import check_taxonomy
    finally:
        sys.path.pop(0)
    r = Resources(())
    tax = r.json("narratives/taxonomy.json")
    assert check_taxonomy(tax, None) == []
    assert len(tax["narratives"]) == 21 and len(tax["subnarratives"]) == 75
    cases = r.json("narratives/euvsdisinfo.json")
    assert "EUvsDisinfo" in cases["provenance"]["source"]
    assert len(cases["cases"]) > 2000
    assert len({c["id"] for c in cases["cases"]}) == len(cases["cases"])


@pytest.mark.parametrize("lang", ["en", "ru", "fr", "de"])
def test_every_language_index_is_built(lang):
    cat = NarrativeCatalogue(Resources(()).json("narratives/taxonomy.json"))
    assert cat.index[lang].n == 75 and cat.entities[lang]


def test_nearest_cases_need_claim_words_not_just_the_subject():
    cat = NarrativeCatalogue(tiny_taxonomy(), tiny_cases())
    cat.case_min_score = 0.1
    cat.case_min_claim_score = 1.0
    assert cat.nearest_cases("The moon and the water.", "en", sub=0) == []
    assert cat.nearest_cases("A director filmed it in a studio.", "en", sub=0)[0]["id"] == "c1"

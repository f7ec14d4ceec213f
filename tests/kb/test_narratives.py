import json
import sys
from pathlib import Path

import pytest

from unspin import Document
from unspin.analyzers.narrative import NarrativeAnalyzer
from unspin.kb.narratives import BM25, NarrativeCatalogue, excerpt, stem, terms
from unspin.resources import Resources

REPO = Path(__file__).resolve().parents[2]


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
    near = cat.nearest_cases("Chemicals in the tap water poison towns.", "en", sub=None)
    assert near[0]["id"] == "c2" and near[0]["url"] == "https://example.org/c2" and near[0]["how"] == "retrieval"
    # the cases linked to the matched sub-narrative come first, then free retrieval
    near = cat.nearest_cases("Chemicals in the tap water poison towns.", "en", sub=0)
    assert [(c["id"], c["how"]) for c in near] == [("c1", "linked"), ("c2", "retrieval")]
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
    assert cat.nearest_cases("The moon and the water.", "en", sub=None) == []
    assert cat.nearest_cases("A director filmed it in a studio.", "en", sub=None)[0]["id"] == "c1"


def framed_taxonomy() -> dict:
    tax = tiny_taxonomy()
    tax["subnarratives"][2]["frames"] = {"en": ["fluoride|chemicals + poison|poisons|poisoning + towns|children",
                                               "tap water poisoners"]}
    tax["subnarratives"][0]["frames"] = {"en": ["landing + faked|staged"]}
    return tax


def test_frames_fill_in_any_order_with_phrases_and_negation():
    cat = NarrativeCatalogue(framed_taxonomy())
    # every group filled, in another order and wording than any cue
    m = cat.best("Towns across the valley are being poisoning by fluoride, residents fear.", "en")
    assert m is not None and cat.subs[m.sub]["id"] == "T.water.poison" and m.frame.startswith("fluoride")
    # a group left empty: no frame
    m = cat.best("Fluoride is added to tap water in many towns.", "en")
    assert m is None or m.frame is None
    # an alternative of several words is a phrase: its words must follow each other
    assert cat.best("They are tap water poisoners.", "en").frame == "tap water poisoners"
    m = cat.best("The poisoners never drink tap water.", "en")
    assert m is None or m.frame is None
    # a negation just before a frame's word unfills it (the frame has no negation of its own)
    m = cat.best("The landing was not staged.", "en")
    assert m is None or m.frame is None
    assert cat.best("The landing was staged, not filmed live.", "en").frame == "landing + faked|staged"
    # the words that fill the frame, as written
    assert cat.frame_words("Towns are poisoned by Fluoride.", "en", "fluoride|chemicals + poison|poisons|poisoning + towns|children") == ["Fluoride", "poisoned", "Towns"]


def test_frames_count_in_sentences_not_across_a_paragraph(tmp_path):
    d = tmp_path / "narratives"
    d.mkdir()
    (d / "taxonomy.json").write_text(json.dumps(framed_taxonomy()), encoding="utf-8")
    a = NarrativeAnalyzer(with_cases=False)
    a.setup(Resources((str(tmp_path),)))
    one = Document(text="Fluoride is poisoning our towns.", language="en")
    fs = list(a.analyze(one))
    assert [f.data["narrative_id"] for f in fs] == ["T.water.poison"]
    assert fs[0].data["frame_words"] == ["Fluoride", "poisoning", "towns"] and "claim words" in fs[0].message
    spread = Document(text="Fluoride arrived in May. Some fish poison was found. Towns held fairs.", language="en")
    assert not [f for f in a.analyze(spread) if f.data.get("frame")]


def test_voice_claims_pinned_on_unnamed_sources_are_the_articles_own(tmp_path):
    d = tmp_path / "narratives"
    d.mkdir()
    tax = framed_taxonomy()
    tax["voice"]["attribution"]["en"] = [r"\b(?:said|claimed|according to|told|warned)\b"]
    (d / "taxonomy.json").write_text(json.dumps(tax), encoding="utf-8")
    a = NarrativeAnalyzer(with_cases=False)
    a.setup(Resources((str(tmp_path),)))

    def voice(text):
        return [(f.data["voice"], f.data["voice_reason"]) for f in a.analyze(Document(text=text, language="en"))]

    assert voice("Many observers warned that fluoride is poisoning towns.")[0][0] == "adopted"
    assert "unnamed" in voice("Many observers warned that fluoride is poisoning towns.")[0][1]
    assert voice("Dr Anna Berg warned that fluoride is poisoning towns.")[0][0] == "attributed"
    # "are never told" is passive: not an attribution
    assert voice("Fluoride is poisoning towns, and residents are never told.")[0][0] == "adopted"


def test_shipped_frames_parse_and_fire_on_self_written_sentences():
    tax = Resources(()).json("narratives/taxonomy.json")
    cat = NarrativeCatalogue(tax)
    for s in cat.subs:
        for lg, frames in s.get("frames", {}).items():
            for f in frames:
                assert cat.parse_frame(f, lg) is not None, (s["id"], lg, f)
    cases = {
        ("en", "Ukraine's leadership answers to its Washington handlers, who decide every appointment."): "URW.discredit_ua.puppet",
        ("en", "Mainstream journalists keep quiet about the shelling of Donetsk."): "URW.media_distrust.western_media",
        ("en", "Behind closed doors, the true scale of Ukrainian casualties is being covered up."): "URW.outcomes.ua_collapsing",
        ("ru", "Киевский режим продолжает обстрелы."): "URW.discredit_ua.government",
        ("fr", "Les parrains occidentaux du régime ukrainien restent silencieux."): "URW.discredit_ua.puppet",
        ("de", "Das Kiewer Regime verschweigt die Verluste."): "URW.discredit_ua.government",
    }
    for (lg, text), want in cases.items():
        m = cat.best(text, lg)
        assert m is not None and m.frame and cat.subs[m.sub]["id"] == want, (text, m)
    # negated or unrelated wording fills no frame
    for text in ("Western media did not hide the losses of either side.", "The curators of the Western art museum opened a show."):
        m = cat.best(text, "en")
        assert m is None or m.frame is None, (text, m)


class StandInEncoder:
    """Deterministic vectors for the test of the matching logic: a sentence is the sum of one
    fixed random vector per word (the real encoder is tested below when it is installed)."""

    def __init__(self):
        import numpy as np

        self.np = np
        self.vocab = {}

    def encode(self, texts):
        np = self.np
        out = []
        for t in texts:
            v = np.zeros(64)
            for w in t.lower().replace(".", " ").split():
                if w not in self.vocab:
                    self.vocab[w] = np.random.default_rng(len(self.vocab) + 7).normal(size=64)
                v += self.vocab[w]
            out.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(out, dtype="float32")


def test_embedding_matches_add_paraphrases_with_their_similarity(tmp_path):
    d = tmp_path / "narratives"
    d.mkdir()
    tax = tiny_taxonomy()
    tax["thresholds"].update({"match": 100.0, "medium": 200.0, "embedding_similarity": 0.8, "embedding_min_bm25": 0.0,
                              "embedding_min_words": 4})  # no bag-of-words match: only embeddings
    (d / "taxonomy.json").write_text(json.dumps(tax), encoding="utf-8")
    a = NarrativeAnalyzer(with_cases=False, embeddings=True)
    a.setup(Resources((str(tmp_path),)))
    enc = StandInEncoder()
    texts, owner = [], []
    for i, sub in enumerate(a.catalogue.subs):
        for t in [sub["description"]["en"]] + sub["cues"]["en"]:
            texts.append(t)
            owner.append(i)
    import numpy as np

    a._protos = (enc, enc.encode(texts), np.array(owner), texts)
    # same words as a prototype in another order: similarity 1 with the stand-in, no cue, no frame
    doc = Document(text="Harmless weather today. Studio a in filmed landing the was.", language="en")
    fs = list(a.analyze(doc))
    assert [f.data["narrative_id"] for f in fs] == ["T.moon.staged"]
    f = fs[0]
    assert f.data["method"] == "embedding" and f.data["similarity"] >= 0.8 and f.severity == "low"
    assert f.data["prototype"] in texts and "sentence similarity" in f.message
    assert doc.text[f.evidence[0].start:f.evidence[0].end] == "Studio a in filmed landing the was."
    # off: nothing
    b = NarrativeAnalyzer(with_cases=False, embeddings=False)
    b.setup(Resources((str(tmp_path),)))
    assert list(b.analyze(doc)) == []


def test_embeddings_follow_the_environment(monkeypatch):
    from unspin.models import embeddings

    monkeypatch.setenv("UNSPIN_EMBEDDINGS", "0")
    assert embeddings.enabled() is False
    monkeypatch.setenv("UNSPIN_EMBEDDINGS", "1")
    assert embeddings.enabled() is embeddings.available()


@pytest.mark.skipif(not __import__("unspin.models.embeddings").models.embeddings.available(), reason="the [embeddings] extra is not installed")
def test_real_encoder_matches_a_paraphrase_in_another_language():
    a = NarrativeAnalyzer(with_cases=False, embeddings=True)
    a.setup(Resources(()))
    doc = Document(text="Die westlichen Medien verschweigen systematisch die Wahrheit über den Krieg und verbreiten nur Propaganda.",
                   language="de")
    fs = [f for f in a.analyze(doc) if f.data["narrative_id"] == "URW.media_distrust.western_media"]
    assert fs and fs[0].data["voice"] == "adopted"


def test_a_sentence_can_fill_the_frames_of_two_claims():
    a = NarrativeAnalyzer(with_cases=False, embeddings=False)
    a.setup(Resources(()))
    doc = Document(text="Once again the Kyiv regime simply obeys its Western curators, as it has done for years.", language="en")
    ids = {f.data["narrative_id"] for f in a.analyze(doc)}
    assert {"URW.discredit_ua.government", "URW.discredit_ua.puppet"} <= ids


def test_cue_ties_do_not_depend_on_hash_order():
    """Two cues of one sub-narrative with equal coverage: the reported cue used to follow the
    iteration order of a set of strings, which changes with PYTHONHASHSEED between runs."""
    import subprocess

    code = ("import json; from unspin.pipeline import PipelineSpec; "
            "p = PipelineSpec(analyzers=('narrative',)).build(); "
            "lines = open('tests/gold/narrative.jsonl', encoding='utf-8').read().splitlines(); "
            "print(json.dumps([[f.data['cue'] for f in p.analyze_text(json.loads(x)['text']).findings] for x in lines]))")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (0, 1, 2, 3)}
    assert len(outs) == 1

"""The rule-and-gazetteer entity recogniser: spans, labels, canonical names, scores on the
hand-labelled sample (tests/gold/entities.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from unspin import Document, Entity
from unspin.analyzers.entities import EntitiesAnalyzer
from unspin.pipeline import entities_from
from unspin.resources import Resources

GOLD = Path(__file__).resolve().parent.parent / "gold" / "entities.jsonl"
LABELS = ("PERSON", "ORG", "GPE")


@pytest.fixture(scope="module")
def analyzer() -> EntitiesAnalyzer:
    a = EntitiesAnalyzer()
    a.setup(Resources(()))
    return a


def ents(analyzer, text: str, title: str = "") -> list[Entity]:
    d = Document(title=title, text=text)
    return list(analyzer.analyze(d))


def found(analyzer, text: str, title: str = "") -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in ents(analyzer, text, title)}


def gold_records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_sample_is_well_formed():
    recs = gold_records()
    assert len(recs) >= 40
    for r in recs:
        assert r["split"] in ("dev", "heldout")
        for s, e, lab in r["entities"]:
            span = r["text"][s:e]
            assert lab in LABELS and span == span.strip() and span, (r["text"], s, e)


def _score(analyzer, split=None):
    tp, fp, fn = Counter(), Counter(), Counter()
    for r in gold_records():
        if split and r["split"] != split:
            continue
        pred = {(s.start, s.end, e.label) for e in ents(analyzer, r["text"]) for s in e.spans if e.label in LABELS}
        gold = {tuple(x) for x in r["entities"]}
        for x in pred & gold:
            tp[x[2]] += 1
        for x in pred - gold:
            fp[x[2]] += 1
        for x in gold - pred:
            fn[x[2]] += 1
    return tp, fp, fn


# Measured 2026-11-26 (all 60 paragraphs): PERSON 1.00/1.00, ORG 1.00/0.93, GPE 0.98/0.99 (P/R);
# held-out 20 on first scoring: P 0.94, R 0.87. Floors sit a little below the measured values.
FLOORS = {"PERSON": (0.95, 0.95), "ORG": (0.93, 0.85), "GPE": (0.95, 0.95)}


@pytest.mark.parametrize("label", LABELS)
def test_precision_recall_floors(analyzer, label):
    tp, fp, fn = _score(analyzer)
    p = tp[label] / (tp[label] + fp[label])
    r = tp[label] / (tp[label] + fn[label])
    pmin, rmin = FLOORS[label]
    assert p >= pmin and r >= rmin, (label, round(p, 3), round(r, 3))


def test_heldout_floor(analyzer):
    tp, fp, fn = _score(analyzer, "heldout")
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    assert t / (t + f_p) >= 0.93 and t / (t + f_n) >= 0.90


def test_offsets_slice_back(analyzer):
    text = ("Russia's Foreign Ministry said U.S. officials met Ursula von der Leyen in Brussels. "
            "The Kremlin-backed group and the Bank of England disagreed.\n\nZakharova spoke in Kiev.")
    title = "Lavrov meets Wang Yi in Beijing"
    d = Document(title=title, text=text)
    out = list(analyzer.analyze(d))
    assert out
    for e in out:
        for s in e.spans:
            assert d.field(s.field)[s.start : s.end] == s.text == e.text
    for r in gold_records():
        d = Document(title="", text=r["text"])
        for e in analyzer.analyze(d):
            assert all(d.text[s.start : s.end] == s.text for s in e.spans)


def test_surname_resolves_to_gazetteer_canonical(analyzer):
    out = ents(analyzer, "Maria Zakharova spoke on Friday. Later Zakharova said the talks had failed.")
    people = [(e.text, e.canonical) for e in out if e.label == "PERSON"]
    assert people == [("Maria Zakharova", "Maria Zakharova"), ("Zakharova", "Maria Zakharova")]
    merged = entities_from([], out)
    assert len([m for m in merged if m.label == "PERSON"]) == 1
    assert len(merged[0].spans) == 2


def test_unknown_person_surname_resolves_to_full_name(analyzer):
    out = ents(analyzer, "Local farmer Gwendolyn Tarrow lost her barn in the flood. Tarrow told the council she would rebuild.")
    people = [(e.text, e.canonical) for e in out if e.label == "PERSON"]
    assert people == [("Gwendolyn Tarrow", None), ("Tarrow", "Gwendolyn Tarrow")]


def test_native_spelling_and_variants_give_canonical(analyzer):
    out = ents(analyzer, "Сергей Лавров прибыл в Анкару. Officials in Kiev and Tass said the same.")
    canon = {(e.text, e.label): e.canonical for e in out}
    assert canon[("Сергей Лавров", "PERSON")] == "Sergei Lavrov"
    assert canon[("Kiev", "GPE")] == "Kyiv"
    assert canon[("Tass", "ORG")] == "TASS"


def test_titles_cues_and_heads(analyzer):
    got = found(analyzer, "Defence Minister Ivor Blenkinsop met the head of the Ministry of Transport of Latvia "
                          "and executives of Quarnby Holdings Ltd in Riga.")
    assert ("Ivor Blenkinsop", "PERSON") in got
    assert ("Ministry of Transport of Latvia", "ORG") in got
    assert ("Quarnby Holdings Ltd", "ORG") in got
    assert ("Riga", "GPE") in got
    assert not any(t in ("Defence Minister", "Defence") for t, _ in got)


def test_sentence_initial_common_words_are_not_entities(analyzer):
    got = found(analyzer, "Officials declined to comment. Residents said the water was cold. However the mayor left.")
    assert got == set()


def test_possessive_and_hyphen_tails_are_cut(analyzer):
    got = found(analyzer, "Russia's army and Kremlin-backed groups crossed the Russia-Ukraine border.")
    assert {("Russia", "GPE"), ("Kremlin", "ORG"), ("Ukraine", "GPE")} <= got
    assert not any("'" in t or "-" in t for t, _ in got)


def test_all_caps_headline_gives_no_entities(analyzer):
    out = ents(analyzer, "A quiet day.", title="PUTIN SLAMS NATO OVER UKRAINE AID")
    assert [e for e in out if e.spans[0].field == "title"] == []
    out = ents(analyzer, "BREAKING NEWS MOSCOW RESPONDS TO LONDON TONIGHT. Nothing else.")
    assert out == []


def test_title_case_headline_only_gazetteer_hits(analyzer):
    out = ents(analyzer, "Body text.", title="Local Baker Wins Big Prize As Storm Hits Leeds And Lavrov Visits")
    titles = {(e.text, e.label) for e in out if e.spans[0].field == "title"}
    assert titles == {("Leeds", "GPE"), ("Lavrov", "PERSON")}


def test_empty_document(analyzer):
    assert ents(analyzer, "") == []


def test_title_surname_of_body_person(analyzer):
    out = ents(analyzer, "Assistant coach Orrin Feldgate wants the job. Feldgate said so on Friday.",
               title="Feldgate Keen On Top Job")
    titles = [(e.text, e.label, e.canonical) for e in out if e.spans[0].field == "title"]
    assert titles == [("Feldgate", "PERSON", "Orrin Feldgate")]


# -- re-entrancy, pickling, resource overrides ------------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def test_no_module_state_is_set_by_setup(tmp_path):
    """Two instances with different resources do not see each other's tables (setup used to set a
    module global): a user copy of english/common_words.json that makes "Qarzabad" a common word
    changes only the instance set up with it."""
    import unspin.analyzers.entities as mod

    before = dict(vars(mod))
    common = Resources(()).json("english/common_words.json")
    (tmp_path / "english").mkdir()
    (tmp_path / "english" / "common_words.json").write_text(
        json.dumps({"provenance": common["provenance"], "words": {**common["words"], "qarzabad": 5.0}}), encoding="utf-8")
    other = EntitiesAnalyzer()
    other.setup(Resources((str(tmp_path),)))
    text = "The delegation arrived in Qarzabad on Monday."
    assert ("Qarzabad", "GPE") in found(analyzer_fresh(), text)
    assert ("Qarzabad", "GPE") not in found(other, text)
    assert ("Qarzabad", "GPE") in found(analyzer_fresh(), text)
    assert {k for k, v in vars(mod).items() if before.get(k) is not v} == set()


def analyzer_fresh() -> EntitiesAnalyzer:
    a = EntitiesAnalyzer()
    a.setup(Resources(()))
    return a


def test_a_user_copy_of_a_resource_file_changes_the_output(tmp_path):
    """--resources DIR wins over the package: entities/rules.json without locative words."""
    from dataclasses import replace

    from unspin import PipelineSpec
    from unspin.settings import load_settings

    rules = json.loads(json.dumps(Resources(()).json("entities/rules.json")))
    rules["locative_before"] = []
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    text = "The delegation arrived in Qarzabad on Monday. The talks lasted for three hours and then ended."

    def places(settings):
        rep = PipelineSpec(analyzers=("entities",), settings=settings).build().analyze_text(text)
        return [e.text for e in rep.entities if e.label == "GPE"]

    base = load_settings()
    assert places(replace(base, resources=())) == ["Qarzabad"]
    assert places(replace(base, resources=(str(tmp_path),))) == []

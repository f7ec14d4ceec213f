import json
from pathlib import Path

import pytest

from unspin import Document
from unspin.analyzers.translation import (
    SOURCE_LANGUAGES,
    TranslationAnalyzer,
    required_literals,
)
from unspin.analyzers.translation.textutil import quoted
from unspin.resources import Resources

from . import translation_fixtures

GOLD = Path(__file__).parent.parent / "gold" / "translation.jsonl"

# Quality gate on our own gold set (tests/gold/translation.jsonl: 65 sentences, 36 with 40 marks,
# 29 clean, scored against the small tables of translation_fixtures.py so that the gate does not
# move when the shipped tables grow). Measured when pinned: precision 1.00, recall 1.00 (with the
# shipped tables: precision 0.95, recall 1.00). Lower the floors only with a reason in the
# commit message.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.9


@pytest.fixture(scope="module")
def resources_dir(tmp_path_factory) -> Path:
    return translation_fixtures.write(tmp_path_factory.mktemp("translation-resources"))


@pytest.fixture(scope="module")
def analyzer(resources_dir) -> TranslationAnalyzer:
    a = TranslationAnalyzer()
    a.setup(Resources((str(resources_dir),)))
    return a


def run(analyzer, text, title=""):
    doc = Document(title=title, text=text)
    fs = list(analyzer.analyze(doc))
    for f in fs:
        for e in f.evidence:
            assert doc.field(e.field)[e.start:e.end] == e.text, (f.kind, e)
        assert f.kind in TranslationAnalyzer.produces
        assert f.message
    return fs


def kinds(fs):
    return sorted((f.kind, f.evidence[0].text) for f in fs)


LAUNDERED = (
    "Governor Wiaczesław Gladkow said on Tuesday that units of the WSU had shelled a village near the "
    "border, damaging 1 200 square metres of roofing. According to the MO RF, air defences downed six "
    "BPLA overnight.\n\n"
    "The regional shtab will meet again on Friday, Gladkow added. Kremlin spokesman Dmitrij Pieskow "
    "said the SVO would continue «until its goals are met»."
)

CLEAN = (
    "Russian President Vladimir Putin has met his security council in the Kremlin, his spokesman "
    "Dmitry Peskov said on Tuesday, according to the TASS news agency.\n\n"
    "Mr Peskov said the meeting discussed the situation in the Belgorod oblast, where officials "
    "reported drone attacks overnight. The FSB said it had detained two men. The rouble fell "
    "slightly against the dollar, and the State Duma postponed a vote on the budget.\n\n"
    "In Kyiv, President Volodymyr Zelensky said Ukraine's air defences had shot down most of the "
    "drones. Foreign Minister Sergei Lavrov is expected in Geneva next week."
)


def test_laundered_paragraphs_give_each_mark_with_evidence(analyzer):
    fs = run(analyzer, LAUNDERED)
    by_kind = {}
    for f in fs:
        by_kind.setdefault(f.kind, []).append(f)
    translit = {f.data["token"]: f for f in by_kind["translation.transliteration"]}
    assert {"WSU", "MO RF", "BPLA", "shtab", "SVO"} <= set(translit)
    wsu = translit["WSU"]
    assert wsu.severity == "high"
    assert wsu.data["cyrillic"] == "ВСУ" and wsu.data["scheme"] == "letters-mixed"
    assert "AFU" in wsu.data["english_forms"] and wsu.data["accepted_in_english"] is False
    assert "AFU" in wsu.message and "ВСУ" in wsu.message
    assert translit["shtab"].data["cyrillic"] == "штаб" and translit["shtab"].severity == "high"
    assert translit["BPLA"].data["meaning_en"] == "drone"
    names = {f.data["token"]: f for f in by_kind["translation.name_variant"]}
    assert names["Gladkow"].data["canonical"] == "Vyacheslav Gladkov"
    assert names["Gladkow"].data["person_id"] == "ru-gladkov"
    assert names["Gladkow"].severity == "medium"
    # both occurrences are evidence, and the given name joins the first one
    assert [e.text for e in names["Gladkow"].evidence] == ["Wiaczesław Gladkow", "Gladkow"]
    assert names["Pieskow"].data["canonical"] == "Dmitry Peskov"
    [style] = by_kind["translation.machine_style"]
    assert style.severity == "medium"
    assert {"guillemets", "space_thousands"} <= set(style.data["marks"])


def test_clean_english_is_quiet(analyzer):
    assert run(analyzer, CLEAN, title="Putin meets security council as Peskov briefs TASS") == []


@pytest.mark.parametrize("text", [
    "Vladimir Putin", "Dmitry Peskov", "Kremlin", "TASS", "The FSB and the KGB.", "Sergei Shoigu and Sergey Shoygu",
    "Volodymyr Zelenskyy", "the oblast council", "RUSSIA ACCUSES UKRAINE OF SVO VIOLATIONS",
])
def test_standard_names_and_accepted_forms_are_quiet(analyzer, text):
    doc_title = text if text.isupper() else ""
    assert run(analyzer, "" if doc_title else text, title=doc_title) == []


def test_accepted_acronym_is_silent_but_unaccepted_one_fires(analyzer):
    assert run(analyzer, "TASS reported it.") == []
    [f] = run(analyzer, "The BPLA was shot down.")
    assert f.data["cyrillic"] == "БПЛА" and "drone" in f.message


def test_acronym_that_is_also_english_needs_support(analyzer):
    # "DNR" is also an English acronym (do not resuscitate): alone it is left alone ...
    assert run(analyzer, "The DNR leadership reported it.") == []
    # ... with another Russian-source mark in the article it counts
    fs = run(analyzer, "The DNR leadership said the BPLA was shot down.")
    dnr = [f for f in fs if f.data.get("cyrillic") == "ДНР"]
    assert dnr and dnr[0].data["needs_context"] and "DPR" in dnr[0].message
    assert dnr[0].confidence < [f for f in fs if f.data.get("cyrillic") == "БПЛА"][0].confidence


def test_acronym_spelled_out_in_english_is_english(analyzer):
    text = "Officials backed the Basic Plan for Landings and Aviation (BPLA). The BPLA starts soon."
    assert run(analyzer, text) == []
    # an English gloss whose initials differ does not excuse it
    fs = run(analyzer, "Drones (BPLA) were shot down.")
    assert [f.data["token"] for f in fs] == ["BPLA"]


def test_pinyin_is_transliteration_with_meaning(analyzer):
    [f] = run(analyzer, "The Waijiaobu spokesperson spoke. Later the Waijiaobu added details.")
    assert f.kind == "translation.transliteration" and f.severity == "high"
    assert f.data["lang"] == "zh" and f.data["hanzi"] == "外交部"
    assert f.data["meaning_en"] == "Foreign Ministry"
    assert len(f.evidence) == 2


def test_patterns_without_literals_still_match(analyzer):
    fs = run(analyzer, "The Sifabu and the Ke Ji Bu issued rules; the Kejibu later added more.")
    got = {f.data["hanzi"]: [e.text for e in f.evidence] for f in fs}
    assert got == {"司法部": ["Sifabu"], "科技部": ["Ke Ji Bu", "Kejibu"]}
    assert analyzer.terms._always_rx is not None


def test_state_term_in_quotes_is_not_reported(analyzer):
    quoted = 'He called it a "special military operation" and nothing more.'
    assert run(analyzer, quoted) == []
    assert run(analyzer, "He called it a “special military operation”.") == []
    [f] = run(analyzer, "Soldiers of the special military operation were honoured.")
    assert f.kind == "translation.calque" and f.severity == "medium"
    assert f.data["term_kind"] == "state_term" and f.data["stance"] == "pro-Kremlin"


def test_calque_severity_follows_weight(analyzer):
    [low] = run(analyzer, "In the course of the meeting they agreed.")
    [med] = run(analyzer, "The head of the region spoke.")
    assert low.severity == "low" and med.severity == "medium"


def test_pattern_only_surname_is_low(analyzer):
    [f] = run(analyzer, "The deputy Petrow voted against the bill.")
    assert f.kind == "translation.name_variant" and f.severity == "low"
    assert f.data["person_id"] is None and f.data["cyrillic"] == "петров"
    assert f.data["standard"] == "Petrov"


def test_capitalised_common_word_inside_a_sentence_is_a_name(analyzer):
    # English capitalises names of things: a newspaper, a venue, a bank
    assert run(analyzer, "He told the Vedomosti newspaper and the Yunost cinema that Sberbank agreed.") == []


def test_sentence_initial_word_capitalised_elsewhere_is_a_name(analyzer):
    assert run(analyzer, "Shtab said it was ready. The chairman, Anna Shtab, agreed.") == []
    [f] = run(analyzer, "Shtab members met. The shtab said it was ready.")
    assert [e.text for e in f.evidence] == ["Shtab", "shtab"]


def test_machine_style_single_mark_is_low(analyzer):
    [f] = run(analyzer, "The budget grew by 2,5 million this year.")
    assert f.kind == "translation.machine_style" and f.severity == "low"
    assert f.evidence[0].text == "2,5 million"
    assert run(analyzer, "The budget grew by 2,500 million this year and 1.5 billion next.") == []


def test_supporting_marks_alone_raise_nothing(analyzer):
    # Reuters wrote "mln" for decades: alone it is house style, not translation
    assert run(analyzer, "Profit rose to 12 mln dlrs from 9 mln dlrs.") == []
    assert run(analyzer, "Read more » on our site.") == []  # a stray » is not a quotation
    [f] = run(analyzer, "Profit rose by 1,5 mln dlrs, it said.")
    assert f.severity == "low" and set(f.data["marks"]) == {"decimal_comma", "mln_bln"}


def test_mixed_place_spellings(analyzer):
    [f] = run(analyzer, "Trains left Kiev at noon. Kyiv said the line was safe. Kyiv later confirmed it.")
    assert f.data["marks"] == ["mixed_spelling"]
    assert {e.text for e in f.evidence} == {"Kiev", "Kyiv"}


def test_sentences_in_capitals_are_not_read_as_acronyms(analyzer):
    assert run(analyzer, "BPLA SHARES RISE ON NEWS.\n\nShares of the firm rose.") == []


def test_title_is_analysed(analyzer):
    fs = run(analyzer, "Body text.", title="VSU shells village")
    assert [(f.kind, f.evidence[0].field) for f in fs] == [("translation.transliteration", "title")]


def test_gold_set_precision_recall_floors(analyzer):
    tp = fp = fn = 0
    misses = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        fs = run(analyzer, g["text"])
        expected = [tuple(x) for x in g["expect"]]
        got = [(f.kind, e.text) for f in fs for e in f.evidence]
        for kind, token in expected:
            if any(k == kind and token.lower() in t.lower() for k, t in got):
                tp += 1
            else:
                fn += 1
                misses.append(("missed", kind, token, g["text"]))
        for f in fs:
            if not any(f.kind == k and any(tok.lower() in e.text.lower() for e in f.evidence) for k, tok in expected):
                fp += 1
                misses.append(("false", f.kind, f.evidence[0].text, g["text"]))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= PRECISION_FLOOR, (precision, misses)
    assert recall >= RECALL_FLOOR, (recall, misses)


def test_missing_optional_tables_degrade_and_are_listed(tmp_path):
    a = TranslationAnalyzer()
    empty = tmp_path / "empty"
    empty.mkdir()
    a.setup(Resources((str(empty),)))
    # whatever the package ships, the analyzer runs and names what it could not find
    assert isinstance(a.missing, list)
    assert all(isinstance(f.kind, str) for f in a.analyze(Document(text="The regional shtab met.")))


def test_source_languages_plug_in():
    codes = [s.code for s in SOURCE_LANGUAGES]
    assert codes[:2] == ["ru", "uk"] and "zh" in codes


@pytest.mark.parametrize("pattern, literals", [
    (r"\bspecial military operation\b", ["special military operation"]),
    (r"\b(?:the )?collective west\b", ["collective west"]),
    (r"\b(?:a|b)\b", None),
    (r"\bKyiv regime\b", ["kyiv regime"]),
    (r"\b(?:peaceful|national)\s+reunification\b|\bunity\s+of\s+the\s+motherland\b", ["motherland", "reunification"]),
    (r"\bclaps?\s+(?:was|were)\s+heard\b|\bheard\s+(?:an?\s+)?pops?\b", ["heard"]),
    (r"\b(?:ab|cd)\b|\bxyz\b", None),
    (r"\b(?:take|took)\s+participation\b", ["participation"]),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


def test_trie_pattern_finds_every_literal_longest_first():
    import re

    from unspin.analyzers.translation.textutil import trie_pattern as _trie_pattern

    rx = re.compile("(?=(" + _trie_pattern(["press", "press service", "pres", "heard"]) + "))")
    assert set(rx.findall("the press service heard it")) == {"press service", "heard"}


def test_quoted_ranges():
    text = 'He said "one" and «two» and “three”.'
    ranges = quoted(text, {"“": "”", "«": "»", "„": "“", "‘": "’"})
    assert [text[a:b] for a, b in ranges] == ['"one"', "«two»", "“three”"]


# -- resource overrides (threads and pickling: test_contracts.py) ------------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def test_a_user_copy_of_a_resource_file_changes_the_output(tmp_path):
    """--resources DIR wins over the package for every file: here translation/rules.json."""
    from dataclasses import replace

    from unspin import PipelineSpec
    from unspin.settings import load_settings

    rules = Resources(()).json("translation/rules.json")
    (tmp_path / "translation").mkdir()
    changed = json.loads(json.dumps(rules))
    changed["confidence"]["acronym"] = 0.55
    (tmp_path / "translation" / "rules.json").write_text(json.dumps(changed), encoding="utf-8")
    text = "Units of the VSU shelled the outskirts of the town overnight, the regional administration said."

    def conf(settings):
        rep = PipelineSpec(analyzers=("translation",), settings=settings).build().analyze_text(text)
        return [f.confidence for f in rep.findings if f.data.get("token") == "VSU"]

    base = load_settings()
    assert conf(replace(base, resources=())) == [0.9]
    assert conf(replace(base, resources=(str(tmp_path),))) == [0.55]


def test_typography_patterns_come_from_the_resource(tmp_path, resources_dir):
    """A mark added to a user copy of translation/typography.json is found."""
    import shutil

    d = tmp_path / "res"
    shutil.copytree(resources_dir, d)
    typo = Resources(()).json("translation/typography.json")
    typo = json.loads(json.dumps(typo))
    typo["marks"].append({"kind": "tilde", "pattern": "~\\d+", "ignore_case": False, "quick_any": ["~"]})
    typo["labels"]["tilde"] = "tildes"
    (d / "translation" / "typography.json").write_text(json.dumps(typo), encoding="utf-8")
    a = TranslationAnalyzer()
    a.setup(Resources((str(d),)))
    fs = run(a, "Prices rose by ~5 in the region, officials said.")
    assert [f.data["marks"] for f in fs if f.kind == "translation.machine_style"] == [["tilde"]]

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspin.resources import Resources
from unspin.text.translit.index import TranslitIndex
from unspin.text.translit.schemes import fold, schemes_for

INDEX = "translation/translit_index.json"


@pytest.fixture(scope="module")
def index() -> TranslitIndex:
    return TranslitIndex(Resources(()).json(INDEX))


@pytest.fixture(scope="module")
def frequent(index) -> dict[str, list[str]]:
    """Frequent Russian and Ukrainian words of the index (Zipf >= 3.5), by language."""
    out: dict[str, list[str]] = {"ru": [], "uk": []}
    for i, w in enumerate(index.cyrillic):
        if index.zipf[i] >= 350 and len(w) >= 4:
            out["ru" if index.langs[i] == "r" else "uk"].append(w)
    return out


def test_index_has_provenance_and_size(index):
    p = index.provenance
    assert {"name", "version", "what", "source", "licence", "how"} <= set(p)
    assert "CC-BY-SA" in p["licence"] and "wordfreq" in p["source"]
    assert len(index) > 250_000
    assert len(index.cyrillic) > 80_000


@pytest.mark.parametrize(
    "token, cyrillic",
    [("shtab", "штаб"), ("Genshtab", "генштаб"), ("minoborony", "минобороны"), ("sztab", "штаб"),
     ("vozvrashchenie", "возвращение"), ("nachalnik", "начальник"), ("oblastnoy", "областной")],
)
def test_lookup_finds_the_russian_word(index, token, cyrillic):
    assert cyrillic in [c.cyrillic for c in index.lookup(token)]


def test_lookup_candidates_carry_morphology(index):
    [c] = [c for c in index.lookup("minoborony") if c.lang == "ru"]
    assert "O" in c.flags and not c.personal
    assert any(c.personal for c in index.lookup("Shcherbakov"))
    assert index.lookup("Shcherbakov")[0].proper
    cands = index.lookup("shtaba")
    assert cands and cands[0].lemma == "штаб"


def test_english_words_are_not_keys(index):
    for w in ["the", "house", "government", "minister", "kremlin", "duma", "oblast", "rouble",
              "data", "para", "moscow", "president"]:
        assert index.lookup(w) == [], w


def test_schemes_are_recomputed_for_a_hit(index):
    [c] = [c for c in index.lookup("sztab") if c.lang == "ru"]
    assert index.schemes("sztab", c) == ["polish"]
    assert "shtab" in index.english_forms(c)


def test_counts_mismatch_is_an_error():
    data = {"words": {"cyrillic": "штаб", "lang": "r", "zipf100": [400], "flags": "", "pos": "N",
                      "lemma": [0]}, "pos_codes": {"N": "NOUN"}, "keys": "shtab sztab", "counts": [1]}
    with pytest.raises(ValueError):
        TranslitIndex(data)


def test_small_index_round_trip():
    data = {"words": {"cyrillic": "штаб|штаба", "lang": "rr", "zipf100": [460, 380], "flags": "|",
                      "pos": "NN", "lemma": [0, 0]}, "pos_codes": {"N": "NOUN"},
            "keys": "shtab shtaba", "counts": [1, 1], "shared": {"stab": [0, 1]}}
    idx = TranslitIndex(json.loads(json.dumps(data)))
    assert [c.cyrillic for c in idx.lookup("SHTAB")] == ["штаб"]
    assert [c.cyrillic for c in idx.lookup("stab")] == ["штаб", "штаба"]  # most frequent first
    assert idx.lookup("nothing") == []


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_romanise_then_lookup_finds_the_word(index, frequent, lang):
    """Property: for frequent words, every scheme's romanisation leads back to the word, unless
    the build dropped the key as English or as too short."""
    import wordfreq

    words = frequent[lang]
    assert len(words) > 1000

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.sampled_from(words), st.sampled_from(schemes_for(lang)))
    def check(word, sch):
        key = fold(sch.fn(word))
        if not key.isascii():
            from unspin.text.translit.schemes import _fold_diacritics

            key = _fold_diacritics(key)
        if not key.isascii() or not key.isalpha() or len(key) < 3:
            return
        found = [c.cyrillic for c in index.lookup(key)]
        assert word in found or wordfreq.zipf_frequency(key, "en") >= 2.5, (word, sch.name, key)

    check()

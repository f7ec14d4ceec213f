import pytest

from unspin.resources import Resources
from unspin.text.translit.index import AcronymMapper
from unspin.text.translit.index import latin_acronyms as _latin_acronyms

ACRONYM_LETTERS = Resources(()).json("translation/acronym_letters.json")["letters"]


def latin_acronyms(cyr):
    return _latin_acronyms(cyr, ACRONYM_LETTERS)

ENTRIES = [
    {"cyr": "ВСУ", "lang": "ru", "expansion": "Вооружённые силы Украины", "meaning_en": "Ukrainian armed forces",
     "english_forms": ["AFU"], "accepted_in_english": False},
    {"cyr": "ВКС", "lang": "ru", "expansion": "Воздушно-космические силы", "meaning_en": "Aerospace Forces",
     "english_forms": ["VKS"], "accepted_in_english": False},
    {"cyr": "ЖКХ", "lang": "ru", "expansion": "жилищно-коммунальное хозяйство", "meaning_en": "housing and utilities",
     "english_forms": [], "accepted_in_english": False},
    {"cyr": "ТАСС", "lang": "ru", "expansion": "", "meaning_en": "TASS", "english_forms": ["TASS"],
     "accepted_in_english": True},
    {"cyr": "МО РФ", "lang": "ru", "expansion": "Министерство обороны", "meaning_en": "Russian Defence Ministry",
     "english_forms": [], "accepted_in_english": False},
    {"cyr": "ЦИПСО", "lang": "uk", "expansion": "Центр информационно-психологических операций",
     "meaning_en": "psychological operations centre", "english_forms": [], "accepted_in_english": False},
]


def test_every_cyrillic_letter_has_spellings():
    letters = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐ"
    assert set(letters) <= set(ACRONYM_LETTERS)


def test_spellings_cover_the_schemes():
    s = latin_acronyms("ВСУ")
    assert s[0] == "VSU"
    assert {"VSU", "WSU", "VCU", "WCU"} <= set(s)
    assert {"ZHKKH", "ZKH", "ZHKH", "JKH"} <= set(latin_acronyms("ЖКХ"))
    assert latin_acronyms("МО РФ")[0] == "MO RF"


def test_mapper_finds_letter_by_letter_spellings():
    m = AcronymMapper(ENTRIES, ACRONYM_LETTERS)
    assert m.lookup("VSU")[0]["cyr"] == "ВСУ"
    assert m.lookup("WSU")[0]["cyr"] == "ВСУ"
    assert m.scheme_of("VSU", m.lookup("VSU")[0]) == "letters"
    assert m.scheme_of("WSU", m.lookup("WSU")[0]) == "letters-mixed"
    assert m.lookup("WKS")[0]["cyr"] == "ВКС"
    assert m.lookup("MO RF")[0]["cyr"] == "МО РФ"
    assert m.lookup("TSIPSO")[0]["cyr"] == "ЦИПСО"
    assert m.lookup("vsu") == []  # upper case only


def test_the_entrys_own_english_form_is_not_a_transliteration():
    m = AcronymMapper(ENTRIES, ACRONYM_LETTERS)
    assert m.lookup("VKS") == []  # listed as the English form of ВКС
    assert m.lookup("AFU") == []
    # accepted loans stay mapped so that the analyzer can recognise (and ignore) them
    assert m.lookup("TASS")[0]["accepted_in_english"] is True


@pytest.mark.parametrize("cyr", ["Ы", "ЖЖЖЖЖЖЖЖ"])
def test_out_of_range_lengths_are_ignored(cyr):
    m = AcronymMapper([{"cyr": cyr, "english_forms": []}], ACRONYM_LETTERS, min_letters=2, max_letters=6)
    assert len(m) == 0


def test_the_letter_table_is_a_parameter():
    """The spellings come from the table the caller passes (a user's --resources copy)."""
    assert _latin_acronyms("ВСУ", {"В": ("V",), "С": ("S",), "У": ("U",)}) == ["VSU"]
    m = AcronymMapper(ENTRIES[:1], {"В": ("B",), "С": ("S",), "У": ("U",)})
    assert m.lookup("BSU") and not m.lookup("VSU")

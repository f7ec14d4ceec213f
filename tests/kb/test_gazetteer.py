"""The person gazetteer behind the translation and entities analyzers."""

from __future__ import annotations

import json
import pickle

import pytest

from unspin import Context, ResourceError
from unspin.kb.gazetteer import CYRILLIC_LANGS, PEOPLE, Gazetteer
from unspin.resources import Resources
from unspin.settings import load_settings

PROV = {"name": "gazetteer/people", "version": "0", "what": "test", "source": "tests", "licence": "CC0-1.0",
        "how": "hand-written for tests"}


def _person(pid, name, given, family, native="", lang="", native_family="", **kw):
    return {"id": pid, "name": name, "given": given, "family": family, "native": native, "native_lang": lang,
            "native_family": native_family, **kw}


@pytest.fixture
def user_dir(tmp_path):
    (tmp_path / "gazetteer").mkdir()
    entries = [
        _person("petrov-ivan", "Ivan Petrov", "Ivan", "Petrov", "Иван Петров", "ru", "Петров", native_given="Иван",
                aliases=["Petrov"], translit_variants=["Iwan Petrow"]),
        _person("smith-anna", "Anna Smith", "Anna", "Smith"),
        _person("petrov-oleg", "Oleg Petrov", "Oleg", "Petrov", "Олег Петров", "ru", ""),
    ]
    (tmp_path / "gazetteer" / "people.json").write_text(json.dumps({"provenance": PROV, "entries": entries}),
                                                        encoding="utf-8")
    return tmp_path


def test_shipped_gazetteer_loads():
    gaz = Gazetteer.load(Resources(()))
    assert len(gaz) > 100
    assert gaz.by_id("putin-vladimir")["name"] == "Vladimir Putin"
    assert gaz.provenance["name"] == "gazetteer/people"
    assert gaz.path.endswith("people.json")
    assert all(p["native_lang"] in CYRILLIC_LANGS for p in gaz.cyrillic())


def test_user_copy_wins_and_queries(user_dir):
    gaz = Gazetteer.load(Context(Resources((str(user_dir),)), load_settings()))  # a Context answers .json/.path
    assert [p["id"] for p in gaz] == ["petrov-ivan", "smith-anna", "petrov-oleg"]
    assert gaz.path == str(user_dir / PEOPLE)
    # only people with a Cyrillic native family name
    assert [p["id"] for p in gaz.cyrillic()] == ["petrov-ivan"]
    assert gaz.spellings(gaz.by_id("petrov-ivan")) == ["Ivan Petrov", "Iwan Petrow", "Иван Петров", "Petrov"]
    assert gaz.spellings(gaz.by_id("smith-anna")) == ["Anna Smith"]
    assert gaz.family_counts() == {"Petrov": 2, "Smith": 1}
    assert gaz.by_id("nobody") is None


def test_pickles(user_dir):
    gaz = Gazetteer.load(Resources((str(user_dir),)))
    clone = pickle.loads(pickle.dumps(gaz))
    assert list(clone) == list(gaz) and clone.path == gaz.path and dict(clone.provenance) == dict(gaz.provenance)


def test_missing_or_malformed_file_is_a_resource_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ResourceError):
        Gazetteer.load(Resources((str(empty),)), "gazetteer/nobody.json")
    with pytest.raises(ResourceError, match="entries"):
        Gazetteer(["not a person"], "x.json")


def test_both_analyzers_read_people_from_the_gazetteer(user_dir):
    """A person only in the user's gazetteer is known to entities (canonical name) and to
    translation (non-standard romanisation)."""
    from unspin import Document
    from unspin.analyzers.entities import EntitiesAnalyzer
    from unspin.analyzers.translation import TranslationAnalyzer

    res = Resources((str(user_dir),))
    ent = EntitiesAnalyzer()
    ent.setup(res)
    got = {(e.text, e.canonical) for e in ent.analyze(Document(text="Officials said Iwan Petrow arrived on Monday."))}
    assert ("Iwan Petrow", "Ivan Petrov") in got
    tr = TranslationAnalyzer()
    tr.setup(res)
    assert [p["id"] for p in tr.names.people] == ["petrov-ivan"]

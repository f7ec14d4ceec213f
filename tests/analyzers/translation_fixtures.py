"""Small resource tables for the translation analyzer tests, written for the tests (the shipped
tables are larger and may change; these pin the behaviour). ``write(dir)`` lays them out as a
resources directory for ``Resources((dir,))``."""

from __future__ import annotations

import json
from pathlib import Path

PROV = {"name": "test", "version": "0", "what": "test table", "source": "tests", "licence": "CC0-1.0",
        "how": "hand-written for tests"}


def _acr(cyr, meaning, forms, expansion="", accepted=False, lang="ru", category="military"):
    return {"cyr": cyr, "lang": lang, "expansion": expansion, "meaning_en": meaning, "english_forms": forms,
            "category": category, "accepted_in_english": accepted}


ACRONYMS = [
    _acr("СВО", "special military operation", ["SMO", "special military operation"], "специальная военная операция"),
    _acr("ВСУ", "Ukrainian armed forces", ["AFU", "Ukrainian armed forces"], "Вооружённые силы Украины"),
    _acr("БПЛА", "drone", ["UAV", "drone"], "беспилотный летательный аппарат"),
    _acr("ФРГ", "Germany", ["Germany"], "Федеративная Республика Германия", category="state"),
    _acr("МО РФ", "Russian Defence Ministry", ["Russian Defence Ministry"], "Министерство обороны РФ", category="state"),
    _acr("ВКС", "Russian Aerospace Forces", ["VKS", "Aerospace Forces"], "Воздушно-космические силы"),
    _acr("ПВО", "air defence", ["air defence"], "противовоздушная оборона"),
    _acr("ДНР", "Donetsk People's Republic", ["DPR"], "Донецкая народная республика", category="state"),
    _acr("ТЦК", "territorial recruitment centre", ["TCC", "recruitment centre"], "територіальний центр комплектування", lang="uk"),
    _acr("ТАСС", "TASS news agency", ["TASS"], accepted=True, category="media"),
    _acr("ФСБ", "Federal Security Service", ["FSB"], accepted=True, category="security"),
    _acr("КГБ", "KGB", ["KGB"], accepted=True, category="security"),
    _acr("СБУ", "Security Service of Ukraine", ["SBU"], accepted=True, lang="uk", category="security"),
]


def _person(pid, name, given, family, native_given, native_family, lang, aliases=()):
    return {"id": pid, "name": name, "given": given, "family": family, "native": f"{native_given} {native_family}",
            "native_given": native_given, "native_family": native_family, "native_lang": lang,
            "country": "RU" if lang == "ru" else "UA", "role": "official", "aliases": list(aliases)}


PEOPLE = [
    _person("ru-peskov", "Dmitry Peskov", "Dmitry", "Peskov", "Дмитрий", "Песков", "ru", ["Dmitri Peskov"]),
    _person("ru-zakharova", "Maria Zakharova", "Maria", "Zakharova", "Мария", "Захарова", "ru"),
    _person("ru-putin", "Vladimir Putin", "Vladimir", "Putin", "Владимир", "Путин", "ru"),
    _person("ru-shoigu", "Sergei Shoigu", "Sergei", "Shoigu", "Сергей", "Шойгу", "ru", ["Sergey Shoygu"]),
    _person("ru-lavrov", "Sergei Lavrov", "Sergei", "Lavrov", "Сергей", "Лавров", "ru", ["Sergey Lavrov"]),
    _person("ru-gladkov", "Vyacheslav Gladkov", "Vyacheslav", "Gladkov", "Вячеслав", "Гладков", "ru"),
    _person("ru-shcherbakov", "Oleg Shcherbakov", "Oleg", "Shcherbakov", "Олег", "Щербаков", "ru"),
    _person("ua-zelensky", "Volodymyr Zelensky", "Volodymyr", "Zelensky", "Володимир", "Зеленський", "uk",
            ["Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"]),
    _person("ua-kuleba", "Dmytro Kuleba", "Dmytro", "Kuleba", "Дмитро", "Кулеба", "uk"),
    {"id": "cn-wang", "name": "Wang Yi", "given": "Yi", "family": "Wang", "native": "王毅", "native_given": "毅",
     "native_family": "王", "native_lang": "zh", "country": "CN", "role": "minister", "aliases": []},
]

RU_TERMS = [
    {"kind": "state_term", "pattern": r"\bspecial military operation\b", "source_phrase": "специальная военная операция",
     "meaning_en": "the war in Ukraine", "weight": 0.7, "note": "Kremlin term for the invasion", "stance": "pro-Kremlin"},
    {"kind": "state_term", "pattern": r"\bKyiv regime\b", "source_phrase": "киевский режим",
     "meaning_en": "the Ukrainian government", "weight": 0.8, "note": "derogatory", "stance": "pro-Kremlin"},
    {"kind": "calque", "pattern": r"\bin the course of the meeting\b", "source_phrase": "в ходе встречи",
     "meaning_en": "during the meeting", "weight": 0.4, "note": ""},
    {"kind": "calque", "pattern": r"\bhead of the region\b", "source_phrase": "глава региона",
     "meaning_en": "regional governor", "weight": 0.65, "note": ""},
]

ZH_TERMS = [
    {"kind": "pinyin_term", "pattern": r"\bWaijiaobu\b", "pinyin": "waijiaobu", "variants": ["Wai Jiao Bu"],
     "hanzi": "外交部", "meaning_en": "Foreign Ministry", "source_phrase": "外交部", "weight": 0.9, "note": ""},
    {"kind": "pinyin_term", "pattern": r"\bGuowuyuan\b", "pinyin": "guowuyuan", "variants": [],
     "hanzi": "国务院", "meaning_en": "State Council", "source_phrase": "国务院", "weight": 0.9, "note": ""},
    # no literal of 3+ letters in every alternative: these run on every article, together
    {"kind": "pinyin_term", "pattern": r"\b(?:Si[\s-]+Fa[\s-]+Bu|Sifabu)\b", "pinyin": "sifabu", "variants": [],
     "hanzi": "司法部", "meaning_en": "Ministry of Justice", "source_phrase": "司法部", "weight": 0.9, "note": ""},
    {"kind": "pinyin_term", "pattern": r"\b(?:Ke[\s-]+Ji[\s-]+Bu|Kejibu)\b", "pinyin": "kejibu", "variants": [],
     "hanzi": "科技部", "meaning_en": "Ministry of Science and Technology", "source_phrase": "科技部", "weight": 0.9,
     "note": ""},
    {"kind": "calque", "pattern": r"\bwin-win cooperation\b", "source_phrase": "合作共赢",
     "meaning_en": "mutually beneficial cooperation", "weight": 0.5, "note": ""},
]


def write(root: Path) -> Path:
    """Write the tables under ``root`` and return it."""
    (root / "translation").mkdir(parents=True, exist_ok=True)
    (root / "gazetteer").mkdir(parents=True, exist_ok=True)
    files = {
        "translation/ru_acronyms.json": {"provenance": PROV, "entries": ACRONYMS},
        "translation/uk_acronyms.json": {"provenance": PROV, "entries": []},
        "translation/ru_terms.json": {"provenance": PROV, "entries": RU_TERMS},
        "translation/uk_terms.json": {"provenance": PROV, "entries": []},
        "translation/zh_terms.json": {"provenance": PROV, "entries": ZH_TERMS},
        "gazetteer/people.json": {"provenance": PROV, "entries": PEOPLE},
    }
    for name, data in files.items():
        (root / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root

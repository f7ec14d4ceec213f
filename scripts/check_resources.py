#!/usr/bin/env python3
"""Validate the translation-analyzer resources and the person gazetteer.

Checks ``translation/ru_acronyms.json``, ``translation/{ru,uk,zh}_terms.json`` and
``gazetteer/people.json``: the provenance block, the required keys and their types, unique
``cyr`` / ``id`` values, that every regular expression compiles (case-insensitively, as the
analyzer uses them) and matches no empty string, that native scripts stay in the native fields
(Cyrillic only in ``cyr``/``expansion``/``source_phrase``/``native*``/``patronymic``; English
fields are Latin script), and the minimum counts.

Usage::

    python scripts/check_resources.py [RESOURCES_DIR]

``RESOURCES_DIR`` defaults to ``src/unspin/resources`` next to this script. Prints the counts and
every problem found; exits 1 when there is a problem. The functions are imported by
``tests/resources/test_translation_resources.py`` so that the test suite runs the same checks.

Trade-off: the script checks form, not truth. Whether an acronym's expansion or a person's role is
right is the authors' responsibility (see each file's provenance); the checks catch the mistakes
that silently break an analyzer (a Latin "C" typed into a Cyrillic acronym, a regex that matches
everything, a duplicated id, a name whose given/family split does not add up).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

__all__ = [
    "MINIMUMS",
    "FILES",
    "check_acronyms",
    "check_people",
    "check_provenance",
    "check_terms",
    "check_all",
    "counts",
    "load",
    "main",
]

FILES = {
    "acronyms": "translation/ru_acronyms.json",
    "ru_terms": "translation/ru_terms.json",
    "uk_terms": "translation/uk_terms.json",
    "zh_terms": "translation/zh_terms.json",
    "people": "gazetteer/people.json",
}

#: Acceptance minimums: entries per file, plus pinyin institution names in zh_terms.
MINIMUMS = {
    "acronyms": 200,
    "ru_terms": 40,
    "uk_terms": 15,
    "zh_terms": 40,
    "zh_pinyin_terms": 40,
    "people": 500,
}

PROVENANCE_KEYS = ("name", "version", "what", "source", "licence", "how_built", "date")
ACRONYM_CATEGORIES = {
    "military",
    "wartime",
    "security",
    "state",
    "ministry",
    "region",
    "party",
    "media",
    "company",
    "org",
    "compound",
    "other",
}
ACRONYM_LANGS = {"ru", "uk", "both"}
TERM_KINDS = {
    "ru_terms": {"calque", "state_term"},
    "uk_terms": {"calque", "state_term"},
    "zh_terms": {"calque", "state_term", "pinyin_term"},
}

# Script expected in a person's ``native`` field, by native_lang (anything else: Latin).
NATIVE_SCRIPT = {
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "be": "CYRILLIC",
    "bg": "CYRILLIC",
    "sr": "CYRILLIC",
    "mk": "CYRILLIC",
    "kk": "CYRILLIC",
    "ky": "CYRILLIC",
    "tg": "CYRILLIC",
    "mn": "CYRILLIC",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "fa": "ARABIC",
    "ar": "ARABIC",
    "ur": "ARABIC",
    "ps": "ARABIC",
    "he": "HEBREW",
    "hi": "DEVANAGARI",
    "bn": "BENGALI",
    "th": "THAI",
    "km": "KHMER",
    "el": "GREEK",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
}
# Serbian and a few others are written in both scripts; their native may also be Latin.
_LATIN_OK = {"sr"}
# Person fields that may hold native script; everything else must be Latin script.
_PERSON_NATIVE_KEYS = {
    "native",
    "native_given",
    "native_family",
    "patronymic",
    "native_ru",
    "native_title",
}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An absolute file-system path ("/x/y/z"); relative ones ("../shared/data/x") are allowed.
_ABS_PATH = re.compile(r"(?<![\w.])/(?:[\w.-]+/)+[\w.-]+")


def _script(ch: str) -> str:
    """Coarse Unicode script of a letter: the first word of its name (CJK for ideographs)."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"
    return name.split(" ", 1)[0]


def _scripts(text: str) -> set[str]:
    return {_script(c) for c in text if c.isalpha()}


def _has(text: str, script: str) -> bool:
    return script in _scripts(text)


def _non_latin(text: str) -> set[str]:
    """Scripts other than Latin used by the letters of ``text``."""
    return _scripts(text) - {"LATIN"}


def load(path: str | Path) -> dict:
    """Parse a JSON resource file (raises ``ValueError`` with the path on bad JSON)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from None


def check_provenance(data: object, label: str) -> list[str]:
    """Problems with the top-level shape and the provenance block."""
    if not isinstance(data, dict):
        return [f"{label}: top level must be a JSON object"]
    problems = []
    prov = data.get("provenance")
    if not isinstance(prov, dict):
        problems.append(f"{label}: missing provenance block")
    else:
        for key in PROVENANCE_KEYS:
            if not isinstance(prov.get(key), str) or not prov.get(key, "").strip():
                problems.append(f"{label}: provenance.{key} missing or empty")
        if prov.get("version") != "1":
            problems.append(f"{label}: provenance.version must be '1'")
        if any(_ABS_PATH.search(v) for v in prov.values() if isinstance(v, str)):
            problems.append(f"{label}: provenance contains an absolute path")
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        problems.append(f"{label}: 'entries' must be a non-empty list")
    elif not all(isinstance(e, dict) for e in entries):
        problems.append(f"{label}: every entry must be an object")
    return problems


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def check_acronyms(data: dict, label: str = "ru_acronyms") -> list[str]:
    """Schema, uniqueness and script checks for the acronym table."""
    problems = check_provenance(data, label)
    if problems:
        return problems
    seen: set[str] = set()
    for i, e in enumerate(data["entries"]):
        where = f"{label}[{i}] {e.get('cyr')!r}"
        for key in ("cyr", "lang", "expansion", "meaning_en", "category"):
            if not isinstance(e.get(key), str) or not e[key].strip():
                problems.append(f"{where}: '{key}' missing or empty")
        if not _str_list(e.get("english_forms")) or not e.get("english_forms"):
            problems.append(f"{where}: 'english_forms' must be a non-empty list of strings")
        if not isinstance(e.get("accepted_in_english"), bool):
            problems.append(f"{where}: 'accepted_in_english' must be true or false")
        for opt in ("translit", "translit_in_native_english"):
            if opt in e and not (e[opt] == [] or _str_list(e[opt])):
                problems.append(f"{where}: '{opt}' must be a list of strings")
        if e.get("lang") not in ACRONYM_LANGS:
            problems.append(f"{where}: lang must be one of {sorted(ACRONYM_LANGS)}")
        if e.get("category") not in ACRONYM_CATEGORIES:
            problems.append(f"{where}: unknown category {e.get('category')!r}")
        cyr = e.get("cyr") or ""
        if not isinstance(cyr, str):
            continue
        if _scripts(cyr) != {"CYRILLIC"}:
            problems.append(
                f"{where}: 'cyr' must be Cyrillic letters only (found {sorted(_scripts(cyr))})"
            )
        if cyr != cyr.strip() or "  " in cyr:
            problems.append(f"{where}: 'cyr' has stray spaces")
        if cyr in seen:
            problems.append(f"{where}: duplicate cyr")
        seen.add(cyr)
        if isinstance(e.get("expansion"), str) and not _has(e["expansion"], "CYRILLIC"):
            problems.append(f"{where}: 'expansion' should be the native (Cyrillic) expansion")
        english = (
            [e.get("meaning_en") or ""]
            + list(e.get("english_forms") or [])
            + list(e.get("translit") or [])
        )
        for text in english:
            if isinstance(text, str) and _non_latin(text):
                problems.append(f"{where}: non-Latin script in English field {text!r}")
    # A romanisation equal to another entry's English form would make an analyzer flag good
    # English (the romanisation of УССР is USSR, the English for СССР).
    english = {
        f for e in data["entries"] for f in e.get("english_forms") or [] if isinstance(f, str)
    }
    for i, e in enumerate(data["entries"]):
        own = set(e.get("english_forms") or [])
        for t in e.get("translit") or []:
            if t in english and t not in own:
                problems.append(
                    f"{label}[{i}] {e.get('cyr')!r}: translit {t!r} is another entry's English form"
                )
    return problems


def _compile(pattern: object, where: str, problems: list[str]) -> re.Pattern | None:
    if not isinstance(pattern, str) or not pattern:
        problems.append(f"{where}: 'pattern' missing")
        return None
    try:
        rx = re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        problems.append(f"{where}: pattern does not compile ({err})")
        return None
    if rx.search("") is not None or rx.search(" ") is not None:
        problems.append(f"{where}: pattern matches the empty string")
    return rx


def check_terms(data: dict, label: str) -> list[str]:
    """Schema, regex and script checks for ``ru_terms``, ``uk_terms`` or ``zh_terms``."""
    problems = check_provenance(data, label)
    if problems:
        return problems
    kinds = TERM_KINDS[label]
    seen: set[str] = set()
    for i, e in enumerate(data["entries"]):
        where = f"{label}[{i}] {e.get('id')!r}"
        kind = e.get("kind")
        if kind not in kinds:
            problems.append(f"{where}: kind must be one of {sorted(kinds)}")
            continue
        tid = e.get("id")
        if not isinstance(tid, str) or not _ID_RE.match(tid):
            problems.append(f"{where}: 'id' must be a lower-case slug")
        elif tid in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(tid)
        w = e.get("weight")
        if not isinstance(w, (int, float)) or isinstance(w, bool) or not 0.0 <= w <= 1.0:
            problems.append(f"{where}: 'weight' must be a number in [0, 1]")
        if not isinstance(e.get("meaning_en"), str) or not e["meaning_en"].strip():
            problems.append(f"{where}: 'meaning_en' missing")
        rx = _compile(e.get("pattern"), where, problems)
        if kind in ("calque", "state_term"):
            if not isinstance(e.get("source_phrase"), str) or not e["source_phrase"].strip():
                problems.append(f"{where}: 'source_phrase' missing")
            if kind == "state_term" and (
                not isinstance(e.get("stance"), str) or not e["stance"].strip()
            ):
                problems.append(f"{where}: state_term needs a 'stance'")
            english_keys = ("pattern", "meaning_en", "note", "stance")
        else:  # pinyin_term
            for key in ("pinyin", "hanzi"):
                if not isinstance(e.get(key), str) or not e[key].strip():
                    problems.append(f"{where}: '{key}' missing")
            if not isinstance(e.get("variants"), list) or not all(
                isinstance(v, str) for v in e["variants"]
            ):
                problems.append(f"{where}: 'variants' must be a list of strings")
            elif rx is not None:
                for form in [e.get("pinyin") or ""] + e["variants"]:
                    if not rx.search(f"said the {form} on Monday"):
                        problems.append(f"{where}: pattern does not match its own form {form!r}")
            if isinstance(e.get("hanzi"), str) and not _has(e["hanzi"], "CJK"):
                problems.append(f"{where}: 'hanzi' must contain Chinese characters")
            english_keys = ("pattern", "meaning_en", "note", "pinyin")
            for v in e.get("variants") or []:
                if isinstance(v, str) and _non_latin(v):
                    problems.append(f"{where}: non-Latin script in variant {v!r}")
        for key in english_keys:
            text = e.get(key)
            if isinstance(text, str) and _non_latin(text):
                problems.append(f"{where}: non-Latin script in '{key}'")
    return problems


def check_people(data: dict, label: str = "people") -> list[str]:
    """Schema, uniqueness, name-split and script checks for the person gazetteer."""
    problems = check_provenance(data, label)
    if problems:
        return problems
    seen: set[str] = set()
    for i, e in enumerate(data["entries"]):
        where = f"{label}[{i}] {e.get('id')!r}"
        for key in (
            "id",
            "name",
            "given",
            "family",
            "native",
            "native_given",
            "native_family",
            "native_lang",
            "country",
            "role",
        ):
            if not isinstance(e.get(key), str) or not e[key].strip():
                problems.append(f"{where}: '{key}' missing or empty")
        if problems and problems[-1].startswith(where):
            continue
        if not _ID_RE.match(e["id"]):
            problems.append(f"{where}: 'id' must be an ASCII lower-case slug")
        if e["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(e["id"])
        if not _str_list(e.get("aliases")) and e.get("aliases") != []:
            problems.append(f"{where}: 'aliases' must be a list of strings")
        for opt in ("translit_variants",):
            if opt in e and not _str_list(e[opt]):
                problems.append(f"{where}: '{opt}' must be a list of strings")
        if not re.fullmatch(r"[A-Z]{2}", e["country"]):
            problems.append(f"{where}: 'country' must be a two-letter upper-case code")
        if not re.fullmatch(r"[a-z]{2,3}", e["native_lang"]):
            problems.append(f"{where}: 'native_lang' must be an ISO 639 code")
        name, given, family = e["name"], e["given"], e["family"]
        # Optional 'suffix' (Jr.) follows the name; optional 'title' (Patriarch) replaces the
        # family name for people known by title and given (religious) name only.
        forms = {f"{given} {family}", f"{family} {given}"}
        if e.get("suffix"):
            forms = {f"{f} {e['suffix']}" for f in forms}
        if e.get("title"):
            forms.add(f"{e['title']} {given}")
        if name not in forms:
            problems.append(f"{where}: name {name!r} is not given+family or family+given")
        native = e["native"]
        if e.get("native_title"):
            if native != f"{e['native_title']} {e['native_given']}":
                problems.append(f"{where}: native {native!r} is not native_title + native_given")
        elif e["native_given"] not in native or e["native_family"] not in native:
            problems.append(
                f"{where}: native_given/native_family are not parts of native {native!r}"
            )
        expected = NATIVE_SCRIPT.get(e["native_lang"], "LATIN")
        found = _scripts(native)
        if found != {expected} and not (e["native_lang"] in _LATIN_OK and found == {"LATIN"}):
            problems.append(
                f"{where}: native {native!r} should be in {expected} script, found {sorted(found)}"
            )
        if "patronymic" in e and _scripts(e["patronymic"]) != {"CYRILLIC"}:
            problems.append(f"{where}: 'patronymic' must be Cyrillic")
        if "native_ru" in e and _scripts(e["native_ru"]) != {"CYRILLIC"}:
            problems.append(f"{where}: 'native_ru' must be Cyrillic")
        for key, value in e.items():
            if key in _PERSON_NATIVE_KEYS:
                continue
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if isinstance(text, str) and _non_latin(text):
                    problems.append(f"{where}: non-Latin script in '{key}' ({text!r})")
    return problems


def counts(resources: dict[str, dict]) -> dict[str, int]:
    """Entry counts per file, plus pinyin institution names in zh_terms."""
    out = {label: len(data.get("entries") or []) for label, data in resources.items()}
    zh = resources.get("zh_terms") or {}
    out["zh_pinyin_terms"] = sum(
        1 for e in zh.get("entries") or [] if e.get("kind") == "pinyin_term"
    )
    return out


def check_all(root: str | Path) -> tuple[dict[str, int], list[str]]:
    """Load and check all five files under ``root``; return (counts, problems)."""
    root = Path(root)
    resources: dict[str, dict] = {}
    problems: list[str] = []
    for label, rel in FILES.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{label}: {rel} not found under {root}")
            continue
        try:
            resources[label] = load(path)
        except ValueError as err:
            problems.append(str(err))
    if "acronyms" in resources:
        problems += check_acronyms(resources["acronyms"])
    for label in ("ru_terms", "uk_terms", "zh_terms"):
        if label in resources:
            problems += check_terms(resources[label], label)
    if "people" in resources:
        problems += check_people(resources["people"])
    n = counts(resources)
    for label, minimum in MINIMUMS.items():
        if n.get(label, 0) < minimum:
            problems.append(f"{label}: {n.get(label, 0)} entries, minimum {minimum}")
    return n, problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = (
        Path(argv[0])
        if argv
        else Path(__file__).resolve().parent.parent / "src" / "unspin" / "resources"
    )
    n, problems = check_all(root)
    for label, count in n.items():
        minimum = MINIMUMS.get(label)
        print(f"{label:16} {count:5d}" + (f"  (minimum {minimum})" if minimum else ""))
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

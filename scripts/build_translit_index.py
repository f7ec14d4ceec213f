"""Build the forward transliteration index shipped as ``resources/translation/translit_index.json``.

    .venv/bin/python scripts/build_translit_index.py            # writes the package resource
    .venv/bin/python scripts/build_translit_index.py --out x.json --ru 60000 --uk 30000

For the most frequent Russian and Ukrainian words of ``wordfreq`` (Cyrillic letters only), every
romanisation under every scheme of :mod:`unspin.text.translit.schemes` becomes a lower-case lookup
key pointing at the word. Each word carries its wordfreq Zipf frequency and pymorphy3's view of
it (lemma; proper-name tags Name/Surn/Patr/Geox/Orgn; part of speech), so that the analyzer never
loads pymorphy3 or wordfreq at run time.

Keys that are English words are dropped: a key whose English Zipf frequency (wordfreq ``en``)
reaches ``--en-max`` is not stored (it would only make the analyzer fire on English), and keys
with an English Zipf between ``--en-keep`` and ``--en-max`` are stored with that frequency so the
analyzer can stay quieter on them. Keys shorter than 3 letters are dropped (too ambiguous), and so are keys with diacritics
(ISO "ščerbakov"): English text carries their folded form ("scerbakov"), which is kept.

Layout (kept compact so that it loads in about 0.3 s): ``words`` holds columns (Cyrillic words
joined by "|", languages as one letter each, Zipf x 100, flags, part of speech as one letter of
``pos_codes``, lemma as 0 = the word itself, a word index, or the lemma's text);
``keys`` holds, word after word, the keys that lead to exactly one word, joined by spaces, with
``counts`` saying how many belong to each word; ``shared`` maps each key that leads to several
words to their indices.

The output is deterministic for a given wordfreq / pymorphy3 / iuliia version (sorted keys, no
timestamps). wordfreq's code is Apache-2.0 and its data CC-BY-SA 4.0; the index is derived from
that data and carries the same licence, as its provenance block says.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from importlib.metadata import version
from pathlib import Path

from unspin.text.translit.schemes import SCHEMES, forms

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "src" / "unspin" / "resources" / "translation" / "translit_index.json"
CYR = re.compile(r"^[а-яёіїєґ']+$")
PROPER = {"Name": "N", "Surn": "S", "Patr": "P", "Geox": "G", "Orgn": "O", "Abbr": "A"}


POS_CODE = {"NOUN": "N", "ADJF": "A", "ADJS": "a", "COMP": "C", "VERB": "V", "INFN": "I", "PRTF": "P",
            "PRTS": "p", "GRND": "G", "NUMR": "U", "ADVB": "D", "NPRO": "O", "PRED": "R", "PREP": "E",
            "CONJ": "J", "PRCL": "L", "INTJ": "T", "": "-"}


def _lemma_ref(lemma: str, position: dict[str, int]) -> int | str:
    """0 when the word is its own lemma, the lemma's word index when it is in the list, else
    the lemma itself."""
    if not lemma:
        return 0
    return position.get(lemma, lemma)


def morph_info(morph, word: str) -> tuple[str, str, str]:
    """(lemma, proper-name flags, part of speech) from pymorphy3's parses of ``word``."""
    parses = morph.parse(word)
    if not parses:
        return word, "", ""
    top = parses[0]
    best = top.score or 0.0
    flags = set()
    for p in parses:
        if (p.score or 0.0) < 0.5 * best:
            continue
        for g, f in PROPER.items():
            if g in p.tag.grammemes:
                flags.add(f)
    return top.normal_form, "".join(sorted(flags)), str(top.tag.POS or "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--ru", type=int, default=60000, help="top-N Russian words (wordfreq)")
    ap.add_argument("--uk", type=int, default=30000, help="top-N Ukrainian words (wordfreq)")
    ap.add_argument("--en-max", type=float, default=2.5, help="drop keys with English Zipf >= this")
    ap.add_argument("--en-keep", type=float, default=1.0, help="record English Zipf of keys above this")
    args = ap.parse_args(argv)

    import pymorphy3
    import wordfreq

    t0 = time.time()
    words: list[list] = []
    index: dict[str, list[int]] = {}
    en_zipf: dict[str, float] = {}
    dropped_en = 0
    en_cache: dict[str, float] = {}

    def en(key: str) -> float:
        if key not in en_cache:
            en_cache[key] = wordfreq.zipf_frequency(key, "en")
        return en_cache[key]

    for lang, n in (("ru", args.ru), ("uk", args.uk)):
        morph = pymorphy3.MorphAnalyzer(lang=lang)
        seen = set()
        for w in wordfreq.top_n_list(lang, n):
            w = w.replace("ё", "е") if lang == "ru" else w
            if len(w) < 2 or not CYR.match(w) or w in seen:
                continue
            seen.add(w)
            lemma, flags, pos = morph_info(morph, w)
            zipf = wordfreq.zipf_frequency(w, lang)
            idx = len(words)
            words.append([w, lang, zipf, flags, pos, "" if lemma == w else lemma])
            for key in forms(w, lang):
                if len(key) < 3 or not key.isascii():
                    continue
                z = en(key)
                if z >= args.en_max:
                    dropped_en += 1
                    continue
                if z >= args.en_keep:
                    en_zipf[key] = z
                lst = index.setdefault(key, [])
                if idx not in lst:
                    lst.append(idx)

    position: dict[str, int] = {}
    for i, w in enumerate(words):
        position.setdefault(w[0], i)
    per_word: list[list[str]] = [[] for _ in words]
    for k, v in index.items():
        if len(v) == 1:
            per_word[v[0]].append(k)
    for ks in per_word:
        ks.sort()
    data = {
        "provenance": {
            "name": "translation/translit_index.json",
            "version": "1",
            "what": "Forward index of romanised Russian and Ukrainian words: lower-case Latin form -> "
                    "candidate Cyrillic words (language, wordfreq Zipf, pymorphy3 proper-name flags "
                    "N=Name S=Surn P=Patr G=Geox O=Orgn A=Abbr, part of speech, lemma).",
            "source": f"wordfreq {version('wordfreq')} top {args.ru} Russian and top {args.uk} Ukrainian "
                      f"words; romanised with iuliia {version('iuliia')} schemas and the table schemes "
                      f"of unspin.text.translit.schemes ({len(SCHEMES)} schemes); tags from pymorphy3 "
                      f"{version('pymorphy3')} with the OpenCorpora/LanguageTool dictionaries.",
            "licence": "CC-BY-SA-4.0 (derived from wordfreq data; wordfreq code is Apache-2.0). "
                       "pymorphy3 dictionaries: OpenCorpora CC-BY-SA; iuliia MIT.",
            "how": f"scripts/build_translit_index.py --ru {args.ru} --uk {args.uk} --en-max {args.en_max} "
                   f"--en-keep {args.en_keep}; keys with English Zipf >= en-max dropped "
                   f"({dropped_en} key-word pairs), keys shorter than 3 letters dropped.",
        },
        "schemes": {s.name: s.family for s in SCHEMES},
        "words": {
            "cyrillic": "|".join(w[0] for w in words),
            "lang": "".join(w[1][0] for w in words),
            "zipf100": [round(w[2] * 100) for w in words],
            "flags": "|".join(w[3] for w in words),
            "pos": "".join(POS_CODE.get(w[4], "?") for w in words),
            "lemma": [_lemma_ref(w[5], position) for w in words],
        },
        "pos_codes": {v: k for k, v in POS_CODE.items()},
        "en_zipf": dict(sorted(en_zipf.items())),
        "keys": " ".join(k for ks in per_word for k in ks),
        "counts": [len(ks) for ks in per_word],
        "shared": {k: v for k, v in sorted(index.items()) if len(v) > 1},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    print(f"{len(words)} words, {len(index)} keys ({sum(len(v) > 1 for v in index.values())} shared), {len(en_zipf)} keys with English Zipf recorded, "
          f"{dropped_en} dropped as English; {args.out.stat().st_size / 1e6:.2f} MB in {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

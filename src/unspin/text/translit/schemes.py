"""Romanisation schemes for Russian and Ukrainian, and the Latin "skeleton" that makes them comparable.

A scheme turns one Cyrillic word into one Latin string. Three sources:

- 25 Russian schemas of the ``iuliia`` package (BGN/PCGN, ISO 9, GOST, ALA-LC, Wikipedia,
  Telegram, passport/ICAO, ...), used through ``schema.translate()``;
- table schemes written here for the ways *other* languages romanise Russian and Ukrainian, which
  machine translation through a pivot language (or a model trained on such text) carries into
  English: Polish (W for В, Sz/Cz/Szcz, ż, "ia/ie/iu" after consonants), German (W, Sch, Tsch,
  Schtsch, Z for Ц, "ja/je/ju"), French (ch for Ш, ou for У, "ia"), Czech and Croatian (with and
  without diacritics), the Ukrainian national system (KMU 2010) and Russian-style readings of
  Ukrainian words;
- "mix-up" schemes: English romanisation with one or two letters from another tradition
  (В→W, Щ→Sh, Х→Ch, Й→J ...), the inconsistent output MT and careless editors produce.

Every scheme has a ``family``: ``english`` (what English-language news normally uses: BGN/PCGN,
Wikipedia, passports, Ukrainian national), ``scholarly`` (ISO 9, GOST, ALA-LC with diacritics),
``foreign`` (Polish, German, French, Czech, Croatian) or ``mixup``. A name written in an
``english`` form is standard; the others are evidence of a non-English pipeline.

:func:`skeleton` folds any romanisation of a word onto one key (Щ/Ш/Ж → S, Ч/Х → K, С/З/Ц → Z,
В → v, vowels' iotation dropped, doubled letters merged) so that "Sherbakow", "Schtscherbakow" and
"Shcherbakov" meet. It is deliberately coarse: it is only used to compare a token with the
variants of a *known* name, never to claim that an arbitrary token is Russian.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Scheme", "SCHEMES", "schemes_for", "romanise", "fold", "skeleton", "ENGLISH_FAMILY"]

ENGLISH_FAMILY = "english"

RU_VOWELS = set("аеёиоуыэюяіїє")
IOTATED = set("еёюяєї")
SIGNS = set("ъь'’ʼ")
HUSHING = set("жшчщц")


@dataclass(frozen=True)
class Scheme:
    """One romanisation: ``name``, ``family`` (english, scholarly, foreign, mixup), the
    languages it is used for, and the function that romanises one lower-case word."""

    name: str
    family: str
    langs: frozenset[str]
    fn: Callable[[str], str]

    def translate(self, word: str) -> str:
        """Romanise ``word`` (any case); the result keeps an initial capital if the word had one."""
        out = self.fn(word.lower())
        if word[:1].isupper():
            out = out[:1].upper() + out[1:]
        return out


def _table(base: dict[str, str], *, iot: dict[str, str] | None = None,
           after_cons: dict[str, str] | None = None, after_hush: dict[str, str] | None = None,
           endings: tuple[tuple[str, str], ...] = (), before_soft: dict[str, str] | None = None,
           between_vowels: dict[str, str] | None = None, after_l: dict[str, str] | None = None,
           iot_initial_only: bool = False) -> Callable[[str], str]:
    """A letter-table romaniser.

    ``base`` maps each letter; ``iot`` overrides the iotated vowels (е ё ю я є ї) at the start of
    a word and after a vowel or a sign; ``after_cons`` overrides them after a consonant,
    ``after_hush`` after ж ш ч щ ц; ``before_soft`` overrides a consonant followed by a soft
    vowel or ь (Polish л → l, else ł); ``between_vowels`` overrides a letter between two vowels
    (German с → ss); ``after_l`` overrides the vowels after л (Polish ля → la); with
    ``iot_initial_only`` the ``iot`` forms apply only at the start of a word (Ukrainian
    national: Є → Ye- but -ie-); ``endings`` rewrites word endings first (-ский → -ski).
    """
    after_l = after_l or {}
    iot = iot or {}
    after_cons = after_cons or {}
    after_hush = after_hush or {}
    before_soft = before_soft or {}
    between_vowels = between_vowels or {}
    soft_next = IOTATED | set("иь")

    def fn(word: str) -> str:
        tail = ""
        for cyr, lat in endings:
            if word.endswith(cyr) and len(word) > len(cyr) + 1:
                word, tail = word[: -len(cyr)], lat
                break
        out = []
        n = len(word)
        for i, ch in enumerate(word):
            prev = word[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < n else ""
            if ch in IOTATED or ch in after_l:
                if prev == "л" and ch in after_l:
                    out.append(after_l[ch])
                elif ch not in IOTATED:
                    out.append(base.get(ch, ch))
                elif not prev or (not iot_initial_only and (prev in RU_VOWELS or prev in SIGNS)):
                    out.append(iot.get(ch, base.get(ch, ch)))
                elif prev in HUSHING and ch in after_hush:
                    out.append(after_hush[ch])
                else:
                    out.append(after_cons.get(ch, base.get(ch, ch)))
                continue
            if ch in before_soft and nxt in soft_next:
                out.append(before_soft[ch])
                continue
            if ch in between_vowels and prev in RU_VOWELS and nxt in RU_VOWELS:
                out.append(between_vowels[ch])
                continue
            if ch in after_hush and prev in HUSHING:
                out.append(after_hush[ch])
                continue
            out.append(base.get(ch, ch))
        return "".join(out) + tail

    return fn


def _m(spec: str) -> dict[str, str]:
    """'а=a б=b ъ=' -> dict (an empty right side drops the letter)."""
    out = {}
    for item in spec.split():
        k, _, v = item.partition("=")
        out[k] = v
    return out


# English-like base shared by the mix-ups and the Ukrainian national system.
_EN = _m("а=a б=b в=v г=g д=d е=e ё=e ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u "
         "ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya і=i ї=yi є=ye ґ=g '= ’= ʼ=")
_EN_IOT = _m("е=ye ё=yo ю=yu я=ya є=ye ї=yi")
_EN_END = (("ий", "iy"), ("ый", "y"))


def _with(base: dict[str, str], spec: str) -> dict[str, str]:
    d = dict(base)
    d.update(_m(spec))
    return d


_PL = _with(_EN, "в=w ж=ż х=ch ц=c ч=cz ш=sz щ=szcz й=j л=ł ю=ju я=ja е=e ё=io и=i ы=y ь= ї=ji є=je")
_PL_KW = dict(iot=_m("е=je ё=jo ю=ju я=ja є=je ї=ji"), after_cons=_m("е=ie ё=io ю=iu я=ia є=ie"),
              after_hush=_m("е=e ё=o ю=u я=a и=y"), before_soft=_m("л=l"),
              after_l=_m("е=e ё=o ю=u я=a"),
              endings=(("ский", "ski"), ("цкий", "cki"), ("ий", "ij"), ("ый", "y"), ("ой", "oj")))
_DE = _with(_EN, "в=w ж=sch з=s х=ch ц=z ч=tsch ш=sch щ=schtsch й=i ы=y ю=ju я=ja ё=jo ї=ji є=je")
_DE_KW = dict(iot=_m("е=je ё=jo ю=ju я=ja є=je"), after_cons=_m("е=e ё=jo ю=ju я=ja"),
              after_hush=_m("ё=o"), between_vowels=_m("с=ss"),
              endings=(("ский", "ski"), ("ий", "i"), ("ый", "y"), ("ой", "oi")))
_FR = _with(_EN, "ж=j х=kh ц=ts ч=tch ш=ch щ=chtch й=ï у=ou ю=iou я=ia ё=io ы=y е=e є=ie ї=ï")
_FR_KW = dict(iot=_m("е=ie ё=io ю=iou я=ia"), between_vowels=_m("с=ss"),
              endings=(("ий", "i"), ("ый", "y"), ("ой", "oï")))
_CS = _with(_EN, "ж=ž х=ch ц=c ч=č ш=š щ=šč й=j ю=ju я=ja ё=jo ы=y є=je ї=ji")
_CS_KW = dict(iot=_m("е=je ё=jo ю=ju я=ja"), after_cons=_m("е=e ё=ë ю=ju я=ja"),
              endings=(("ий", "ij"), ("ый", "yj")))
_HR = _with(_EN, "ж=ž х=h ц=c ч=č ш=š щ=šč й=j ю=ju я=ja ё=jo ы=i є=je ї=ji")
_HR_KW = dict(iot=_m("е=je ё=jo ю=ju я=ja"), after_cons=_m("е=e ё=jo ю=ju я=ja"),
              endings=(("ий", "ij"), ("ый", "ij")))

# Ukrainian: national system (KMU 2010) and readings through other traditions.
_UK = _with(_EN, "г=h ґ=g и=y і=i ї=i й=i є=ie ю=iu я=ia е=e")
_UK_KW = dict(iot=_m("є=ye ї=yi ю=yu я=ya й=y"), iot_initial_only=True, endings=(("ий", "yi"),))
_UK_PL = _with(_PL, "г=h ґ=g и=y і=i ї=ji й=j є=je ю=ju я=ja е=e")
_UK_DE = _with(_DE, "г=h ґ=g и=y і=i ї=ji є=je е=e")
_UK_RUSSIAN = _with(_EN, "г=g и=i і=i ї=yi є=ye е=e")  # Ukrainian read as Russian: Kharkov-style


def _fold_diacritics(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("ł", "l")


def _iuliia_schemes() -> list[Scheme]:
    try:
        import iuliia
    except ImportError:  # pragma: no cover - iuliia is a dependency
        return []
    english = {"bgn_pcgn", "bgn_pcgn_alt", "wikipedia", "mosmetro", "mvd_310", "mvd_782", "gost_52290",
               "gost_52535", "icao_doc_9303", "telegram", "yandex_maps", "yandex_money", "bs_2979",
               "bs_2979_alt", "ala_lc_alt"}
    out = []
    for name in sorted(iuliia.schemas.names()):
        # uz is Uzbek; iso_9_1968_alt renders и as y (Mynoborony), a Ukrainian habit that
        # adds 40% more index keys for forms almost never seen in English text
        if name in ("uz", "iso_9_1968_alt"):
            continue
        schema = iuliia.schemas.get(name)
        family = ENGLISH_FAMILY if name in english else ("foreign" if name == "mvd_310_fr" else "scholarly")

        def fn(word: str, _s=schema) -> str:
            # iuliia leaves ё in some schemas; wordfreq and most text write е anyway
            return _s.translate(word.replace("ё", "е"))

        out.append(Scheme(name, family, frozenset({"ru"}), fn))
    return out


def _build() -> tuple[Scheme, ...]:
    ru, uk = frozenset({"ru"}), frozenset({"uk"})
    both = frozenset({"ru", "uk"})
    table = [
        Scheme("polish", "foreign", ru, _table(_PL, **_PL_KW)),
        Scheme("german", "foreign", ru, _table(_DE, **_DE_KW)),
        Scheme("french", "foreign", ru, _table(_FR, **_FR_KW)),
        Scheme("czech", "foreign", ru, _table(_CS, **_CS_KW)),
        Scheme("croatian", "foreign", ru, _table(_HR, **_HR_KW)),
        # mix-ups: English base with letters from another tradition
        Scheme("mixup_w", "mixup", both, _table(_with(_EN, "в=w"), iot=_EN_IOT, endings=_EN_END)),
        Scheme("mixup_sh_w", "mixup", ru, _table(_with(_EN, "в=w щ=sh"), iot=_EN_IOT, endings=_EN_END)),
        Scheme("mixup_ch_w", "mixup", ru, _table(_with(_EN, "в=w х=ch"), iot=_EN_IOT, endings=_EN_END)),
        Scheme("mixup_j", "mixup", both, _table(_with(_EN, "й=j ц=c"), iot=_m("е=je ё=jo ю=ju я=ja"),
                                                 endings=(("ий", "ij"), ("ый", "yj")))),
        Scheme("mixup_h_sch", "mixup", ru, _table(_with(_EN, "х=h щ=sch ж=z ц=c"), iot=_EN_IOT,
                                                    endings=(("ий", "ii"),))),
        Scheme("mixup_tz_ia", "mixup", both, _table(_with(_EN, "ц=tz я=ia ю=iu"), iot=_m("е=ie я=ia ю=iu"),
                                                     endings=(("ий", "y"),))),
        Scheme("ukrainian_national", ENGLISH_FAMILY, uk, _table(_UK, **_UK_KW)),
        Scheme("ukrainian_polish", "foreign", uk, _table(_UK_PL, **_PL_KW)),
        Scheme("ukrainian_german", "foreign", uk, _table(_UK_DE, **_DE_KW)),
        Scheme("ukrainian_as_russian", "mixup", uk, _table(_UK_RUSSIAN, iot=_EN_IOT, endings=_EN_END)),
    ]
    return tuple(_iuliia_schemes() + table)


SCHEMES: tuple[Scheme, ...] = _build()
_BY_NAME = {s.name: s for s in SCHEMES}


def schemes_for(lang: str) -> tuple[Scheme, ...]:
    """The schemes used for words of ``lang`` ("ru" or "uk")."""
    return tuple(s for s in SCHEMES if lang in s.langs)


def scheme(name: str) -> Scheme:
    """A scheme by name (KeyError if unknown)."""
    return _BY_NAME[name]


def fold(latin: str) -> str:
    """The lookup key of a Latin form: lower case, apostrophes and sign marks removed.

    Diacritics are kept (ISO "ščerbakov" and Czech "ščerbakov" are their own keys); the index
    also stores each form with diacritics folded away.
    """
    return re.sub(r"[\"'`’ʹʺʼ”“]", "", latin.lower())


@lru_cache(maxsize=16384)
def forms(word: str, lang: str) -> dict[str, list[str]]:
    """{lookup key: [scheme names]} for ``word`` under every scheme of ``lang``; keys are
    lower-case; each diacritic form is also added with its diacritics folded (scheme name
    suffixed ``/ascii``). Keys that are not plain Latin letters are dropped.

    Cached: the returned dict is shared, callers must not modify it."""
    out: dict[str, list[str]] = {}
    for s in schemes_for(lang):
        f = fold(s.fn(word.lower()))
        if not f:
            continue
        if f.isascii():
            if f.isalpha():
                out.setdefault(f, []).append(s.name)
            continue
        if all(unicodedata.category(c).startswith("L") for c in f) and not _has_cyrillic(f):
            out.setdefault(f, []).append(s.name)
        a = _fold_diacritics(f)
        if a.isascii() and a.isalpha():
            out.setdefault(a, []).append(s.name + "/ascii")
    return out


def romanise(word: str, scheme_name: str = "bgn_pcgn") -> str:
    """``word`` under one scheme (default BGN/PCGN, the usual English-language news form)."""
    return _BY_NAME[scheme_name].translate(word)


def _has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


_SK_DIACRITICS = str.maketrans({"š": "sh", "č": "ch", "ž": "zh", "ŝ": "shch", "ż": "zh", "ź": "z",
                                "ś": "s", "ć": "c", "ń": "n", "ł": "l", "ï": "i", "ĭ": "i", "ÿ": "y",
                                "ě": "e", "ë": "e", "é": "e", "è": "e", "ý": "y", "ü": "u", "ö": "o",
                                "ä": "a", "ß": "ss", "û": "yu", "â": "ya", "ȳ": "y"})
_SK_STEPS = (
    (re.compile(r"schtsch|shch|szcz|chtch|shh"), "S"),
    (re.compile(r"tsch|tch|cz"), "K"),
    (re.compile(r"sch|sz|sh|zh"), "S"),
    (re.compile(r"kh|ch|h|x"), "K"),
    (re.compile(r"ts|tz|c|ss|z|s"), "Z"),
    (re.compile(r"w|v|ff$|f$"), "v"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"[yjiï]+"), "i"),
    (re.compile(r"(?<=[^aeiou])i(?=[aeou])"), ""),
    (re.compile(r"(?<=[aeiou])i(?=[aeou])"), ""),
    (re.compile(r"^i(?=[aeou])"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=65536)
def skeleton(latin: str) -> str:
    """A coarse key shared by the romanisations of one Cyrillic word (see the module docstring).

    >>> skeleton("Sherbakow") == skeleton("Shcherbakov") == skeleton("Schtscherbakow")
    True
    """
    s = fold(latin).translate(_SK_DIACRITICS)
    s = _fold_diacritics(s)
    for rx, rep in _SK_STEPS:
        s = rx.sub(rep, s)
    return s

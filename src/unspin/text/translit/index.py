"""Lookups: romanised word -> Cyrillic candidates, all-caps Latin acronym -> Cyrillic acronyms.

:class:`TranslitIndex` reads ``translation/translit_index.json`` (built by
``scripts/build_translit_index.py``; see its docstring for the layout) into one dict: lower-case
Latin key -> word index (or a tuple of indices). A lookup is one dict access. Which schemes
produce a key is not stored (it would double the file); :meth:`TranslitIndex.schemes` recomputes
it for the few words that are actually reported.

:class:`AcronymMapper` maps an acronym table (``translation/ru_acronyms.json``: Cyrillic acronym,
expansion, English meaning and forms) onto every letter-by-letter Latin spelling, with digraphs
(Ш → SH/SCH/SZ, Ж → ZH/Z, Ч → CH/CZ, Ц → TS/C/TZ, Я → YA/JA/IA, В → V/W, С → S/C ...: the table
of ``translation/acronym_letters.json``, passed in by the caller). The
spellings are enumerated once at set-up (an acronym has a handful of letters, so a few dozen
spellings at most), so matching a token is again one dict access.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .schemes import ENGLISH_FAMILY, forms

__all__ = ["Candidate", "TranslitIndex", "AcronymMapper", "latin_acronyms"]

PROPER_FLAGS = frozenset("NSPGO")


@dataclass(frozen=True)
class Candidate:
    """A Cyrillic word a Latin token may romanise."""

    cyrillic: str
    lang: str
    zipf: float
    flags: str  # N=Name S=Surn P=Patr G=Geox O=Orgn A=Abbr (pymorphy3)
    pos: str
    lemma: str

    @property
    def proper(self) -> bool:
        """True when pymorphy3 reads the word as a name, surname, patronymic, place or organisation."""
        return any(f in PROPER_FLAGS for f in self.flags)

    @property
    def personal(self) -> bool:
        """True for given names, surnames and patronymics."""
        return any(f in "NSP" for f in self.flags)


class TranslitIndex:
    """The forward index. ``lookup(token)`` returns the candidates, most frequent first."""

    def __init__(self, data: dict):
        w = data["words"]
        self.cyrillic = w["cyrillic"].split("|")
        self.langs = w["lang"]
        self.zipf = w["zipf100"]
        self.flags = w["flags"].split("|")
        codes = data["pos_codes"]
        self.pos = w["pos"]
        self.pos_codes = codes
        self.lemmas = w["lemma"]
        self.en_zipf: dict[str, float] = data.get("en_zipf", {})
        self.families: dict[str, str] = data.get("schemes", {})
        counts = data["counts"]
        keys = data["keys"].split(" ") if data["keys"] else []
        owners = [i for i, c in enumerate(counts) for _ in range(c)]
        if len(owners) != len(keys):
            raise ValueError("translit index: 'counts' does not match 'keys'")
        index: dict[str, int | tuple[int, ...]] = dict(zip(keys, owners, strict=True))
        for k, v in data.get("shared", {}).items():
            index[k] = tuple(v)
        self._index = index
        self.provenance = data.get("provenance", {})

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: str) -> bool:
        return key.lower() in self._index

    @lru_cache(maxsize=4096)  # noqa: B019 - one index per process, bounded cache
    def candidate(self, i: int) -> Candidate:
        lem = self.lemmas[i]
        lemma = self.cyrillic[i] if lem == 0 else (self.cyrillic[lem] if isinstance(lem, int) else lem)
        lang = "ru" if self.langs[i] == "r" else "uk"
        return Candidate(self.cyrillic[i], lang, self.zipf[i] / 100.0, self.flags[i],
                         self.pos_codes.get(self.pos[i], ""), lemma)

    def lookup(self, token: str) -> list[Candidate]:
        """Candidates for a Latin token (case-insensitive), most frequent first; [] if none."""
        v = self._index.get(token.lower())
        if v is None:
            return []
        if isinstance(v, int):
            return [self.candidate(v)]
        return sorted((self.candidate(i) for i in v), key=lambda c: -c.zipf)

    @property
    def keys(self):
        """The lower-case keys (a dict view: ``key in index.keys`` is one hash test)."""
        return self._index.keys()

    def english_zipf(self, token: str) -> float:
        """The English Zipf frequency the build recorded for this key (0 when below the floor)."""
        return self.en_zipf.get(token.lower(), 0.0)

    def schemes(self, token: str, cand: Candidate) -> list[str]:
        """The schemes under which ``cand`` is written ``token`` (recomputed, not stored)."""
        return forms(cand.cyrillic, cand.lang).get(token.lower(), [])

    def family_of(self, scheme: str) -> str:
        return self.families.get(scheme.split("/")[0], "")

    def english_forms(self, cand: Candidate) -> set[str]:
        """Keys of ``cand`` under the schemes English-language news uses (BGN/PCGN, Wikipedia...)."""
        return {k for k, ss in forms(cand.cyrillic, cand.lang).items()
                if any(self.family_of(s) == ENGLISH_FAMILY and not s.endswith("/ascii") for s in ss)}


def latin_acronyms(cyr: str, letters: Mapping[str, Sequence[str]], max_spellings: int = 512) -> list[str]:
    """Every letter-by-letter Latin spelling of a Cyrillic acronym (upper case; spaces kept;
    letters outside ``letters`` kept as they are). The first one is the plain English reading.
    ``letters``: Cyrillic capital -> its spellings (``translation/acronym_letters.json``)."""
    parts = [tuple(letters.get(ch, (ch,))) if ch != " " else (" ",) for ch in cyr.upper()]
    out = []
    for combo in itertools.islice(itertools.product(*parts), max_spellings):
        s = "".join(combo)
        if s.strip() and s not in out:
            out.append(s)
    return out


class AcronymMapper:
    """All-caps Latin token (or two, "MO RF") -> acronym-table entries it spells letter by letter.

    ``entries`` are the table's dicts (``cyr``, ``lang``, ``expansion``, ``meaning_en``,
    ``english_forms``, ``accepted_in_english``); ``letters`` the letter table of
    ``translation/acronym_letters.json`` (``data["letters"]``). Spellings equal to one of the entry's own
    English forms are not mapped (writing "FSB" for ФСБ is English). ``english_zipf`` (a
    callable, optional) drops single-token spellings that are common English words or
    acronyms ("MID", "VS"); it is only asked about spellings that occur in a text (lazily).
    """

    def __init__(self, entries: list[dict], letters: Mapping[str, Sequence[str]], min_letters: int = 2,
                 max_letters: int = 8, max_spellings: int = 512):
        self.entries = entries
        self._map: dict[str, list[int]] = {}
        self._plain: dict[int, str] = {}
        for i, e in enumerate(entries):
            cyr = e["cyr"].strip()
            n = len(cyr.replace(" ", ""))
            if not (min_letters <= n <= max_letters):
                continue
            own = {f.upper() for f in e.get("english_forms", []) if f}
            spellings = latin_acronyms(cyr, letters, max_spellings)
            self._plain[i] = spellings[0] if spellings else ""
            for s in spellings:
                if s in own and not e.get("accepted_in_english"):
                    continue
                lst = self._map.setdefault(s, [])
                if i not in lst:
                    lst.append(i)

    def __len__(self) -> int:
        return len(self._map)

    def lookup(self, latin: str) -> list[dict]:
        """Entries whose Cyrillic acronym ``latin`` spells (case-sensitive: upper case only)."""
        return [self.entries[i] for i in self._map.get(latin, ())]

    def has(self, latin: str) -> bool:
        return latin in self._map

    def scheme_of(self, latin: str, entry: dict) -> str:
        """"letters" when the spelling is the plain English letter-by-letter reading, else
        "letters-mixed" (W for В, C for С...)."""
        i = self.entries.index(entry)
        return "letters" if self._plain.get(i) == latin else "letters-mixed"

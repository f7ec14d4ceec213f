"""What the translation modules share: the rule tables of ``translation/rules.json`` and the
English word frequency of a token."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ...text.translit.schemes import SCHEMES

__all__ = ["RULES", "Rules", "english_zipf", "scheme_family", "SCHEMES_BY_NAME"]

RULES = "translation/rules.json"

SCHEMES_BY_NAME = MappingProxyType({s.name: s for s in SCHEMES})
_FAMILIES = MappingProxyType({s.name: s.family for s in SCHEMES})


def scheme_family(scheme: str) -> str:
    """The family (english, scholarly, foreign, mixup) of a scheme name such as ``polish/ascii``."""
    return _FAMILIES.get(scheme.split("/")[0], "")


@lru_cache(maxsize=8192)
def _english_zipf_impl(word: str) -> float:
    """English Zipf frequency of ``word`` (wordfreq, loaded on first use: about 0.15 s once).
    A pure function of the installed wordfreq data, so the cache is safe to share."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")


def english_zipf(word: str) -> float:
    return _english_zipf_impl(word.lower())


@dataclass(frozen=True)
class Rules:
    """``translation/rules.json``, read-only: ``t`` thresholds, ``c`` confidences, and the rest
    of the file as ``raw``."""

    t: MappingProxyType
    c: MappingProxyType
    raw: MappingProxyType

    @classmethod
    def of(cls, data: dict) -> Rules:
        return cls(MappingProxyType(dict(data["thresholds"])), MappingProxyType(dict(data["confidence"])),
                   MappingProxyType(dict(data)))

"""The person gazetteer: who is likely to be named in news, under which spellings.

Loads ``gazetteer/people.json`` through a :class:`~unspin.resources.Resources` object (so a user's
``--resources DIR`` copy wins). Each entry is a dict: ``id``, ``name`` (the form English-language
news uses), ``given``/``family``, ``native`` with ``native_given``/``native_family`` and
``native_lang``, and optional ``aliases``, ``translit_variants``, ``native_ru``, ``patronymic``,
``role``, ``period``. The translation analyzer asks for the people whose names are written in
Cyrillic (to spot non-standard romanisations); the entities analyzer asks for every spelling of
every person (to label and canonicalise mentions); tracing and campaigns will ask by id.

    >>> from unspin.resources import Resources
    >>> gaz = Gazetteer.load(Resources(()))
    >>> gaz.by_id("putin-vladimir")["name"]
    'Vladimir Putin'

The object is read-only after loading and holds plain data, so it is shared between threads and
pickles.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from ..errors import ResourceError

__all__ = ["Gazetteer", "PEOPLE", "CYRILLIC_LANGS"]

#: resource name of the person table
PEOPLE = "gazetteer/people.json"
#: native languages whose names are written in Cyrillic
CYRILLIC_LANGS = frozenset({"ru", "uk", "be"})


class Gazetteer:
    """People of the gazetteer, in file order. ``path`` is the file they came from (for caches
    keyed on it), ``provenance`` its provenance block."""

    def __init__(self, entries: list[dict], path: str = "", provenance: dict | None = None):
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ResourceError(f"{path or 'gazetteer'}: 'entries' must be a list of objects")
        self.entries: tuple[dict, ...] = tuple(entries)
        self.path = path
        self.provenance = MappingProxyType(dict(provenance or {}))
        self._by_id = {e["id"]: e for e in self.entries if e.get("id")}

    @classmethod
    def load(cls, resources, name: str = PEOPLE) -> Gazetteer:
        """The gazetteer of ``resources`` (a :class:`~unspin.resources.Resources` or a
        :class:`~unspin.context.Context`); :class:`~unspin.errors.ResourceError` when missing."""
        data = resources.json(name)
        return cls(data.get("entries", data.get("people", [])), resources.path(name), data.get("provenance"))

    def __reduce__(self):
        return (Gazetteer, (list(self.entries), self.path, dict(self.provenance)))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.entries)

    def by_id(self, pid: str) -> dict | None:
        """The entry with this ``id``, or None."""
        return self._by_id.get(pid)

    def cyrillic(self) -> Iterator[dict]:
        """People with a Cyrillic native name split into family (and given) name, in file order."""
        for p in self.entries:
            if p.get("native_lang", "") in CYRILLIC_LANGS and p.get("family") and p.get("native_family"):
                yield p

    @staticmethod
    def spellings(p: dict) -> list[str]:
        """Every written form of person ``p`` that means them: the English name, other
        romanisations, the native spelling and the aliases (empty ones left out)."""
        return [f for f in [p["name"], *p.get("translit_variants", ()), p.get("native", ""), *p.get("aliases", ())] if f]

    def family_counts(self) -> dict[str, int]:
        """Family name -> how many people of the gazetteer have it."""
        out: dict[str, int] = {}
        for p in self.entries:
            out[p["family"]] = out.get(p["family"], 0) + 1
        return out

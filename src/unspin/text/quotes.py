"""Where an article quotes someone: character ranges inside quotation marks.

Shared by analyzers that must tell the article's own voice from what it reports others saying
(LLM residue in the narrator's voice is strong evidence; the same words inside a quote may be a
story about a chatbot). Pairs “…”, «…», „…“ / „…”, ‹…›, 「…」 and straight double quotes, per
paragraph; an unclosed quote runs to the end of its paragraph (news style for multi-paragraph
quotes).

>>> quoted_ranges('He said "no." Then left.')
[(8, 13)]
"""

from __future__ import annotations

import bisect
import re

# an opening mark, then everything up to its closing mark or the end of the paragraph (line)
_QUOTE = re.compile(r'"[^"\n]*"?|“[^”\n]*”?|«[^»\n]*»?|„[^“”\n]*[“”]?|‹[^›\n]*›?|「[^」\n]*」?|『[^』\n]*』?')


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) ranges covering quoted text, quote marks included."""
    return [m.span() for m in _QUOTE.finditer(text)]


class QuoteIndex:
    """Fast "is this span quoted?" for one text."""

    def __init__(self, text: str):
        self.ranges = quoted_ranges(text)
        self.starts = [r[0] for r in self.ranges]

    def covers(self, start: int, end: int) -> bool:
        """True when the middle of [start, end) lies inside a quotation."""
        mid = (start + end) // 2
        i = bisect.bisect_right(self.starts, mid) - 1
        return i >= 0 and self.ranges[i][0] <= mid < self.ranges[i][1]

"""The one span type: a stretch of an article, by field and character offsets.

Document segments (paragraphs, sentences, tokens), finding evidence, entity mentions and
attribution evidence are all :class:`Span`, so an analyzer hands a token straight to a finding.
``doc.field(span.field)[span.start:span.end] == span.text`` holds for every span the pipeline
accepts (it drops and reports any that does not).

    >>> from unspin.spans import Span
    >>> s = Span("text", 4, 9, "quick")
    >>> s.to_dict()
    {'field': 'text', 'start': 4, 'end': 9, 'text': 'quick'}
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Span"]


class Span(NamedTuple):
    """``field`` ("title" or "text"), ``start`` and ``end`` offsets into it, and the ``text`` covered.

    A named tuple: the Document makes one per token, so it must be cheap to build and compare.
    """

    field: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, seg) -> Span:
        """A span from anything with ``field``, ``start``, ``end`` and ``text``."""
        return cls(seg.field, seg.start, seg.end, seg.text)

    def to_dict(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}

    def ref(self) -> dict:
        """The span without its text (entity mentions in the JSON report)."""
        return {"field": self.field, "start": self.start, "end": self.end}

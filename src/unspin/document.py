"""The read-only article every analyzer shares.

A :class:`Document` holds the article's ``title`` and ``text`` (body) and their segmentation:
paragraphs, sentences and tokens, each with character offsets into its field, so that
``doc.field(seg.field)[seg.start:seg.end] == seg.text`` always holds (property-tested).
Segmentations are computed on first use and kept (``functools.cached_property``); the pipeline
asks for what its analyzers declare in ``needs`` before running them, so the cost shows up in
the ``document`` timing and not inside an analyzer.

Example::

    >>> from unspin.document import Document
    >>> d = Document(title="Hello", text="First one. Second one.\\n\\nNew paragraph.")
    >>> [s.text for s in d.sentences]
    ['First one.', 'Second one.', 'New paragraph.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .spans import Span

if TYPE_CHECKING:
    from .report.model import Article

__all__ = ["Document", "Span", "NEEDS"]

#: What an analyzer may declare in ``needs``; each maps to a Document attribute.
NEEDS = frozenset({"title", "text", "paragraphs", "sentences", "tokens", "title_tokens", "language", "article"})




# Paragraphs: blocks separated by blank lines; a text without blank lines is one paragraph per line.
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")

# Tokens: words (letters/digits with inner hyphens, apostrophes, dots, commas in numbers),
# or any single non-space symbol.
_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]", re.UNICODE)

# Sentence ends: terminal punctuation, optional closing quotes/brackets, then whitespace.
# CJK full stops end a sentence with or without a following space.
_SENT_END = re.compile(r"(?:[.!?…]+[\"'”’»)\]]*)(?=\s)|[。！？]+[”’」』）]*")

# Words before a dot that do not end a sentence.
_ABBREV = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr co corp inc ltd
    vs etc al fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept
    univ assn bros est op pp vol e.g i.e u.s u.k u.n a.m p.m""".split()
)
_ABBREV_TAIL = re.compile(r"(\w[\w.]*)\.$")


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    if _BLANK.search(text):
        bounds = []
        pos = 0
        for m in _BLANK.finditer(text):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(text)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    return _trimmed(text, bounds)


def _trimmed(text: str, bounds) -> list[tuple[int, int]]:
    """Bounds with surrounding whitespace trimmed (offsets stay exact); empty ones dropped."""
    out = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_abbreviation(chunk: str) -> bool:
    m = _ABBREV_TAIL.search(chunk)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _ABBREV:
        return True
    # single initials ("J.") and dotted acronyms ("U.S.", "e.g.")
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:\w\.)+\w", word))


def _sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets inside text[start:end] (one paragraph)."""
    out = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        e = m.end()
        punct = m.group(0)
        if punct[0] == "." and len(punct.rstrip("\"'”’»)]")) == 1 and _is_abbreviation(text[s:e].rstrip("\"'”’»)]")):
            continue
        # next non-space char must not be lower-case (avoid "e.g. this", "3 p.m. on")
        nxt = e
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if punct == "." and nxt < end and text[nxt].isdigit() and re.search(r"\b(?:[Nn]o|[Nn]os|[Aa]rt|[Pp]p?)\.$", text[s:e]):
            continue
        if nxt < end and text[nxt].islower() and punct[0] in ".…":
            continue
        if e > s:
            out.append((s, e))
        s = nxt
    if s < end:
        out.append((s, end))
    return _trimmed(text, out)


@dataclass(frozen=True, eq=False)
class Document:
    """An article ready for analysis. Read-only: analyzers must not change it.

    ``title`` and ``text`` are the normalised strings every span points into. ``language`` is
    an ISO 639-1 code or "und". ``article`` is the article's metadata
    (:class:`~unspin.report.model.Article`: outlet, url, published, section, ...), read-only by
    convention; a Document built by hand gets an empty one.
    """

    title: str = ""
    text: str = ""
    language: str = "und"
    article: Article | None = None

    def __post_init__(self):
        if self.article is None:
            from .ingest.normalize import stable_id
            from .report.model import Article

            object.__setattr__(self, "article", Article(id=stable_id(self.text), source="<document>", title=self.title, language=self.language,
                                   chars=len(self.text)))

    def field(self, name: str) -> str:
        """The string a span's ``field`` refers to ("title" or "text")."""
        if name == "title":
            return self.title
        if name == "text":
            return self.text
        raise KeyError(f"unknown field {name!r} (expected 'title' or 'text')")

    def prepare(self, needs) -> None:
        """Compute, once, every segmentation named in ``needs``."""
        for need in needs:
            if need not in NEEDS:
                raise ValueError(f"unknown need {need!r}; known: {sorted(NEEDS)}")
            getattr(self, need)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        t = self.text
        return tuple(Span("text", s, e, t[s:e]) for s, e in _paragraph_bounds(t))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        t = self.text
        out = []
        for p in self.paragraphs:
            out.extend(Span("text", s, e, t[s:e]) for s, e in _sentence_bounds(t, p.start, p.end))
        return tuple(out)

    @cached_property
    def sentence_paragraph(self) -> tuple[int, ...]:
        """For each sentence, the index of its paragraph."""
        out = []
        pi = 0
        paras = self.paragraphs
        for s in self.sentences:
            while pi + 1 < len(paras) and s.start >= paras[pi + 1].start:
                pi += 1
            out.append(pi)
        return tuple(out)

    @cached_property
    def tokens(self) -> tuple[Span, ...]:
        t = self.text
        return tuple(Span("text", m.start(), m.end(), m.group()) for m in _TOKEN.finditer(t))

    @cached_property
    def title_tokens(self) -> tuple[Span, ...]:
        t = self.title
        return tuple(Span("title", m.start(), m.end(), m.group()) for m in _TOKEN.finditer(t))

    def tokens_in(self, seg: Span) -> tuple[Span, ...]:
        """Tokens of ``seg``'s field that lie inside ``seg``."""
        import bisect

        toks = self.title_tokens if seg.field == "title" else self.tokens
        starts = [t.start for t in toks] if len(toks) < 64 else self._token_starts(seg.field)
        i = bisect.bisect_left(starts, seg.start)
        j = bisect.bisect_left(starts, seg.end)
        return tuple(t for t in toks[i:j] if t.end <= seg.end)

    def _token_starts(self, fld: str) -> list[int]:
        cache = self.__dict__.setdefault("_starts", {})
        if fld not in cache:
            toks = self.title_tokens if fld == "title" else self.tokens
            cache[fld] = [t.start for t in toks]
        return cache[fld]

    @property
    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.text[0].isalnum())

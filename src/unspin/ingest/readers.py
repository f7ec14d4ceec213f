"""The built-in readers, registered under the ``unspin.readers`` entry-point group.

A reader turns the bytes of one input (a file, standard input, bytes in memory) into
:class:`~unspin.ingest.RawArticle` and :class:`~unspin.ingest.Failure` items. What a reader
provides (see :mod:`unspin.hookspecs`):

``name``
    the ``--input-format`` value;
``extensions``
    lower-case file endings it reads (``".csv"``, ``".csv.gz"``); a directory scan picks up
    files with these endings;
``batch``
    True when one input may hold several articles;
``sniff(head: bytes) -> bool``
    does a stream that starts with ``head`` (at most :data:`SNIFF_BYTES`, already decompressed
    when the stream was gzip) look like this format? Used for standard input;
``read(source, data, ctx)``
    yields RawArticle / Failure items for ``data`` (all the input's bytes; gzip already
    decompressed unless the reader sets ``reads_gzip``). It may raise an
    :class:`~unspin.errors.InputError` for the input as a whole, never anything else.

and optionally:

``sniff_priority`` (int, default 0)
    the order in which standard-input sniffing asks the readers, highest first (warc 100,
    jsonl 60, json 50, tsv/csv 45, html 40, text -100: text takes whatever no one else does);
``size_limit`` (``"max_batch_bytes"`` or ``"max_article_bytes"``)
    which setting limits a whole input (default: the batch limit for batch readers);
``reads_gzip`` (bool, default False)
    True when ``read`` takes gzip-compressed bytes itself (WARC: records are compressed one
    by one and read as a stream).

``ctx`` is a :class:`ReadContext`: the field mapping of record formats, the settings and the
run's :class:`~unspin.ingest.IngestStats`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import NoArticlesError
from ..settings import Settings, load_settings
from .decode import decode, require_text
from .model import Failure, IngestStats, RawArticle
from .records import DEFAULT_FIELDS, FieldMap

__all__ = ["ReadContext", "Reader", "SNIFF_BYTES", "TEXT", "HTML", "JSON", "JSONL", "CSV", "TSV", "WARC"]

#: how many (decompressed) bytes of a stream its format is sniffed from
SNIFF_BYTES = 1 << 20


@dataclass
class ReadContext:
    """What a reader gets besides the bytes: ``fields`` (which record fields hold the text and
    metadata), ``settings`` (size limits etc.) and ``stats`` (counts reported at the end of a run,
    e.g. skipped non-HTML WARC records)."""

    fields: FieldMap = field(default_factory=FieldMap)
    settings: Settings = field(default_factory=load_settings)
    stats: IngestStats = field(default_factory=IngestStats)


class Reader:
    """Base class of the built-in readers (plugins need not derive from it)."""

    name = ""
    extensions: tuple[str, ...] = ()
    batch = False
    sniff_priority = 0
    reads_gzip = False

    @property
    def size_limit(self) -> str:
        return "max_batch_bytes" if self.batch else "max_article_bytes"

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, source: str, data: bytes, ctx: ReadContext | None = None) -> Iterator[RawArticle | Failure]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def _text(source: str, data: bytes) -> tuple[str, list[dict]]:
    warnings: list[dict] = []
    text = decode(source, data, warnings)
    require_text(source, text)
    return text, warnings


def _head(head: bytes) -> bytes:
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip()


class TextReader(Reader):
    name = "text"
    extensions = (".txt", ".text", ".md", ".markdown")
    sniff_priority = -100

    def sniff(self, head: bytes) -> bool:
        return True  # the fallback: whatever no other reader claims

    def read(self, source, data, ctx=None):
        from .text import read_text

        text, warnings = _text(source, data)
        yield read_text(text, source, warnings=warnings)


class HtmlReader(Reader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    sniff_priority = 40

    def sniff(self, head: bytes) -> bool:
        from .html import looks_like_html

        return looks_like_html(_head(head)[:4096].decode("utf-8", "replace"))

    def read(self, source, data, ctx=None):
        from .html import read_html

        text, warnings = _text(source, data)
        raw = read_html(source, text, resource_dirs=(ctx.settings.resources if ctx is not None else None))
        raw.warnings.extend(warnings)
        yield raw


class JsonReader(Reader):
    name = "json"
    extensions = (".json",)
    sniff_priority = 50
    size_limit = "max_batch_bytes"  # an array of articles is a batch container too

    def sniff(self, head: bytes) -> bool:
        return _head(head).startswith((b"{", b"["))

    def read(self, source, data, ctx=None):
        from .records import iter_json

        ctx = ctx or ReadContext()
        text, warnings = _text(source, data)
        n = 0
        for item in iter_json(text, source, ctx.fields, ctx.settings.max_article_bytes):
            n += 1
            if isinstance(item, RawArticle):
                item.warnings.extend(warnings)
            yield item
        if n == 0:
            raise NoArticlesError(source, "JSON file holds an empty array of articles")


class JsonlReader(Reader):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
    batch = True
    sniff_priority = 60

    def sniff(self, head: bytes) -> bool:
        if not _head(head).startswith(b"{"):
            return False
        lines = [ln for ln in _head(head).splitlines()[:4] if ln.strip()]
        return len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:3])

    def read(self, source, data, ctx=None):
        from .records import iter_jsonl

        ctx = ctx or ReadContext()
        n = 0
        for item in iter_jsonl(io.BytesIO(data), source, ctx.fields, ctx.settings.max_article_bytes):
            n += 1
            yield item
        if n == 0:
            raise NoArticlesError(source, "JSONL file holds no records")


#: header names that mark a CSV column holding article text (for sniffing standard input)
TEXT_COLUMNS = frozenset(DEFAULT_FIELDS["text"])
_HEADER_CELL = re.compile(r"[A-Za-z_][A-Za-z0-9_ .\-]{0,63}")


class CsvReader(Reader):
    batch = True
    sniff_priority = 45

    def __init__(self, name: str, delimiter: str, extensions: tuple[str, ...]):
        self.name = name
        self.delimiter = delimiter
        self.extensions = extensions

    def sniff(self, head: bytes) -> bool:
        """Conservative: a header row of at least two short identifier-like names, one of them
        a text column (text, body, content, ...), and the next rows with as many fields."""
        text = _head(head).decode("utf-8", "replace")
        truncated = len(head) >= SNIFF_BYTES
        rows: list[list[str]] = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        try:
            for row in reader:
                rows.append(row)
                if len(rows) > 6:
                    break
        except csv.Error:
            truncated = True  # judge by the rows read so far
        if not rows:
            return False
        header = [h.strip() for h in rows[0]]
        if len(header) < 2 or not all(_HEADER_CELL.fullmatch(h) for h in header):
            return False
        if not TEXT_COLUMNS & {h.lower() for h in header}:
            return False
        body = [r for r in rows[1:] if any(c.strip() for c in r)]
        if truncated or len(rows) > 6:
            body = body[:-1]  # the last row may be cut off
        elif not body:
            return False
        return all(len(r) == len(header) for r in body)

    def read(self, source, data, ctx=None):
        from .records import iter_csv

        ctx = ctx or ReadContext()
        text, _warnings = _text(source, data)
        n = 0
        for item in iter_csv(text, source, ctx.fields, ctx.settings.max_article_bytes, self.delimiter):
            n += 1
            yield item
        if n == 0:
            raise NoArticlesError(source, "CSV file holds a header but no rows")


class WarcReader(Reader):
    name = "warc"
    extensions = (".warc", ".warc.gz")
    batch = True
    sniff_priority = 100
    reads_gzip = True

    def sniff(self, head: bytes) -> bool:
        return _head(head).startswith(b"WARC/")

    def read(self, source, data, ctx=None):
        from .warc import WarcStats, iter_warc

        ctx = ctx or ReadContext()
        ws = WarcStats()
        n = 0
        try:
            for item in iter_warc(io.BytesIO(data), source, ctx.settings.max_article_bytes, ws):
                n += 1
                yield item
        finally:
            ctx.stats.skipped_non_html_records += ws.skipped_non_html
        if n == 0:
            raise NoArticlesError(source, f"WARC file holds no HTML response records ({ws.skipped_non_html} other responses skipped)")


TEXT = TextReader()
HTML = HtmlReader()
JSON = JsonReader()
JSONL = JsonlReader()
CSV = CsvReader("csv", ",", (".csv", ".csv.gz"))
TSV = CsvReader("tsv", "\t", (".tsv", ".tsv.gz"))
WARC = WarcReader()

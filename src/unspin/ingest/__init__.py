"""Reading articles from files, directories, batch formats and stdin.

:func:`read_inputs` turns a list of inputs into a stream of :class:`RawArticle` (one per
article) and :class:`Failure` (one per unreadable input or record). It never raises for a bad
input: the batch goes on and every failure is in the stream. :func:`normalize` turns a
RawArticle into a :class:`~unspin.document.Document` (Unicode repair, language, stable id).
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import (
    EmptyInputError,
    InputError,
    MissingInputError,
    NoArticlesError,
    UnsupportedFormatError,
    UsageError,
)
from ..settings import Settings, load_settings
from .decode import check_size, decode, require_text
from .model import META_FIELDS, Failure, RawArticle
from .normalize import normalize
from .records import FieldMap
from .text import split_header

__all__ = [
    "RawArticle", "Failure", "FieldMap", "IngestStats", "read_inputs", "read_text",
    "normalize", "FORMATS", "format_of", "is_batch", "read_stream",
]

#: extension -> reader
FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".csv.gz": "csv", ".tsv.gz": "tsv",
    ".warc": "warc", ".warc.gz": "warc",
}
INPUT_FORMATS = ("text", "html", "json", "jsonl", "csv", "tsv", "warc")
BATCH_FORMATS = frozenset({"jsonl", "csv", "tsv", "warc"})


@dataclass
class IngestStats:
    """Counts a run reports at the end, so that nothing is dropped silently."""

    skipped_files: list[str] = field(default_factory=list)
    skipped_non_html_records: int = 0


def format_of(path: str) -> str | None:
    name = path.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def is_batch(inputs: list[str], input_format: str | None = None) -> bool:
    """True when the inputs can hold several articles (several inputs, a directory, a batch format)."""
    if len(inputs) != 1:
        return True
    p = inputs[0]
    if p == "-":
        return input_format in BATCH_FORMATS
    if os.path.isdir(p):
        return True
    return (input_format or format_of(p)) in BATCH_FORMATS


def read_inputs(
    inputs: list[str],
    *,
    input_format: str | None = None,
    fields: FieldMap | None = None,
    settings: Settings | None = None,
    stats: IngestStats | None = None,
) -> Iterator[RawArticle | Failure]:
    """Yield one RawArticle per article and one Failure per unreadable input or record."""
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; known: {', '.join(INPUT_FORMATS)}")
    settings = settings or load_settings()
    fields = fields or FieldMap()
    stats = stats if stats is not None else IngestStats()
    for inp in inputs:
        try:
            if inp == "-":
                yield from _read_stdin(input_format, fields, settings, stats)
            elif os.path.isdir(inp):
                yield from _read_dir(inp, input_format, fields, settings, stats)
            else:
                yield from _read_file(inp, input_format, fields, settings, stats)
        except InputError as e:
            yield Failure(e.source, e)


def _read_dir(path, input_format, fields, settings, stats):
    files = []
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            if n.startswith("."):
                continue
            p = os.path.join(root, n)
            if input_format or format_of(p):
                files.append(p)
            else:
                stats.skipped_files.append(p)
    if not files:
        exts = ", ".join(sorted({e for e in FORMATS}))
        raise NoArticlesError(path, f"directory holds no article files (looked for {exts})")
    for p in files:
        try:
            yield from _read_file(p, input_format, fields, settings, stats)
        except InputError as e:
            yield Failure(e.source, e)


def _read_file(path, input_format, fields, settings, stats):
    if not os.path.exists(path):
        raise MissingInputError(path, "no such file or directory")
    if not os.path.isfile(path):
        raise UnsupportedFormatError(path, "not a regular file")
    fmt = input_format or format_of(path)
    if fmt is None:
        ext = Path(path).suffix or "(none)"
        raise UnsupportedFormatError(
            path,
            f"unsupported file type {ext}; readable: .txt .md .html .json .jsonl .csv .tsv "
            f".warc(.gz); or force a reader with --input-format",
        )
    size = os.path.getsize(path)
    if fmt in BATCH_FORMATS or fmt == "json":
        if settings.max_batch_bytes:
            check_size(path, size, settings.max_batch_bytes, "max_batch_bytes")
        if size == 0:
            raise EmptyInputError(path, "empty file")
    else:
        check_size(path, size, settings.max_article_bytes)
    try:
        yield from _read_bytes_source(path, fmt, fields, settings, stats, opener=lambda: _open(path))
    except (OSError, EOFError) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise InputError(path, f"cannot read ({reason})") from None


def _open(path):
    if path.lower().endswith(".gz") and not path.lower().endswith(".warc.gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_stdin(input_format, fields, settings, stats):
    yield from read_stream(sys.stdin.buffer, "<stdin>", input_format, fields=fields, settings=settings, stats=stats)


def read_stream(
    fh,
    name: str,
    input_format: str | None = None,
    *,
    fields: FieldMap | None = None,
    settings: Settings | None = None,
    stats: IngestStats | None = None,
) -> Iterator[RawArticle | Failure]:
    """Articles from a binary stream (standard input, bytes in memory), its format sniffed from
    its first bytes unless ``input_format`` is given."""
    import io

    settings = settings or load_settings()
    fields = fields or FieldMap()
    stats = stats if stats is not None else IngestStats()
    limit = settings.max_batch_bytes or None
    data = fh.read() if limit is None else fh.read(limit + 1)
    if limit is not None:
        check_size(name, len(data), limit, "max_batch_bytes")
    fmt = input_format or _sniff(data)
    if fmt not in BATCH_FORMATS and fmt != "json":
        check_size(name, len(data), settings.max_article_bytes)
    try:
        yield from _read_bytes_source(name, fmt, fields, settings, stats, opener=lambda: io.BytesIO(data))
    except InputError as e:
        yield Failure(e.source, e)


def _sniff(data: bytes) -> str:
    head = data[:4096].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith((b"{", b"[")):
        lines = [ln for ln in data.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:3]) and head.startswith(b"{"):
            return "jsonl"
        return "json"
    from .html import looks_like_html

    if looks_like_html(head.decode("utf-8", "replace")):
        return "html"
    return "text"


def _read_bytes_source(name, fmt, fields, settings, stats, opener):
    from . import records

    max_bytes = settings.max_article_bytes
    if fmt == "jsonl":
        with opener() as fh:
            n = 0
            for item in records.iter_jsonl(fh, name, fields, max_bytes):
                n += 1
                yield item
        if n == 0:
            raise NoArticlesError(name, "JSONL file holds no records")
        return
    if fmt == "warc":
        from .warc import WarcStats, iter_warc

        ws = WarcStats()
        n = 0
        with opener() as fh:
            for item in iter_warc(fh, name, max_bytes, ws):
                n += 1
                yield item
        stats.skipped_non_html_records += ws.skipped_non_html
        if n == 0:
            raise NoArticlesError(name, f"WARC file holds no HTML response records ({ws.skipped_non_html} other responses skipped)")
        return
    with opener() as fh:
        data = fh.read()
    warnings: list[dict] = []
    text = decode(name, data, warnings)
    require_text(name, text)
    if fmt in ("csv", "tsv"):
        n = 0
        for item in records.iter_csv(text, name, fields, max_bytes, "\t" if fmt == "tsv" else ","):
            n += 1
            yield item
        if n == 0:
            raise NoArticlesError(name, "CSV file holds a header but no rows")
        return
    if fmt == "json":
        for item in records.iter_json(text, name, fields, max_bytes):
            if isinstance(item, RawArticle):
                item.warnings.extend(warnings)
            yield item
        return
    if fmt == "html":
        from .html import read_html

        raw = read_html(name, text)
        raw.warnings.extend(warnings)
        yield raw
        return
    yield read_text(text, name, warnings=warnings)


def read_text(text: str, source: str = "<text>", warnings: list[dict] | None = None) -> RawArticle:
    """A plain-text article: leading short lines become outlet / section / headline."""
    require_text(source, text, "text")
    header, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw = RawArticle(text=body, source=source, format="text")
    for k, v in header.items():
        raw.set(k, v, "header-block")
    if warnings:
        raw.warnings.extend(warnings)
    return raw


def apply_overrides(raw: RawArticle, overrides: dict) -> RawArticle:
    """Set metadata given by the user (``--title`` etc.); these win over what was read."""
    for k, v in (overrides or {}).items():
        if k not in META_FIELDS:
            raise UsageError(f"unknown article field {k!r}; known: {', '.join(META_FIELDS)}")
        raw.set(k, v, "override")
    return raw

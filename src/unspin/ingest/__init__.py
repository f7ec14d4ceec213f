"""Reading articles from files, directories, batch formats and stdin.

:func:`read_inputs` turns a list of inputs into a stream of :class:`RawArticle` (one per
article) and :class:`Failure` (one per unreadable input or record). It never raises for a bad
input: the batch goes on and every failure is in the stream. :func:`normalize` turns a
RawArticle into a :class:`~unspin.document.Document` (Unicode repair, language, stable id).

The formats are plugins: every reader registered under the ``unspin.readers`` entry-point group
(:mod:`unspin.ingest.readers` holds the built-ins) gives an ``--input-format`` value, file
extensions for files and directory scans, and a sniffer for standard input. :func:`readers`
is the (cached) registry; ``FORMATS``, ``INPUT_FORMATS`` and ``BATCH_FORMATS`` are computed
from it.

Note: ``unspin.ingest.readers`` is this function; the module of built-in readers is imported
as ``from unspin.ingest.readers import CSV`` or ``importlib.import_module``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from functools import lru_cache
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
from . import readers as _builtin_readers  # noqa: F401  (imported before readers() shadows it)
from .decode import check_size, gunzip, is_gzip
from .model import META_FIELDS, Failure, IngestStats, RawArticle
from .normalize import normalize
from .readers import SNIFF_BYTES, ReadContext
from .records import FieldMap
from .text import read_text

__all__ = [
    "RawArticle", "Failure", "FieldMap", "IngestStats", "ReadContext", "read_inputs", "read_text",
    "normalize", "FORMATS", "INPUT_FORMATS", "BATCH_FORMATS", "format_of", "is_batch", "read_stream",
    "readers", "reader", "apply_overrides",
]


@lru_cache(maxsize=1)
def readers() -> dict[str, object]:
    """Input-format name -> reader, from the ``unspin.readers`` entry points (cached; clear
    with ``readers.cache_clear()``). A broken plugin raises PluginError naming it."""
    from ..hookspecs import READERS, load

    return load(READERS)


def reader(name: str):
    """The reader for an ``--input-format`` value; UsageError for an unknown one."""
    regs = readers()
    if name not in regs:
        raise UsageError(f"unknown input format {name!r}; known: {', '.join(regs)}")
    return regs[name]


def _formats() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, r in readers().items():
        for ext in getattr(r, "extensions", ()):
            out.setdefault(str(ext).lower(), name)
    return out


def __getattr__(name: str):
    # computed from the registry, so a third-party reader shows up here too
    if name == "FORMATS":  # extension -> reader name
        return _formats()
    if name == "INPUT_FORMATS":
        return tuple(readers())
    if name == "BATCH_FORMATS":
        return frozenset(n for n, r in readers().items() if getattr(r, "batch", False))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _size_limit(r) -> str:
    limit = getattr(r, "size_limit", None)
    if limit in ("max_batch_bytes", "max_article_bytes"):
        return limit
    return "max_batch_bytes" if getattr(r, "batch", False) else "max_article_bytes"


def format_of(path: str) -> str | None:
    """The input format of a file, by its extension (longest registered ending wins)."""
    name = path.lower()
    formats = _formats()
    for ext in sorted(formats, key=len, reverse=True):
        if name.endswith(ext):
            return formats[ext]
    return None


def is_batch(inputs: list[str], input_format: str | None = None) -> bool:
    """True when the inputs can hold several articles (several inputs, a directory, a batch format)."""
    if len(inputs) != 1:
        return True
    p = inputs[0]
    batch = __getattr__("BATCH_FORMATS")
    if p == "-":
        return input_format in batch
    if os.path.isdir(p):
        return True
    return (input_format or format_of(p)) in batch


def read_inputs(
    inputs: list[str],
    *,
    input_format: str | None = None,
    fields: FieldMap | None = None,
    settings: Settings | None = None,
    stats: IngestStats | None = None,
) -> Iterator[RawArticle | Failure]:
    """Yield one RawArticle per article and one Failure per unreadable input or record."""
    if input_format is not None:
        reader(input_format)  # UsageError for an unknown format, before anything is read
    ctx = ReadContext(fields or FieldMap(), settings or load_settings(), stats if stats is not None else IngestStats())
    for inp in inputs:
        try:
            if inp == "-":
                yield from read_stream(sys.stdin.buffer, "<stdin>", input_format, ctx=ctx)
            elif os.path.isdir(inp):
                yield from _read_dir(inp, input_format, ctx)
            else:
                yield from _read_file(inp, input_format, ctx)
        except InputError as e:
            yield Failure(e.source, e)


def _read_dir(path, input_format, ctx):
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
                ctx.stats.skipped_files.append(p)
    if not files:
        exts = ", ".join(sorted(_formats()))
        raise NoArticlesError(path, f"directory holds no article files (looked for {exts})")
    for p in files:
        try:
            yield from _read_file(p, input_format, ctx)
        except InputError as e:
            yield Failure(e.source, e)


def _read_file(path, input_format, ctx):
    if not os.path.exists(path):
        raise MissingInputError(path, "no such file or directory")
    if not os.path.isfile(path):
        raise UnsupportedFormatError(path, "not a regular file")
    fmt = input_format or format_of(path)
    if fmt is None:
        ext = Path(path).suffix or "(none)"
        readable = " ".join(sorted({e for e in _formats() if not e.endswith(".gz")}))
        raise UnsupportedFormatError(
            path, f"unsupported file type {ext}; readable: {readable} (some also .gz); or force a reader with --input-format"
        )
    r = reader(fmt)
    what = _size_limit(r)
    limit = getattr(ctx.settings, what)
    size = os.path.getsize(path)
    check_size(path, size, limit, what)
    if size == 0:
        raise EmptyInputError(path, "empty file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise InputError(path, f"cannot read ({reason})") from None
    if is_gzip(data) and not getattr(r, "reads_gzip", False):
        data = gunzip(path, data, limit, what)
    yield from _read_with(r, path, data, ctx)


def _read_with(r, source, data, ctx):
    try:
        yield from r.read(source, data, ctx)
    except InputError:
        raise
    except (OSError, EOFError) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise InputError(source, f"cannot read ({reason})") from None
    except Exception as e:  # noqa: BLE001  a reader's bug must not stop the batch; say which reader
        msg = " ".join(str(e).split())[:200]
        name = getattr(r, "name", type(r).__name__)
        raise InputError(source, f"the {name!r} reader failed ({type(e).__name__}{': ' + msg if msg else ''})") from e


def sniff(data: bytes) -> str:
    """The input format whose reader claims these (decompressed) bytes, asked in order of
    ``sniff_priority``; ``text`` when none does."""
    head = data[:SNIFF_BYTES]
    regs = readers()
    order = sorted(regs, key=lambda n: -getattr(regs[n], "sniff_priority", 0))
    for name in order:
        try:
            if regs[name].sniff(head):
                return name
        except Exception:  # a sniffer that fails on odd bytes simply does not claim them
            continue
    return "text"


def read_stream(
    fh,
    name: str,
    input_format: str | None = None,
    *,
    fields: FieldMap | None = None,
    settings: Settings | None = None,
    stats: IngestStats | None = None,
    ctx: ReadContext | None = None,
) -> Iterator[RawArticle | Failure]:
    """Articles from a binary stream (standard input, bytes in memory). Gzip data is
    decompressed; the format is sniffed from the first bytes unless ``input_format`` is given."""
    if ctx is None:
        ctx = ReadContext(fields or FieldMap(), settings or load_settings(), stats if stats is not None else IngestStats())
    settings = ctx.settings
    try:
        r = reader(input_format) if input_format else None
        limit = settings.max_batch_bytes or None
        data = fh.read() if limit is None else fh.read(limit + 1)
        if limit is not None:
            check_size(name, len(data), limit, "max_batch_bytes")
        if is_gzip(data) and not (r is not None and getattr(r, "reads_gzip", False)):
            what = _size_limit(r) if r is not None else "max_batch_bytes"
            data = gunzip(name, data, getattr(settings, what), what)
        if r is None:
            r = reader(sniff(data))
        if _size_limit(r) == "max_article_bytes":
            check_size(name, len(data), settings.max_article_bytes)
        if not data:
            raise EmptyInputError(name, "empty file")
        yield from _read_with(r, name, data, ctx)
    except InputError as e:
        yield Failure(e.source, e)


def apply_overrides(raw: RawArticle, overrides: dict) -> RawArticle:
    """Set metadata given by the user (``--title`` etc.); these win over what was read."""
    for k, v in (overrides or {}).items():
        if k not in META_FIELDS:
            raise UsageError(f"unknown article field {k!r}; known: {', '.join(META_FIELDS)}")
        raw.set(k, v, "override")
    return raw

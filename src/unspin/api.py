"""The Python API: one obvious entry function, :func:`analyze`, and its explicit forms.

- :func:`analyze_text` for article text (a ``str``), never taken as a path;
- :func:`analyze_file` for a path to a .txt/.md/.html/.json file holding one article;
- :func:`analyze_bytes` for raw bytes, decoded and sniffed exactly as a file's bytes are;
- :func:`analyze` picks by type: ``str`` is text, ``bytes`` are bytes, ``os.PathLike`` is a
  file. A string is never looked up on disk: ``analyze("report.txt")`` analyses those ten letters
  (pass ``pathlib.Path("report.txt")`` or use :func:`analyze_file`).

All of them take the same flat keyword options and return a :class:`~unspin.report.model.Report`.
Bad input raises a subclass of :class:`~unspin.errors.InputError` whose message names the input
and the reason.
"""

from __future__ import annotations

import io
import os

from .errors import NoArticlesError, UsageError
from .ingest import Failure, read_inputs, read_text
from .report.model import Report
from .settings import load_settings

__all__ = ["analyze", "analyze_text", "analyze_file", "analyze_bytes"]


def _pipeline(analyzers, exclude, resources, options, settings):
    from .pipeline import PipelineSpec

    if resources:
        from dataclasses import replace

        settings = replace(settings, resources=tuple(str(r) for r in resources) + tuple(settings.resources))
    return PipelineSpec(tuple(analyzers or ()), tuple(exclude or ()), options or {}, settings).build()


def _overrides(title, outlet, url, published, lang, id):
    return {k: v for k, v in dict(title=title, outlet=outlet, url=url, published=published,
                                  language=lang, id=id).items() if v is not None}


def _one(items, source: str):
    first = None
    n = 0
    for it in items:
        if isinstance(it, Failure):
            raise it.error
        n += 1
        if first is None:
            first = it
    if first is None:
        raise NoArticlesError(source, "no article found")
    if n > 1:
        raise UsageError(f"{source}: holds {n} articles; analyze() takes one (use the CLI or "
                         "unspin.batch for batches)")
    return first


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    lang: str | None = None,
    id: str | None = None,
    analyzers: list[str] | None = None,
    exclude: list[str] | None = None,
    resources: list[str] | None = None,
    options: dict | None = None,
    max_article_bytes: int | None = None,
    source: str = "<text>",
) -> Report:
    """Analyse article text. A leading header block of short lines is read as outlet / section /
    headline; the keyword arguments override what was read.

    >>> import unspin
    >>> r = unspin.analyze_text("Officials said the bridge will reopen in May after repairs to the deck, "
    ...                         "the council's transport committee told residents on Monday evening.",
    ...                         title="Bridge to reopen")
    >>> r.verdict.label
    'no_strong_signals'
    """
    if not isinstance(text, str):
        raise UsageError(f"analyze_text() takes a str, not {type(text).__name__}")
    settings = load_settings(max_article_bytes=max_article_bytes)
    pipe = _pipeline(analyzers, exclude, resources, options, settings)
    if len(text.encode("utf-8", "surrogatepass")) > settings.max_article_bytes:
        from .ingest.decode import check_size

        check_size(source, len(text.encode("utf-8", "surrogatepass")), settings.max_article_bytes)
    raw = read_text(text, source)
    return pipe.analyze_raw(raw, _overrides(title, outlet, url, published, lang, id))


def analyze_file(path: str | os.PathLike, **kwargs) -> Report:
    """Analyse the one article in a .txt/.md/.html/.json file (same keyword options as
    :func:`analyze_text`)."""
    p = os.fspath(path)
    return _analyze_items(lambda settings: read_inputs([p], settings=settings), p, **kwargs)


def analyze_bytes(data: bytes, *, source: str = "<bytes>", input_format: str | None = None, **kwargs) -> Report:
    """Analyse raw bytes: decoded (UTF-8, BOMs, invalid bytes replaced with a warning) and sniffed
    (HTML, JSON, text) exactly as a file's bytes are."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UsageError(f"analyze_bytes() takes bytes, not {type(data).__name__}")
    from .ingest import read_stream

    data = bytes(data)
    return _analyze_items(lambda settings: read_stream(io.BytesIO(data), source, input_format, settings=settings),
                          source, **kwargs)


def _analyze_items(reader, source, *, title=None, outlet=None, url=None, published=None, lang=None,
                   id=None, analyzers=None, exclude=None, resources=None, options=None,
                   max_article_bytes=None) -> Report:
    settings = load_settings(max_article_bytes=max_article_bytes)
    pipe = _pipeline(analyzers, exclude, resources, options, settings)
    raw = _one(reader(settings), source)
    return pipe.analyze_raw(raw, _overrides(title, outlet, url, published, lang, id))


def analyze(article: str | bytes | os.PathLike, **kwargs) -> Report:
    """Analyse one article and return its :class:`Report`.

    ``article`` is the article text (``str``), its raw bytes (``bytes``: decoded like a file) or
    a path (``pathlib.Path`` or another ``os.PathLike``) to a .txt/.md/.html/.json file holding
    one article. A ``str`` is always text, never a path. Keyword options as in
    :func:`analyze_text`.

    >>> import unspin
    >>> r = unspin.analyze("Officials said the bridge will reopen in May after repairs to the deck, "
    ...                    "the council's transport committee told residents on Monday evening.",
    ...                    title="Bridge to reopen")
    >>> r.verdict.label
    'no_strong_signals'
    """
    if isinstance(article, os.PathLike):
        return analyze_file(article, **kwargs)
    if isinstance(article, (bytes, bytearray, memoryview)):
        return analyze_bytes(article, **kwargs)
    if isinstance(article, str):
        return analyze_text(article, **kwargs)
    raise UsageError(f"analyze() takes text (str), bytes or a path (os.PathLike), not {type(article).__name__}")


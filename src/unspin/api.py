"""The one obvious entry function: :func:`analyze`."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import NoArticlesError
from .ingest import Failure, read_inputs, read_text
from .report.model import Report
from .settings import load_settings

_PIPELINES: dict = {}


def analyze(
    text_or_path: str | os.PathLike,
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
    max_article_bytes: int | None = None,
) -> Report:
    """Analyse one article and return its :class:`Report`.

    ``text_or_path`` is the article text, or a path (``pathlib.Path``, or a one-line string
    naming an existing file) to a .txt/.md/.html/.json file holding one article. The keyword
    arguments override metadata read from the input. Raises a subclass of
    :class:`~unspin.errors.InputError` when the input cannot be read.

    >>> import unspin
    >>> r = unspin.analyze("Officials said the bridge will reopen in May.", title="Bridge to reopen")
    >>> r.verdict.label
    'no_strong_signals'
    """
    from .pipeline import Pipeline

    settings = load_settings(max_article_bytes=max_article_bytes)
    key = (tuple(analyzers or ()), tuple(exclude or ()), tuple(resources or ()), settings)
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = Pipeline(analyzers, exclude, resources, settings)
    is_path = isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and Path(text_or_path).is_file()
    )
    if is_path:
        items = list(read_inputs([os.fspath(text_or_path)], settings=settings))
        for it in items:
            if isinstance(it, Failure):
                raise it.error
        if not items:
            raise NoArticlesError(os.fspath(text_or_path), "no article found")
        raw = items[0]
    else:
        raw = read_text(str(text_or_path))
    overrides = {k: v for k, v in dict(title=title, outlet=outlet, url=url, published=published,
                                        language=lang, id=id).items() if v is not None}
    return pipe.analyze_raw(raw, overrides)

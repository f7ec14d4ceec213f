"""Every extension point of unspin, in one place.

unspin is extended through Python entry-point groups, like datasette's plugin hooks. The built-in
analyzers, readers, renderers and stores are registered through exactly these groups in unspin's
own ``pyproject.toml``, so a third-party package is found the same way and can do anything a
built-in can. A plugin package declares, in its ``pyproject.toml``::

    [project.entry-points."unspin.analyzers"]
    myanalyzer = "mypackage.myanalyzer:MyAnalyzer"

    [project.entry-points."unspin.readers"]
    myformat = "mypackage.reader:MyReader"

    [project.entry-points."unspin.renderers"]
    myformat = "mypackage.render:MyRenderer"

    [project.entry-points."unspin.stores"]
    myscheme = "mypackage.store:MyStore"

What each group's objects must provide:

``unspin.analyzers`` (:mod:`unspin.analyzers.base`)
    A class with ``name``, ``version``, ``description``, ``needs`` (Document parts it reads),
    ``produces`` (finding kinds it may emit), optional ``options`` (name -> default, settable per
    pipeline), ``setup(ctx)`` (``ctx`` an :class:`~unspin.context.Context`: resources, settings,
    options, later the store) and ``analyze(doc)``. Instances must be re-entrant: no per-call
    state on ``self``, safe to call from several threads at once and to rebuild in a worker.

``unspin.readers`` (:mod:`unspin.ingest.readers`)
    An object with ``name`` (the ``--input-format`` value), ``extensions`` (lower-case file
    endings it reads, e.g. ``(".csv", ".csv.gz")``), ``batch`` (True when one input may hold
    several articles), ``sniff(head: bytes) -> bool`` (does a stream that starts with ``head`` look
    like this format; used for standard input) and ``read(source: str, data: bytes, ctx)``
    yielding :class:`~unspin.ingest.RawArticle` and :class:`~unspin.ingest.Failure` items.

``unspin.renderers`` (:mod:`unspin.report.render`)
    An object with ``name`` (the ``--format`` value), ``extension`` (file ending for ``--out
    DIR``), and ``render(report, *, include_text=False, indent=2, color=False) -> str``.

``unspin.stores`` (:mod:`unspin.store`, next issue)
    A class opened from a URL whose scheme is the entry-point name (``sqlite``,
    ``postgresql``): ``open(url, ctx)``.

:func:`load` reads one group; a plugin that fails to import, or two plugins with one name, raise
an :class:`~unspin.errors.UnspinError` subclass naming the entry point.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.metadata import entry_points

from .errors import PluginError

__all__ = ["ANALYZERS", "READERS", "RENDERERS", "STORES", "GROUPS", "load"]

ANALYZERS = "unspin.analyzers"
READERS = "unspin.readers"
RENDERERS = "unspin.renderers"
STORES = "unspin.stores"

#: group -> what one entry must provide (checked by :func:`load`)
GROUPS = {
    ANALYZERS: ("name", "version", "description", "needs", "analyze"),
    READERS: ("name", "extensions", "batch", "sniff", "read"),
    RENDERERS: ("name", "extension", "render"),
    STORES: ("open",),
}


def load(group: str) -> dict[str, object]:
    """Entry-point name -> loaded object for one group, sorted by name. Not cached here: each
    registry (analyzers, readers, renderers, stores) keeps its own cache.

    Objects are checked for the attributes their group requires. A broken plugin raises
    :class:`~unspin.errors.PluginError` naming the entry point and the cause.
    """
    if group not in GROUPS:
        raise PluginError(f"unknown entry-point group {group!r}; known: {', '.join(GROUPS)}")
    out: dict[str, object] = {}
    where_of: dict[str, str] = {}
    for ep in _entry_points(group):
        where = f"{group} entry point {ep.name!r} ({ep.value})"
        try:
            obj = ep.load()
        except Exception as e:  # a broken plugin must say which one it is
            raise PluginError(f"{where} failed to import: {type(e).__name__}: {e}") from e
        missing = [a for a in GROUPS[group] if not hasattr(obj, a)]
        if missing:
            raise PluginError(f"{where}: missing attribute{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")
        if ep.name in out:
            if where_of[ep.name] == ep.value:  # the same distribution seen twice on sys.path
                continue
            raise PluginError(f"two {group} entry points are named {ep.name!r}: {where_of[ep.name]} and {ep.value}")
        out[ep.name] = obj
        where_of[ep.name] = ep.value
    return dict(sorted(out.items()))


def entry_point_of(group: str, name: str) -> str:
    """``module:attr`` of a registered entry point (for listings)."""
    for ep in _entry_points(group):
        if ep.name == name:
            return ep.value
    return ""


def _entry_points(group: str) -> tuple:
    """The group's entry points, scanned once per ``sys.path`` (a scan reads every installed
    distribution's metadata: a few milliseconds each time, at every cold start)."""
    return _scan(group, tuple(sys.path))


@lru_cache(maxsize=32)
def _scan(group: str, path: tuple) -> tuple:
    return tuple(entry_points(group=group))


def cache_clear() -> None:
    """Forget the scanned entry points (after installing a plugin into a folder already on
    ``sys.path``); the registries built on them have their own ``cache_clear`` too."""
    _scan.cache_clear()

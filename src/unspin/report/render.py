"""Renderer dispatch: ``render(report, fmt)`` through the ``unspin.renderers`` entry points.

The built-in formats (text, json, markdown, html; :mod:`unspin.report.renderers`) are registered
in unspin's own ``pyproject.toml`` exactly as a plugin registers its own, so a third-party
renderer is a ``--format`` like any other. :func:`renderers` loads the group once (cached;
:func:`cache_clear` forgets it, e.g. after installing a plugin at run time).

``FORMATS`` (a tuple of names) and ``EXTENSIONS`` (name -> file ending) are computed from the
registry on every access, so ``from unspin.report.render import FORMATS, EXTENSIONS`` always
sees the installed renderers; :func:`formats` and :func:`extensions` are the same as functions.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import PluginError, UnspinError, UsageError
from ..hookspecs import RENDERERS, entry_point_of, load
from .model import Report

# FORMATS and EXTENSIONS are module attributes too (see __getattr__ below)
__all__ = ["render", "renderers", "renderer", "formats", "extensions", "cache_clear"]


_ORDER = {name: i for i, name in enumerate(("text", "json", "markdown", "html"))}


@lru_cache(maxsize=1)
def renderers() -> dict[str, object]:
    """Format name -> renderer object, for every installed ``unspin.renderers`` entry point.

    An entry point may name an object or a class (instantiated once, without arguments).
    Raises :class:`~unspin.errors.PluginError` (one line, naming the entry point) when a renderer
    plugin cannot be imported or lacks ``name`` / ``extension`` / ``render``.
    """
    found = load(RENDERERS)
    for ep_name, r in list(found.items()):
        if isinstance(r, type):  # a registered class is instantiated once, without arguments
            try:
                found[ep_name] = r = r()
            except Exception as e:
                raise PluginError(f"{RENDERERS} entry point {ep_name!r}: {r.__name__}() failed: {type(e).__name__}: {e}") from e
        if not callable(getattr(r, "render", None)):
            raise PluginError(f"{RENDERERS} entry point {ep_name!r}: 'render' is not callable")
        ext = getattr(r, "extension", None)
        if not isinstance(ext, str) or not ext.startswith("."):
            raise PluginError(f"{RENDERERS} entry point {ep_name!r}: 'extension' must be a string starting with '.', not {ext!r}")
    # the built-in formats first, in their usual order, then plugins by name
    return dict(sorted(found.items(), key=lambda kv: (_ORDER.get(kv[0], len(_ORDER)), kv[0])))


def cache_clear() -> None:
    """Forget the loaded renderers (the next call reads the entry points again)."""
    from .. import hookspecs

    hookspecs.cache_clear()
    renderers.cache_clear()


def formats() -> tuple[str, ...]:
    """The ``--format`` names: text, json, markdown, html, then plugins by name."""
    return tuple(renderers())


def extensions() -> dict[str, str]:
    """Format name -> file ending (``.txt``, ``.json``, ...)."""
    return {name: r.extension for name, r in renderers().items()}


def renderer(fmt: str):
    """The renderer registered as ``fmt``; :class:`~unspin.errors.UsageError` listing the known
    formats when there is none."""
    found = renderers()
    if fmt not in found:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(found)}")
    return found[fmt]


def render(report: Report, fmt: str, *, include_text: bool = False, indent: int | None = 2, color: bool = False) -> str:
    """``report`` rendered by the ``fmt`` renderer. A renderer that fails with anything but an
    :class:`~unspin.errors.UnspinError` raises a one-line :class:`~unspin.errors.PluginError`
    naming it and the article."""
    r = renderer(fmt)
    try:
        out = r.render(report, include_text=include_text, indent=indent, color=color)
    except UnspinError:
        raise
    except Exception as e:
        where = f"{RENDERERS} entry point {fmt!r} ({entry_point_of(RENDERERS, fmt)})"
        source = getattr(getattr(report, "article", None), "source", "?")
        raise PluginError(f"{where} failed on {source}: {type(e).__name__}: {e}") from e
    if not isinstance(out, str):
        raise PluginError(f"{RENDERERS} entry point {fmt!r} returned {type(out).__name__}, not str")
    return out


def __getattr__(name: str):
    # module attributes that follow the registry (PEP 562)
    if name == "FORMATS":
        return formats()
    if name == "EXTENSIONS":
        return extensions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

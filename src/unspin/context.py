"""What an analyzer receives at set-up: resources, settings, its options and (later) the store.

One object instead of bare arguments, so that a new dependency (the corpus store for tracing, a
Dask client) reaches analyzers without changing every ``setup`` signature again. A context is
immutable and picklable: a worker process rebuilds the same analyzers from it.

    >>> from unspin.context import Context
    >>> ctx = Context.build(options={"with_style": False})
    >>> ctx.option("with_style", True)
    False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .resources import Resources
from .settings import Settings, load_settings

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    """``resources``: the resource search path; ``settings``: resolved settings; ``options``: this
    analyzer's options (validated against its declared ``options``); ``store``: the corpus store
    when one is configured (None until the store issue lands, and whenever no ``db`` is set)."""

    resources: Resources
    settings: Settings
    options: Mapping = field(default_factory=lambda: MappingProxyType({}))
    store: object | None = None

    @classmethod
    def build(cls, settings: Settings | None = None, options: Mapping | None = None, store=None) -> Context:
        settings = settings or load_settings()
        return cls(Resources(settings.resources), settings, MappingProxyType(dict(options or {})), store)

    def option(self, name: str, default=None):
        return self.options.get(name, default)

    # old-style analyzers called ``setup(resources)`` and used ``resources.json(...)``: a context
    # answers the same calls, so such plugins keep working
    def json(self, name: str) -> dict:
        return self.resources.json(name)

    def path(self, name: str) -> str:
        return self.resources.path(name)

    def __reduce__(self):  # MappingProxyType does not pickle
        return (_rebuild, (self.resources.dirs, self.settings, dict(self.options), self.store))


def _rebuild(dirs, settings, options, store):
    return Context(Resources(dirs), settings, MappingProxyType(options), store)

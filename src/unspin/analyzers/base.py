"""What an analyzer is.

An analyzer is one module holding one class with:

- ``name`` (lower case) and ``version`` (bumped whenever its output can change); reports name
  each finding's maker as ``name@version``;
- ``description``: one line, shown by ``unspin analyzers``;
- ``needs``: every Document part it reads (see :data:`unspin.document.NEEDS`: ``title``,
  ``text``, ``paragraphs``, ``sentences``, ``tokens`` (also behind ``doc.word_count``),
  ``title_tokens``, ``language``, ``article``); the pipeline computes them before it runs, once
  for all analyzers;
- ``produces``: every finding kind it may emit;
- ``options`` (optional): option name -> default, e.g. ``{"with_style": True}``. A pipeline
  sets them per analyzer (``PipelineSpec(options={"llm": {"with_style": False}})``, checked by
  :func:`unspin.analyzers.registry.check_options` against these defaults and their types);
- ``setup(ctx)``: ``ctx`` is a :class:`~unspin.context.Context`. Resource files come only from
  ``ctx.resources`` (``.json(name)``, ``.path(name)``: never open a file by its path, never make
  a ``Resources`` of your own), so ``--resources DIR`` overrides every file; settings (models,
  embeddings) from ``ctx.settings``; options from ``ctx.options`` (already merged over the
  defaults). Called once per process and set of options;
- ``analyze(doc)``: yields :class:`~unspin.report.model.Finding` objects, and may also yield
  :class:`~unspin.report.model.Entity` (the report's ``entities``) and
  :class:`~unspin.report.model.Attribution` (its ``attributions``). It reads the shared,
  read-only Document and never calls another analyzer.

Re-entrancy: one set-up instance serves every thread of a process at once. ``analyze`` keeps
its per-article state in local variables, never on ``self``; nothing is put in module globals
lazily or in ``setup``; what ``setup`` builds is read-only afterwards (a cache filled on first
use must be safe to fill twice and guarded by a lock). An instance must pickle, so that a worker
process gets it: this base class pickles a set-up instance as its class and the context it was
set up with (stored by ``setup`` as ``self._context``), and rebuilds it where it lands.

It is registered under the ``unspin.analyzers`` entry-point group, in ``pyproject.toml``::

    [project.entry-points."unspin.analyzers"]
    myanalyzer = "mypackage.myanalyzer:MyAnalyzer"
"""

from __future__ import annotations

import copyreg
from collections.abc import Iterable, Mapping
from typing import ClassVar

from ..document import Document
from ..report.model import Finding


class Analyzer:
    """Base class for analyzers (subclassing it is optional; the attributes are what count)."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    description: ClassVar[str] = ""
    needs: ClassVar[frozenset[str]] = frozenset()
    produces: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[Mapping[str, object]] = {}

    def setup(self, ctx) -> None:  # pragma: no cover - default does nothing
        """Load what the analyzer needs from ``ctx`` (a :class:`~unspin.context.Context`)."""
        self._context = ctx

    def analyze(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def __reduce__(self):
        ctx = self.__dict__.get("_context")
        if ctx is None:  # not set up: its attributes are all there is
            return (copyreg.__newobj__, (type(self),), dict(self.__dict__))
        return (rebuild, (type(self), ctx))


def rebuild(cls, ctx):
    """A new instance of ``cls`` set up with ``ctx`` (how a pickled analyzer is restored)."""
    obj = cls()
    obj.setup(ctx)
    return obj


def resources_of(ctx):
    """The :class:`~unspin.resources.Resources` of a context (a bare ``Resources`` passes through,
    for scripts that still call ``setup(resources)``)."""
    return getattr(ctx, "resources", ctx)


def option(ctx, cls, name: str):
    """Option ``name`` of the analyzer class ``cls`` from ``ctx.options``, else its default."""
    opts = getattr(ctx, "options", None) or {}
    return opts.get(name, cls.options[name])

"""What an analyzer is.

An analyzer is one module holding one class with:

- ``name`` (lower case) and ``version`` (bumped whenever its output can change); reports name
  each finding's maker as ``name@version``;
- ``description``: one line, shown by ``unspin analyzers``;
- ``needs``: the Document parts it reads (see :data:`unspin.document.NEEDS`); the pipeline
  computes them before it runs, once for all analyzers;
- ``produces``: the finding kinds it may emit;
- ``setup(resources)``: loads heavy resources, called once per process;
- ``analyze(doc)``: yields :class:`~unspin.report.model.Finding` objects, and may also yield
  :class:`~unspin.report.model.Entity` (the report's ``entities``) and
  :class:`~unspin.report.model.Attribution` (its ``attributions``). It reads the shared,
  read-only Document and never calls another analyzer.

It is registered under the ``unspin.analyzers`` entry-point group, in ``pyproject.toml``::

    [project.entry-points."unspin.analyzers"]
    myanalyzer = "mypackage.myanalyzer:MyAnalyzer"
"""

from __future__ import annotations

from collections.abc import Iterable
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

    def setup(self, resources) -> None:  # pragma: no cover - default does nothing
        """Load what the analyzer needs from ``resources`` (a :class:`~unspin.resources.Resources`)."""

    def analyze(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

"""unspin: news-article forensics.

Where a story came from, what was done to it, what it pushes, with evidence a person can check.

>>> import unspin
>>> report = unspin.analyze("Exclusive: secret plan revealed\\n\\nThe council met on Tuesday.")
>>> report.findings[0].kind
'headline.sensational'
"""

from __future__ import annotations

import os as _os

# Parallelism comes from processes; numeric libraries must not start a thread per core each.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS", "TORCH_NUM_THREADS"):
    _os.environ.setdefault(_v, "1")

__version__ = "0.1.0"

from .api import analyze, analyze_bytes, analyze_file, analyze_text  # noqa: E402
from .context import Context  # noqa: E402
from .document import Document  # noqa: E402
from .errors import (  # noqa: E402
    AnalyzerError,
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingInputError,
    NoArticlesError,
    PluginError,
    RecordError,
    ResourceError,
    UnspinError,
    UnsupportedFormatError,
    UsageError,
)
from .pipeline import PipelineSpec  # noqa: E402
from .report.model import Article, Attribution, Entity, Finding, Report, Verdict  # noqa: E402
from .spans import Span  # noqa: E402

__all__ = [
    "__version__",
    "analyze",
    "analyze_text",
    "analyze_file",
    "analyze_bytes",
    "PipelineSpec",
    "Article",
    "Entity",
    "Attribution",
    "Context",
    "PluginError",
    "Document",
    "Finding",
    "Report",
    "Span",
    "Verdict",
    "UnspinError",
    "InputError",
    "MissingInputError",
    "EmptyInputError",
    "BinaryInputError",
    "InputTooLargeError",
    "UnsupportedFormatError",
    "RecordError",
    "NoArticlesError",
    "UsageError",
    "ResourceError",
    "AnalyzerError",
]

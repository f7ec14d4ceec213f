"""Defaults, in one commented place.

Each setting can be changed three ways, strongest first: a CLI flag or keyword argument,
an environment variable ``UNSPIN_<NAME>`` (upper case), or this file's default.
Every setting here is documented in README.md (a test checks that it is).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

# Largest article unspin reads, in bytes: a single text/HTML file, or one record of a
# batch file (JSONL line, CSV row, WARC response). News articles are a few KB; 5 MB leaves
# room for heavy HTML pages and refuses dumps that would only waste time and memory.
MAX_ARTICLE_BYTES = 5_000_000

# Batch containers (JSONL, CSV, JSON arrays, WARC) are streamed, so they have no total size
# limit by default (0). Set a positive number to refuse larger containers outright.
MAX_BATCH_BYTES = 0

# Below this many characters, language detection says "und" (undetermined) rather than guess.
MIN_LANGID_CHARS = 20

# Show a progress bar on stderr when a run holds more than this many articles and stderr is a
# terminal.
PROGRESS_MIN_ITEMS = 3

# Worker processes for batch analysis (1 = in this process). Parallelism comes from processes;
# BLAS/OpenMP thread counts are pinned to 1 in every process.
JOBS = 1


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run. Build with :func:`load_settings`."""

    max_article_bytes: int = MAX_ARTICLE_BYTES
    max_batch_bytes: int = MAX_BATCH_BYTES
    min_langid_chars: int = MIN_LANGID_CHARS
    progress_min_items: int = PROGRESS_MIN_ITEMS
    jobs: int = JOBS


def load_settings(**overrides) -> Settings:
    """Defaults, then ``UNSPIN_*`` environment variables, then ``overrides`` (None = unset)."""
    from .errors import UsageError

    base = Settings()
    values = {}
    for f in fields(Settings):
        env = os.environ.get(f"UNSPIN_{f.name.upper()}")
        if env is not None:
            try:
                values[f.name] = int(env)
            except ValueError:
                raise UsageError(
                    f"UNSPIN_{f.name.upper()}={env!r}: expected a whole number"
                ) from None
    for k, v in overrides.items():
        if v is not None:
            if k not in {f.name for f in fields(Settings)}:
                raise UsageError(f"unknown setting {k!r}")
            values[k] = v
    s = replace(base, **values)
    if s.max_article_bytes <= 0:
        raise UsageError("max_article_bytes must be positive")
    if s.jobs < 1:
        raise UsageError("jobs must be at least 1")
    return s

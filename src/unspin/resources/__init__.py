"""Versioned data files shipped with unspin (patterns, tables, registries, weights).

Facts live here, not in code. Every file carries a ``provenance`` block (what it is, where it
came from, licence, how it was built). Users extend or replace a file by putting one with the
same relative path in a directory of their own and passing ``--resources DIR`` (or setting
``UNSPIN_RESOURCES``, several directories separated by ``os.pathsep``); the first directory that
has the file wins, the package copy is the last resort.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources as _ir
from pathlib import Path

from ..errors import ResourceError

__all__ = ["Resources", "search_path"]


def search_path(extra: list[str] | tuple[str, ...] | None = None) -> tuple[str, ...]:
    """User directories to search before the package: ``extra`` then ``UNSPIN_RESOURCES``."""
    dirs = list(extra or [])
    env = os.environ.get("UNSPIN_RESOURCES")
    if env:
        dirs.extend(d for d in env.split(os.pathsep) if d)
    return tuple(str(Path(d)) for d in dirs)


@lru_cache(maxsize=64)
def _load_json(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as e:
        raise ResourceError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from None
    except OSError as e:
        raise ResourceError(f"{path}: cannot read ({e.strerror})") from None
    if not isinstance(data, dict) or "provenance" not in data:
        raise ResourceError(f"{path}: a resource file must be a JSON object with a 'provenance' block")
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

"""Finding analyzers through the ``unspin.analyzers`` entry-point group.

Built-in analyzers are listed in unspin's own ``pyproject.toml`` under that group, so they are
found exactly as third-party ones are. Instances are made and set up once per process and
resources directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points

from ..document import NEEDS
from ..errors import AnalyzerError, UsageError

GROUP = "unspin.analyzers"
_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")
_VERSION = re.compile(r"^[0-9][0-9A-Za-z.]*$")


@dataclass(frozen=True)
class AnalyzerInfo:
    name: str
    version: str
    description: str
    needs: frozenset
    produces: tuple
    entry_point: str
    enabled_by_default: bool = True

    @property
    def ident(self) -> str:
        return f"{self.name}@{self.version}"


def _check(cls, ep_name: str, ep_value: str) -> AnalyzerInfo:
    where = f"analyzer entry point {ep_name!r} ({ep_value})"
    for attr in ("name", "version", "description", "needs", "analyze"):
        if not hasattr(cls, attr):
            raise AnalyzerError(f"{where}: missing attribute {attr!r}")
    for attr in ("name", "version", "description"):
        if not str(getattr(cls, attr)).strip():
            raise AnalyzerError(f"{where}: empty attribute {attr!r}")
    if not _NAME.match(cls.name):
        raise AnalyzerError(f"{where}: name {cls.name!r} must be lower case letters, digits, _ . -")
    if not _VERSION.match(str(cls.version)):
        raise AnalyzerError(f"{where}: version {cls.version!r} must start with a digit")
    unknown = set(cls.needs) - NEEDS
    if unknown:
        raise AnalyzerError(f"{where}: unknown needs {sorted(unknown)}; known: {sorted(NEEDS)}")
    return AnalyzerInfo(
        cls.name, str(cls.version), cls.description, frozenset(cls.needs),
        tuple(getattr(cls, "produces", ())), ep_value, bool(getattr(cls, "enabled_by_default", True)),
    )


@lru_cache(maxsize=1)
def available() -> dict[str, tuple[AnalyzerInfo, type]]:
    """All registered analyzers: name -> (info, class). Sorted by name."""
    out = {}
    for ep in entry_points(group=GROUP):
        try:
            cls = ep.load()
        except Exception as e:  # a broken plugin must say which one it is
            raise AnalyzerError(f"analyzer entry point {ep.name!r} ({ep.value}) failed to import: {e}") from e
        info = _check(cls, ep.name, ep.value)
        if info.name in out:
            raise AnalyzerError(
                f"two analyzers are named {info.name!r}: {out[info.name][0].entry_point} and {ep.value}"
            )
        out[info.name] = (info, cls)
    if not out:
        raise AnalyzerError(
            "no analyzers registered in the 'unspin.analyzers' entry-point group: "
            "is unspin installed (pip install -e .)?"
        )
    return dict(sorted(out.items()))


def select(names: list[str] | None = None, exclude: list[str] | None = None) -> list[str]:
    """Names to run: all by default, or those asked for (unknown names are a usage error)."""
    avail = available()
    if names:
        chosen = list(dict.fromkeys(names))
    else:  # analyzers that are off by default (optional models) run only when named
        chosen = [n for n, (_, cls) in avail.items() if getattr(cls, "enabled_by_default", True)]
    for n in chosen + list(exclude or []):
        if n not in avail:
            raise UsageError(f"unknown analyzer {n!r}; available: {', '.join(avail)}")
    return [n for n in chosen if n not in set(exclude or [])]


@lru_cache(maxsize=32)
def instance(name: str, resources_key: tuple):
    """The set-up instance of analyzer ``name`` for a resources search path (cached per process)."""
    from ..resources import Resources

    info, cls = available()[name]
    obj = cls()
    try:
        obj.setup(Resources(resources_key))
    except AnalyzerError:
        raise
    except Exception as e:
        raise AnalyzerError(f"analyzer {info.ident} failed to set up: {e}") from e
    return obj

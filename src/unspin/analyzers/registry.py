"""Finding analyzers through the ``unspin.analyzers`` entry-point group.

Built-in analyzers are listed in unspin's own ``pyproject.toml`` under that group, so they are
found exactly as third-party ones are. Instances are made and set up once per process, settings and
options, with a :class:`~unspin.context.Context`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import NEEDS
from ..errors import AnalyzerError, UsageError

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
    from ..errors import PluginError
    from ..hookspecs import ANALYZERS, entry_point_of, load

    out = {}
    try:
        loaded = load(ANALYZERS)
    except AnalyzerError:
        raise
    except PluginError as e:  # analyzers keep their own error class
        raise AnalyzerError(str(e)) from e
    for ep_name, cls in loaded.items():
        ep_value = entry_point_of(ANALYZERS, ep_name)
        info = _check(cls, ep_name, ep_value)
        if info.name in out:
            raise AnalyzerError(
                f"two analyzers are named {info.name!r}: {out[info.name][0].entry_point} and {ep_value}"
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


def declared_options(name: str) -> dict:
    """The options analyzer ``name`` declares (option -> default)."""
    return dict(getattr(available()[name][1], "options", {}) or {})


def check_options(name: str, options: dict | None) -> tuple:
    """``options`` for analyzer ``name`` checked against what it declares, merged over the
    defaults, as a sorted tuple of pairs (hashable: set-up instances are cached by it)."""
    declared = declared_options(name)
    merged = dict(declared)
    for k, v in (options or {}).items():
        if k not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(f"analyzer {name!r} has no option {k!r} (its options: {known})")
        d = declared[k]
        if d is not None and not isinstance(v, type(d)) and not (isinstance(d, float) and isinstance(v, int)):
            raise UsageError(f"option {name}.{k}={v!r}: expected {type(d).__name__}")
        merged[k] = v
    return tuple(sorted(merged.items()))


def make_context(name: str, settings, options: tuple = (), store=None):
    """The :class:`~unspin.context.Context` analyzer ``name`` is set up with."""
    from types import MappingProxyType

    from ..context import Context
    from ..resources import Resources

    return Context(Resources(settings.resources), settings, MappingProxyType(dict(options)), store)


@lru_cache(maxsize=64)
def instance(name: str, settings, options: tuple = ()):
    """The set-up instance of analyzer ``name`` for these settings and options (cached per
    process). Instances are re-entrant, so one serves every thread of the process."""
    info, cls = available()[name]
    obj = cls()
    try:
        obj.setup(make_context(name, settings, options))
    except AnalyzerError:
        raise
    except Exception as e:
        raise AnalyzerError(f"analyzer {info.ident} failed to set up: {type(e).__name__}: {e}") from e
    return obj

"""Terminal safety: control characters in article strings never reach a terminal raw.

Article metadata and text are untrusted. A title holding ``\\x1b]52;…\\x07`` (set the clipboard),
a CSI sequence (``\\x1b[2J``, or the one-byte C1 form ``\\x9b``) or a carriage return (overwrite
the line) would act on the terminal of whoever reads the report. Every renderer a person reads
(text, markdown, html) passes what it shows through :func:`clean`: each C0 control character
except newline and tab, DEL and each C1 control character is replaced by one visible placeholder
character, so lengths (and with them every span offset) stay the same.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace

from ..spans import Span

__all__ = ["CONTROL", "clean", "safe_report"]

#: the characters :func:`clean` replaces: C0 except \t and \n, DEL, C1, and the bidirectional
#: embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), which reorder what a
#: reader sees ("Trojan Source"); the plain marks LRM/RLM (U+200E/F) stay: RTL text needs them
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _placeholder(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # Control Pictures: ␛ for ESC, ␇ for BEL, ␍ for CR
    if c == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 (0x80-0x9f, e.g. the one-byte CSI 0x9b) and bidi controls: U+FFFD


def clean(s):
    """``s`` with every control character (but newline and tab) replaced by a visible
    placeholder of length one. ``None`` and non-strings pass through unchanged."""
    if not isinstance(s, str) or not CONTROL.search(s):
        return s
    return CONTROL.sub(_placeholder, s)


def _deep(x):
    if isinstance(x, str):
        return clean(x)
    if isinstance(x, Span):
        return x._replace(field=clean(x.field), text=clean(x.text))
    if is_dataclass(x) and not isinstance(x, type):
        return replace(x, **{f.name: _deep(getattr(x, f.name)) for f in fields(x) if f.init})
    if isinstance(x, dict):
        return {_deep(k): _deep(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_deep(v) for v in x]
    if isinstance(x, tuple):
        return tuple(_deep(v) for v in x)
    return x


def safe_report(report):
    """A copy of ``report`` whose every string went through :func:`clean` (the report itself is
    returned when it holds no control character at all)."""
    if not _has_control(report):
        return report
    return _deep(report)


def _has_control(x) -> bool:
    if isinstance(x, str):
        return CONTROL.search(x) is not None
    if isinstance(x, Span):
        return _has_control(x.text) or _has_control(x.field)
    if is_dataclass(x) and not isinstance(x, type):
        return any(_has_control(getattr(x, f.name)) for f in fields(x))
    if isinstance(x, dict):
        return any(_has_control(k) or _has_control(v) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return any(_has_control(v) for v in x)
    return False

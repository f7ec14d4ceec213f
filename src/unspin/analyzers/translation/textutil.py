"""Generic text helpers of the translation analyzer, none of them translation-specific.

They live here until the owner of :mod:`unspin.text` takes them in (they belong there:
``required_literals``/``trie_pattern``/``windows`` as a "prefilter patterns by literal" helper,
``quoted``/``inside`` next to :mod:`unspin.text.quotes`).

- :func:`required_literals`: the literals every match of a regex must contain, so a pattern is
  only run where one of them occurs;
- :func:`trie_pattern`: one trie-shaped alternation over many words;
- :func:`windows`: merged character ranges around literal hits;
- :func:`quoted` / :func:`inside`: ranges inside quotation marks.
"""

from __future__ import annotations

import re
import re._parser as _sre
from collections.abc import Mapping

__all__ = ["required_literals", "trie_pattern", "windows", "quoted", "inside", "max_width"]


def _seq_literal(items) -> str:
    """The longest run of literal characters in a parsed regex sequence that every match must
    contain (runs inside required non-branching groups count too)."""
    best = ""
    run: list[str] = []

    def close() -> None:
        nonlocal best, run
        if len(run) > len(best):
            best = "".join(run)
        run = []

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
        elif name == "AT":
            continue
        elif name == "SUBPATTERN" and not any(str(o) == "BRANCH" for o, _ in arg[-1]):
            close()
            inner = _seq_literal(list(arg[-1]))
            if len(inner) > len(best):
                best = inner
        else:
            close()
    close()
    return best


def _alternatives(items) -> list[str] | None:
    """Literal sets for a parsed sequence: the longest plain run, or for a required alternation
    group one literal per alternative; the set whose weakest (shortest) literal is longest wins,
    so "the (publication|edition) writes" is keyed on publication/edition, not on "the"."""
    cands: list[list[str]] = []
    run = _seq_literal(items).strip().lower()
    if len(run) >= 3:
        cands.append([run])
    for op, arg in items:
        name = str(op)
        if name == "SUBPATTERN":
            inner = list(arg[-1])
            if len(inner) == 1 and str(inner[0][0]) == "BRANCH":
                op, arg = inner[0]
                name = "BRANCH"
        if name != "BRANCH":
            continue
        out: list[str] = []
        for b in arg[1]:
            lits = _alternatives(list(b))
            if lits is None:
                out = []
                break
            out.extend(lits)
        if out:
            cands.append(out)
    if not cands:
        return None
    return max(cands, key=lambda c: (min(len(x) for x in c), -len(c)))


def required_literals(pattern: str, flags: int = 0) -> list[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains (one per
    alternative when the pattern is an alternation), or None when some alternative has no
    literal of at least 3 characters (then the pattern always runs). Used to skip, with a
    substring test, patterns whose words are not in the text at all."""
    try:
        items = list(_sre.parse(pattern, flags))
    except re.error:
        return None
    lits = _alternatives(items)
    return sorted(set(lits)) if lits else None


def max_width(pattern: str, flags: int, cap: int) -> int:
    """The longest match ``pattern`` can make, capped at ``cap`` (``cap`` when unbounded)."""
    try:
        return min(cap, int(_sre.parse(pattern, flags).getwidth()[1]))
    except (re.error, OverflowError, ValueError):
        return cap


def windows(low: str, lits: list[str], margin: int) -> list[tuple[int, int]]:
    """Merged ranges of ``low`` around each occurrence of the literals, ``margin`` characters
    either side."""
    spans = []
    for lit in lits:
        i = low.find(lit)
        while i != -1:
            spans.append((max(0, i - margin), min(len(low), i + len(lit) + margin)))
            i = low.find(lit, i + 1)
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first at each position), shaped as a trie so
    that each position costs a few character tests instead of one test per word."""
    trie: dict = {}
    for w in words:
        d = trie
        for ch in w:
            d = d.setdefault(ch, {})
        d[""] = {}

    def build(d: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(d.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in d else body

    return build(trie)


def quoted(text: str, pairs: Mapping[str, str]) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: the opening -> closing ``pairs`` (a single
    opening quote "‘" only closes, being an apostrophe as often) and straight double quotes."""
    out = []
    stack: list[tuple[str, int]] = []
    straight = None
    for i, ch in enumerate(text):
        if ch == '"':
            if straight is None:
                straight = i
            else:
                out.append((straight, i + 1))
                straight = None
        elif ch in pairs and ch != "‘":
            stack.append((pairs[ch], i))
        elif stack and ch == stack[-1][0]:
            _, s = stack.pop()
            out.append((s, i + 1))
        elif ch == "\n" and straight is not None and text[i - 1:i] == "\n":
            straight = None
    return out


def inside(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in ranges)

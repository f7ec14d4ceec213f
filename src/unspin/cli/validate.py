"""``unspin validate``: check JSON or JSONL report files against the report schema."""

from __future__ import annotations

import json
import sys

import click

from ._common import EXIT_INPUT, EXIT_OK, err


def _read(path: str) -> bytes:
    if path == "-":
        buf = getattr(sys.stdin, "buffer", None)
        return buf.read() if buf is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
    with open(path, "rb") as fh:
        return fh.read()


def _documents(path: str, content: str) -> list[tuple[str, str]]:
    """``(where, json text)`` for each report of a file: the whole file when it holds one JSON
    object, else each non-blank line (JSONL)."""
    stripped = content.strip()
    if stripped.startswith("{") and "\n{" not in stripped:
        return [(path, stripped)]
    return [(f"{path}:{i}", ln) for i, ln in enumerate(content.splitlines(), 1) if ln.strip()]


@click.command("validate")
@click.argument("reports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def validate_cmd(reports):
    """Check JSON or JSONL report files against the report schema."""
    import jsonschema

    from ..report.schema import validate_report

    bad = n = bad_files = 0
    for path in reports:
        name = "<stdin>" if path == "-" else path
        data = _read(path)
        try:
            content = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError as e:
            bad_files += 1
            err(f"{name}: not UTF-8 text (invalid byte 0x{data[e.start]:02x} at byte offset {e.start})")
            continue
        docs = _documents(name, content)
        if not docs:
            bad_files += 1
            err(f"{name}: holds no report (the file is empty{' or only whitespace' if content else ''})")
            continue
        for where, s in docs:
            n += 1
            try:
                validate_report(json.loads(s))
            except json.JSONDecodeError as e:
                bad += 1
                err(f"{where}: invalid JSON ({e.msg})")
            except jsonschema.ValidationError as e:
                bad += 1
                err(f"{where}: not a valid unspin.report/1 ({e.message})")
    summary = f"{n - bad} of {n} reports valid"
    if bad_files:
        summary += f"; {bad_files} file{'s' if bad_files != 1 else ''} unreadable or without a report"
    err(summary)
    sys.exit(EXIT_INPUT if bad or bad_files else EXIT_OK)

"""What every command module shares: exit codes and the one-line message helper."""

from __future__ import annotations

import click

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def err(msg: str) -> None:
    """One line on stderr, prefixed ``unspin:``."""
    click.echo(f"unspin: {msg}", err=True)


def csv_list(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]

"""The ``unspin`` command line. A thin layer: library errors become one-line messages.

Exit codes: 0 every input was analysed; 1 some input (or record) could not be read, or an
error named its cause; 2 usage error (unknown option, bad value).
Reports go to stdout (or --out); messages, warnings and progress go to stderr.

The commands live in their own modules: :mod:`.analyze`, :mod:`.info` (``analyzers``,
``schema``) and :mod:`.validate`; this module holds the group and the error-to-one-line layer.
"""

from __future__ import annotations

import click

from .. import __version__
from ..errors import UnspinError
from ._common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, err

__all__ = ["main", "EXIT_OK", "EXIT_INPUT", "EXIT_USAGE"]


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnspinError as e:
            err(f"error: {e}")
            ctx.exit(e.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unspin")
def main():
    """unspin: news-article forensics.

    Where a story came from, what was done to it, what it pushes, with evidence.
    """


def _register() -> None:
    from .analyze import analyze
    from .info import analyzers_cmd, schema_cmd
    from .validate import validate_cmd

    for cmd in (analyze, analyzers_cmd, schema_cmd, validate_cmd):
        main.add_command(cmd)


_register()


if __name__ == "__main__":  # pragma: no cover
    main()

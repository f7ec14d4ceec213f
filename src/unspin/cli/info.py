"""``unspin analyzers`` and ``unspin schema``: what is installed, and the report format."""

from __future__ import annotations

import json

import click


@click.command("analyzers")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def analyzers_cmd(as_json):
    """List the registered analyzers: name, version and what each finds."""
    from ..analyzers import registry

    rows = [info for info, _ in registry.available().values()]
    if as_json:
        click.echo(json.dumps([{"name": i.name, "version": i.version, "description": i.description,
                                "enabled_by_default": i.enabled_by_default,
                                "needs": sorted(i.needs), "produces": list(i.produces),
                                "entry_point": i.entry_point,
                                "options": registry.declared_options(i.name)} for i in rows],
                              indent=2, default=repr))
        return
    width = max(len(i.name) for i in rows)
    for i in rows:
        off = "" if i.enabled_by_default else " [off by default: name it in --analyzers]"
        click.echo(f"{i.name:<{width}}  {i.version:<4} {i.description}{off}")


@click.command("schema")
def schema_cmd():
    """Print the JSON Schema of the report format (unspin.report/1)."""
    from ..report.schema import report_schema

    click.echo(json.dumps(report_schema(), indent=2))

"""The committed JSON Schema of ``unspin.report/1`` and a validator for it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

SCHEMA_FILE = "unspin.report-1.schema.json"


@lru_cache(maxsize=1)
def report_schema() -> dict:
    """The schema as a dict (read from the package)."""
    return json.loads(resources.files("unspin.report").joinpath(SCHEMA_FILE).read_text("utf-8"))


def validate_report(data: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid report.

    Beyond the schema, every evidence span must have ``start <= end``.
    """
    import jsonschema

    jsonschema.Draft202012Validator(report_schema()).validate(data)
    for f in data["findings"]:
        for s in f["evidence"]:
            if s["start"] > s["end"]:
                raise jsonschema.ValidationError(f"finding {f['id']}: span start > end")

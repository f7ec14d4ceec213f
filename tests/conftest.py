"""Shared fixtures. Every report the tests produce in this process is validated against the
committed schema (the pipeline is wrapped below); CLI tests validate the JSON they read back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from unspin.pipeline import Pipeline
from unspin.report.schema import validate_report

# results must not depend on whether the optional [embeddings] extra happens to be installed:
# tests of the embedding path switch it on explicitly
os.environ["UNSPIN_EMBEDDINGS"] = "0"

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

_orig = Pipeline.analyze_document
VALIDATED = {"n": 0}


def _validated(self, *a, **kw):
    report = _orig(self, *a, **kw)
    validate_report(json.loads(report.to_json()))
    VALIDATED["n"] += 1
    assert not [w for w in report.warnings if w["code"] == "bad_span"], report.warnings
    return report


Pipeline.analyze_document = _validated


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def repo() -> Path:
    return REPO


def parse_jsonl(s: str) -> list[dict]:
    out = [json.loads(line) for line in s.splitlines() if line.strip()]
    for r in out:
        validate_report(r)
    return out

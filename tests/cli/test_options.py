"""`analyze -O ANALYZER.KEY=VALUE` sets analyzer options through the PipelineSpec."""

import json

import pytest
from click.testing import CliRunner

from unspin import UsageError
from unspin.analyzers import registry
from unspin.cli import main
from unspin.cli.analyze import parse_options


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input, catch_exceptions=False)


@pytest.fixture
def headline_options(monkeypatch):
    """Give the headline analyzer declared options for the test."""
    cls = registry.available()["headline"][1]
    monkeypatch.setattr(cls, "options", {"limit": 3, "ratio": 0.5, "label": "x", "flag": False, "any": None},
                        raising=False)
    return cls


def test_values_are_json_when_they_parse_else_strings(headline_options):
    got = parse_options(["headline.limit=7", "headline.ratio=1", "headline.flag=true",
                         "headline.label=hello world", "headline.any=[1, 2]"])
    assert got == {"headline": {"limit": 7, "ratio": 1, "flag": True, "label": "hello world", "any": [1, 2]}}
    assert parse_options(['headline.label="7"', "headline.any=a=b"]) == {"headline": {"label": "7", "any": "a=b"}}
    assert parse_options([]) == {}


def test_the_options_reach_the_pipeline_spec(headline_options, fixtures, monkeypatch):
    from unspin import pipeline

    seen = []
    orig = pipeline.PipelineSpec.build

    def build(self):
        seen.append(self.options_for("headline"))
        return orig(self)

    monkeypatch.setattr(pipeline.PipelineSpec, "build", build)
    r = run("analyze", "-f", "json", "--analyzers", "headline", "-O", "headline.limit=5",
            "--option", "headline.label=y", fixtures / "clean.txt")
    assert r.exit_code == 0, r.stderr
    assert seen and seen[0] == {"limit": 5, "label": "y"}
    assert json.loads(r.stdout)["analyzers"][0]["name"] == "headline"


@pytest.mark.parametrize("value, message", [
    ("nope.x=1", "unknown analyzer 'nope'"),
    ("headline.nope=1", "analyzer 'headline' has no option 'nope'"),
    ("headline=1", "expected ANALYZER.KEY=VALUE"),
    ("headline.limit", "expected ANALYZER.KEY=VALUE"),
    (".limit=1", "expected ANALYZER.KEY=VALUE"),
])
def test_bad_options_are_usage_errors(headline_options, fixtures, value, message):
    r = run("analyze", "-O", value, fixtures / "clean.txt")
    assert r.exit_code == 2, r.stderr
    assert message in r.stderr and r.stderr.startswith("unspin: error:") and len(r.stderr.splitlines()) == 1


def test_wrong_type_is_a_usage_error(headline_options, fixtures):
    r = run("analyze", "-O", "headline.limit=many", fixtures / "clean.txt")
    assert r.exit_code == 2 and "expected int" in r.stderr


def test_unknown_option_without_declared_options(fixtures):
    r = run("analyze", "-O", "headline.limit=1", fixtures / "clean.txt")
    assert r.exit_code == 2 and "has no option 'limit'" in r.stderr


def test_parse_options_raises_usage_error():
    with pytest.raises(UsageError):
        parse_options(["x"])


def test_analyzers_json_lists_each_analyzers_options(headline_options):
    rows = {r["name"]: r for r in json.loads(run("analyzers", "--json").stdout)}
    assert rows["headline"]["options"] == {"limit": 3, "ratio": 0.5, "label": "x", "flag": False, "any": None}
    assert all(isinstance(r["options"], dict) for r in rows.values())

"""Analyzers are found through the ``unspin.analyzers`` entry-point group, built-ins included.

The plugin tests install a real (tiny) distribution on sys.path: a module plus a
``.dist-info`` folder with ``entry_points.txt``, which is how pip installs a plugin package.
"""

import sys
import textwrap

import pytest
from click.testing import CliRunner

import unspin
from tests.plugins import install_distribution
from unspin import AnalyzerError
from unspin.analyzers import registry
from unspin.cli import main

PLUGIN = '''
from unspin import Finding, Span

class ShoutAnalyzer:
    name = "shout"
    version = "2"
    description = "Finds words written in capitals (a test plugin)."
    needs = frozenset({"tokens"})
    produces = ("style.shouting",)

    def setup(self, resources):
        self.min_len = 4

    def analyze(self, doc):
        caps = [t for t in doc.tokens if len(t.text) >= self.min_len and t.text.isupper()]
        if caps:
            yield Finding("style.shouting", "low", f"{len(caps)} words in capitals.",
                          [Span.of(t) for t in caps], confidence=0.9)

class CrashAnalyzer:
    name = "crash"
    version = "1"
    description = "Always fails (a test plugin)."
    needs = frozenset()
    produces = ()

    def setup(self, resources):
        pass

    def analyze(self, doc):
        raise RuntimeError("boom")

class BadNeeds:
    name = "badneeds"
    version = "1"
    description = "Declares a need that does not exist."
    needs = frozenset({"embeddings"})
    produces = ()
    def analyze(self, doc):
        return []
'''


def _install(tmp_path, entries: dict[str, str]):
    install_distribution(tmp_path, "unspin-test-plugin", "unspin_test_plugin", PLUGIN, "unspin.analyzers",
                         {k: f"unspin_test_plugin:{v}" for k, v in entries.items()})


@pytest.fixture
def plugin_path(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.available.cache_clear()
    registry.instance.cache_clear()
    unspin.pipeline._build.cache_clear()
    yield tmp_path
    registry.available.cache_clear()
    registry.instance.cache_clear()
    unspin.pipeline._build.cache_clear()
    sys.modules.pop("unspin_test_plugin", None)


def test_builtins_come_from_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="unspin.analyzers")}
    assert "headline" in names
    info, cls = registry.available()["headline"]
    assert info.ident == "headline@2" and info.needs == {"title", "text", "tokens"}
    assert info.entry_point == "unspin.analyzers.headline:HeadlineAnalyzer"


def test_third_party_plugin_is_listed_and_runs(plugin_path):
    _install(plugin_path, {"shout": "ShoutAnalyzer"})
    out = CliRunner().invoke(main, ["analyzers"]).stdout
    assert "shout" in out and "Finds words written in capitals" in out and "headline" in out
    r = unspin.analyze("The MAYOR said the BUDGET is fine.", title="Budget")
    [f] = [f for f in r.findings if f.kind == "style.shouting"]
    assert f.analyzer == "shout@2" and [e.text for e in f.evidence] == ["MAYOR", "BUDGET"]
    assert f.category == "other"
    assert {"name": "shout", "version": "2", "status": "ok"} in r.analyzers


def test_failing_analyzer_does_not_lose_the_article(plugin_path):
    _install(plugin_path, {"crash": "CrashAnalyzer"})
    r = unspin.analyze("Exclusive: secret deal revealed\n\nThe council met on Tuesday.")
    assert any(f.kind == "headline.sensational" for f in r.findings)
    assert {"name": "crash", "version": "1", "status": "failed"} in r.analyzers
    assert any("crash@1 failed: RuntimeError: boom" in w["message"] for w in r.warnings)


def test_invalid_plugin_is_named_in_the_error(plugin_path):
    _install(plugin_path, {"badneeds": "BadNeeds"})
    with pytest.raises(AnalyzerError, match=r"'badneeds'.*unknown needs \['embeddings'\]"):
        registry.available()
    r = CliRunner().invoke(main, ["analyzers"])
    assert r.exit_code == 1 and "unspin: error: analyzer entry point 'badneeds'" in r.stderr


def test_plugin_that_fails_to_import(plugin_path):
    _install(plugin_path, {"ghost": "DoesNotExist"})
    with pytest.raises(AnalyzerError, match="'ghost'.*failed to import"):
        registry.available()


def test_select_and_exclude():
    assert registry.select(["headline"]) == ["headline"]
    assert "headline" not in registry.select(None, ["headline"])
    default = [n for n, (i, _) in registry.available().items() if i.enabled_by_default]
    assert registry.select(None, ["headline"]) == [n for n in default if n != "headline"]
    with pytest.raises(unspin.UsageError, match="unknown analyzer"):
        registry.select(["nope"])


def test_analyzers_json_listing():
    import json

    out = json.loads(CliRunner().invoke(main, ["analyzers", "--json"]).stdout)
    h = [a for a in out if a["name"] == "headline"][0]
    assert h["produces"] == ["headline.sensational", "headline.body_mismatch"] and h["needs"] == ["text", "title", "tokens"]


def test_plugin_doc_example_is_valid_python():
    compile(textwrap.dedent(PLUGIN), "plugin", "exec")

"""Renderers are found through the ``unspin.renderers`` entry-point group, built-ins included.

As in tests/analyzers/test_registry.py, a plugin is a real (tiny) distribution put on sys.path:
a module plus a ``.dist-info`` folder with ``METADATA`` and ``entry_points.txt``, which is what
pip installs.
"""

import sys
from importlib.metadata import entry_points

import pytest

from tests.plugins import install_distribution
from unspin import PluginError, UsageError
from unspin.report import render as render_mod
from unspin.report.render import render

from ._reports import make_report

MODULE = "unspin_test_renderer"

PLUGIN = '''
class MyRenderer:
    name = "myformat"
    extension = ".my"

    def render(self, report, *, include_text=False, indent=2, color=False):
        a = report.article
        return f"MY {a.title} | {report.verdict.label} | {len(report.findings)} | text={include_text}\\n"

MY = MyRenderer()

class NoExtension:
    name = "noext"
    def render(self, report, **kw):
        return ""

class Crashes:
    name = "crashes"
    extension = ".x"
    def render(self, report, **kw):
        raise RuntimeError("boom")
'''


def _install(path, entries: dict[str, str], body: str = PLUGIN):
    install_distribution(path, "unspin-test-renderer", MODULE, body, "unspin.renderers", entries)


@pytest.fixture
def plugin_path(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    render_mod.cache_clear()
    yield tmp_path
    render_mod.cache_clear()
    sys.modules.pop(MODULE, None)


def test_builtins_come_from_entry_points():
    names = {ep.name for ep in entry_points(group="unspin.renderers")}
    assert {"text", "json", "markdown", "html"} <= names
    found = render_mod.renderers()
    assert list(found)[:4] == ["text", "json", "markdown", "html"]
    assert render_mod.FORMATS[:4] == ("text", "json", "markdown", "html")
    assert render_mod.EXTENSIONS["markdown"] == ".md" and render_mod.extensions()["html"] == ".html"
    from unspin.report import renderers

    assert found["json"] is renderers.JSON and renderers.TEXT.extension == ".txt"


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(UsageError, match=r"unknown format 'yaml'; known: text, json, markdown, html"):
        render(make_report(), "yaml")


def test_third_party_renderer_is_used(plugin_path):
    _install(plugin_path, {"myformat": f"{MODULE}:MY"})
    report = make_report(title="Budget passes")
    assert render(report, "myformat", include_text=True) == "MY Budget passes | suspicious | 0 | text=True\n"
    assert "myformat" in render_mod.formats()
    # the module attributes follow the registry
    from unspin.report.render import EXTENSIONS, FORMATS

    assert FORMATS[-1] == "myformat" and EXTENSIONS["myformat"] == ".my"
    # the built-ins are still there
    assert render(report, "markdown").startswith("# unspin report: Budget passes")


def test_registry_is_cached_until_cleared(plugin_path):
    before = render_mod.formats()
    _install(plugin_path, {"myformat": f"{MODULE}:MY"})
    assert render_mod.formats() == before  # cached
    render_mod.cache_clear()
    assert "myformat" in render_mod.formats()


@pytest.mark.parametrize(
    "entry, pattern",
    [
        (f"{MODULE}:DoesNotExist", r"unspin.renderers entry point 'broken' \(.*DoesNotExist\) failed to import"),
        (f"{MODULE}:NoExtension", r"unspin.renderers entry point 'broken' .*missing attribute 'extension'"),
        ("unspin_no_such_module_xyz:R", r"unspin.renderers entry point 'broken' .*failed to import: ModuleNotFoundError"),
    ],
)
def test_broken_renderer_plugin_is_named_in_one_line(plugin_path, entry, pattern):
    _install(plugin_path, {"broken": entry})
    with pytest.raises(PluginError, match=pattern) as e:
        render(make_report(), "text")
    assert "\n" not in str(e.value)


def test_renderer_whose_module_raises_on_import(plugin_path):
    _install(plugin_path, {"broken": f"{MODULE}:MY"}, body="raise ImportError('needs a library that is not installed')\n")
    with pytest.raises(PluginError, match=r"'broken'.*failed to import: ImportError: needs a library") as e:
        render_mod.renderers()
    assert "\n" not in str(e.value)


def test_renderer_that_fails_while_rendering_is_named(plugin_path):
    _install(plugin_path, {"crashes": f"{MODULE}:Crashes"})
    with pytest.raises(PluginError, match=r"entry point 'crashes' \(unspin_test_renderer:Crashes\) failed on article.txt: RuntimeError: boom"):
        render(make_report(), "crashes")


def test_renderer_registered_as_a_class_is_instantiated(plugin_path):
    _install(plugin_path, {"myformat": f"{MODULE}:MyRenderer"})
    assert render(make_report(title="T"), "myformat").startswith("MY T |")

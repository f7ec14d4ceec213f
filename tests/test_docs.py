"""Documentation tests: an undocumented command, option, setting or analyzer fails the suite."""

import dataclasses
import re
from pathlib import Path

import click

from unspin.analyzers import registry
from unspin.cli import main
from unspin.settings import Settings


def readme(repo):
    return (repo / "README.md").read_text(encoding="utf-8")


def test_first_screen_has_the_two_commands(repo):
    first = "\n".join(readme(repo).splitlines()[:25])
    assert "make demo" in first and "make test" in first


def test_every_command_and_option_is_documented(repo):
    text = readme(repo)
    for name, cmd in main.commands.items():
        assert f"unspin {name}" in text, f"command {name} missing from README"
        for p in cmd.params:
            if isinstance(p, click.Option):
                for opt in p.opts + p.secondary_opts:
                    if opt in ("-h", "--help"):
                        continue
                    assert f"`{opt}`" in text or f"`{opt} " in text, f"option {opt} of `unspin {name}` missing from README"


def test_every_setting_is_documented(repo):
    text = readme(repo)
    for f in dataclasses.fields(Settings):
        assert f"`{f.name}`" in text, f"setting {f.name} missing from README"


def test_every_analyzer_is_documented(repo):
    text = readme(repo)
    for name, (info, _) in registry.available().items():
        assert f"| `{name}` |" in text, f"analyzer {name} missing from README"
        for kind in info.produces:
            assert f"`{kind}`" in text


def test_exit_codes_documented(repo):
    text = readme(repo)
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in text


def test_readme_terminal_example_is_real_output(repo, monkeypatch):
    """The example in the README is what the tool prints today (re-paste it when output changes)."""
    import unspin
    from unspin.report.render_text import render_to_string

    monkeypatch.chdir(repo)
    block = re.search(r"```text\n(.*?)```", readme(repo), re.S).group(1)
    report = unspin.analyze(Path("examples/articles/lakeshore-tribune-port.html"))
    actual = render_to_string(report, width=100)
    norm = lambda s: [ln.rstrip() for ln in s.strip().splitlines()]  # noqa: E731
    assert norm(block) == norm(actual)


def test_demo_articles_are_documented(repo):
    listing = (repo / "examples" / "README.md").read_text(encoding="utf-8")
    for p in (repo / "examples" / "articles").iterdir():
        assert f"`articles/{p.name}`" in listing

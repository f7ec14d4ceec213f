import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from unspin.cli import main
from unspin.report.schema import validate_report

from ..conftest import parse_jsonl


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input, catch_exceptions=False)


def test_single_article_text_report(fixtures):
    r = run("analyze", fixtures / "laundered.txt")
    assert r.exit_code == 0
    assert "headline.sensational" in r.stdout and "Harbour Ledger" in r.stdout
    assert r.stderr == ""


def test_single_article_json_validates(fixtures):
    r = run("analyze", "--format", "json", fixtures / "laundered.txt")
    d = json.loads(r.stdout)
    validate_report(d)
    assert d["article"]["outlet"] == "Harbour Ledger"
    assert d["findings"][0]["analyzer"] == "headline@2"


def test_overrides(fixtures):
    r = run("analyze", "-f", "json", fixtures / "clean.txt", "--title", "Exclusive: secret plan revealed",
            "--outlet", "Other", "--url", "https://x.example/a", "--published", "2026-01-02", "--lang", "fr",
            "--id", "given-id")
    a = json.loads(r.stdout)["article"]
    assert (a["title"], a["outlet"], a["url"], a["published"], a["language"], a["id"]) == (
        "Exclusive: secret plan revealed", "Other", "https://x.example/a", "2026-01-02", "fr", "given-id")
    assert a["field_sources"]["title"] == "override"
    assert json.loads(r.stdout)["findings"][0]["kind"] == "headline.sensational"


def test_markdown_and_html_to_file(fixtures, tmp_path):
    md = tmp_path / "r.md"
    assert run("analyze", "-f", "markdown", "-o", md, fixtures / "laundered.txt").exit_code == 0
    assert md.read_text().startswith("# unspin report:")
    page = tmp_path / "r.html"
    assert run("analyze", "-f", "html", "-o", page, fixtures / "page.html").exit_code == 0
    assert "<mark" in page.read_text()


def test_several_inputs_give_json_lines(fixtures):
    r = run("analyze", fixtures / "clean.txt", fixtures / "laundered.txt", fixtures / "page.html")
    assert r.exit_code == 0
    reports = parse_jsonl(r.stdout)
    assert [x["article"]["format"] for x in reports] == ["text", "text", "html"]
    assert "3 articles analysed, 0 failed" in r.stderr


def test_several_inputs_text_format_prints_each(fixtures):
    r = run("analyze", "-f", "text", fixtures / "clean.txt", fixtures / "laundered.txt")
    assert r.stdout.count("╭─ unspin") == 2


def test_out_dir_one_file_per_article(fixtures, tmp_path):
    out = tmp_path / "out"
    r = run("analyze", "-f", "html", "--out", out, fixtures)
    assert r.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and all(n.endswith(".html") for n in names)
    assert any(n.startswith("laundered-") for n in names)


def test_out_jsonl_file(fixtures, tmp_path):
    out = tmp_path / "all.jsonl"
    r = run("analyze", "--out", out, fixtures / "clean.txt", fixtures / "laundered.txt")
    assert r.exit_code == 0 and r.stdout == ""
    assert len(parse_jsonl(out.read_text())) == 2


def test_html_for_several_articles_needs_out(fixtures):
    r = run("analyze", "-f", "html", fixtures / "clean.txt", fixtures / "laundered.txt")
    assert r.exit_code == 2 and "needs --out DIR" in r.stderr


def test_stdin_text_and_jsonl(fixtures):
    r = run("analyze", "-f", "json", "-", input=(fixtures / "laundered.txt").read_text())
    d = json.loads(r.stdout)
    assert d["article"]["source"] == "<stdin>" and d["article"]["outlet"] == "Harbour Ledger"
    lines = "\n".join(json.dumps({"text": f"Body number {i}. It is short.", "title": f"T{i}"}) for i in range(3))
    r = run("analyze", "--input-format", "jsonl", "-", input=lines)
    assert [x["article"]["title"] for x in parse_jsonl(r.stdout)] == ["T0", "T1", "T2"]


def test_stdin_html_is_sniffed(fixtures):
    r = run("analyze", "-f", "json", "-", input=(fixtures / "page.html").read_text())
    assert json.loads(r.stdout)["article"]["format"] == "html"


def test_jobs_gives_the_same_reports_in_order(fixtures, tmp_path):
    p = tmp_path / "many.jsonl"
    p.write_text("\n".join(json.dumps({"text": f"The council met on day {i}. It voted.",
                                       "title": "Exclusive: secret vote revealed" if i % 2 else "Council votes"})
                           for i in range(12)) + "\n")
    one = parse_jsonl(run("analyze", p).stdout)
    two = parse_jsonl(run("analyze", "--jobs", "2", p).stdout)
    strip = lambda rs: [(r["article"], r["findings"], r["verdict"]) for r in rs]  # noqa: E731
    assert strip(one) == strip(two) and len(one) == 12


def test_analyzer_selection(fixtures):
    d = json.loads(run("analyze", "-f", "json", "--exclude", "headline", fixtures / "laundered.txt").stdout)
    assert not [f for f in d["findings"] if f["kind"].startswith("headline.")]
    assert "headline" not in [a["name"] for a in d["analyzers"]]
    d = json.loads(run("analyze", "-f", "json", "--analyzers", "headline", fixtures / "laundered.txt").stdout)
    assert d["analyzers"][0]["name"] == "headline"


def test_resources_dir_must_exist(fixtures, tmp_path):
    r = run("analyze", "--resources", tmp_path / "nope", fixtures / "clean.txt")
    assert r.exit_code == 1 and "resources directory does not exist" in r.stderr


def test_schema_and_validate_commands(fixtures, tmp_path):
    s = json.loads(run("schema").stdout)
    assert s["$id"] == "unspin.report/1"
    out = tmp_path / "r.jsonl"
    run("analyze", "--out", out, fixtures / "clean.txt", fixtures / "laundered.txt")
    r = run("validate", out)
    assert r.exit_code == 0 and "2 of 2 reports valid" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "unspin.report/1"}))
    r = run("validate", bad)
    assert r.exit_code == 1 and "not a valid unspin.report/1" in r.stderr


@pytest.mark.parametrize("cmd", [[], ["analyze"], ["analyzers"], ["schema"], ["validate"]])
def test_help_everywhere(cmd):
    r = run(*cmd, "--help")
    assert r.exit_code == 0 and "Usage:" in r.stdout


def test_version():
    from unspin import __version__

    assert __version__ in run("--version").stdout


def test_no_inputs_is_usage_error():
    assert run("analyze").exit_code == 2


def test_console_script_end_to_end(fixtures):
    """The installed command, as a user runs it: stdout is the report, exit code 0."""
    exe = [sys.executable, "-m", "unspin"]
    p = subprocess.run([*exe, "analyze", "--format", "json", str(fixtures / "laundered.txt")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    validate_report(json.loads(p.stdout))
    p = subprocess.run([*exe, "analyze", str(fixtures / "missing.txt")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and p.stderr.strip().startswith("unspin: error:") and p.stdout == ""


def test_progress_bar_keeps_stdout_clean(tmp_path):
    p = tmp_path / "many.jsonl"
    p.write_text("\n".join(json.dumps({"text": f"Body {i}. Short."}) for i in range(8)) + "\n")
    r = run("analyze", "--progress", p)
    assert r.exit_code == 0 and len(parse_jsonl(r.stdout)) == 8


def test_progress_bar_in_a_real_terminal(tmp_path, repo):
    """Under a pseudo-terminal the bar appears on stderr; stdout still holds only reports."""
    import os
    import pty
    import shutil

    if shutil.which("script") is None:
        pytest.skip("util-linux `script` not available")
    p = tmp_path / "many.jsonl"
    p.write_text("\n".join(json.dumps({"text": f"Body {i}. Short."}) for i in range(40)) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = f"{sys.executable} -m unspin analyze {p} --out {out}"
    master, slave = pty.openpty()
    proc = subprocess.run(["script", "-qec", cmd, "/dev/null"], stdin=slave, stdout=slave, stderr=slave,
                          timeout=120, cwd=repo, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(slave)
    seen = b""
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            seen += chunk
    except OSError:
        pass
    os.close(master)
    assert proc.returncode == 0
    assert b"analysing" in seen or b"analysed 40, failed 0 " in seen, seen[:500]  # the bar was drawn
    assert b"40 articles analysed, 0 failed" in seen
    assert len(parse_jsonl(out.read_text())) == 40

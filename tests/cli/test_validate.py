import json

from click.testing import CliRunner

from unspin.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input, catch_exceptions=False)


def _report(fixtures, tmp_path):
    out = tmp_path / "r.json"
    assert run("analyze", "-f", "json", "-o", out, "--analyzers", "headline", fixtures / "clean.txt").exit_code == 0
    return out


def test_non_utf8_file_is_an_error_line_with_the_byte_offset(tmp_path):
    p = tmp_path / "latin1.jsonl"
    data = b'{"schema": "unspin.report/1", "x": "caf\xe9"}\n'
    p.write_bytes(data)
    assert data.index(b"\xe9") == 39
    r = run("validate", p)
    assert r.exit_code == 1
    assert f"unspin: {p}: not UTF-8 text (invalid byte 0xe9 at byte offset 39)" in r.stderr
    assert "Traceback" not in r.stderr


def test_empty_or_whitespace_file_holds_no_report(tmp_path):
    for content in ("", "  \n\n\t "):
        p = tmp_path / "empty.jsonl"
        p.write_text(content)
        r = run("validate", p)
        assert r.exit_code == 1, content
        assert f"{p}: holds no report" in r.stderr
        assert "0 of 0 reports valid; 1 file unreadable or without a report" in r.stderr


def test_one_bad_file_does_not_stop_the_others(fixtures, tmp_path):
    good = _report(fixtures, tmp_path)
    empty = tmp_path / "e.json"
    empty.write_text("")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + good.read_bytes())
    r = run("validate", empty, good, bom)
    assert r.exit_code == 1 and "2 of 2 reports valid; 1 file" in r.stderr
    assert run("validate", good, bom).exit_code == 0


def test_stdin(fixtures, tmp_path):
    good = _report(fixtures, tmp_path)
    line = json.dumps(json.loads(good.read_text())) + "\n"
    r = run("validate", "-", input=line * 2)
    assert r.exit_code == 0 and "2 of 2 reports valid" in r.stderr
    r = run("validate", "-", input=b"\xff\xfe")
    assert r.exit_code == 1 and "<stdin>: not UTF-8 text (invalid byte 0xff at byte offset 0)" in r.stderr
    assert run("validate", "-", input="").exit_code == 1

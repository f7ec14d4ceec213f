"""Every bad input gets one clear line naming the input and the reason, and the documented exit code."""

import json

import pytest
from click.testing import CliRunner

from unspin.cli import main

from ..conftest import parse_jsonl


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, ["analyze", *map(str, args)], input=input, env=env, catch_exceptions=False)


def error_lines(result):
    return [ln for ln in result.stderr.splitlines() if ln.startswith("unspin: error:")]


def assert_one_line_error(result, path, reason, code=1):
    assert result.exit_code == code, result.stderr
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0], lines[0]
    assert result.stdout == ""


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_one_line_error(run(p), p, "empty file")


def test_whitespace_only(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("  \n\n\t  \n")
    assert_one_line_error(run(p), p, "only whitespace")


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_line_error(run(p), p, "binary data, not text")


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Headline here\n\nThe caf\xe9 on Main Street reopened on Monday after repairs.".encode("latin-1"))
    r = run(p, "--format", "json")
    assert r.exit_code == 0
    assert "invalid UTF-8" in r.stderr and str(p) in r.stderr and "replacement" in r.stderr
    report = json.loads(r.stdout)
    r2 = run(p, "--format", "json", "--include-text")
    assert "caf\ufffd on Main Street" in json.loads(r2.stdout)["article"]["text"]
    assert report["warnings"][0]["code"] == "invalid_utf8"


def test_100_mb_file_is_refused_above_the_limit(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: no 100 MB written to disk
        fh.truncate(100 * 1024 * 1024)
    r = run(p)
    assert_one_line_error(r, p, "over the 5,000,000-byte limit")
    assert "--max-bytes" in error_lines(r)[0]


def test_size_limit_is_configurable(tmp_path, fixtures):
    src = fixtures / "clean.txt"
    r = run(src, "--max-bytes", "100")
    assert_one_line_error(r, src, "over the 100-byte limit")
    r = run(src, env={"UNSPIN_MAX_ARTICLE_BYTES": "200"})
    assert_one_line_error(r, src, "over the 200-byte limit")
    assert run(src, "--max-bytes", "1000000").exit_code == 0


def test_malformed_html_with_text_is_read(tmp_path):
    p = tmp_path / "broken.html"
    body = " ".join(["The council met on Tuesday and voted to repair the bridge near the market."] * 6)
    p.write_text(f"<html><head><title>Bridge vote</title><body><div><p>{body}<div><p>{body}</span></i></html")
    r = run(p, "--format", "json", "--include-text")
    assert r.exit_code == 0, r.stderr
    assert "The council met on Tuesday" in json.loads(r.stdout)["article"]["text"]


def test_malformed_html_without_text(tmp_path):
    p = tmp_path / "junk.html"
    p.write_text("<html><<div <p></p>>><script>var x = 1;</script></ht")
    assert_one_line_error(run(p), p, "no article text found in the HTML page")


def test_jsonl_with_broken_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    good = json.dumps({"title": "Fine", "text": "The council met on Tuesday. It voted for the plan."})
    p.write_text("\n".join([good, "{not json", good.replace("Fine", "Also fine"), '{"title": "no text"}', "[1, 2]", good]) + "\n")
    r = run(p)
    assert r.exit_code == 1
    reports = parse_jsonl(r.stdout)
    assert [x["article"]["source"] for x in reports] == [f"{p}:1", f"{p}:3", f"{p}:6"]
    lines = error_lines(r)
    assert len(lines) == 3
    assert f"{p}:2: invalid JSON" in lines[0]
    assert f"{p}:4: no article text" in lines[1]
    assert f"{p}:5: expected a JSON object" in lines[2]
    assert "3 articles analysed, 3 failed" in r.stderr


def test_unknown_extension(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(b"%PDF-1.4 ...")
    assert_one_line_error(run(p), p, "unsupported file type .pdf")


def test_unknown_extension_can_be_forced(tmp_path):
    p = tmp_path / "article.dat"
    p.write_text("Headline\n\nThe body of the article is here.")
    assert run(p, "--input-format", "text").exit_code == 0


def test_missing_file(tmp_path):
    p = tmp_path / "nope.txt"
    assert_one_line_error(run(p), p, "no such file or directory")


def test_directory_with_no_articles(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    r = run(tmp_path)
    assert r.exit_code == 1
    lines = error_lines(r)
    assert len(lines) == 1 and str(tmp_path) in lines[0] and "directory holds no article files" in lines[0]


def test_empty_directory(tmp_path):
    r = run(tmp_path)
    assert r.exit_code == 1 and "directory holds no article files" in error_lines(r)[0]


def test_one_bad_item_never_stops_a_batch(tmp_path, fixtures):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = run(fixtures / "clean.txt", bad, tmp_path / "missing.txt", fixtures / "laundered.txt")
    assert r.exit_code == 1
    reports = parse_jsonl(r.stdout)
    assert len(reports) == 2
    assert len(error_lines(r)) == 2
    assert "2 articles analysed, 2 failed" in r.stderr


def test_failures_are_written_next_to_reports_in_out_dir(tmp_path, fixtures):
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    out = tmp_path / "out"
    r = run(fixtures / "clean.txt", bad, "--out", out)
    assert r.exit_code == 1
    fails = [json.loads(x) for x in (out / "failures.jsonl").read_text().splitlines()]
    assert fails == [{"source": str(bad), "error": "EmptyInputError", "reason": "empty file"}]
    assert len(list(out.glob("*.json"))) == 1


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--jobs", "0"], ["--nope"]])
def test_usage_errors_exit_2(args, fixtures):
    r = run(fixtures / "clean.txt", *args)
    assert r.exit_code == 2


def test_unknown_analyzer_is_a_usage_error(fixtures):
    r = run(fixtures / "clean.txt", "--analyzers", "nope")
    assert r.exit_code == 2 and "unknown analyzer 'nope'" in r.stderr


def test_stdin_twice_is_a_usage_error():
    r = run("-", "-", input="x")
    assert r.exit_code == 2


def test_empty_stdin():
    r = run("-", input="")
    assert_one_line_error(r, "<stdin>", "empty file")


def test_bad_env_setting(fixtures):
    r = run(fixtures / "clean.txt", env={"UNSPIN_MAX_ARTICLE_BYTES": "lots"})
    assert r.exit_code == 2 and "UNSPIN_MAX_ARTICLE_BYTES='lots'" in r.stderr


def test_not_a_regular_file():
    r = run("/dev/null")
    assert_one_line_error(r, "/dev/null", "not a regular file")


def test_truncated_gzip(tmp_path):
    import gzip

    p = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b'{"text": "A body of text."}\n' * 200)
    p.write_bytes(data[: len(data) // 2])
    r = run(p)
    assert r.exit_code == 1 and str(p) in error_lines(r)[-1] and "cannot read" in error_lines(r)[-1]

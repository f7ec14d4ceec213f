from pathlib import Path

import pytest

import unspin


def test_public_api_is_small_and_exported():
    for name in unspin.__all__:
        assert hasattr(unspin, name)
    assert {"analyze", "Report", "Finding", "Span", "Document", "UnspinError", "InputError"} <= set(unspin.__all__)


def test_analyze_text_with_meta():
    r = unspin.analyze("The council met on Tuesday. It approved the plan.", title="Secret plan exposed", outlet="X")
    assert r.article.outlet == "X" and r.article.title == "Secret plan exposed"
    assert r.findings and r.findings[0].kind == "headline.sensational"


def test_analyze_path_and_analyze_file(fixtures):
    a = unspin.analyze(fixtures / "clean.txt")
    b = unspin.analyze_file(str(fixtures / "clean.txt"))
    assert a.article.id == b.article.id and a.article.outlet == "Valley Courier"


def test_a_str_is_always_text_never_a_path(fixtures):
    """A one-line string that happens to name a file is text; a long one-line string used to
    raise a raw OSError (File name too long) because it was first tried as a path."""
    name = str(fixtures / "clean.txt")
    r = unspin.analyze(name)
    assert r.article.source == "<text>" and r.article.outlet is None
    long_line = "The council approved the budget after a long debate about the new bridge. " * 6
    assert len(long_line) > 300 and "\n" not in long_line
    r = unspin.analyze(long_line)
    assert r.article.chars == len(long_line.strip())


def test_bytes_are_decoded_like_files(fixtures):
    data = (fixtures / "clean.txt").read_bytes()
    a = unspin.analyze(data)
    b = unspin.analyze(fixtures / "clean.txt")
    assert a.article.id == b.article.id and a.article.outlet == b.article.outlet
    assert "b'" not in a.text
    html = b"<html><head><title>Port deal</title></head><body><article><p>" + b"The port reopened on Monday after repairs. " * 20 + b"</p></article></body></html>"
    r = unspin.analyze(html)
    assert r.article.format == "html" and "<p>" not in r.text
    with pytest.raises(unspin.BinaryInputError):
        unspin.analyze(b"\x00\x01\x02 binary")


def test_analyze_plain_text_header_block():
    r = unspin.analyze("Some Paper\nNews\n\nHeadline here\n\nBody sentence one. Body two.")
    assert r.article.outlet == "Some Paper" and r.article.title == "Headline here"


def test_errors_are_typed(tmp_path):
    with pytest.raises(unspin.EmptyInputError):
        unspin.analyze("   \n ")
    with pytest.raises(unspin.MissingInputError):
        unspin.analyze(Path(tmp_path / "nope.txt"))
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(unspin.InputTooLargeError):
        unspin.analyze(big, max_article_bytes=100)
    assert issubclass(unspin.InputTooLargeError, unspin.InputError)
    assert issubclass(unspin.InputError, unspin.UnspinError)


def test_timings_are_recorded(fixtures):
    r = unspin.analyze(fixtures / "clean.txt")
    assert set(r.timings_ms) >= {"ingest", "document", "headline", "verdict"}

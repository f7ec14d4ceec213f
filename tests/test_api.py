from pathlib import Path

import pytest

import unspin


def test_public_api_is_small_and_exported():
    for name in unspin.__all__:
        assert hasattr(unspin, name)
    assert {"analyze", "Report", "Finding", "Span", "Document", "UnspinError", "InputError"} <= set(unspin.__all__)


def test_analyze_text_with_meta():
    r = unspin.analyze("The council met on Tuesday. It approved the plan.", title="Secret plan exposed", outlet="X")
    assert r.article["outlet"] == "X" and r.article["title"] == "Secret plan exposed"
    assert r.findings and r.findings[0].kind == "headline.sensational"


def test_analyze_path_and_str_path(fixtures):
    a = unspin.analyze(fixtures / "clean.txt")
    b = unspin.analyze(str(fixtures / "clean.txt"))
    assert a.article["id"] == b.article["id"] and a.article["outlet"] == "Valley Courier"


def test_analyze_plain_text_header_block():
    r = unspin.analyze("Some Paper\nNews\n\nHeadline here\n\nBody sentence one. Body two.")
    assert r.article["outlet"] == "Some Paper" and r.article["title"] == "Headline here"


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

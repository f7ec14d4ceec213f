"""Untrusted article strings in human-readable reports: terminal control characters, Markdown
syntax, the typed report objects and the ``not_enough_text`` verdict."""

import re

import pytest

import unspin
from unspin import Attribution, Entity, Finding
from unspin.report.render import render
from unspin.report.render_markdown import md_escape
from unspin.report.safe import clean

from ._reports import make_report, span

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # set the clipboard
CSI = "\x1b[2J\x1b[31m"  # clear the screen, red
C1_CSI = "\x9b6n"  # one-byte CSI: report the cursor position (the terminal types the answer)
BAD = ("\x1b", "\x07", "\x9b", "\x08", "\r", "\x7f", "\x00")


@pytest.fixture
def hostile():
    title = f"Budget {OSC52}passes{CSI} at last"
    text = f"The council met on Tuesday.{C1_CSI} It voted\r\x08\x08 to raise taxes {CSI}again.\x7f\x00 Done."
    f = Finding("headline.sensational", "medium", f"Loud headline {OSC52}here.",
                [span("title", title, f"{OSC52}passes")], confidence=0.7)
    g = Finding("source.unattributed_claim", "low", "Claim without a source.",
                [span("text", text, f"It voted\r\x08\x08 to raise taxes {CSI}again.")], confidence=0.6)
    e = Entity(f"Council{CSI}", "ORG", [span("text", text, "council")], canonical=f"City{OSC52} Council")
    a = Attribution(f"TASS{CSI}", "state_media", [span("text", text, "council")], quote=f"q{OSC52}")
    return make_report(title, text, outlet=f"Courier{CSI}{C1_CSI}", findings=[f, g], entities=[e], attributions=[a],
                       warnings=[{"code": "x", "message": f"odd {OSC52} input"}],
                       summary=f"Suspicious{CSI} (score 0.50).")


def _assert_no_controls(out: str):
    for c in BAD:
        assert c not in out, f"{c!r} reached the output"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_control_characters_never_reach_the_output(hostile, fmt):
    out = render(hostile, fmt)
    _assert_no_controls(out)
    # shown as visible placeholders instead (markdown also escapes the brackets)
    plain = out.replace("\\", "")
    assert "\u241b]52;c;ZWNobyBwd25lZA==\u2407" in plain
    assert "Courier\u241b[2J\u241b[31m\ufffd6n" in plain


def test_text_renderer_shows_every_field_without_controls(hostile):
    out = render(hostile, "text")
    for s in ("Budget ", "Loud headline ", "odd ", "Council", "City", "Courier", "It voted", "Suspicious"):
        assert s in out


def test_colour_output_has_only_the_renderers_own_sequences(hostile):
    out = render(hostile, "text", color=True)
    assert "\x1b[" in out  # rich colours it
    own = re.sub(r"\x1b\[[0-9;]*m", "", out)  # SGR colour codes are rich's own
    _assert_no_controls(own)
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out


def test_json_escapes_c1_and_del(hostile):
    import json

    s = render(hostile, "json", include_text=True)
    _assert_no_controls(s)
    d = json.loads(s)
    assert d["article"]["text"] == hostile.text  # the data itself is unchanged
    assert d["article"]["outlet"] == f"Courier{CSI}{C1_CSI}"


def test_spans_still_line_up_after_cleaning(hostile):
    from unspin.report.safe import safe_report

    safe = safe_report(hostile)
    assert safe is not hostile and hostile.title.startswith("Budget \x1b")  # the report is not modified
    for f in safe.findings:
        for s in f.evidence:
            assert (safe.title if s.field == "title" else safe.text)[s.start:s.end] == s.text


def test_clean_keeps_newlines_tabs_and_unicode():
    assert clean("a\tb\nc «ё» 商务部 ’") == "a\tb\nc «ё» 商务部 ’"
    assert clean("\x1b\x07\x9b\x7f") == "\u241b\u2407\ufffd\u2421"
    assert clean(None) is None


def test_control_characters_from_the_pipeline(fixtures):
    body = (fixtures / "clean.txt").read_text(encoding="utf-8")
    r = unspin.analyze_text(body, title=f"Valley news {OSC52}", outlet=f"Valley Courier{CSI}")
    for fmt in ("text", "markdown", "html", "json"):
        _assert_no_controls(render(r, fmt))


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_keeps_apostrophes_and_quotes():
    r = make_report(title="Kyiv's \"hidden\" losses", text="It's the mayor's \"plan\", officials said.",
                    findings=[Finding("headline.sensational", "low", "The word 'hidden' is loud.", [])])
    out = render(r, "markdown")
    assert "# unspin report: Kyiv's \"hidden\" losses" in out
    assert "The word 'hidden' is loud." in out
    assert "&#x27;" not in out and "&quot;" not in out and "&\\#x27;" not in out


def test_markdown_neutralises_html_and_markdown_syntax():
    hostile = "<script>alert(1)</script> *bold* _em_ [link](javascript:x) `code` a|b ~~s~~ &amp; \\"
    esc = md_escape(hostile)
    assert "<" not in esc and "&lt;script&gt;" in esc
    assert "&amp;amp;" in esc  # an entity in the article shows as written
    for raw in ("*bold*", "_em_", "[link]", "`code`", "a|b", "~~s~~"):
        assert raw not in esc
    assert "\\*bold\\*" in esc and "\\[link\\](javascript:x)" in esc and "a\\|b" in esc
    # line-start syntax: headings, lists, ordered lists
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("- not a list") == "\\- not a list"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("well-known (really)") == "well-known (really)"  # nothing to escape mid-line
    assert md_escape("line\nbreak") == "line break"


# --- typed objects, not_enough_text ----------------------------------------------------------


def test_renderers_read_typed_article_entities_and_attributions():
    text = "Mayor Jane Doe said the council met."
    r = make_report("Council meets", text, outlet="The Courier",
                    entities=[Entity("Jane Doe", "PERSON", [span("text", text, "Jane Doe")], canonical="Jane A. Doe")],
                    attributions=[Attribution("Jane Doe", "person", [span("text", text, "Jane Doe said")])])
    assert r.article.outlet == "The Courier"
    for fmt in ("text", "markdown", "html"):
        out = render(r, fmt)
        assert "Council meets" in out and "The Courier" in out and "Jane Doe" in out and "Jane A. Doe" in out
    import json

    d = json.loads(render(r, "json"))
    assert d["article"] == r.article.to_dict()
    assert d["entities"] == [r.entities[0].to_dict()] and d["attributions"] == [r.attributions[0].to_dict()]


@pytest.mark.parametrize("fmt, shown", [("text", "NOT ENOUGH TEXT"), ("markdown", "**not_enough_text**"),
                                        ("html", 'class="label not_enough_text">NOT ENOUGH TEXT<')])
def test_not_enough_text_verdict_is_shown(fmt, shown):
    r = make_report("Short", "Too short.", label="not_enough_text", score=0.0,
                    summary="Not enough text to judge: 3 words (fewer than min_words=20).")
    out = render(r, fmt)
    assert shown in out and "Not enough text to judge: 3 words" in out


def test_not_enough_text_from_the_pipeline():
    r = unspin.analyze_text("Too short to say.", title="Short")
    assert r.verdict.label == "not_enough_text"
    assert "NOT ENOUGH TEXT" in render(r, "text")


def test_bidi_overrides_cannot_reorder_what_the_reader_sees():
    from unspin.report.safe import clean

    s = "Mayor \u202eevil\u202c resigns \u2067x\u2069 \u200fok"
    out = clean(s)
    assert len(out) == len(s)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\u200f" in out  # a plain right-to-left mark is ordinary RTL text

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import unspin
from unspin.report.render import render

HOSTILE_TITLE = 'Exclusive: <script>alert("t")</script> "onmouseover="alert(1)" secret revealed'
HOSTILE_BODY = (
    "Officials said </style><script>document.title='pwned'</script> nothing.\n\n"
    "<img src=x onerror=alert(1)> and \" onclick=\"alert(2)\" and ' onfocus='x' and </textarea></title>\n\n"
    "A <a href=\"javascript:alert(3)\">link</a> and ]]> and <!-- comment --> and &amp; done."
)


@pytest.fixture(scope="module")
def hostile():
    return unspin.analyze(HOSTILE_BODY, title=HOSTILE_TITLE, outlet='<b onclick="x">Outlet</b>')


@pytest.fixture(scope="module")
def laundered():
    from pathlib import Path

    return unspin.analyze(Path(__file__).parent.parent / "fixtures" / "laundered.txt")


def test_text_report_shows_verdict_categories_and_quoted_evidence(laundered):
    out = render(laundered, "text")
    assert "NO STRONG SIGNALS" in out or "SUSPICIOUS" in out or "LIKELY LAUNDERED" in out
    assert "What it pushes (framing)" in out
    assert "headline.sensational" in out
    assert "“Bombshell Leak: Kyiv's Hidden Drone Losses Finally Exposed”" in out
    assert "headline@2" in out


def test_text_report_does_not_interpret_markup_in_article(hostile):
    out = render(hostile, "text")
    assert '<script>alert("t")</script>' in out  # shown literally, rich markup not applied


def test_markdown_escapes_article_text(hostile):
    out = render(hostile, "markdown")
    assert "<script>" not in out and "<img" not in out and "<b " not in out
    assert "&lt;script&gt;" in out
    assert out.startswith("# unspin report:")
    assert "## What it pushes (framing)" in out


def test_markdown_lists_evidence(laundered):
    out = render(laundered, "markdown")
    assert "`headline.sensational`" in out and "title 0–" in out


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def test_html_is_self_contained_and_escapes_everything(hostile):
    page = render(hostile, "html")
    assert page.startswith("<!DOCTYPE html>")
    c = _Collect()
    c.feed(page)
    # the parsed page has only our own tags: no script, no img, no event handler, no javascript: link
    assert set(c.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "span", "div", "main",
                           "article", "h1", "h2", "h3", "aside", "mark", "a", "ul", "li", "small", "i", "footer"}
    assert c.tags.count("style") == 1 and "script" not in c.tags and "img" not in c.tags
    assert not [k for k, _ in c.attrs if k.startswith("on")]
    assert not [v for k, v in c.attrs if k == "href" and not v.startswith("#")]
    assert not [v for k, v in c.attrs if k in ("src", "srcset", "action")]
    csp = [v for k, v in c.attrs if k == "content" and "default-src 'none'" in (v or "")]
    assert csp, "Content-Security-Policy forbids scripts and remote loads"
    # the article's text is all there, as text
    text = "".join(c.text)
    assert "</style><script>document.title='pwned'</script>" in text
    assert '<img src=x onerror=alert(1)>' in text
    assert 'onmouseover="alert(1)"' in text


def test_html_highlights_evidence_with_links_both_ways(laundered):
    page = render(laundered, "html")
    f = next(x for x in laundered.findings if x.kind == "headline.sensational")
    assert f'id="{f.id}"' in page
    assert f'<a href="#{f.id}">Bombshell</a>' in page
    k = [e.text for e in f.evidence].index("Bombshell")
    assert f'href="#{f.id}-e{k}"' in page and f'id="{f.id}-e{k}"' in page
    assert 'class="framing medium"' in page
    assert "title=\"[medium] headline.sensational:" in page
    # a transformation finding is highlighted in the body with its category
    t = next(x for x in laundered.findings if x.kind == "llm.prompt_leftover")
    assert f'<mark class="transformation high" id="{t.id}-e0"' in page


def test_html_overlapping_spans_are_split():
    from unspin import Finding, Report, Span, Verdict
    from unspin.report.render_html import _highlight

    text = "abcdefghij"
    f1 = Finding("llm.x", "high", "one", [Span("text", 0, 6, "abcdef")], id="f1", analyzer="a@1")
    f2 = Finding("headline.y", "low", "two", [Span("text", 3, 9, "defghi")], id="f2", analyzer="a@1")
    r = Report(article={}, verdict=Verdict("suspicious", 0.5, "s"), findings=[f1, f2], tool_version="0")
    out = _highlight(text, "text", r)
    plain = re.sub(r"<[^>]+>", "", out)
    assert plain == text
    assert out.count("<mark") == 3


def test_json_render_round_trips(laundered):
    import json

    d = json.loads(render(laundered, "json"))
    assert d == json.loads(laundered.to_json())


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_ci_has_a_browser():
    """Under CI the browser test must run, not skip (make test installs Debian's chromium)."""
    import os

    if os.environ.get("CI") and CHROMIUM is None:
        pytest.fail("CI=true but chromium is missing: scripts/ensure-chromium did not install it")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (make test installs it when run as root)")
def test_html_page_in_headless_chromium_runs_no_article_script(hostile, tmp_path):
    """The real browser: the page's DOM after load must not show the injected script's effect."""
    p = tmp_path / "report.html"
    p.write_text(render(hostile, "html"), encoding="utf-8")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000", "--dump-dom", p.as_uri()]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    dom = out.stdout
    assert "<title>unspin: " in dom and "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "<script" not in dom.lower()
    assert "Officials said" in dom

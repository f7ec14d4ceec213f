"""HTML pages that are not articles, and pages too deeply nested for libxml2."""

import pytest

from unspin import EmptyInputError
from unspin.ingest import RawArticle, read_inputs

PAGE_404 = """<!doctype html><html><head><title>404 Not Found | Lakeshore Tribune</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><h1>Page not found</h1>
<p>Sorry, the page you are looking for does not exist or has been moved.</p>
<p><a href="/">Go back to the homepage</a></p></main>
<footer><p>&copy; 2026 Lakeshore Tribune</p></footer></body></html>"""

NAV_ONLY = ("""<html><head><title>Sections - Lakeshore Tribune</title></head><body><header><nav><ul>"""
            + "".join(f'<li><a href="/s{i}">Section number {i}</a></li>' for i in range(30))
            + """</ul></nav></header><div class="menu"><p><a href="/a">Politics</a> | <a href="/b">Business news</a> |
<a href="/c">Sport results today</a></p></div><div><a href="/x">Latest headlines from the city council</a></div>
</body></html>""")

SHORT_ARTICLE = """<html><head><title>Bridge to reopen</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Bridge to reopen</h1><p>Officials said the bridge will reopen in May after repairs to the deck,
the council's transport committee told residents on Monday evening.</p></article></body></html>"""

PARAS = ("<p>The council met on Tuesday and voted to repair the bridge near the market square.</p>"
         "<p>Residents welcomed the decision after months of delays and closures.</p>")


def _one(tmp_path, html, name="page.html"):
    p = tmp_path / name
    p.write_text(html, encoding="utf-8")
    [item] = list(read_inputs([str(p)]))
    return p, item


@pytest.mark.parametrize("html", [PAGE_404, NAV_ONLY], ids=["404", "navigation"])
def test_page_without_article_text_is_a_failure(tmp_path, html):
    p, item = _one(tmp_path, html)
    assert not isinstance(item, RawArticle)
    assert isinstance(item.error, EmptyInputError) and item.source == str(p)
    assert item.reason == "no article text found in the page (navigation or error page?)"


def test_short_real_article_page_still_reads(tmp_path):
    _, raw = _one(tmp_path, SHORT_ARTICLE)
    assert isinstance(raw, RawArticle), raw
    assert raw.title == "Bridge to reopen" and raw.text.startswith("Officials said the bridge will reopen")


def test_article_about_a_missing_page_is_not_an_error_page(tmp_path):
    body = " ".join(["<p>The city's web page on flood defences was not found by residents who searched for it "
                     "last week, the council said, and it promised to restore it before the next storm.</p>"] * 3)
    _, raw = _one(tmp_path, f"<html><head><title>Flood page vanished</title></head><body><article>{body}</article></body></html>")
    assert isinstance(raw, RawArticle), raw


@pytest.mark.parametrize("tags", [("<div>", "</div>"), ("<div><span>", "</span></div>"), ("<ins>", "</ins>")])
def test_300_levels_of_nesting_keep_the_article_text(tmp_path, tags):
    open_, close = tags
    html = f"<html><head><title>Deep</title></head><body>{open_ * 300}{PARAS}{close * 300}</body></html>"
    _, raw = _one(tmp_path, html)
    assert isinstance(raw, RawArticle), raw
    assert raw.text == ("The council met on Tuesday and voted to repair the bridge near the market square.\n\n"
                        "Residents welcomed the decision after months of delays and closures.")

"""HTML pages: main text and metadata with trafilatura.

trafilatura's text is good (F1 ≈ 0.93 on its gold set); its title/author/date are right less
often, so each field records ``html-metadata`` as its origin and the user can override it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import EmptyInputError
from .model import RawArticle

_TAG = re.compile(r"<\s*(?:html|head|body|p|div|article|title|meta|!doctype)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:4096]))


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()  # noqa: E731
    return norm(a) == norm(b)


#: fewer words than this in sentences (outside link text) and the page holds no article
MIN_SENTENCE_WORDS = 12
#: pages this short whose title or first lines say "404" / "page not found" are error pages
ERROR_PAGE_MAX_WORDS = 60
NO_ARTICLE = "no article text found in the page (navigation or error page?)"
#: libxml2 (under lxml and trafilatura) gives up on trees deeper than 255 elements
DEEP_TREE = 200

_SENTENCE_END = re.compile(r"[.!?…。！？।](?:[\"'”’»)\]]*)(?:\s|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
ERROR_PAGES = "ingest/error_pages.json"


@lru_cache(maxsize=8)
def _error_page(dirs: tuple[str, ...]) -> re.Pattern:
    """The error-page wording of every language in ``ingest/error_pages.json``, as one regex."""
    from ..resources import Resources

    pats = Resources(dirs).json(ERROR_PAGES)["patterns"]
    return re.compile("|".join(f"(?:{p})" for ps in pats.values() for p in ps), re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]*>")
_TAG_SCAN = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CONTAINERS = re.compile(
    r"</?(?:div|span|section|font|center|table|tbody|thead|tfoot|tr|td|th|blockquote|ul|ol|li|dl|dd|dt|"
    r"main|aside|figure|label|form|fieldset|b|i|u|em|strong|small|big|sup|sub|nobr|a)\b[^>]*>",
    re.IGNORECASE,
)


def _words(line: str) -> int:
    return len(line.split()) + len(_CJK.findall(line)) // 2


def _norm_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


def _link_texts(html: str) -> set[str]:
    import html as htmllib

    out = set()
    for m in _LINK.finditer(html[:2_000_000]):
        t = _norm_line(htmllib.unescape(_ANY_TAG.sub(" ", m.group(1))))
        if t:
            out.add(t)
    return out


def sentence_words(paragraphs: list[str], links: set[str] = frozenset()) -> int:
    """Words in lines that read as sentences (end in, or hold, sentence punctuation and are not
    the text of a link): what an article has and a menu, a link list or an error page lacks."""
    n = 0
    for p in paragraphs:
        if _norm_line(p) in links or _words(p) < 3:
            continue
        if _SENTENCE_END.search(p):
            n += _words(p)
    return n


def no_article_reason(paragraphs: list[str], title: str, links: set[str] = frozenset(),
                      resource_dirs: tuple[str, ...] | None = None) -> str | None:
    """Why the extracted text is not an article (a 404 page, a page of links and menus), or None.
    ``resource_dirs``: the resources search path (default: the settings')."""
    words = sentence_words(paragraphs, links)
    if words < MIN_SENTENCE_WORDS:
        return NO_ARTICLE
    if resource_dirs is None:
        from ..settings import load_settings

        resource_dirs = load_settings().resources
    rx = _error_page(tuple(resource_dirs))
    if words < ERROR_PAGE_MAX_WORDS and any(rx.search(t) for t in [title, *paragraphs[:3]] if t):
        return NO_ARTICLE
    return None


def max_depth(html: str) -> int:
    """How deeply the elements of a page nest (roughly: a tag scan, no parser)."""
    depth = deepest = 0
    for m in _TAG_SCAN.finditer(html):
        close, tag, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if close:
            depth = max(0, depth - 1)
        elif not selfclose and tag not in _VOID:
            depth += 1
            if depth > deepest:
                deepest = depth
    return deepest


def _extract(html: str, url: str | None):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=False,
        )
    except (ValueError, TypeError, RecursionError, LookupError, AttributeError):  # odd bytes in trafilatura/lxml
        return None


class _Paragraphs:
    """The stdlib parser (no depth limit) as a last resort: text of p, headings, li, pre."""

    BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li pre blockquote td dd".split())
    SKIP = frozenset("script style noscript nav header footer aside form template svg title head".split())

    def __call__(self, html: str) -> list[str]:
        from html.parser import HTMLParser

        out: list[str] = []
        buf: list[str] = []
        skip = [0]

        def flush():
            t = " ".join("".join(buf).split())
            if t:
                out.append(t)
            buf.clear()

        class P(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag in _Paragraphs.SKIP:
                    skip[0] += 1
                elif tag in _Paragraphs.BLOCKS or tag in ("br", "div"):
                    flush()

            def handle_endtag(self, tag):
                if tag in _Paragraphs.SKIP:
                    skip[0] = max(0, skip[0] - 1)
                elif tag in _Paragraphs.BLOCKS or tag == "div":
                    flush()

            def handle_data(self, data):
                if not skip[0]:
                    buf.append(data)

        parser = P(convert_charrefs=True)
        try:
            parser.feed(html)
            parser.close()
        except Exception:  # noqa: BLE001  html.parser is lenient; be safe on any odd input
            pass
        flush()
        return out


def _meta(doc, name):
    v = getattr(doc, name, None) if doc is not None else None
    return v if isinstance(v, str) else None


def read_html(source: str, html: str, url: str | None = None, fmt: str = "html",
              resource_dirs: tuple[str, ...] | None = None) -> RawArticle:
    doc = _extract(html, url)
    text = (_meta(doc, "text") or "")
    if sum(c.isalpha() for c in text) < 2 and max_depth(html) >= DEEP_TREE:
        # a tree too deep for libxml2: drop the container tags and extract again
        doc = _extract(_CONTAINERS.sub("\n", html), url) or doc
        text = (_meta(doc, "text") or "")
        if sum(c.isalpha() for c in text) < 2:
            text = "\n".join(_Paragraphs()(html))
    if sum(c.isalpha() for c in text) < 2:
        raise EmptyInputError(source, "no article text found in the HTML page (malformed or not an article)")
    paragraphs = [ln.strip() for ln in text.split("\n") if ln.strip()]
    title = (_meta(doc, "title") or "").strip()
    reason = no_article_reason(paragraphs, title, _link_texts(html), resource_dirs)
    if reason:
        raise EmptyInputError(source, reason)
    # extractors often keep the <h1> headline as the first line of the body
    if title and len(paragraphs) > 1 and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    raw = RawArticle(text="\n\n".join(paragraphs), source=source, format=fmt)
    raw.set("title", _meta(doc, "title"), "html-metadata")
    raw.set("outlet", _meta(doc, "sitename"), "html-metadata")
    raw.set("published", _meta(doc, "date"), "html-metadata")
    raw.set("author", _meta(doc, "author"), "html-metadata")
    raw.set("language", _meta(doc, "language"), "html-metadata")
    if url:
        raw.set("url", url, "input")
    else:
        raw.set("url", _meta(doc, "url"), "html-metadata")
    return raw

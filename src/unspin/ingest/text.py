"""Plain-text articles, as people copy them from a web page.

The short lines before the body, in one or two blocks separated by blank lines and without
sentence punctuation, are read as outlet, section and headline::

    Sacramento Herald        <- outlet
    World                    <- section

    Exclusive: ...           <- headline

    Body paragraphs ...

One header line is a headline; two lines in one block are outlet + headline; three are outlet,
section, headline. Lines that look like a date ("March 3, 2024", "2024-03-03"), a byline
("By Jane Doe") or a URL inside the header are read as such. A Markdown ``# Heading`` first line
is a headline. An article with no such lines is all body.
"""

from __future__ import annotations

import re

MAX_HEADER_LINE_CHARS = 150
MAX_HEADER_LINE_WORDS = 20
MAX_HEADER_LINES = 5

_BLOCKS = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-ZА-ЯЁ]")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|автор:?|от)\s+(\S.{0,80})$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")


def _is_meta_line(line: str) -> bool:
    s = line.strip()
    return bool(_URL.match(s) or _DATE.match(s) or _BYLINE.match(s))


def _header_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > MAX_HEADER_LINE_CHARS or len(s.split()) > MAX_HEADER_LINE_WORDS:
        return False
    if _URL.match(s) or _DATE.match(s):
        return True
    if s[-1] in ".,;:…\"”»)" and not s.endswith("..."):
        return False
    if s.endswith("...") or _SENTENCE_INSIDE.search(s[:-1]):
        return False
    return True


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a plain-text article into header fields and body.

    Returns ``(fields, body)`` where ``fields`` may hold title, outlet, section, published,
    author, url. The body keeps the article's own paragraphs.
    """
    stripped = text.strip("\n\r \t")
    blocks = []
    pos = 0
    for m in _BLOCKS.finditer(stripped):
        blocks.append(stripped[pos : m.start()])
        pos = m.end()
    blocks.append(stripped[pos:])
    blocks = [b for b in blocks if b.strip()]

    # Markdown heading on the first line
    fields: dict[str, str] = {}
    first_lines = blocks[0].split("\n") if blocks else []
    if first_lines and re.match(r"^#{1,2}\s+\S", first_lines[0]):
        fields["title"] = first_lines[0].lstrip("#").strip()
        rest = "\n".join(first_lines[1:]).strip()
        body_blocks = ([rest] if rest else []) + blocks[1:]
        if body_blocks:
            return fields, "\n\n".join(b.strip() for b in body_blocks)
        fields = {}

    header_blocks: list[list[str]] = []
    for block in blocks[:2]:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        plain = [ln for ln in lines if not _is_meta_line(ln)]
        if len(plain) > MAX_HEADER_LINES - sum(len([x for x in b if not _is_meta_line(x)]) for b in header_blocks):
            break
        if all(_header_like(ln) for ln in lines):
            header_blocks.append(lines)
        else:
            break
    # there must be a body after the header
    while header_blocks and len(header_blocks) >= len(blocks):
        header_blocks.pop()
    if not header_blocks:
        return {}, "\n\n".join(b.strip() for b in blocks)

    kept: list[list[str]] = []
    for lines in header_blocks:
        rest = []
        for ln in lines:
            if _URL.match(ln) and "url" not in fields:
                fields["url"] = ln
            elif _DATE.match(ln) and "published" not in fields:
                fields["published"] = re.sub(r"^(?:published|updated|posted|date)\s*:?\s*", "", ln, flags=re.I)
            elif (m := _BYLINE.match(ln)) and "author" not in fields:
                fields["author"] = m.group(1).strip()
            else:
                rest.append(ln)
        if rest:
            kept.append(rest)

    if len(kept) >= 2:
        masthead, headline_block = kept[0], kept[-1]
        fields["outlet"] = masthead[0]
        if len(masthead) > 1:
            fields["section"] = masthead[1]
        fields["title"] = headline_block[0]
        standfirst = headline_block[1:]
    elif len(kept) == 1:
        lines = kept[0]
        if len(lines) == 1:
            fields["title"] = lines[0]
        else:
            fields["outlet"] = lines[0]
            if len(lines) >= 3:
                fields["section"] = lines[1]
            fields["title"] = lines[-1] if len(lines) <= 3 else lines[2]
        standfirst = lines[3:] if len(lines) > 3 else []
    else:
        standfirst = []
    body_blocks = ["\n".join(standfirst)] if standfirst else []
    body_blocks += [b.strip() for b in blocks[len(header_blocks) :]]
    return fields, "\n\n".join(body_blocks)


def read_text(text: str, source: str = "<text>", warnings: list[dict] | None = None):
    """A plain-text article (a :class:`~unspin.ingest.RawArticle`): leading short lines become
    outlet / section / headline."""
    from .decode import require_text
    from .model import RawArticle

    require_text(source, text, "text")
    header, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw = RawArticle(text=body, source=source, format="text")
    for k, v in header.items():
        raw.set(k, v, "header-block")
    if warnings:
        raw.warnings.extend(warnings)
    return raw

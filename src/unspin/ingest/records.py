"""Batch formats: JSON (object or array), JSONL and CSV/TSV, with field mapping.

Each record becomes one article. By default the text is read from the first present of
``text``, ``body``, ``content``, ``article``, ``paragraphs`` (a list of strings, joined as
paragraphs) or ``html`` (extracted like an HTML page); metadata from ``title``/``headline``,
``outlet``/``site``/``publisher``, ``url``/``link``, ``published``/``date``, ``id``,
``language``/``lang``, ``author``, ``section``/``category``. A ``--*-field`` flag names the
field explicitly; then only that field is read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import EmptyInputError, InputError, RecordError
from .decode import check_size
from .model import Failure, RawArticle

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "paragraphs", "html"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "site", "site_name", "publisher", "source_name"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "datePublished", "pub_date"),
    "id": ("id", "article_id", "doc_id"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
    "section": ("section", "category"),
}


@dataclass(frozen=True)
class FieldMap:
    """Which record fields to read. ``None`` for a name means: try the defaults."""

    text: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    id: str | None = None
    language: str | None = None

    def candidates(self, name: str) -> tuple[str, ...]:
        given = getattr(self, name, None)
        return (given,) if given else DEFAULT_FIELDS[name]


def record_to_raw(rec, source: str, fmt: str, fields: FieldMap, max_bytes: int) -> RawArticle:
    if not isinstance(rec, dict):
        raise RecordError(source, f"expected a JSON object, got {type(rec).__name__}")
    text = None
    used = None
    for name in fields.candidates("text"):
        v = rec.get(name)
        if v is None or v == "":
            continue
        used = name
        if isinstance(v, list) and all(isinstance(p, str) for p in v):
            text = "\n\n".join(p.strip() for p in v if p.strip())
        elif isinstance(v, str):
            text = v
        else:
            raise RecordError(source, f"field {name!r} is {json_type(v)}, expected text")
        break
    if text is None:
        tried = ", ".join(repr(n) for n in fields.candidates("text"))
        raise RecordError(source, f"no article text (looked for {tried}; name the field with --text-field)")
    check_size(source, len(text.encode("utf-8", "replace")), max_bytes)
    if not text.strip():
        raise EmptyInputError(source, f"field {used!r} holds only whitespace")
    if used == "html":
        from .html import read_html

        raw = read_html(source, text, url=_str(rec, fields.candidates("url")), fmt=fmt)
    else:
        raw = RawArticle(text=text, source=source, format=fmt)
    for name in ("title", "outlet", "url", "published", "id", "language", "author", "section"):
        cands = fields.candidates(name) if name in FieldMap.__dataclass_fields__ else DEFAULT_FIELDS[name]
        found = _field(rec, cands)
        if found is None:
            continue
        key, v = found
        if not isinstance(v, str):
            s = _coerce(v)
            if not (name == "author" and isinstance(v, list) and all(isinstance(x, str) for x in v)):
                # a list of author names is the usual way to give several; anything else is odd
                raw.warnings.append({
                    "code": "coerced_field",
                    "message": f"{source}: field {key!r} is {json_type(v)}, read as the string {_short(s)!r}",
                })
            v = s
        raw.set(name, v, "record")
    return raw


def json_type(v) -> str:
    """The JSON name of a value's type, with an article: 'a number', 'an object'."""
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    if v is None:
        return "null"
    return f"a {type(v).__name__}"


def _coerce(v) -> str:
    if isinstance(v, list):
        return ", ".join(x if isinstance(x, str) else _coerce(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(v)


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _field(rec: dict, names):
    """(field name, value) of the first present field; strings are used as they are, anything
    else is coerced (with a warning) by the caller."""
    for n in names:
        v = rec.get(n)
        if v is None or v == "" or v == [] or v == {}:
            continue
        return n, v
    return None


def _str(rec: dict, names) -> str | None:
    found = _field(rec, names)
    if found is None:
        return None
    return found[1] if isinstance(found[1], str) else _coerce(found[1])


def _json_error(e: json.JSONDecodeError, with_line: bool = True) -> str:
    """'invalid JSON (Unterminated string starting at line 1, column 9)': json's own messages
    may end in 'at' ('... starting at'), so the position is not prefixed with another one."""
    msg = e.msg[:-3] if e.msg.endswith(" at") else e.msg
    where = f"line {e.lineno}, column {e.colno}" if with_line else f"column {e.colno}"
    return f"invalid JSON ({msg} at {where})"


def iter_jsonl(stream: Iterator[bytes], name: str, fields: FieldMap, max_bytes: int):
    """One article per line; a broken line is a Failure naming ``name:LINE`` and the rest goes on."""
    for lineno, line in enumerate(stream, 1):
        src = f"{name}:{lineno}"
        if not line.strip():
            continue
        try:
            check_size(src, len(line), max_bytes)
            try:
                s = line.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as e:
                raise RecordError(src, f"invalid UTF-8 at byte {e.start} of the line") from None
            try:
                rec = json.loads(s)
            except json.JSONDecodeError as e:
                raise RecordError(src, _json_error(e, with_line=False)) from None
            except RecursionError:
                raise RecordError(src, "JSON nested too deeply to read") from None
            yield record_to_raw(rec, src, "jsonl", fields, max_bytes)
        except InputError as e:
            yield Failure(src, e)


def iter_json(text: str, name: str, fields: FieldMap, max_bytes: int):
    """A JSON object (one article), an array of objects, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise RecordError(name, _json_error(e)) from None
    except RecursionError:
        raise RecordError(name, "JSON nested too deeply to read") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield record_to_raw(data, name, "json", fields, max_bytes)
        return
    if not isinstance(data, list):
        raise RecordError(name, f"expected a JSON object or array of objects, got {type(data).__name__}")
    for i, rec in enumerate(data):
        src = f"{name}#{i}"
        try:
            yield record_to_raw(rec, src, "json", fields, max_bytes)
        except InputError as e:
            yield Failure(src, e)


def iter_csv(text: str, name: str, fields: FieldMap, max_bytes: int, delimiter: str = ","):
    """One article per row, with a header row. Sources are ``name:LINE`` (line of the row's start)."""
    csv.field_size_limit(max(max_bytes, 131072))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as e:
        raise RecordError(f"{name}:1", f"unreadable CSV header ({e})") from None
    header = [h.strip() for h in header]
    line = reader.line_num + 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Failure(f"{name}:{start}", RecordError(f"{name}:{start}", f"malformed CSV ({e})"))
            line = reader.line_num + 1
            continue
        line = reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        src = f"{name}:{start}"
        if len(row) != len(header):
            yield Failure(src, RecordError(src, f"row has {len(row)} fields, the header has {len(header)}"))
            continue
        try:
            yield record_to_raw(dict(zip(header, row, strict=True)), src, "csv", fields, max_bytes)
        except InputError as e:
            yield Failure(src, e)

"""WARC / WARC.gz crawls: each HTML response record is an article (warcio)."""

from __future__ import annotations

from ..errors import InputError, RecordError
from .decode import check_size
from .model import Failure


class WarcStats:
    def __init__(self):
        self.skipped_non_html = 0


def iter_warc(fileobj, name: str, max_bytes: int, stats: WarcStats | None = None):
    from warcio.archiveiterator import ArchiveIterator

    from .html import read_html

    index = 0
    records = _records(ArchiveIterator(fileobj), name)
    for rec in records:
        try:
            if rec.rec_type != "response":
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
        except Exception as e:  # noqa: BLE001  warcio on malformed headers
            raise RecordError(name, f"not a readable WARC file ({_one_line(e)})") from None
        index += 1
        src = f"{name}#{index}" + (f" ({uri})" if uri else "")
        if "html" not in ctype.lower():
            if stats is not None:
                stats.skipped_non_html += 1
            continue
        try:
            try:
                body = rec.content_stream().read(max_bytes + 1)
            except Exception as e:  # noqa: BLE001  warcio / zlib / chunked decoding on a broken body
                raise RecordError(src, f"unreadable HTTP response body ({_one_line(e)})") from None
            check_size(src, len(body), max_bytes)
            if not body.strip():
                raise RecordError(src, "empty HTTP response body")
            raw = read_html(src, body.decode(_charset(ctype), errors="replace"), url=uri or None, fmt="warc")
            yield raw
        except InputError as e:
            yield Failure(src, e)


def _records(archive, name: str):
    """warcio's records; anything warcio raises on malformed data is a RecordError for the file
    (warcio's own ArchiveLoadFailed, and AttributeError / ValueError / ... on odd headers)."""
    it = iter(archive)
    while True:
        try:
            rec = next(it)
        except StopIteration:
            return
        except Exception as e:  # noqa: BLE001
            raise RecordError(name, f"not a readable WARC file ({_one_line(e)})") from None
        yield rec


def _one_line(e: Exception, limit: int = 160) -> str:
    """warcio's messages span lines (they quote the bad record's first line)."""
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def _charset(ctype: str) -> str:
    import codecs

    for part in ctype.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            cs = part.split("=", 1)[1].strip("\"' ")
            try:
                codecs.lookup(cs)
                return cs
            except LookupError:
                break
    return "utf-8"

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
    from warcio.exceptions import ArchiveLoadFailed

    from .html import read_html

    index = 0
    try:
        for rec in ArchiveIterator(fileobj):
            if rec.rec_type != "response":
                continue
            index += 1
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            src = f"{name}#{index}" + (f" ({uri})" if uri else "")
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                if stats is not None:
                    stats.skipped_non_html += 1
                continue
            try:
                body = rec.content_stream().read(max_bytes + 1)
                check_size(src, len(body), max_bytes)
                if not body.strip():
                    raise RecordError(src, "empty HTTP response body")
                raw = read_html(src, body.decode(_charset(ctype), errors="replace"), url=uri or None, fmt="warc")
                yield raw
            except InputError as e:
                yield Failure(src, e)
    except ArchiveLoadFailed as e:
        raise RecordError(name, f"not a readable WARC file ({e})") from None


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
